/* model.h - the typed model of a domain that rules read: every device, its address, machine and zPCI */
#ifndef DL_MODEL_H
#define DL_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "pciaddr.h"

/* One numeric attribute as written, and how libvirt reads it. */
typedef struct dl_field {
	const char *raw;     /* borrowed from the document; NULL when absent */
	const xmlNode *node; /* the element it belongs to; borrowed */
	const char *name;    /* the attribute's name (static) */
	int base; /* the base libvirt parses it with: 0 (0x hex, 0 octal, decimal), 10 or 16 */
	dl_num num;
} dl_field;

/*
 * Where the attribute is, or its element when absent. Computed on demand: most are never
 * reported, and finding an attribute means reading its start tag again.
 */
dl_loc dl_field_loc(const dl_doc *doc, const dl_field *f);

/* libvirt's address types (virDomainDeviceAddressType), plus two ways to get the type wrong. */
typedef enum {
	DL_ADDR_NONE, /* no <address> element */
	DL_ADDR_PCI,
	DL_ADDR_DRIVE,
	DL_ADDR_VIRTIO_SERIAL,
	DL_ADDR_CCID,
	DL_ADDR_USB,
	DL_ADDR_SPAPRVIO,
	DL_ADDR_VIRTIO_S390,
	DL_ADDR_CCW,
	DL_ADDR_VIRTIO_MMIO,
	DL_ADDR_ISA,
	DL_ADDR_DIMM,
	DL_ADDR_UNASSIGNED,
	DL_ADDR_NO_TYPE,     /* <address> without type: "No type specified for device address" */
	DL_ADDR_UNKNOWN,     /* a type libvirt does not know: "unknown address type '%s'" */
	DL_ADDR_SCSI_SOURCE, /* not a guest type: a SCSI hostdev's <source><address bus target unit> */
	DL_ADDR_USB_SOURCE, /* not a guest type: a USB hostdev's <source><address bus device> */
} dl_addr_type;

/* The type's name as libvirt writes it ("pci", "virtio-serial"); "" for NONE. Static. */
const char *dl_addr_type_name(dl_addr_type type);

#define DL_ADDR_MAX_FIELDS 4

/* An <address> element: a host source address or a device's own (guest) address. */
typedef struct dl_addr {
	bool present;
	const xmlNode *node; /* borrowed */
	dl_loc loc;
	dl_addr_type kind;
	const char *type; /* the type attribute as written; NULL when absent */
	/* The numeric fields of this address type, in libvirt's order (dl_addr_field_names). */
	size_t nfields;
	union {
		dl_field f[DL_ADDR_MAX_FIELDS];
		struct {
			dl_field domain, bus, slot, function;
		}; /* pci */
		struct {
			dl_field controller, bus, target, unit;
		} drive;
		struct {
			dl_field controller, bus, port;
		} vioserial;
		struct {
			dl_field controller, slot;
		} ccid;
		struct {
			dl_field bus, target, unit;
		} scsi; /* SCSI_SOURCE */
		struct {
			dl_field bus;
		} usb; /* its port is a dotted path: usb_port below */
		struct {
			dl_field bus, device;
		} usbsrc; /* USB_SOURCE */
		struct {
			dl_field reg;
		} spaprvio;
		struct {
			dl_field cssid, ssid, devno;
		} ccw;
		struct {
			dl_field iobase, irq;
		} isa;
		struct {
			dl_field slot, base;
		} dimm;
	};
	const char *usb_port;      /* usb: "1.2.3" as written; NULL when absent */
	const char *multifunction; /* pci: NULL when absent */
	/* pci: the last <zpci> child, which is the one libvirt keeps */
	bool has_zpci;
	const xmlNode *zpci_node;
	dl_loc zpci_loc;
	dl_field uid, fid;
} dl_addr;

/* Device kinds: libvirt's virDomainDeviceType, with the character devices told apart. */
typedef enum {
	DL_DEV_DISK,
	DL_DEV_CONTROLLER,
	DL_DEV_LEASE,
	DL_DEV_FILESYSTEM,
	DL_DEV_INTERFACE,
	DL_DEV_INPUT,
	DL_DEV_SOUND,
	DL_DEV_VIDEO,
	DL_DEV_HOSTDEV,
	DL_DEV_WATCHDOG,
	DL_DEV_GRAPHICS,
	DL_DEV_HUB,
	DL_DEV_REDIRDEV,
	DL_DEV_SMARTCARD,
	DL_DEV_SERIAL,
	DL_DEV_PARALLEL,
	DL_DEV_CHANNEL,
	DL_DEV_CONSOLE,
	DL_DEV_MEMBALLOON,
	DL_DEV_NVRAM,
	DL_DEV_RNG,
	DL_DEV_SHMEM,
	DL_DEV_TPM,
	DL_DEV_PANIC,
	DL_DEV_MEMORY,
	DL_DEV_IOMMU,
	DL_DEV_VSOCK,
	DL_DEV_AUDIO,
	DL_DEV_CRYPTO,
	DL_DEV_REDIRFILTER,
	DL_DEV_OTHER, /* an element libvirt does not read as a device (<emulator>, unknown names) */
} dl_dev_kind;

typedef enum {
	DL_MANAGED_ABSENT, /* libvirt's default: no */
	DL_MANAGED_YES,
	DL_MANAGED_NO,
	DL_MANAGED_INVALID, /* neither yes nor no: libvirt reads it as no */
} dl_managed;

/* What the zPCI prediction (dl_zpci_predict) found for one of uid and fid; unknown until it runs. */
typedef struct dl_zpci_id {
	bool known;     /* value is what libvirt will use */
	bool automatic; /* libvirt fills it in (the file omits it) */
	unsigned int value;
	/* Reservation clash in libvirt's order: the device that holds the value already. */
	const struct dl_device *clash;
} dl_zpci_id;

/* What the CCW prediction found for a device with a CCW address. */
typedef struct dl_ccw_id {
	bool known;     /* the address libvirt will use */
	bool automatic; /* libvirt fills it in */
	unsigned int cssid, ssid, devno;
} dl_ccw_id;

/* <hostdev> (and <interface type='hostdev'>): what it passes through. */
typedef enum {
	DL_HOSTDEV_NONE, /* not a host device */
	DL_HOSTDEV_PCI,
	DL_HOSTDEV_USB,
	DL_HOSTDEV_SCSI,
	DL_HOSTDEV_SCSI_HOST, /* vhost-scsi */
	DL_HOSTDEV_MDEV,
	DL_HOSTDEV_CAPS,  /* mode='capabilities' */
	DL_HOSTDEV_OTHER, /* a subsystem type libvirt does not know */
} dl_hostdev_kind;

typedef struct dl_device {
	dl_dev_kind kind;
	const char *element; /* element name; borrowed */
	const xmlNode *node; /* borrowed; NULL for a controller libvirt adds itself */
	dl_loc loc;
	size_t index;     /* position among the model's devices, in document order */
	bool implicit;    /* not in the file: a pci-bridge libvirt adds for a referenced bus */
	char *label;      /* owned: "hostdev 0002:06:00.0", "disk vda", "controller pci.1" */
	const char *type; /* the element's type attribute; borrowed, NULL when absent */
	/*
	 * The model: the model attribute (controller, memballoon, watchdog, panic, iommu, rng,
	 * tpm, shmem, hostdev mdev) or <model type=...> (interface, video, sound's model attr).
	 * Borrowed, NULL when absent.
	 */
	const char *model;
	dl_addr guest; /* the device's own <address>: the first one, as libvirt reads it */
	/*
	 * libvirt drops the address while parsing (a usb controller of model none, a memballoon
	 * of model none): rules about the address leave the device alone.
	 */
	bool address_ignored;
	/* The guest address is a PCI one (given, or what libvirt assigns on this machine). */
	bool pci;
	/* A <console> that is serial 0 (target serial or none): one device with that <serial>. */
	bool serial_alias;
	/* A <boot order> child is given. */
	bool has_boot;

	/* disk */
	const char *disk_bus;       /* <target bus>, or libvirt's default from the dev prefix */
	const char *disk_bus_given; /* <target bus> as written; NULL when absent */
	const char *disk_dev;       /* <target dev> */
	const char *disk_device;    /* device attribute: disk (default), cdrom, floppy, lun */
	const xmlNode *target_node; /* <target> of disks, controllers, chr devices; borrowed */

	/* controller */
	dl_field ctrl_index; /* base 10; absent means libvirt picks one */
	long ctrl_idx;       /* the index as libvirt reads it; -1 when absent or invalid */

	/* chr devices (serial, parallel, channel, console): <target type> */
	const char *target_type;
	/* video: primary='yes', or moved first by libvirt */
	bool primary;

	/* host devices */
	dl_hostdev_kind hostdev;
	bool pci_hostdev; /* passes a host PCI device through (<hostdev type='pci'>, <interface type='hostdev'>) */
	/*
	 * host <source><address>: PCI for pci and for an NVMe <disk>, USB_SOURCE for usb,
	 * SCSI_SOURCE for scsi; else not present
	 */
	dl_addr source;
	dl_field usb_vendor, usb_product; /* usb: <source><vendor id>, <product id> (base 0) */
	const xmlNode *source_node;       /* <source>; borrowed */
	const char *managed;              /* borrowed attribute text; NULL when absent */
	dl_managed managed_state;
	const xmlNode *
		*comments; /* owned array of borrowed comment nodes: inside and just before */
	size_t ncomments;

	/* libvirt's device iteration order (virDomainDeviceInfoIterateFlags) */
	int order_class;
	unsigned long order_key; /* position within the class, after libvirt's reordering */
	bool zpci_capable; /* gets zPCI ids on s390x (a PCI address, not a character device) */
	dl_zpci_id uid, fid;
	/* s390x: the device has a CCW address, given or filled in by libvirt (ccw.c) */
	bool ccw;
	dl_ccw_id ccw_id;
} dl_device;

typedef struct dl_model {
	const char
		*arch; /* borrowed, or a static name derived from machine/emulator; NULL unknown */
	dl_loc arch_loc;
	bool s390x;
	const char *machine; /* <os><type machine>; borrowed, NULL when absent */
	dl_loc machine_loc;
	dl_device *devices; /* document order; implicit controllers last */
	size_t ndevices;
} dl_model;

/* Free a model dl_model_build made (NULL: nothing). */
void dl_model_free(dl_model *model);

/* One numeric attribute of a device, named for messages ("guest PCI slot", "zpci uid"). */
typedef struct dl_field_ref {
	const dl_field *field;
	const char *what;
	const dl_addr *addr;
	unsigned long long min, max; /* the range libvirt accepts */
	const char *range;           /* that range for messages: "<= 0x1f" */
	bool range_checked;          /* libvirt checks the range at define */
	bool host; /* names the host device (source), not where the guest sees it */
} dl_field_ref;
#define DL_DEVICE_MAX_FIELDS 12

/*
 * The numeric attributes of dev's host source (address, USB vendor and product ids), guest
 * address and zpci, with their ranges
 * (virPCIDeviceAddressIsValid, virCCWDeviceAddressIsValid, qemuValidateDomainDeviceDefZPCIAddress,
 * qemuValidateDomainDeviceDefAddress); returns how many.
 */
size_t dl_device_fields(const dl_device *dev, dl_field_ref out[DL_DEVICE_MAX_FIELDS]);

/* Is the address a pci one (type='pci')? */
bool dl_addr_is_pci(const dl_addr *addr);
/* Are all of domain, bus and slot zero or absent (libvirt's "assign me" address)? */
bool dl_addr_is_empty(const dl_addr *addr);
/* Are domain, bus, slot and function all valid numbers (absent counts as 0)? */
bool dl_addr_is_valid_number(const dl_addr *addr);
/* Valid numbers, with bus, slot and function within libvirt's limits? */
bool dl_addr_in_range(const dl_addr *addr);
/* Is the device's guest address a zPCI one: s390x, or a <zpci> given? */
bool dl_device_is_zpci(const dl_model *model, const dl_device *dev);

/* The devices of one kind, in document order: for (d = first; d; d = next). Borrowed. */
const dl_device *dl_model_first(const dl_model *model, dl_dev_kind kind);
const dl_device *dl_model_next(const dl_model *model, const dl_device *dev);

/* A field's value when it is a valid number, else fallback (absent reads as fallback too). */
unsigned long long dl_field_value(const dl_field *f, unsigned long long fallback);

#endif
