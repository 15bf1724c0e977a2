/* machine.c - what libvirt makes of a domain's arch and machine type: its family, the PCI root it needs, the addresses its implicit devices hold */
#include "machine.h"
#include "text.h"

#include <string.h>

static bool starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool any_of(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (dl_text_is(s, *names))
			return true;
	return false;
}

/* qemuDomainMachineIs*() in libvirt's qemu_domain.c: the arch decides first, then the name. */
static dl_machine_family family_of(const char *arch, const char *machine)
{
	static const char *const x86[] = { "i686", "x86_64", NULL };
	static const char *const ppc64[] = { "ppc64", "ppc64le", NULL };
	static const char *const s390[] = { "s390", "s390x", NULL };
	static const char *const arm[] = { "armv6l", "armv7l", "aarch64", NULL };
	static const char *const riscv[] = { "riscv32", "riscv64", NULL };
	if (!arch || !machine)
		return DL_MACHINE_UNKNOWN;
	bool virt = dl_text_is(machine, "virt") || starts(machine, "virt-");
	if (any_of(arch, x86)) {
		if (dl_text_is(machine, "q35") || starts(machine, "pc-q35-"))
			return DL_MACHINE_Q35;
		if (dl_text_is(machine, "pc") || starts(machine, "pc-0.") ||
		    starts(machine, "pc-1.") || starts(machine, "pc-i440fx-") ||
		    starts(machine, "rhel"))
			return DL_MACHINE_I440FX;
	} else if (any_of(arch, ppc64)) {
		if (dl_text_is(machine, "pseries") || starts(machine, "pseries-"))
			return DL_MACHINE_PSERIES;
	} else if (any_of(arch, s390)) {
		if (starts(machine, "s390-ccw"))
			return DL_MACHINE_S390_CCW;
	} else if (any_of(arch, arm)) {
		if (virt)
			return DL_MACHINE_ARM_VIRT;
	} else if (any_of(arch, riscv)) {
		if (virt)
			return DL_MACHINE_RISCV_VIRT;
	}
	return DL_MACHINE_OTHER;
}

dl_machine dl_machine_of(const dl_model *m)
{
	dl_machine mach = { DL_MACHINE_UNKNOWN, m->machine, false, false, NULL };
	mach.x86 = dl_text_is(m->arch, "i686") || dl_text_is(m->arch, "x86_64");
	mach.ppc64 = dl_text_is(m->arch, "ppc64") || dl_text_is(m->arch, "ppc64le");
	mach.family = family_of(m->arch, m->machine);
	/*
	 * qemuDomainDefAddDefaultDevices: i440fx and every ppc64 machine need pci-root, q35
	 * needs pcie-root. aarch64/riscv 'virt' get pcie-root only when QEMU has gpex and
	 * s390x pci-root only with zPCI: both depend on the binary, so they stay unknown.
	 */
	if (mach.family == DL_MACHINE_I440FX || mach.ppc64)
		mach.root_model = "pci-root";
	else if (mach.family == DL_MACHINE_Q35)
		mach.root_model = "pcie-root";
	return mach;
}

/*
 * The controller of this type that ends up with index 0: one written with index='0', else
 * the first written without an index (libvirt gives those the lowest unused index,
 * virDomainAssignControllerIndexes). *certain is false when an index does not parse.
 */
static const dl_device *controller_zero(const dl_model *m, const char *type, bool *certain)
{
	const dl_device *first_unindexed = NULL;
	*certain = true;
	for (const dl_device *d = dl_model_first(m, DL_DEV_CONTROLLER); d;
	     d = dl_model_next(m, d)) {
		const char *t = d->type ? d->type : "ide"; /* libvirt's default controller type */
		if (strcmp(t, type) != 0)
			continue;
		if (d->ctrl_idx == 0)
			return d;
		if (!d->ctrl_index.raw && !first_unindexed)
			first_unindexed = d;
		else if (d->ctrl_index.raw && d->ctrl_idx < 0)
			*certain = false;
	}
	return first_unindexed;
}

static bool pci_at(const dl_device *d, unsigned int slot, unsigned int function)
{
	const dl_addr *a = &d->guest;
	return dl_addr_is_pci(a) && !d->address_ignored && !dl_addr_is_empty(a) &&
	       dl_addr_in_range(a) && dl_field_value(&a->domain, 0) == 0 &&
	       dl_field_value(&a->bus, 0) == 0 && dl_field_value(&a->slot, 0) == slot &&
	       dl_field_value(&a->function, 0) == function;
}

static void add(dl_reserved *out, size_t *n, unsigned int slot, unsigned int function,
		const char *what, const dl_device *ctrl, const char *misplaced)
{
	dl_reserved r = { slot, function, what, NULL, ctrl, ctrl ? misplaced : NULL };
	if (ctrl && pci_at(ctrl, slot, function))
		r.owner = ctrl;
	out[(*n)++] = r;
}

static bool piix3_model(const dl_device *d)
{
	/* no model: libvirt picks piix3-uhci, or keeps its default, which is the same "-usb" */
	return !d->model || dl_text_is(d->model, "piix3-uhci");
}

/*
 * Is there a PIIX3 USB controller with index 0 (qemuDomainValidateDevicePCISlotsPIIX3 takes
 * every usb controller of index 0 with model piix3-uhci or none)? With no usb controller
 * of index 0, the first one written without an index gets 0, else libvirt adds one of the
 * default model. *usb: that controller, NULL for libvirt's own. Unknown indexes: false.
 */
static bool piix3_usb_zero(const dl_model *m, const dl_device **usb)
{
	const dl_device *first_unindexed = NULL;
	bool have_zero = false;
	*usb = NULL;
	for (const dl_device *d = dl_model_first(m, DL_DEV_CONTROLLER); d;
	     d = dl_model_next(m, d)) {
		if (!dl_text_is(d->type, "usb"))
			continue;
		if (d->ctrl_index.raw && d->ctrl_idx < 0)
			return false;
		if (d->ctrl_idx == 0) {
			have_zero = true;
			if (!*usb && piix3_model(d))
				*usb = d;
		} else if (!d->ctrl_index.raw && !first_unindexed) {
			first_unindexed = d;
		}
	}
	if (have_zero)
		return *usb != NULL;
	/* later controllers without an index join index 0 only as USB2 companions, never PIIX3 */
	if (first_unindexed && !piix3_model(first_unindexed))
		return false;
	*usb = first_unindexed;
	return true;
}

/* Is there an IDE controller with index 0, written or added for an IDE disk? */
static bool has_ide_zero(const dl_model *m, const dl_device **ide, bool *certain)
{
	*ide = controller_zero(m, "ide", certain);
	if (*ide)
		return true;
	/* virDomainDefAddImplicitControllers adds IDE controllers 0..N for IDE disks */
	for (const dl_device *d = dl_model_first(m, DL_DEV_DISK); d; d = dl_model_next(m, d))
		if (dl_text_is(d->disk_bus, "ide"))
			return true;
	return false;
}

size_t dl_machine_reserved(const dl_model *m, const dl_machine *mach,
			   dl_reserved out[DL_MACHINE_MAX_RESERVED])
{
	size_t n = 0;
	bool certain;
	if (mach->family == DL_MACHINE_I440FX) {
		/* qemuDomainValidateDevicePCISlotsPIIX3 */
		add(out, &n, 1, 0, "the PIIX3 ISA bridge", NULL, NULL);
		const dl_device *ide;
		if (has_ide_zero(m, &ide, &certain) && certain)
			add(out, &n, 1, 1, "the PIIX3 IDE controller", ide,
			    "Primary IDE controller must have PCI address 0:0:1.1");
		const dl_device *usb = NULL;
		if (piix3_usb_zero(m, &usb))
			add(out, &n, 1, 2, "the PIIX3 USB controller", usb,
			    "PIIX3 USB controller at index 0 must have PCI address 0:0:1.2");
		add(out, &n, 1, 3, "the PIIX3 power management bridge", NULL, NULL);
	} else if (mach->family == DL_MACHINE_Q35) {
		/* qemuDomainValidateDevicePCISlotsQ35; SATA controller 0 is always there */
		add(out, &n, 0x1f, 0, "the ICH9 ISA bridge", NULL, NULL);
		const dl_device *sata = controller_zero(m, "sata", &certain);
		if (certain)
			add(out, &n, 0x1f, 2, "the ICH9 SATA controller", sata,
			    "Primary SATA controller must have PCI address 0:0:1f.2");
		add(out, &n, 0x1f, 3, "the ICH9 SMBus controller", NULL, NULL);
	}
	return n;
}
