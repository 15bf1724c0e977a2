/* autoaddr.h - which devices without an <address> libvirt places on PCI on s390x (the rest get CCW or nothing) */
#ifndef DL_AUTOADDR_H
#define DL_AUTOADDR_H

#include <stdbool.h>

#include "model.h"

/*
 * On an s390-ccw machine, does libvirt give dev, which has no <address>, a PCI address (and
 * so zPCI ids)? qemuDomainPrimeVirtioDeviceAddresses first puts every virtio device on CCW;
 * of the rest, those with PCI connect flags (qemuDomainDeviceCalculatePCIConnectFlags) go
 * on PCI: a NIC of a non-virtio model, a vfio-pci mdev, a PCI USB/SATA/IDE controller, an
 * i6300esb watchdog, a PCI sound card or video, shmem, a virtio IOMMU. PCI hostdevs and pci
 * controllers are not asked here: the model knows them.
 */
bool dl_autoaddr_s390_is_pci(const dl_device *dev);

#endif
