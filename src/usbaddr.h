/* usbaddr.h - USB addresses as libvirt reads them: the port path, and which devices sit on USB */
#ifndef DL_USBADDR_H
#define DL_USBADDR_H

#include <stdbool.h>

#include "model.h"

/* libvirt's VIR_DOMAIN_DEVICE_USB_MAX_PORT_DEPTH: a controller port and three hub levels. */
#define DL_USB_MAX_PORT_DEPTH 4

/*
 * Parse a port path ("1.2.3") as virDomainDeviceUSBAddressParsePort does into port[],
 * zero-filled. False when libvirt refuses it ("Cannot parse <address> 'port' attribute"):
 * not dotted decimal numbers, or more than four of them. NULL parses as no port.
 */
bool dl_usb_port_parse(const char *s, unsigned int port[DL_USB_MAX_PORT_DEPTH]);

/*
 * The bus of an <input> as virDomainInputDefParseXML reads it: its bus attribute, or the
 * default for its type on the domain's architecture. NULL when the architecture is not known.
 */
const char *dl_input_bus(dl_doc *doc, const dl_model *m, const dl_device *dev);

/*
 * Is dev one that libvirt puts on USB (virDomainUSBDeviceDefForeach): a usb hub, hostdev,
 * disk, input, usb-serial, sound, redirdev, or ccid controller?
 */
bool dl_usb_device(dl_doc *doc, const dl_model *m, const dl_device *dev);

#endif
