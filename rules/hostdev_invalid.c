/* hostdev_invalid.c - host device settings libvirt rejects at define, decided by the XML alone */
#include <stdio.h>
#include <string.h>

#include "../src/hostdev.h"
#include "../src/rule.h"
#include "../src/text.h"

#define RULE DL_RULE_HOSTDEV_INVALID

/* Is v one of the NULL-terminated set? */
static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return true;
	return false;
}

static const char *const yes_no[] = { "yes", "no", NULL };
static const char *const on_off[] = { "on", "off", NULL };

/*
 * An enumerated attribute (virXMLPropEnum, virXMLPropTristateBool/Switch): report a value
 * outside set, whose names are listed as "accepted" for the message. Returns the value when
 * it is valid, NULL when absent or invalid.
 */
static const char *check_enum(dl_ctx *ctx, const xmlNode *node, const char *attr,
			      const char *const *set, const char *accepted)
{
	const char *v = dl_doc_attr(ctx->doc, node, attr);
	if (!v || one_of(v, set))
		return v;
	dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, node, attr),
		  "%s='%s' on <%s> is not a value libvirt knows: use %s (\"Invalid value for "
		  "attribute '%s' in element '%s': '%s'.\")",
		  attr, v, (const char *)node->name, accepted, attr, (const char *)node->name, v);
	return NULL;
}

/* Does the domain use libvirt's QEMU driver, where the qemu_validate.c checks apply? */
static bool is_qemu(dl_ctx *ctx)
{
	const char *t = dl_doc_attr(ctx->doc, ctx->root, "type");
	return dl_text_is(t, "qemu") || dl_text_is(t, "kvm");
}

/* <boot order>: virDomainDeviceBootParseXML reads it in base 10, required and not zero. */
static void check_boot(dl_ctx *ctx, const xmlNode *boot)
{
	if (!boot)
		return;
	const char *raw = dl_doc_attr(ctx->doc, boot, "order");
	dl_num n = dl_num_parse_base(raw, 10, false);
	if (n.status == DL_NUM_ABSENT)
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, boot),
			  "<boot> without an order: libvirt needs order='N', N >= 1 (\"Missing "
			  "required attribute 'order' in element 'boot'\")");
	else if (n.status != DL_NUM_OK)
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, boot, "order"),
			  "boot order '%s' is not a decimal number (\"Invalid value for attribute "
			  "'order' in element 'boot': '%s'. Expected non-negative integer value\")",
			  raw, raw);
	else if (n.value == 0)
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, boot, "order"),
			  "boot order '%s' is 0: boot orders start at 1 (\"Invalid value for "
			  "attribute 'order' in element 'boot': Zero is not permitted\")",
			  raw);
}

/*
 * <rom> (virDomainDeviceInfoParseXML, read for hostdevs and interfaces only), and
 * qemuValidateDomainDeviceInfo's "ROM tuning is only supported for PCI devices" for a device
 * whose guest address is surely not PCI: an explicit other type, or a SCSI hostdev, which
 * always gets a drive address.
 */
static void check_rom(dl_ctx *ctx, const dl_device *dev, dl_hostdev_kind kind)
{
	const xmlNode *rom = dl_doc_child(dev->node, "rom");
	if (!rom)
		return;
	const char *enabled = check_enum(ctx, rom, "enabled", yes_no, "yes or no");
	check_enum(ctx, rom, "bar", on_off, "on or off");
	const char *bar = dl_doc_attr(ctx->doc, rom, "bar");
	const char *file = dl_doc_attr(ctx->doc, rom, "file");
	if (dl_text_is(enabled, "no") && (bar || file)) {
		const char *what = bar ? "bar" : "file";
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, rom, what),
			  "<rom enabled='no'> with %s='%s': a disabled ROM takes no bar or file "
			  "(\"ROM tuning is not supported when ROM is disabled\")",
			  what, bar ? bar : file);
	}
	if (!is_qemu(ctx))
		return;
	const dl_addr *g = &dev->guest;
	bool not_pci = (g->present && g->kind != DL_ADDR_PCI && g->kind != DL_ADDR_UNASSIGNED &&
			g->kind != DL_ADDR_NO_TYPE && g->kind != DL_ADDR_UNKNOWN) ||
		       (!g->present && dev->kind == DL_DEV_HOSTDEV && kind == DL_HOSTDEV_SCSI);
	if (not_pci)
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, rom),
			  "<rom> on a <%s> whose guest address is %s, not PCI: only PCI devices "
			  "have a ROM (\"ROM tuning is only supported for PCI devices\")",
			  dev->element,
			  g->present ? dl_addr_type_name(g->kind) : "a drive address");
}

/* The element to report a missing source address at: the address, else the source, else the device. */
static const xmlNode *source_place(const dl_device *dev)
{
	const xmlNode *source = dl_doc_child(dev->node, "source");
	const xmlNode *addr = dl_doc_child(source, "address");
	return addr ? addr : source ? source : dev->node;
}

/* virDomainHostdevSubsysUSBDefParseXML: vendor and product go together, vendor id not 0. */
static void check_usb(dl_ctx *ctx, const xmlNode *source)
{
	const xmlNode *vendor = dl_doc_child(source, "vendor");
	const xmlNode *product = dl_doc_child(source, "product");
	if (vendor && !product)
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, vendor),
			  "USB <vendor> without <product>: libvirt needs both (\"missing "
			  "product\")");
	if (product && !vendor)
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, product),
			  "USB <product> without <vendor>: libvirt needs both (\"missing "
			  "vendor\")");
	if (vendor) {
		const char *raw = dl_doc_attr(ctx->doc, vendor, "id");
		dl_num n = dl_num_parse(raw);
		if (n.status == DL_NUM_OK && n.value == 0)
			dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, vendor, "id"),
				  "USB vendor id '%s' is 0 (\"Invalid value for attribute 'id' in "
				  "element 'vendor': Zero is not permitted\")",
				  raw);
	}
}

/* virDomainHostdevSubsysSCSIVHostDefParseXML */
static void check_scsi_host(dl_ctx *ctx, const dl_device *dev, const xmlNode *source)
{
	static const char *const models[] = { "default", "virtio", "virtio-transitional",
					      "virtio-non-transitional", NULL };
	check_enum(ctx, dev->node, "model", models,
		   "virtio, virtio-transitional or virtio-non-transitional");
	const char *protocol = dl_doc_attr(ctx->doc, source, "protocol");
	if (!protocol) {
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, source),
			  "scsi_host <source> without protocol: libvirt needs protocol='vhost' "
			  "(\"Missing scsi_host subsystem protocol\")");
		return;
	}
	if (!dl_text_is(protocol, "vhost")) {
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, source, "protocol"),
			  "scsi_host protocol '%s' is not vhost (\"Unknown scsi_host subsystem "
			  "protocol '%s'\")",
			  protocol, protocol);
		return;
	}
	dl_hostdev_id id;
	dl_hostdev_id_read(ctx->doc, dev, &id);
	const char *wwpn = dl_doc_attr(ctx->doc, source, "wwpn");
	if (!wwpn)
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, source),
			  "vhost-scsi <source> without wwpn (\"missing vhost-scsi hostdev source "
			  "wwpn\")");
	else if (id.kind == DL_HOSTDEV_ID_NONE)
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, source, "wwpn"),
			  "wwpn '%s' is not 'naa.' followed by 16 hex digits (\"malformed 'wwpn' "
			  "value\")",
			  wwpn);
}

/* virDomainHostdevSubsysMediatedDevDefParseXML: the attributes, then ./source/address/@uuid */
static void check_mdev(dl_ctx *ctx, const dl_device *dev, const xmlNode *source)
{
	static const char *const models[] = { "vfio-pci", "vfio-ccw", "vfio-ap", NULL };
	if (!dl_doc_attr(ctx->doc, dev->node, "model"))
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, dev->node),
			  "mdev hostdev without model: libvirt needs model='vfio-pci', 'vfio-ccw' "
			  "or 'vfio-ap' (\"Missing required attribute 'model' in element "
			  "'hostdev'\")");
	check_enum(ctx, dev->node, "model", models, "vfio-pci, vfio-ccw or vfio-ap");
	check_enum(ctx, dev->node, "display", on_off, "on or off");
	check_enum(ctx, dev->node, "ramfb", on_off, "on or off");
	const xmlNode *addr = dl_doc_child(source, "address");
	const char *uuid = dl_doc_attr(ctx->doc, addr, "uuid");
	unsigned char u[16];
	if (!addr)
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, source),
			  "mdev <source> without <address uuid='...'/> (\"Missing <address> "
			  "element\")");
	else if (!uuid)
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, addr),
			  "mdev source <address> has no uuid: a mediated device is named by its "
			  "UUID, not a PCI address (\"Missing 'uuid' attribute for element "
			  "<address>\")");
	else if (!dl_uuid_parse(uuid, u))
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, addr, "uuid"),
			  "mdev uuid '%s' is not a UUID of 32 hex digits (\"Cannot parse uuid "
			  "attribute of element <address>\")",
			  uuid);
}

/* The subsystem types' own settings (virDomainHostdevDefParseXMLSubsys). */
static void check_subsys(dl_ctx *ctx, const dl_device *dev, const char *type, dl_hostdev_kind kind)
{
	const xmlNode *node = dev->node;
	const xmlNode *source = dl_doc_child(node, "source");
	if (!source) {
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, node),
			  "%s type='%s' without <source> (\"Missing <source> element in hostdev "
			  "device\")",
			  dev->element, type);
		return;
	}
	static const char *const policies[] = { "mandatory", "requisite", "optional", NULL };
	if (kind == DL_HOSTDEV_USB)
		check_enum(ctx, source, "startupPolicy", policies,
			   "mandatory, requisite or optional");
	else if (dl_doc_attr(ctx->doc, source, "startupPolicy"))
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, source, "startupPolicy"),
			  "startupPolicy on a %s host device: only USB devices have one (\"Setting "
			  "startupPolicy is only allowed for USB devices\")",
			  type);
	static const char *const sgios[] = { "filtered", "unfiltered", NULL };
	const char *sgio = check_enum(ctx, node, "sgio", sgios, "filtered");
	if (sgio && kind != DL_HOSTDEV_SCSI)
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, node, "sgio"),
			  "sgio on a %s host device: only SCSI devices have it (\"sgio is only "
			  "supported for scsi host device\")",
			  type);
	else if (dl_text_is(sgio, "unfiltered"))
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, node, "sgio"),
			  "sgio='unfiltered' on a SCSI host device (\"unfiltered sgio is no longer "
			  "supported\")");
	if (check_enum(ctx, node, "rawio", yes_no, "yes or no") && kind != DL_HOSTDEV_SCSI)
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, node, "rawio"),
			  "rawio on a %s host device: only SCSI devices have it (\"rawio is only "
			  "supported for scsi host device\")",
			  type);
	const char *model = dl_doc_attr(ctx->doc, node, "model");
	if (model && kind != DL_HOSTDEV_MDEV && kind != DL_HOSTDEV_SCSI_HOST)
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, node, "model"),
			  "model='%s' on a %s host device: only mdev and scsi_host take a model "
			  "(\"'model' attribute in <hostdev> is only supported when type='%s'\")",
			  model, type, type);

	switch (kind) {
	case DL_HOSTDEV_PCI: {
		static const char *const backends[] = { "kvm", "vfio", "xen", NULL };
		check_enum(ctx, dl_doc_child(node, "driver"), "name", backends,
			   "vfio (or kvm, xen)");
		const char *wf = check_enum(ctx, source, "writeFiltering", yes_no, "yes or no");
		if (wf && is_qemu(ctx))
			dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, source, "writeFiltering"),
				  "writeFiltering='%s' on a PCI hostdev: it is Xen's, QEMU has "
				  "none "
				  "(\"Write filtering of PCI device configuration space is not "
				  "supported by qemu\")",
				  wf);
		break;
	}
	case DL_HOSTDEV_USB:
		check_usb(ctx, source);
		break;
	case DL_HOSTDEV_SCSI_HOST:
		check_scsi_host(ctx, dev, source);
		break;
	case DL_HOSTDEV_MDEV:
		check_mdev(ctx, dev, source);
		break;
	default:
		break;
	}
}

/* The device's mode and type (virDomainHostdevDefParseXML, virDomainNetDefParseXML). */
static void check_device(dl_ctx *ctx, const dl_device *dev)
{
	const xmlNode *node = dev->node;
	if (dev->kind == DL_DEV_HOSTDEV) {
		const char *mode = dl_doc_attr(ctx->doc, node, "mode");
		if (dl_text_is(mode, "capabilities")) {
			/* qemuValidateDomainDeviceDefHostdev; the source is not worth checking then */
			if (is_qemu(ctx))
				dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, node, "mode"),
					  "hostdev mode='capabilities' in a %s domain: QEMU passes "
					  "through subsystem devices only (\"hostdev mode "
					  "'capabilities' is not supported in %s\")",
					  dl_doc_attr(ctx->doc, ctx->root, "type"),
					  dl_doc_attr(ctx->doc, ctx->root, "type"));
			return;
		}
		if (mode && !dl_text_is(mode, "subsystem")) {
			dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, node, "mode"),
				  "hostdev mode '%s' is neither subsystem nor capabilities "
				  "(\"unknown hostdev mode '%s'\")",
				  mode, mode);
			return;
		}
	}
	const char *type = dl_hostdev_subsys_type(ctx->doc, dev);
	dl_hostdev_kind kind = dl_hostdev_kind_of(type);
	if (!type) {
		bool iface = dev->kind == DL_DEV_INTERFACE;
		const xmlNode *at = iface ? source_place(dev) : node;
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, at),
			  iface ? "interface type='hostdev' whose source <address> has no type: "
				  "libvirt needs type='pci' there (\"missing source address "
				  "type\")" :
				  "hostdev without type: libvirt needs pci, usb, scsi, scsi_host "
				  "or "
				  "mdev (\"missing source address type\")");
	} else if (kind == DL_HOSTDEV_OTHER) {
		dl_loc at = dev->kind == DL_DEV_INTERFACE ?
				    dl_doc_attr_loc(ctx->doc, source_place(dev), "type") :
				    dl_doc_attr_loc(ctx->doc, node, "type");
		dl_report(ctx, RULE, at,
			  "host device type '%s' is not one of pci, usb, scsi, scsi_host, mdev "
			  "(\"unknown host device source address type '%s'\")",
			  type, type);
	} else {
		check_subsys(ctx, dev, type, kind);
	}
}

/*
 * qemuValidateDomainDeviceDefHostdev and qemuValidateDomainMdevDef: what QEMU cannot boot
 * from or show. Each check is reached only when QEMU has the device at all, and fails
 * otherwise with another message, so the domain is refused whatever the QEMU binary.
 */
static void check_qemu(dl_ctx *ctx, const dl_device *dev, dl_hostdev_kind kind, bool graphics)
{
	const char *model = dl_doc_attr(ctx->doc, dev->node, "model");
	const xmlNode *boot = dl_doc_child(dev->node, "boot");
	bool mdev_no_boot = kind == DL_HOSTDEV_MDEV &&
			    (dl_text_is(model, "vfio-pci") || dl_text_is(model, "vfio-ap"));
	if (boot && (kind == DL_HOSTDEV_SCSI_HOST || mdev_no_boot)) {
		char what[64];
		if (kind == DL_HOSTDEV_SCSI_HOST)
			strcpy(what, "vhost SCSI devices");
		else
			snprintf(what, sizeof what, "mediated devices of model %s", model);
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, boot),
			  "<boot> on a %s hostdev: QEMU cannot boot from it (\"booting from "
			  "assigned devices is not supported by %s\")",
			  kind == DL_HOSTDEV_SCSI_HOST ? "scsi_host" : model, what);
	}
	if (kind == DL_HOSTDEV_MDEV && dl_text_is(model, "vfio-pci") &&
	    dl_text_is(dl_doc_attr(ctx->doc, dev->node, "display"), "on") && !graphics)
		dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, dev->node, "display"),
			  "mdev display='on' in a domain without <graphics>: the display needs "
			  "one (\"graphics device is needed for attribute value 'display=on' in "
			  "<hostdev>\")");
}

/*
 * A setting only one device may have: the first to have it is remembered in *first, and each
 * later one is reported at its attr, with a note at the first.
 */
static void one_only(dl_ctx *ctx, const dl_device *dev, const dl_device **first, const char *attr,
		     const char *what, const char *why, const char *libvirt_says)
{
	if (!*first) {
		*first = dev;
		return;
	}
	dl_diag *d = dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, dev->node, attr),
			       "a second %s (the first is at line %lu): %s (\"%s\")", what,
			       (*first)->loc.line, why, libvirt_says);
	dl_diag_relate(d, dl_doc_attr_loc(ctx->doc, (*first)->node, attr), "the first %s", what);
}

void dl_rule_hostdev_invalid(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	bool qemu = is_qemu(ctx);
	bool graphics = dl_model_first(m, DL_DEV_GRAPHICS) != NULL;
	const dl_device *ramfb = NULL, *vfio_ap = NULL;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		if (dev->implicit || (dev->kind != DL_DEV_HOSTDEV && dev->kind != DL_DEV_INTERFACE))
			continue;
		/* every interface reads <boot> and <rom>, not only type='hostdev' */
		dl_hostdev_kind kind = dl_hostdev_kind_of(dl_hostdev_subsys_type(ctx->doc, dev));
		check_boot(ctx, dl_doc_child(dev->node, "boot"));
		check_rom(ctx, dev, kind);
		if (dev->hostdev == DL_HOSTDEV_NONE)
			continue;
		check_device(ctx, dev);
		if (dev->kind != DL_DEV_HOSTDEV || dev->hostdev == DL_HOSTDEV_CAPS)
			continue;
		if (qemu)
			check_qemu(ctx, dev, kind, graphics);
		if (kind != DL_HOSTDEV_MDEV)
			continue;
		/* virDomainDefHostdevValidate */
		if (dl_text_is(dl_doc_attr(ctx->doc, dev->node, "ramfb"), "on"))
			one_only(ctx, dev, &ramfb, "ramfb", "mdev with ramfb='on'",
				 "one vGPU at most can have a ramfb",
				 "Only one vgpu device can have 'ramfb' enabled");
		/* qemuValidateDomainMdevDefVFIOAP */
		if (qemu && dl_text_is(dl_doc_attr(ctx->doc, dev->node, "model"), "vfio-ap"))
			one_only(ctx, dev, &vfio_ap, "model", "vfio-ap mdev",
				 "a domain takes one AP matrix device",
				 "Only one hostdev of model vfio-ap is supported");
	}
}
