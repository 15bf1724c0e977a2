/* address_type_unsupported.c - a device's <address> of a type libvirt does not allow for that device */
#include <stdbool.h>
#include <string.h>

#include "../src/machine.h"
#include "../src/rule.h"
#include "../src/text.h"
#include "../src/usbaddr.h"

static bool arch_x86(const dl_model *m)
{
	return dl_text_is(m->arch, "x86_64") || dl_text_is(m->arch, "i686");
}

static bool arch_s390(const dl_model *m)
{
	return dl_text_is(m->arch, "s390x") || dl_text_is(m->arch, "s390");
}

/* qemuDomainIsPSeries */
static bool is_pseries(const dl_model *m)
{
	return dl_machine_of(m).family == DL_MACHINE_PSERIES;
}

/* Devices whose parser reads <address> (callers of virDomainDeviceInfoParseXML). */
static bool reads_address(const dl_device *dev)
{
	switch (dev->kind) {
	case DL_DEV_GRAPHICS:
	case DL_DEV_LEASE:
	case DL_DEV_AUDIO:
	case DL_DEV_REDIRFILTER:
	case DL_DEV_CRYPTO:
	case DL_DEV_OTHER:
		return false;
	default:
		return true;
	}
}

static const char *type_of(const dl_device *dev)
{
	return dev->guest.type ? dev->guest.type : "";
}

/* virDomainDeviceAddressParseXML: the type attribute itself. True when it failed. */
static bool check_parse(dl_ctx *ctx, const dl_device *dev)
{
	const dl_addr *g = &dev->guest;
	if (g->kind == DL_ADDR_NO_TYPE)
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, g->loc,
			  "<address> has no type attribute (\"No type specified for device "
			  "address\")");
	else if (g->kind == DL_ADDR_UNKNOWN)
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED,
			  dl_doc_attr_loc(ctx->doc, g->node, "type"),
			  "address type '%s' is not one libvirt knows (\"unknown address type "
			  "'%s'\")",
			  g->type, g->type);
	else if (g->kind == DL_ADDR_VIRTIO_S390)
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED,
			  dl_doc_attr_loc(ctx->doc, g->node, "type"),
			  "address type 'virtio-s390' is no longer supported: use type='ccw' "
			  "(\"virtio-s390 bus doesn't have an address\")");
	else
		return false;
	return true;
}

/* Is the address type one of the allowed ones? NONE (no <address>) is always allowed. */
static bool allowed(dl_addr_type t, dl_addr_type a, dl_addr_type b)
{
	return t == DL_ADDR_NONE || t == a || t == b;
}

/* Every check below returns whether it found the device's address wrong. */
static bool report(dl_ctx *ctx, const dl_device *dev, const char *what, const char *libvirt)
{
	dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc, "%s (\"%s\")", what,
		  libvirt);
	return true;
}

static bool check_disk(dl_ctx *ctx, const dl_device *dev)
{
	dl_addr_type t = dev->guest.kind;
	const char *bus = dev->disk_bus;
	const char *name = dev->disk_dev ? dev->disk_dev : "";
	/* virDomainDiskAddressDiskBusCompatibility: the buses common code knows take only drive */
	if (dl_text_is(bus, "ide") || dl_text_is(bus, "fdc") || dl_text_is(bus, "scsi") ||
	    dl_text_is(bus, "sata")) {
		if (allowed(t, DL_ADDR_DRIVE, DL_ADDR_DRIVE))
			return false;
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc,
			  "%s disk '%s' has an address of type '%s': it needs type='drive' "
			  "(\"Invalid address type '%s' for the disk '%s' with the bus type "
			  "'%s'\")",
			  bus, name, type_of(dev), type_of(dev), name, bus);
		return true;
	}
	if (dl_text_is(bus, "usb") && !allowed(t, DL_ADDR_USB, DL_ADDR_USB)) {
		/* qemuValidateDomainDeviceDefDiskFrontend */
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc,
			  "usb disk '%s' has an address of type '%s': it needs type='usb' or none "
			  "(\"unexpected address type for usb disk\")",
			  name, type_of(dev));
		return true;
	}
	return false;
}

/* virDomainHostdevDefValidate and, for mdevs, virDomainHostdevDefPostParse. */
static bool check_hostdev(dl_ctx *ctx, const dl_device *dev)
{
	dl_addr_type t = dev->guest.kind;
	switch (dev->hostdev) {
	case DL_HOSTDEV_SCSI:
		return !allowed(t, DL_ADDR_DRIVE, DL_ADDR_DRIVE) &&
		       report(ctx, dev, "SCSI hostdev needs an address of type 'drive'",
			      "SCSI host device must use 'drive' address type");
	case DL_HOSTDEV_SCSI_HOST:
		return !allowed(t, DL_ADDR_PCI, DL_ADDR_CCW) &&
		       report(ctx, dev, "scsi_host hostdev needs an address of type 'pci' or 'ccw'",
			      "SCSI_host host device must use 'pci' or 'ccw' address type");
	case DL_HOSTDEV_USB:
		return !allowed(t, DL_ADDR_USB, DL_ADDR_USB) &&
		       report(ctx, dev, "USB hostdev needs an address of type 'usb'",
			      "USB host device must use 'usb' address type");
	case DL_HOSTDEV_MDEV: {
		dl_addr_type need = dl_text_is(dev->model, "vfio-pci") ? DL_ADDR_PCI :
				    dl_text_is(dev->model, "vfio-ccw") ? DL_ADDR_CCW :
									 DL_ADDR_NONE;
		if (need == DL_ADDR_NONE || allowed(t, need, need))
			return false;
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc,
			  "mdev of model '%s' has an address of type '%s': it needs type='%s' "
			  "(\"Unsupported address type '%s' with mediated device model '%s'\")",
			  dev->model, type_of(dev), dl_addr_type_name(need), type_of(dev),
			  dev->model);
		return true;
	}
	default: /* PCI: address-malformed says it */
		return false;
	}
}

/* qemuValidateDomainDefPanic, after qemuDomainDevicePanicDefPostParse picked the model. */
static bool check_panic(dl_ctx *ctx, const dl_model *m, const dl_device *dev)
{
	const char *model = dev->model;
	if (!model) {
		if (!m->arch)
			return false;
		model = is_pseries(m) ? "pseries" : arch_s390(m) ? "s390" : "isa";
	}
	/* Each model's own arch test comes first in libvirt, with a message of its own. */
	bool fits = dl_text_is(model, "s390")    ? arch_s390(m) :
		    dl_text_is(model, "hyperv")  ? arch_x86(m) :
		    dl_text_is(model, "pseries") ? is_pseries(m) :
		    dl_text_is(model, "isa")     ? arch_x86(m) :
						   false;
	if (!fits)
		return false;
	if (dl_text_is(model, "isa"))
		return !allowed(dev->guest.kind, DL_ADDR_ISA, DL_ADDR_ISA) &&
		       report(ctx, dev,
			      "the isa panic device needs an address of type 'isa' or none",
			      "panic is supported only with ISA address type");
	dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc,
		  "panic device of model '%s' cannot have an <address> "
		  "(\"setting the panic device address is not supported for model '%s'\")",
		  model, model);
	return true;
}

/* qemuValidateDomainWatchdogDef */
static bool check_watchdog(dl_ctx *ctx, const dl_device *dev)
{
	if (dl_text_is(dev->model, "i6300esb"))
		return !allowed(dev->guest.kind, DL_ADDR_PCI, DL_ADDR_PCI) &&
		       report(ctx, dev,
			      "the i6300esb watchdog needs an address of type 'pci' or none",
			      "i6300esb model of watchdog can go only on PCI bus");
	if (dl_text_is(dev->model, "ib700"))
		return report(ctx, dev, "the ib700 watchdog cannot have an <address>",
			      "ib700 model of watchdog does not support configuring the address");
	if (dl_text_is(dev->model, "diag288"))
		return report(ctx, dev, "the diag288 watchdog cannot have an <address>",
			      "diag288 model of watchdog is virtual and cannot go on any bus.");
	return false;
}

/* virDomainIOMMUDefValidate and qemuValidateDomainDeviceDefIOMMU */
static bool check_iommu(dl_ctx *ctx, const dl_device *dev)
{
	if (dl_text_is(dev->model, "intel") || dl_text_is(dev->model, "smmuv3")) {
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc,
			  "iommu of model '%s' cannot have an <address> (\"iommu model '%s' can't "
			  "have address\")",
			  dev->model, dev->model);
		return true;
	}
	return dl_text_is(dev->model, "virtio") &&
	       !allowed(dev->guest.kind, DL_ADDR_PCI, DL_ADDR_PCI) &&
	       report(ctx, dev, "the virtio iommu needs an address of type 'pci' or none",
		      "IOMMU device: 'virtio' needs a PCI address");
}

/* virDomainInputDefParseXML and virDomainRedirdevDefParseXML */
static bool check_usb_bus(dl_ctx *ctx, const dl_device *dev, const char *bus)
{
	return dl_text_is(bus, "usb") && !allowed(dev->guest.kind, DL_ADDR_USB, DL_ADDR_USB) &&
	       report(ctx, dev, "a USB device needs an address of type 'usb' or none",
		      "Invalid address for a USB device");
}

/*
 * The serial's target type after qemuDomainChrDefPostParse: none, and isa-serial too, become
 * the architecture's default; NULL when that is not known.
 */
static const char *serial_target_type(const dl_model *m, const dl_device *dev)
{
	const char *tt = dev->kind == DL_DEV_CONSOLE ? NULL : dev->target_type;
	if (tt && !dl_text_is(tt, "isa-serial"))
		return tt;
	dl_machine mach = dl_machine_of(m);
	if (mach.x86)
		return "isa-serial";
	switch (mach.family) {
	case DL_MACHINE_PSERIES:
		return "spapr-vio-serial";
	case DL_MACHINE_ARM_VIRT:
	case DL_MACHINE_RISCV_VIRT:
		return "system-serial";
	default:
		return arch_s390(m) ? "sclp-serial" : NULL;
	}
}

/* The usb-serial parse check and qemuValidateChrSerialTargetTypeToAddressType. */
static bool check_serial(dl_ctx *ctx, const dl_model *m, const dl_device *dev)
{
	static const struct {
		const char *target;
		dl_addr_type need; /* NONE: no address at all */
	} serials[] = {
		{ "isa-serial", DL_ADDR_ISA },   { "usb-serial", DL_ADDR_USB },
		{ "pci-serial", DL_ADDR_PCI },   { "spapr-vio-serial", DL_ADDR_SPAPRVIO },
		{ "isa-debug", DL_ADDR_ISA },    { "system-serial", DL_ADDR_NONE },
		{ "sclp-serial", DL_ADDR_NONE },
	};
	const char *tt = serial_target_type(m, dev);
	for (size_t i = 0; i < sizeof serials / sizeof serials[0]; i++) {
		if (!dl_text_is(tt, serials[i].target))
			continue;
		dl_addr_type need = serials[i].need;
		if (need == DL_ADDR_NONE) {
			dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc,
				  "serial of target type '%s' cannot have an <address> "
				  "(\"Target type '%s' cannot have an associated address\")",
				  tt, tt);
			return true;
		}
		if (allowed(dev->guest.kind, need, need))
			return false;
		if (need == DL_ADDR_USB)
			return report(ctx, dev,
				      "serial of target type 'usb-serial' needs an address of type "
				      "'usb'",
				      "usb-serial requires address of usb type");
		dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED, dev->guest.loc,
			  "serial of target type '%s' needs an address of type '%s' "
			  "(\"Target type '%s' requires address type '%s'\")",
			  tt, dl_addr_type_name(need), tt, dl_addr_type_name(need));
		return true;
	}
	return false;
}

static bool check_device(dl_ctx *ctx, const dl_model *m, const dl_device *dev)
{
	switch (dev->kind) {
	case DL_DEV_DISK:
		return check_disk(ctx, dev);
	case DL_DEV_HOSTDEV:
		return check_hostdev(ctx, dev);
	case DL_DEV_VIDEO:
		return dl_text_is(dev->model, "ramfb") &&
		       report(ctx, dev, "ramfb video cannot have an <address>",
			      "address not supported for video type ramfb");
	case DL_DEV_PANIC:
		return check_panic(ctx, m, dev);
	case DL_DEV_WATCHDOG:
		return check_watchdog(ctx, dev);
	case DL_DEV_IOMMU:
		return check_iommu(ctx, dev);
	case DL_DEV_INPUT:
		return check_usb_bus(ctx, dev, dl_input_bus(ctx->doc, m, dev));
	case DL_DEV_REDIRDEV: {
		const char *bus = dl_doc_attr(ctx->doc, dev->node, "bus");
		return check_usb_bus(ctx, dev, bus ? bus : "usb");
	}
	case DL_DEV_SMARTCARD:
		return !allowed(dev->guest.kind, DL_ADDR_CCID, DL_ADDR_CCID) &&
		       report(ctx, dev, "a smartcard needs an address of type 'ccid' or none",
			      "Controllers must use the 'ccid' address type");
	case DL_DEV_MEMORY:
		return dl_text_is(dev->model, "sgx-epc") &&
		       report(ctx, dev, "memory of model 'sgx-epc' cannot have an <address>",
			      "memory device address is not supported for model 'sgx-epc'");
	case DL_DEV_SERIAL:
		return check_serial(ctx, m, dev);
	case DL_DEV_CONSOLE:
		/* with no <serial>, a serial console becomes serial 0, address and all */
		return dev->serial_alias && !dev->address_ignored && check_serial(ctx, m, dev);
	default:
		return false;
	}
}

/* qemuValidateDomainDeviceDefAddress: ccw addresses exist only on s390-ccw machines. */
static void check_ccw(dl_ctx *ctx, const dl_model *m, const dl_device *dev)
{
	if (dev->guest.kind != DL_ADDR_CCW || !m->arch || arch_s390(m))
		return;
	dl_diag *d = dl_report(ctx, DL_RULE_ADDRESS_TYPE_UNSUPPORTED,
			       dl_doc_attr_loc(ctx->doc, dev->guest.node, "type"),
			       "ccw address in a domain for arch '%s': only s390 machines have ccw "
			       "(\"cannot use CCW address type for device ... using machine type "
			       "...\")",
			       m->arch);
	dl_diag_relate(d, m->arch_loc, "the architecture '%s' comes from here", m->arch);
}

void dl_rule_address_type_unsupported_device(dl_ctx *ctx, const dl_device *dev)
{
	if (!dev->guest.present || !reads_address(dev))
		return;
	/* A console that is serial 0's alias still has its address parsed, then dropped. */
	if (dev->address_ignored && dev->kind != DL_DEV_CONSOLE)
		return;
	if (check_parse(ctx, dev) || dev->address_ignored)
		return;
	/* One finding a device: libvirt stops at the first. */
	if (!check_device(ctx, ctx->model, dev))
		check_ccw(ctx, ctx->model, dev);
}
