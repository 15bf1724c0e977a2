/* model.h - the small model of a domain that rules read: architecture, PCI devices, addresses, zPCI */
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
	dl_num num;
} dl_field;

/*
 * Where the attribute is, or its element when absent. Computed on demand: most are never
 * reported, and finding an attribute means reading its start tag again.
 */
dl_loc dl_field_loc(const dl_doc *doc, const dl_field *f);

/* An <address> element: a host source address or a guest address. */
typedef struct dl_addr {
	bool present;
	const xmlNode *node; /* borrowed */
	dl_loc loc;
	const char *type; /* the type attribute (guest addresses); NULL when absent */
	dl_field domain, bus, slot, function;
	const char *multifunction; /* NULL when absent */
	/* a <zpci> child, wherever it stands */
	bool has_zpci;
	const xmlNode *zpci_node;
	dl_loc zpci_loc;
	dl_field uid, fid;
} dl_addr;

typedef enum {
	DL_DEV_HOSTDEV,    /* <hostdev> */
	DL_DEV_INTERFACE,  /* <interface> */
	DL_DEV_CONTROLLER, /* <controller> */
	DL_DEV_DISK,       /* <disk> */
	DL_DEV_OTHER,      /* any other device with a PCI address */
} dl_dev_kind;

typedef enum {
	DL_MANAGED_ABSENT, /* libvirt's default: no */
	DL_MANAGED_YES,
	DL_MANAGED_NO,
	DL_MANAGED_INVALID, /* neither yes nor no: libvirt reads it as no */
} dl_managed;

/* What the zPCI prediction found for one of uid and fid. */
typedef struct dl_zpci_id {
	bool known;    /* value is what libvirt will use */
	bool automatic; /* libvirt fills it in (the file omits it) */
	unsigned int value;
	/* Reservation clash in libvirt's order: the device that holds the value already. */
	const struct dl_device *clash;
} dl_zpci_id;

typedef struct dl_device {
	dl_dev_kind kind;
	const char *element; /* element name; borrowed */
	const xmlNode *node; /* borrowed; NULL for a controller libvirt adds itself */
	dl_loc loc;
	size_t index;        /* position among the model's devices, in document order */
	bool implicit;       /* not in the file: a pci-bridge libvirt adds for a referenced bus */
	bool pci_hostdev;    /* passes a host PCI device through (<hostdev type='pci'>, <interface type='hostdev'>) */
	char *label;         /* owned: "hostdev 0002:06:00.0", "disk vda", "controller pci.1" */
	dl_addr source;      /* host <source><address>, pci_hostdev only */
	dl_addr guest;       /* the device's own <address> */
	const char *managed; /* borrowed attribute text; NULL when absent */
	dl_managed managed_state;
	const xmlNode **comments; /* owned array of borrowed comment nodes: inside and just before */
	size_t ncomments;
	/* libvirt's device iteration order (virDomainDeviceInfoIterateFlags) */
	int order_class;
	unsigned long order_key;
	bool zpci_capable; /* gets zPCI ids on s390x (a PCI address, not a character device) */
	dl_zpci_id uid, fid;
} dl_device;

typedef struct dl_model {
	const char *arch; /* borrowed, or a static name derived from machine/emulator; NULL unknown */
	dl_loc arch_loc;
	bool s390x;
	dl_device *devices; /* document order; implicit controllers last */
	size_t ndevices;
} dl_model;

/*
 * Build the model of the <domain> rooted at root, then predict zPCI ids (zpci.c).
 * Strings and nodes are borrowed from doc, which must outlive the model.
 * Caller frees with dl_model_free.
 */
dl_model *dl_model_build(dl_doc *doc, const xmlNode *root);
void dl_model_free(dl_model *model);

/* One numeric attribute of a device, named for messages ("guest PCI slot", "zpci uid"). */
typedef struct dl_field_ref {
	const dl_field *field;
	const char *what;
	const dl_addr *addr;
	unsigned int min, max; /* the range libvirt accepts */
	const char *range;     /* that range for messages: "<= 0x1f" */
} dl_field_ref;
#define DL_DEVICE_MAX_FIELDS 10

/*
 * The numeric attributes of dev's host and guest addresses and zpci, with their ranges
 * (virPCIDeviceAddressIsValid, qemuValidateDomainDeviceDefZPCIAddress); returns how many.
 */
size_t dl_device_fields(const dl_device *dev, dl_field_ref out[DL_DEVICE_MAX_FIELDS]);

/* Are all of domain, bus and slot zero or absent (libvirt's "assign me" address)? */
bool dl_addr_is_empty(const dl_addr *addr);
/* Are domain, bus, slot and function all valid numbers (absent counts as 0)? */
bool dl_addr_is_valid_number(const dl_addr *addr);
/* Valid numbers, with bus, slot and function within libvirt's limits? */
bool dl_addr_in_range(const dl_addr *addr);
/* Is the device's guest address a zPCI one: s390x, or a <zpci> given? */
bool dl_device_is_zpci(const dl_model *model, const dl_device *dev);

#endif
