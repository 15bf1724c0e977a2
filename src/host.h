/* host.h - what --host reads of the machine that will run the guest: PCI functions, vfio, mdevs, bindings */
#ifndef DL_HOST_H
#define DL_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "pciaddr.h"

/* Something the host snapshot may not tell: a copy of a host can lack /proc or /lib/modules. */
typedef enum { DL_HOST_UNKNOWN, DL_HOST_NO, DL_HOST_YES } dl_host_tri;

/* One PCI function of the host, as lspci -D shows it (read through libpci from ROOT/sys). */
typedef struct dl_host_pci {
	unsigned int domain, bus, slot, function;
	char text[DL_PCI_TEXT_MAX]; /* "0002:06:00.0", as libvirt formats host addresses */
	unsigned int vendor_id, device_id;
	unsigned int class_id; /* base class and subclass: 0x0200 a NIC, 0x0604 a PCI bridge */
	char *name; /* owned: vendor and device from pci.ids, "Mellanox Technologies MT27500 ..." */
	char *driver; /* owned: the basename of its driver link ("vfio-pci"); NULL when unbound */
	char *driver_override; /* owned: its driver_override when set; NULL otherwise */
	int iommu_group;       /* the number of its iommu_group link; -1 when it has none */
	bool has_config;       /* ROOT/sys/bus/pci/devices/<a>/config exists (libvirt opens it) */
	/* s390x zPCI attributes (arch/s390/pci/pci_sysfs.c); zpci false on other hosts */
	bool zpci;              /* the function has a uid attribute */
	unsigned int uid;       /* the zPCI uid */
	dl_host_tri uid_unique; /* uid_is_unique: YES, the LPAR checks UIDs (the uid is stable) */
	bool fid_known;
	unsigned int fid; /* function_id */
} dl_host_pci;

/* One mediated device: ROOT/sys/bus/mdev/devices/<uuid>. */
typedef struct dl_host_mdev {
	char uuid[37];    /* lower case, 8-4-4-4-12 */
	char *device_api; /* owned: mdev_type/device_api ("vfio-ccw"); NULL when unreadable */
	char *type;   /* owned: the basename of its mdev_type link ("vfio_ccw-io"); NULL if none */
	char *parent; /* owned: the basename of its parent device ("0.0.0313"); NULL if none */
} dl_host_mdev;

/* A binding of a PCI function to vfio-pci that the host records for its boot. */
typedef enum {
	DL_HOST_BIND_DRIVERCTL, /* /etc/driverctl.d/pci-<a> says vfio-pci: matches an address */
	DL_HOST_BIND_IDS,       /* vfio-pci ids= (modprobe.d, kernel command line): vendor:device */
} dl_host_bind_kind;

typedef struct dl_host_bind {
	dl_host_bind_kind kind;
	char address[DL_PCI_TEXT_MAX];     /* DRIVERCTL: the function */
	unsigned int vendor_id, device_id; /* IDS */
	char *where; /* owned: where it is recorded, host-absolute ("/etc/modprobe.d/vfio.conf") */
} dl_host_bind;

typedef struct dl_host {
	char *root; /* owned: ROOT as given ("/" by default) */
	/* H1: /sys/kernel/iommu_groups has an entry, and /dev/vfio/vfio exists */
	bool iommu_groups;
	bool vfio_dev;
	/*
	 * vfio-pci: YES when loaded or built in (/sys/module/vfio_pci, /sys/bus/pci/drivers/vfio-pci,
	 * modules.builtin) or installed as a module (modules.dep); NO when the kernel's module list
	 * is readable and has it nowhere; UNKNOWN when there is no module list to read.
	 */
	dl_host_tri vfio_pci;
	bool vfio_pci_loaded; /* its driver is registered now: nothing to load at start */
	char *vfio_pci_where; /* owned: how that was told ("/sys/module/vfio_pci"); NULL if UNKNOWN */
	char *vfio_pci_blacklist; /* owned: the modprobe.d file that blacklists it; NULL if none */
	char *kernel;             /* owned: the kernel release whose modules were read; NULL */
	dl_host_pci *pci;         /* owned, sorted by address */
	size_t npci;
	dl_host_mdev *mdev; /* owned, sorted by uuid */
	size_t nmdev;
	dl_host_bind *binds; /* owned, in the order found */
	size_t nbinds;
} dl_host;

/*
 * Read the host whose root file system is root (a copy of a host's sys/, etc/, ... or "/"),
 * reading only, with no network (pci.ids is the linting machine's). 0 with *out set; -1 with
 * *error set (caller frees) when ROOT/sys/bus/pci/devices cannot be read.
 */
int dl_host_load(const char *root, dl_host **out, char **error);
void dl_host_free(dl_host *host);

/* The host function at that address, or NULL. */
const dl_host_pci *dl_host_pci_find(const dl_host *host, unsigned int domain, unsigned int bus,
				    unsigned int slot, unsigned int function);
/*
 * The function whose address differs from domain:bus:slot.function by the fewest hex digits
 * (a typo), when that is one digit; NULL when there is none that near.
 */
const dl_host_pci *dl_host_pci_nearest(const dl_host *host, unsigned int domain, unsigned int bus,
				       unsigned int slot, unsigned int function);
/* The next other function of p's IOMMU group from *i on (start at 0), or NULL after the last. */
const dl_host_pci *dl_host_group_member(const dl_host *host, const dl_host_pci *p, size_t *i);
/* The mediated device with that uuid (text as dl_uuid_format writes it), or NULL. */
const dl_host_mdev *dl_host_mdev_find(const dl_host *host, const char *uuid);
/* The first recorded binding of p to vfio-pci (driverctl, ids=), or NULL. */
const dl_host_bind *dl_host_binding(const dl_host *host, const dl_host_pci *p);
/*
 * May a driver hold another member of a passed-through function's IOMMU group (the kernel's
 * driver_managed_dma drivers: vfio-pci and its variants, pci-stub, pcieport)? NULL (no driver)
 * is fine too.
 */
bool dl_host_driver_vfio_safe(const char *driver);

#endif
