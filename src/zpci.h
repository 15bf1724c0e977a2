/* zpci.h - predicts the zPCI uid and fid libvirt gives each device (libvirt-semantics.md section 4) */
#ifndef DL_ZPCI_H
#define DL_ZPCI_H

#include "model.h"

/*
 * Fill dev->uid and dev->fid of every device of m, as libvirt does:
 *  1. collect pass, in libvirt's device order: a <zpci> that gives one half gets the other
 *     filled at once with the lowest free value, then both are reserved (a clash is
 *     recorded in dl_zpci_id.clash);
 *  2. assign pass (s390x): devices with no uid or fid get the lowest free uid (from 1) and
 *     fid (from 0);
 *  3. at start, the pci-bridges libvirt added itself get theirs the same way.
 * Values the file gives but libvirt rejects stay unknown.
 */
void dl_zpci_predict(dl_model *m);

#endif
