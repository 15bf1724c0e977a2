/* ccw.h - predicts the CCW address libvirt gives each s390x device (qemuDomainAssignS390Addresses) */
#ifndef DL_CCW_H
#define DL_CCW_H

#include "model.h"

/*
 * Is a a written CCW address libvirt reserves as given: cssid, ssid and devno all present,
 * valid numbers and in range (virCCWDeviceAddressParseXML's "assigned")?
 */
bool dl_ccw_is_complete(const dl_addr *a);

/* Does libvirt put dev, which has no usable address of its own, on CCW on s390x? */
bool dl_ccw_wants(dl_doc *doc, const dl_device *dev);

/*
 * On s390x, set dev->ccw on the devices that sit on CCW and fill dev->ccw_id as libvirt
 * does: every complete written address is reserved first, then the others get fe.0.N from 0
 * upward, both in libvirt's device order. The devices libvirt adds itself (implicit) take part.
 */
void dl_ccw_predict(dl_doc *doc, dl_model *m);

#endif
