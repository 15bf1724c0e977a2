/* autoaddr.c - which devices without an <address> libvirt places on PCI on s390x (the rest get CCW or nothing) */
#include "autoaddr.h"

#include <string.h>

static bool is_one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static bool controller_is_pci(const dl_device *dev)
{
	/* usb without a model is 'none' on s390x; scsi and virtio-serial are primed to CCW */
	static const char *const usb_pci[] = { "piix3-uhci", "piix4-uhci",     "ehci",
					       "ich9-ehci1", "ich9-uhci1",     "ich9-uhci2",
					       "ich9-uhci3", "vt82c686b-uhci", "pci-ohci",
					       "nec-xhci",   "qemu-xhci",      NULL };
	static const char *const always[] = { "sata", "ide", NULL };
	if (is_one_of(dev->type, always))
		return true;
	return dev->type && strcmp(dev->type, "usb") == 0 && is_one_of(dev->model, usb_pci);
}

bool dl_autoaddr_s390_is_pci(const dl_device *dev)
{
	static const char *const virtio_nets[] = { "virtio", "virtio-transitional",
						   "virtio-non-transitional", "usb-net", NULL };
	static const char *const pci_sound[] = { "es1370", "ac97", "ich6", "ich9", NULL };
	static const char *const pci_video[] = { "vga", "cirrus",    "vmvga", "xen", "vbox",
						 "qxl", "parallels", "bochs", NULL };
	if (dev->guest.present || dev->implicit)
		return false;
	switch (dev->kind) {
	case DL_DEV_INTERFACE:
		/* no model means virtio on s390x; a hostdev interface is the hostdev's business */
		return dev->model && !is_one_of(dev->model, virtio_nets) &&
		       !(dev->type && strcmp(dev->type, "hostdev") == 0);
	case DL_DEV_CONTROLLER:
		return controller_is_pci(dev);
	case DL_DEV_HOSTDEV:
		return dev->hostdev == DL_HOSTDEV_MDEV && dev->model &&
		       strcmp(dev->model, "vfio-pci") == 0;
	case DL_DEV_WATCHDOG:
		return dev->model && strcmp(dev->model, "i6300esb") == 0;
	case DL_DEV_SOUND:
		return is_one_of(dev->model, pci_sound);
	case DL_DEV_VIDEO:
		return is_one_of(dev->model, pci_video);
	case DL_DEV_SHMEM:
		return true;
	case DL_DEV_IOMMU:
		return dev->model && strcmp(dev->model, "virtio") == 0;
	default:
		return false;
	}
}
