/* host_source.h - shared by the --host rules: the host PCI function a device passes through */
#ifndef DL_HOST_SOURCE_H
#define DL_HOST_SOURCE_H

#include <stdbool.h>

#include "../src/host.h"
#include "../src/rule.h"

/*
 * The host address dev passes through, when dev is a PCI host device (<hostdev type='pci'>,
 * <interface type='hostdev'>) whose <source><address> holds valid numbers within libvirt's
 * limits (address-malformed reports the others): true with text set ("0000:01:00.0").
 */
bool dl_host_source_text(const dl_device *dev, char text[DL_PCI_TEXT_MAX]);

/* The host function dev passes through (as dl_host_source_text reads it), or NULL. */
const dl_host_pci *dl_host_source(const dl_host *host, const dl_device *dev);

/*
 * Does dev pass its device through with VFIO, libvirt's only PCI backend for QEMU: no
 * <driver name>, or name='vfio' (kvm and xen fail otherwise)? *explicit_vfio tells which.
 */
bool dl_host_source_vfio(dl_ctx *ctx, const dl_device *dev, bool *explicit_vfio);

/*
 * The device of the file that names host function p as its source (a PCI host device, or an
 * NVMe <disk>), other than self; NULL when there is none.
 */
const dl_device *dl_host_source_user(const dl_model *m, const dl_host_pci *p,
				     const dl_device *self);

/* The function as lspci names it: "0000:01:00.1 (Intel Corporation I350 ...)"; caller frees. */
char *dl_host_pci_describe(const dl_host_pci *p);

#endif
