/* hostdev.c - a host device's subsystem type and source identity as libvirt reads and compares them */
#include "hostdev.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

const char *dl_hostdev_subsys_type(dl_doc *doc, const dl_device *dev)
{
	if (dev->kind == DL_DEV_HOSTDEV)
		return dev->type;
	if (dev->kind != DL_DEV_INTERFACE || !dl_text_is(dev->type, "hostdev"))
		return NULL;
	/* virDomainNetDefParseXML: string(./source/address/@type), then the vendor fallback */
	const xmlNode *source = dl_doc_child(dev->node, "source");
	const char *t = dl_doc_attr(doc, dl_doc_child(source, "address"), "type");
	if (!t && dl_doc_child(source, "vendor"))
		return "usb";
	return t;
}

dl_hostdev_kind dl_hostdev_kind_of(const char *type)
{
	static const struct {
		const char *name;
		dl_hostdev_kind kind;
	} kinds[] = { { "pci", DL_HOSTDEV_PCI },
		      { "usb", DL_HOSTDEV_USB },
		      { "scsi", DL_HOSTDEV_SCSI },
		      { "scsi_host", DL_HOSTDEV_SCSI_HOST },
		      { "mdev", DL_HOSTDEV_MDEV } };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (dl_text_is(type, kinds[i].name))
			return kinds[i].kind;
	return DL_HOSTDEV_OTHER;
}

/* g_ascii_isspace: space, \t, \n, \v, \f, \r */
static bool ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

bool dl_uuid_parse(const char *s, unsigned char uuid[16])
{
	if (!s)
		return false;
	while (ascii_space(*s))
		s++;
	for (size_t i = 0; i < 16;) {
		if (*s == '-' || *s == ' ') {
			s++;
			continue;
		}
		int hi = dl_hex_digit(*s);
		if (hi < 0)
			return false;
		int lo = dl_hex_digit(s[1]);
		if (lo < 0)
			return false;
		uuid[i++] = (unsigned char)(hi * 16 + lo);
		s += 2;
	}
	while (*s)
		if (!ascii_space(*s++))
			return false;
	return true;
}

void dl_uuid_format(char *buf, const unsigned char u[16])
{
	snprintf(buf, DL_UUID_TEXT_MAX,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1],
		 u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14],
		 u[15]);
}

/* A number libvirt reads with virXMLPropUInt(base 0) (or ULongLong when wide); false when it refuses it or it is absent. */
static bool read_num(dl_doc *doc, const xmlNode *node, const char *attr, bool wide,
		     unsigned long long *out)
{
	dl_num n = dl_num_parse_base(dl_doc_attr(doc, node, attr), 0, wide);
	if (n.status != DL_NUM_OK)
		return false;
	*out = wide ? n.wide : n.value;
	return true;
}

/* virDomainHostdevSubsysUSBDefParseXML */
static bool read_usb(dl_doc *doc, const xmlNode *source, dl_hostdev_id *id)
{
	const xmlNode *vendor = dl_doc_child(source, "vendor");
	const xmlNode *product = dl_doc_child(source, "product");
	const xmlNode *addr = dl_doc_child(source, "address");
	if (!vendor != !product)
		return false; /* "missing product", "missing vendor" */
	if (vendor && (!read_num(doc, vendor, "id", false, &id->n[0]) || id->n[0] == 0 ||
		       !read_num(doc, product, "id", false, &id->n[1])))
		return false;
	if (addr && (!read_num(doc, addr, "bus", false, &id->n[2]) ||
		     !read_num(doc, addr, "device", false, &id->n[3])))
		return false;
	id->at = addr && id->n[2] && id->n[3] ? addr : vendor ? vendor : source;
	return true;
}

/* virDomainHostdevSubsysSCSIHostDefParseXML and virDomainHostdevSubsysSCSIiSCSIDefParseXML */
static bool read_scsi(dl_doc *doc, const xmlNode *source, dl_hostdev_id *id)
{
	const char *protocol = dl_doc_attr(doc, source, "protocol");
	if (dl_text_is(protocol, "iscsi")) {
		const xmlNode *host = NULL;
		size_t nhosts = 0;
		for (const xmlNode *c = source->children; c; c = c->next)
			if (dl_doc_is(c, "host") && nhosts++ == 0)
				host = c;
		id->s2 = dl_doc_attr(doc, source, "name");
		const char *transport = dl_doc_attr(doc, host, "transport");
		id->s1 = dl_doc_attr(doc, host, "name");
		/* a unix socket host has no name to compare: leave it out */
		if (!id->s2 || nhosts != 1 || dl_text_is(transport, "unix") || !id->s1)
			return false;
		const char *port = dl_doc_attr(doc, host, "port");
		if (port) {
			dl_num p = dl_num_parse_base(port, 10, false);
			if (p.status != DL_NUM_OK || p.value > 0xffff)
				return false;
			id->n[0] = p.value;
		}
		id->kind = DL_HOSTDEV_ID_ISCSI;
		id->at = source;
		id->at_attr = "name";
		return true;
	}
	if (protocol && !dl_text_is(protocol, "adapter"))
		return false;
	const xmlNode *addr = dl_doc_child(source, "address");
	const xmlNode *adapter = dl_doc_child(source, "adapter");
	id->s1 = dl_doc_attr(doc, adapter, "name");
	if (!addr || !id->s1 || !*id->s1 || !read_num(doc, addr, "bus", false, &id->n[0]) ||
	    !read_num(doc, addr, "target", false, &id->n[1]) ||
	    !read_num(doc, addr, "unit", true, &id->n[2]))
		return false;
	id->kind = DL_HOSTDEV_ID_SCSI;
	id->at = addr;
	return true;
}

/* virDomainHostdevSubsysSCSIVHostDefParseXML: protocol='vhost' and wwpn='naa.' + 16 hex digits */
static bool read_vhost(dl_doc *doc, const xmlNode *source, dl_hostdev_id *id)
{
	const char *wwpn = dl_doc_attr(doc, source, "wwpn");
	if (!dl_text_is(dl_doc_attr(doc, source, "protocol"), "vhost") || !wwpn ||
	    strncmp(wwpn, "naa.", 4) != 0)
		return false;
	const char *p = wwpn + 4;
	if (strncmp(p, "0x", 2) == 0)
		p += 2;
	size_t n = 0;
	while (dl_hex_digit(p[n]) >= 0)
		n++;
	if (n != 16 || p[n])
		return false;
	id->s1 = wwpn;
	id->at = source;
	id->at_attr = "wwpn";
	return true;
}

void dl_hostdev_id_read(dl_doc *doc, const dl_device *dev, dl_hostdev_id *id)
{
	memset(id, 0, sizeof *id);
	if (dev->kind == DL_DEV_HOSTDEV) {
		const char *mode = dl_doc_attr(doc, dev->node, "mode");
		if (mode && !dl_text_is(mode, "subsystem"))
			return;
	}
	const xmlNode *source = dl_doc_child(dev->node, "source");
	if (!source)
		return;
	bool ok = false;
	dl_hostdev_id_kind kind = DL_HOSTDEV_ID_NONE;
	switch (dl_hostdev_kind_of(dl_hostdev_subsys_type(doc, dev))) {
	case DL_HOSTDEV_USB:
		kind = DL_HOSTDEV_ID_USB;
		ok = read_usb(doc, source, id);
		break;
	case DL_HOSTDEV_SCSI:
		ok = read_scsi(doc, source, id);
		kind = id->kind;
		break;
	case DL_HOSTDEV_SCSI_HOST:
		kind = DL_HOSTDEV_ID_VHOST;
		ok = read_vhost(doc, source, id);
		break;
	case DL_HOSTDEV_MDEV: {
		/* virDomainHostdevSubsysMediatedDevDefParseXML: ./source/address, the first <source> */
		const xmlNode *addr = dl_doc_child(source, "address");
		kind = DL_HOSTDEV_ID_MDEV;
		ok = dl_uuid_parse(dl_doc_attr(doc, addr, "uuid"), id->uuid);
		id->at = addr;
		id->at_attr = "uuid";
		break;
	}
	default:
		break;
	}
	id->kind = ok ? kind : DL_HOSTDEV_ID_NONE;
}

static bool usb_by_address(const dl_hostdev_id *id)
{
	return id->n[2] && id->n[3];
}

bool dl_hostdev_id_match(const dl_hostdev_id *a, const dl_hostdev_id *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case DL_HOSTDEV_ID_USB:
		if (usb_by_address(a))
			return a->n[2] == b->n[2] && a->n[3] == b->n[3];
		return a->n[0] == b->n[0] && a->n[1] == b->n[1];
	case DL_HOSTDEV_ID_SCSI:
		return strcmp(a->s1, b->s1) == 0 && a->n[0] == b->n[0] && a->n[1] == b->n[1] &&
		       a->n[2] == b->n[2];
	case DL_HOSTDEV_ID_ISCSI:
		return strcmp(a->s1, b->s1) == 0 && a->n[0] == b->n[0] && strcmp(a->s2, b->s2) == 0;
	case DL_HOSTDEV_ID_VHOST:
		return strcmp(a->s1, b->s1) == 0;
	case DL_HOSTDEV_ID_MDEV:
		return memcmp(a->uuid, b->uuid, sizeof a->uuid) == 0;
	case DL_HOSTDEV_ID_NONE:
		break;
	}
	return false;
}

/* FNV-1a, 64 bits */
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t hash_start(int tag)
{
	return hash_bytes(0xcbf29ce484222325ull, &tag, sizeof tag);
}

static uint64_t hash_num(uint64_t h, unsigned long long v)
{
	return hash_bytes(h, &v, sizeof v);
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	return hash_bytes(h, s, strlen(s) + 1);
}

/* USB devices are stored under one of two keys: by address (tag 1) or by vendor and product. */
static uint64_t usb_key(const dl_hostdev_id *id, bool by_address)
{
	uint64_t h = hash_start(by_address ? DL_HOSTDEV_ID_USB + 100 : DL_HOSTDEV_ID_USB);
	return by_address ? hash_num(hash_num(h, id->n[2]), id->n[3]) :
			    hash_num(hash_num(h, id->n[0]), id->n[1]);
}

uint64_t dl_hostdev_id_store_key(const dl_hostdev_id *id)
{
	uint64_t h = hash_start((int)id->kind);
	switch (id->kind) {
	case DL_HOSTDEV_ID_USB:
		return usb_key(id, usb_by_address(id));
	case DL_HOSTDEV_ID_SCSI:
		return hash_num(hash_num(hash_num(hash_str(h, id->s1), id->n[0]), id->n[1]),
				id->n[2]);
	case DL_HOSTDEV_ID_ISCSI:
		return hash_str(hash_num(hash_str(h, id->s1), id->n[0]), id->s2);
	case DL_HOSTDEV_ID_VHOST:
		return hash_str(h, id->s1);
	case DL_HOSTDEV_ID_MDEV:
		return hash_bytes(h, id->uuid, sizeof id->uuid);
	case DL_HOSTDEV_ID_NONE:
		break;
	}
	return h;
}

size_t dl_hostdev_id_probe_keys(const dl_hostdev_id *id, uint64_t keys[2])
{
	if (id->kind != DL_HOSTDEV_ID_USB) {
		keys[0] = dl_hostdev_id_store_key(id);
		return 1;
	}
	/* an earlier device given by address matches on the address alone, any other on the ids */
	keys[0] = usb_key(id, false);
	if (!usb_by_address(id))
		return 1;
	keys[1] = usb_key(id, true);
	return 2;
}

void dl_hostdev_id_format(char *buf, const dl_hostdev_id *id)
{
	char uuid[DL_UUID_TEXT_MAX];
	switch (id->kind) {
	case DL_HOSTDEV_ID_USB:
		if (usb_by_address(id))
			snprintf(buf, DL_HOSTDEV_ID_TEXT_MAX,
				 "host USB device at bus %llu device %llu", id->n[2], id->n[3]);
		else
			snprintf(buf, DL_HOSTDEV_ID_TEXT_MAX, "host USB device %04llx:%04llx",
				 id->n[0], id->n[1]);
		return;
	case DL_HOSTDEV_ID_SCSI:
		snprintf(buf, DL_HOSTDEV_ID_TEXT_MAX, "host SCSI device %.60s %llu:%llu:%llu",
			 id->s1, id->n[0], id->n[1], id->n[2]);
		return;
	case DL_HOSTDEV_ID_ISCSI:
		snprintf(buf, DL_HOSTDEV_ID_TEXT_MAX, "iSCSI LUN '%.50s' on %.50s:%llu", id->s2,
			 id->s1, id->n[0]);
		return;
	case DL_HOSTDEV_ID_VHOST:
		snprintf(buf, DL_HOSTDEV_ID_TEXT_MAX, "vhost-scsi target '%.60s'", id->s1);
		return;
	case DL_HOSTDEV_ID_MDEV:
		dl_uuid_format(uuid, id->uuid);
		snprintf(buf, DL_HOSTDEV_ID_TEXT_MAX, "mediated device %s", uuid);
		return;
	case DL_HOSTDEV_ID_NONE:
		break;
	}
	snprintf(buf, DL_HOSTDEV_ID_TEXT_MAX, "host device");
}
