/* hostdev.h - a host device's subsystem type and source identity as libvirt reads and compares them */
#ifndef DL_HOSTDEV_H
#define DL_HOSTDEV_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

/*
 * The subsystem type libvirt parses dev with (virDomainHostdevDefParseXMLSubsys): the
 * <hostdev> type attribute, or for <interface type='hostdev'> its <source><address type>,
 * "usb" when that is absent and a <source><vendor> is given. NULL when there is none.
 * Borrowed from doc, or static.
 */
const char *dl_hostdev_subsys_type(dl_doc *doc, const dl_device *dev);

/* libvirt's hostdev kind for a subsystem type name; DL_HOSTDEV_OTHER when unknown or NULL. */
dl_hostdev_kind dl_hostdev_kind_of(const char *type);

/*
 * Parse a UUID as libvirt's virUUIDParse does: blanks around it, '-' and ' ' anywhere between
 * pairs of hex digits, exactly 32 digits in any case. false when libvirt refuses it.
 */
bool dl_uuid_parse(const char *s, unsigned char uuid[16]);

/* Format a UUID as libvirt writes it (8-4-4-4-12, lower case) into buf (>= 37 bytes). */
#define DL_UUID_TEXT_MAX 37
void dl_uuid_format(char *buf, const unsigned char uuid[16]);

/*
 * What libvirt compares to tell that two host devices pass the same thing through
 * (virDomainHostdevMatchSubsys*), for the sources other than PCI: USB, SCSI (adapter or
 * iSCSI), vhost-scsi and mediated devices.
 */
typedef enum {
	DL_HOSTDEV_ID_NONE, /* nothing to compare: another kind, or a source libvirt refuses */
	DL_HOSTDEV_ID_USB,
	DL_HOSTDEV_ID_SCSI,
	DL_HOSTDEV_ID_ISCSI,
	DL_HOSTDEV_ID_VHOST,
	DL_HOSTDEV_ID_MDEV,
} dl_hostdev_id_kind;

typedef struct dl_hostdev_id {
	dl_hostdev_id_kind kind;
	/* usb: vendor, product, bus, device; scsi: bus, target, unit; iscsi: port */
	unsigned long long n[4];
	const char *s1;         /* scsi: adapter name; iscsi: host name; vhost: wwpn. Borrowed */
	const char *s2;         /* iscsi: the source name (the LUN path). Borrowed */
	unsigned char uuid[16]; /* mdev, as libvirt parses it */
	const xmlNode *at;      /* the element to report at; borrowed */
	const char *at_attr;    /* its attribute to report at, or NULL (static) */
} dl_hostdev_id;

/* Read dev's source identity; kind DL_HOSTDEV_ID_NONE when there is nothing to compare. */
void dl_hostdev_id_read(dl_doc *doc, const dl_device *dev, dl_hostdev_id *id);

/*
 * Does libvirt find later the same device as earlier (virDomainHostdevMatch(earlier, later))?
 * Not symmetric for USB: a device given by bus and device is compared by those alone.
 */
bool dl_hostdev_id_match(const dl_hostdev_id *earlier, const dl_hostdev_id *later);

/*
 * Hash keys: the one an earlier device is stored under, and the ones (up to 2) a later device
 * looks up; a match always shares a key, and a shared key is checked with dl_hostdev_id_match.
 */
uint64_t dl_hostdev_id_store_key(const dl_hostdev_id *id);
size_t dl_hostdev_id_probe_keys(const dl_hostdev_id *id, uint64_t keys[2]);

/* What the device is, for messages: "USB device 1234:beef", "mdev 5376...". buf >= 160 bytes. */
#define DL_HOSTDEV_ID_TEXT_MAX 160
void dl_hostdev_id_format(char *buf, const dl_hostdev_id *id);

#endif
