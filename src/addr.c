/* addr.c - reads a device's <address> as libvirt does: its type, each type's fields, their syntax and ranges */
#include "addr.h"

#include <stdint.h>
#include <string.h>

/* One numeric field of an address type, as libvirt's parser and validators read it. */
typedef struct field_spec {
	const char *name;
	int base;  /* virXMLPropUInt's base */
	bool wide; /* virXMLPropULongLong */
	unsigned long long max;
	const char *range;
	bool checked; /* libvirt checks max at define */
} field_spec;

typedef struct type_spec {
	const char *name;
	size_t nfields;
	field_spec fields[DL_ADDR_MAX_FIELDS];
} type_spec;

/* Indexed by dl_addr_type (device_conf.c, domain_conf.c: virDomainDevice*AddressParseXML). */
static const type_spec types[] = {
	[DL_ADDR_NONE] = { "", 0, { { 0 } } },
	[DL_ADDR_PCI] = { "pci",
			  4,
			  { { "domain", 0, false, UINT32_MAX, "<= 0xffffffff", false },
			    { "bus", 0, false, DL_PCI_BUS_MAX, "<= 0xff", true },
			    { "slot", 0, false, DL_PCI_SLOT_MAX, "<= 0x1f", true },
			    { "function", 0, false, DL_PCI_FUNCTION_MAX, "<= 7", true } } },
	[DL_ADDR_DRIVE] = { "drive",
			    4,
			    { { "controller", 10, false, UINT32_MAX, "", false },
			      { "bus", 10, false, UINT32_MAX, "", false },
			      { "target", 10, false, UINT32_MAX, "", false },
			      { "unit", 10, false, UINT32_MAX, "", false } } },
	[DL_ADDR_VIRTIO_SERIAL] = { "virtio-serial",
				    3,
				    { { "controller", 10, false, UINT32_MAX, "", false },
				      { "bus", 10, false, UINT32_MAX, "", false },
				      { "port", 10, false, UINT32_MAX, "", false } } },
	[DL_ADDR_CCID] = { "ccid",
			   2,
			   { { "controller", 10, false, UINT32_MAX, "", false },
			     { "slot", 10, false, UINT32_MAX, "", false } } },
	[DL_ADDR_USB] = { "usb", 1, { { "bus", 10, false, UINT32_MAX, "", false } } },
	/* qemuValidateDomainDeviceDefAddress: "spapr-vio reg='0x%llx' exceeds maximum possible value" */
	[DL_ADDR_SPAPRVIO] = { "spapr-vio",
			       1,
			       { { "reg", 16, true, UINT32_MAX, "<= 0xffffffff", true } } },
	[DL_ADDR_VIRTIO_S390] = { "virtio-s390", 0, { { 0 } } },
	/* virCCWDeviceAddressIsValid */
	[DL_ADDR_CCW] = { "ccw",
			  3,
			  { { "cssid", 0, false, 0xfe, "<= 0xfe", true },
			    { "ssid", 0, false, 3, "<= 3", true },
			    { "devno", 0, false, 0xffff, "<= 0xffff", true } } },
	[DL_ADDR_VIRTIO_MMIO] = { "virtio-mmio", 0, { { 0 } } },
	[DL_ADDR_ISA] = { "isa",
			  2,
			  { { "iobase", 16, false, UINT32_MAX, "", false },
			    { "irq", 16, false, UINT32_MAX, "", false } } },
	[DL_ADDR_DIMM] = { "dimm",
			   2,
			   { { "slot", 10, false, UINT32_MAX, "", false },
			     { "base", 16, true, UINT64_MAX, "", false } } },
	[DL_ADDR_UNASSIGNED] = { "unassigned", 0, { { 0 } } },
	[DL_ADDR_NO_TYPE] = { "", 0, { { 0 } } },
	[DL_ADDR_UNKNOWN] = { "", 0, { { 0 } } },
	/* virDomainHostdevSubsysSCSIHostDefParseXML: base 0, unit 64 bits */
	[DL_ADDR_SCSI_SOURCE] = { "",
				  3,
				  { { "bus", 0, false, UINT32_MAX, "", false },
				    { "target", 0, false, UINT32_MAX, "", false },
				    { "unit", 0, true, UINT64_MAX, "", false } } },
	/* virDomainHostdevSubsysUSBDefParseXML: base 0, both required when <address> is given */
	[DL_ADDR_USB_SOURCE] = { "",
				 2,
				 { { "bus", 0, false, UINT32_MAX, "", false },
				   { "device", 0, false, UINT32_MAX, "", false } } },
};

const char *dl_addr_type_name(dl_addr_type type)
{
	return types[type].name;
}

static dl_addr_type type_of(const char *name)
{
	if (!name)
		return DL_ADDR_NO_TYPE;
	for (size_t t = DL_ADDR_PCI; t <= DL_ADDR_UNASSIGNED; t++)
		if (strcmp(types[t].name, name) == 0)
			return (dl_addr_type)t;
	return DL_ADDR_UNKNOWN;
}

static void field_set(const xmlNode *node, const field_spec *s, const char *raw, dl_field *f)
{
	f->raw = raw;
	f->node = node;
	f->name = s->name;
	f->base = s->base;
	f->num = dl_num_parse_base(raw, s->base, s->wide);
}

void dl_field_read(dl_doc *doc, const xmlNode *node, const char *name, int base, dl_field *f)
{
	const field_spec s = { name, base, false, UINT32_MAX, "", false };
	field_set(node, &s, dl_doc_attr(doc, node, name), f);
}

dl_loc dl_field_loc(const dl_doc *doc, const dl_field *f)
{
	return dl_doc_attr_loc(doc, f->node, f->name);
}

static void read_fields(dl_doc *doc, const xmlNode *node, dl_addr_type kind, dl_addr *a)
{
	const type_spec *t = &types[kind];
	const char *names[DL_ADDR_MAX_FIELDS + 2];
	const char *v[DL_ADDR_MAX_FIELDS + 2];
	size_t n = 0;
	for (; n < t->nfields; n++)
		names[n] = t->fields[n].name;
	names[n++] = kind == DL_ADDR_USB ? "port" : "multifunction";
	dl_doc_attrs(doc, node, names, v, n);
	for (size_t i = 0; i < t->nfields; i++)
		field_set(node, &t->fields[i], v[i], &a->f[i]);
	a->nfields = t->nfields;
	if (kind == DL_ADDR_USB)
		a->usb_port = v[n - 1];
	else if (kind == DL_ADDR_PCI)
		a->multifunction = v[n - 1];
}

/* The last <zpci> child: libvirt reads each in turn, and each overwrites the one before. */
static void read_zpci(dl_doc *doc, const xmlNode *node, dl_addr *a)
{
	static const field_spec ids[2] = {
		{ "uid", 0, false, DL_ZPCI_UID_MAX, "0x0001 to 0xffff", true },
		{ "fid", 0, false, UINT32_MAX, "<= 0xffffffff", true },
	};
	const xmlNode *zpci = NULL;
	for (const xmlNode *c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "zpci") == 0)
			zpci = c;
	if (!zpci)
		return;
	static const char *const names[] = { "uid", "fid" };
	const char *z[2];
	dl_doc_attrs(doc, zpci, names, z, 2);
	a->has_zpci = true;
	a->zpci_node = zpci;
	a->zpci_loc = dl_doc_elem_loc(doc, zpci);
	field_set(zpci, &ids[0], z[0], &a->uid);
	field_set(zpci, &ids[1], z[1], &a->fid);
}

void dl_addr_read(dl_doc *doc, const xmlNode *node, dl_addr_type as, dl_addr *a)
{
	memset(a, 0, sizeof *a);
	if (!node)
		return;
	a->present = true;
	a->node = node;
	a->loc = dl_doc_elem_loc(doc, node);
	a->type = dl_doc_attr(doc, node, "type");
	a->kind = as != DL_ADDR_NONE ? as : type_of(a->type);
	read_fields(doc, node, a->kind, a);
	if (a->kind == DL_ADDR_PCI)
		read_zpci(doc, node, a);
}

bool dl_addr_is_pci(const dl_addr *a)
{
	return a->present && a->kind == DL_ADDR_PCI;
}

static bool field_zero(const dl_field *f)
{
	return f->num.status == DL_NUM_ABSENT || (f->num.status == DL_NUM_OK && f->num.value == 0);
}

static bool field_number(const dl_field *f)
{
	return f->num.status == DL_NUM_ABSENT || f->num.status == DL_NUM_OK;
}

bool dl_addr_is_empty(const dl_addr *a)
{
	return field_zero(&a->domain) && field_zero(&a->bus) && field_zero(&a->slot);
}

bool dl_addr_is_valid_number(const dl_addr *a)
{
	return field_number(&a->domain) && field_number(&a->bus) && field_number(&a->slot) &&
	       field_number(&a->function);
}

bool dl_addr_in_range(const dl_addr *a)
{
	return dl_addr_is_valid_number(a) && a->bus.num.value <= DL_PCI_BUS_MAX &&
	       a->slot.num.value <= DL_PCI_SLOT_MAX && a->function.num.value <= DL_PCI_FUNCTION_MAX;
}

unsigned long long dl_field_value(const dl_field *f, unsigned long long fallback)
{
	return f->num.status == DL_NUM_OK ? f->num.wide : fallback;
}

/* Field names for messages: "guest PCI slot", "host PCI bus", "CCW devno", "drive unit". */
static const char *field_what(const dl_addr *a, size_t i, bool host)
{
	static const char *const pci[2][4] = {
		{ "guest PCI domain", "guest PCI bus", "guest PCI slot", "guest PCI function" },
		{ "host PCI domain", "host PCI bus", "host PCI slot", "host PCI function" },
	};
	static const char *const drive[4] = { "drive controller", "drive bus", "drive target",
					      "drive unit" };
	static const char *const vioserial[3] = { "virtio-serial controller", "virtio-serial bus",
						  "virtio-serial port" };
	static const char *const ccid[2] = { "ccid controller", "ccid slot" };
	static const char *const ccw[3] = { "CCW cssid", "CCW ssid", "CCW devno" };
	static const char *const isa[2] = { "ISA iobase", "ISA irq" };
	static const char *const dimm[2] = { "dimm slot", "dimm base" };
	switch (a->kind) {
	case DL_ADDR_PCI:
		return pci[host][i];
	case DL_ADDR_DRIVE:
		return drive[i];
	case DL_ADDR_SCSI_SOURCE:
		return (const char *[]){ "host SCSI bus", "host SCSI target", "host SCSI unit" }[i];
	case DL_ADDR_VIRTIO_SERIAL:
		return vioserial[i];
	case DL_ADDR_CCID:
		return ccid[i];
	case DL_ADDR_USB:
		return "USB bus";
	case DL_ADDR_USB_SOURCE:
		return (const char *[]){ "host USB bus", "host USB device" }[i];
	case DL_ADDR_SPAPRVIO:
		return "spapr-vio reg";
	case DL_ADDR_CCW:
		return ccw[i];
	case DL_ADDR_ISA:
		return isa[i];
	case DL_ADDR_DIMM:
		return dimm[i];
	default:
		return "address field";
	}
}

static size_t addr_fields(const dl_addr *a, bool host, dl_field_ref *out)
{
	const type_spec *t = &types[a->kind];
	for (size_t i = 0; i < a->nfields; i++) {
		const field_spec *s = &t->fields[i];
		out[i] = (dl_field_ref){
			&a->f[i], field_what(a, i, host), a, 0, s->max, s->range, s->checked, host
		};
	}
	return a->nfields;
}

size_t dl_device_fields(const dl_device *dev, dl_field_ref out[DL_DEVICE_MAX_FIELDS])
{
	size_t n = 0;
	const dl_addr *g = &dev->guest;
	if (dev->source.present)
		n += addr_fields(&dev->source, true, out + n);
	if (dev->usb_vendor.raw)
		out[n++] = (dl_field_ref){ &dev->usb_vendor,
					   "host USB vendor id",
					   &dev->source,
					   0,
					   UINT32_MAX,
					   "",
					   false,
					   true };
	if (dev->usb_product.raw)
		out[n++] = (dl_field_ref){ &dev->usb_product,
					   "host USB product id",
					   &dev->source,
					   0,
					   UINT32_MAX,
					   "",
					   false,
					   true };
	if (g->present && !dev->address_ignored)
		n += addr_fields(g, false, out + n);
	if (g->has_zpci && !dev->address_ignored) {
		out[n++] = (dl_field_ref){
			&g->uid,         "zpci uid",         g,   DL_ZPCI_UID_MIN,
			DL_ZPCI_UID_MAX, "0x0001 to 0xffff", true
		};
		out[n++] = (dl_field_ref){ &g->fid,    "zpci fid",      g,   0,
					   UINT32_MAX, "<= 0xffffffff", true };
	}
	return n;
}
