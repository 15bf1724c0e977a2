/* pci_connect_incompatible.c - a device written at a PCI address its bus cannot take: wrong kind of bus, slot out of the bus's range, integrated device off bus 0 */
#include <stdlib.h>
#include <string.h>

#include "../src/devorder.h"
#include "../src/machine.h"
#include "../src/pcitopo.h"
#include "../src/rule.h"
#include "../src/text.h"
#include "../src/xmalloc.h"

#define R DL_RULE_PCI_CONNECT_INCOMPATIBLE

/*
 * What the device plugs in as, from its written address (qemuDomainDeviceCalculatePCIConnectFlags
 * with the loosening of virDomainPCIAddressFlagsCompatible for addresses from the file):
 * a pci controller its model's type (a pci-bridge also as a standard PCI device), a virtio
 * IOMMU an integrated endpoint, anything else an endpoint (PCI or PCI Express, which
 * depends on the QEMU binary; a bus that takes one takes both). 0 when not known.
 */
static unsigned int device_flags(const dl_device *d)
{
	if (d->kind == DL_DEV_CONTROLLER && dl_text_is(d->type, "pci")) {
		unsigned int f = dl_pci_model_connect(d->model);
		if (f & DL_PCI_CONNECT_PCI_BRIDGE)
			f |= DL_PCI_CONNECT_PCI_DEVICE;
		return f;
	}
	if (d->kind == DL_DEV_IOMMU)
		return dl_text_is(d->model, "virtio") ?
			       DL_PCI_CONNECT_ENDPOINT | DL_PCI_CONNECT_INTEGRATED :
			       0;
	return DL_PCI_CONNECT_ENDPOINT;
}

static const char *what_of(const dl_device *d)
{
	return d->kind == DL_DEV_CONTROLLER && d->model ? d->model : d->element;
}

/*
 * Surely a PCI Express endpoint on q35, whatever the QEMU binary: a PCI hostdev with a written
 * address, and the virtio devices (non-transitional, as every QEMU libvirt 9.0.0 supports
 * makes them). qemuDomainDeviceCalculatePCIConnectFlags.
 */
static bool surely_pcie(const dl_device *d)
{
	const char *m = d->model;
	bool modern = !m || dl_text_is(m, "virtio") || dl_text_is(m, "virtio-non-transitional");
	switch (d->kind) {
	case DL_DEV_HOSTDEV:
	case DL_DEV_INTERFACE:
		if (d->pci_hostdev)
			return true;
		return d->kind == DL_DEV_INTERFACE && m && modern;
	case DL_DEV_DISK:
		return dl_text_is(d->disk_bus, "virtio") && modern;
	case DL_DEV_MEMBALLOON:
	case DL_DEV_RNG:
		return m && modern;
	case DL_DEV_VIDEO:
		return dl_text_is(m, "virtio");
	case DL_DEV_CONTROLLER:
		return (dl_text_is(d->type, "virtio-serial") && modern) ||
		       (dl_text_is(d->type, "scsi") &&
			(dl_text_is(m, "virtio-scsi") || dl_text_is(m, "virtio-non-transitional")));
	default:
		return false;
	}
}

/*
 * A written address on a bus no controller has makes libvirt add buses
 * (virDomainPCIAddressSetGrow), in its device order. On q35, for a PCI Express endpoint it
 * adds pcie-root-ports up to that bus. Returns the highest bus known to be such a root port
 * (0: none): as far as every device that grew the set was surely PCI Express.
 */
static unsigned int q35_grown_root_ports(const dl_model *m, const dl_pcitopo *t)
{
	const dl_device **devs = xcalloc(m->ndevices + 1, sizeof *devs);
	size_t n = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		const dl_addr *a = &d->guest;
		if (!d->implicit && dl_addr_is_pci(a) && !d->address_ignored &&
		    !dl_addr_is_empty(a) && dl_addr_in_range(a) &&
		    dl_field_value(&a->bus, 0) >= t->nbuses)
			devs[n++] = d;
	}
	qsort(devs, n, sizeof *devs, dl_devorder_cmp);
	unsigned int limit = 0, next = t->nbuses;
	for (size_t i = 0; i < n; i++) {
		unsigned int bus = (unsigned int)dl_field_value(&devs[i]->guest.bus, 0);
		if (bus < next)
			continue;
		if (!surely_pcie(devs[i]))
			break;
		limit = bus;
		next = bus + 1;
	}
	free(devs);
	return limit;
}

/* virDomainPCIAddressValidate for one written address: the first complaint libvirt makes. */
static void check(dl_ctx *ctx, const dl_pcitopo *t, unsigned int grown, const dl_device *d)
{
	const dl_addr *a = &d->guest;
	if (!dl_addr_is_pci(a) || d->address_ignored || dl_addr_is_empty(a) ||
	    !dl_addr_in_range(a) || dl_field_value(&a->domain, 0) != 0)
		return;
	unsigned int flags = device_flags(d);
	if (!flags)
		return;
	unsigned int bus = dl_field_value(&a->bus, 0), slot = dl_field_value(&a->slot, 0);
	char text[DL_PCI_TEXT_MAX];
	dl_pci_format(text, 0, bus, slot, dl_field_value(&a->function, 0));
	if (flags & DL_PCI_CONNECT_INTEGRATED) {
		/* checked before anything else, whatever bus libvirt adds for it */
		if (bus != 0)
			dl_report(ctx, R, a->loc,
				  "%s at guest PCI address %s is on bus %u: it is an integrated "
				  "device "
				  "and must sit on bus 0 (\"The device at PCI address %s needs to "
				  "be an "
				  "integrated device (bus=0)\")",
				  what_of(d), text, bus, text);
		return;
	}
	dl_pci_bus_caps caps;
	const char *bus_model = bus < t->nbuses ? t->bus[bus].model :
				bus <= grown    ? "pcie-root-port" :
						  NULL;
	if (!bus_model || !dl_pci_bus_caps_of(bus_model, &caps))
		return;
	/* an address from the file may put a PCI device on a PCIe bus and the reverse */
	if (caps.flags & DL_PCI_CONNECT_ENDPOINT)
		caps.flags |= DL_PCI_CONNECT_ENDPOINT;
	if (!(flags & caps.flags & DL_PCI_CONNECT_TYPES)) {
		/* an endpoint's name (standard PCI or PCI Express) depends on the QEMU binary */
		if (flags & DL_PCI_CONNECT_ENDPOINT)
			return;
		const char *need = dl_pci_connect_name(flags);
		dl_report(ctx, R, a->loc,
			  "%s at guest PCI address %s is on bus %u, a '%s', which does not take a "
			  "%s "
			  "(\"The device at PCI address %s cannot be plugged into the PCI "
			  "controller "
			  "with index='%u'. It requires a controller that accepts a %s.\")",
			  what_of(d), text, bus, bus_model, need, text, bus, need);
		return;
	}
	if (slot < caps.min_slot)
		dl_report(ctx, R, dl_field_loc(ctx->doc, &a->slot),
			  "%s at guest PCI address %s uses slot %u of bus %u, a '%s', whose slots "
			  "start at %u (\"Invalid PCI address %s. slot must be >= %u\")",
			  what_of(d), text, slot, bus, bus_model, caps.min_slot, text,
			  caps.min_slot);
	else if (slot > caps.max_slot)
		dl_report(ctx, R, dl_field_loc(ctx->doc, &a->slot),
			  "%s at guest PCI address %s uses slot %u of bus %u, a '%s', whose slots "
			  "end at %u (\"Invalid PCI address %s. slot must be <= %u\")",
			  what_of(d), text, slot, bus, bus_model, caps.max_slot, text,
			  caps.max_slot);
}

/*
 * On q35 a pcie-root-port plugs only into pcie-root (or a pcie-expander-bus): slots 1 to 0x1e,
 * eight functions each, 0x1f being the ICH9's. More root ports than that cannot all be placed,
 * whatever else the domain holds (virDomainPCIAddressSetGrow: "none is available").
 */
#define Q35_ROOT_PORT_ROOM (0x1e * 8)

static void check_root_port_room(dl_ctx *ctx, const dl_model *m, const dl_machine *mach)
{
	if (mach->family != DL_MACHINE_Q35)
		return;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		if (d->kind == DL_DEV_CONTROLLER && dl_text_is(d->type, "pci") &&
		    dl_text_is(d->model, "pcie-expander-bus"))
			return; /* more room behind it */
	}
	size_t n = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		const dl_addr *a = &d->guest;
		if (d->kind != DL_DEV_CONTROLLER || !dl_text_is(d->type, "pci") ||
		    !dl_text_is(d->model, "pcie-root-port") || d->implicit)
			continue;
		bool on_root = !a->present || (dl_addr_is_pci(a) && dl_addr_is_valid_number(a) &&
					       a->bus.num.value == 0);
		if (on_root && ++n == Q35_ROOT_PORT_ROOM + 1) {
			dl_report(ctx, R, d->loc,
				  "more than %d pcie-root-ports on pcie-root: q35 has room for %d "
				  "(slots "
				  "0x01 to 0x1e, 8 functions each) (\"a PCI slot is needed to "
				  "connect a PCI "
				  "controller model='pcie-root-port', but none is available, and "
				  "it cannot be "
				  "automatically added\")",
				  Q35_ROOT_PORT_ROOM, Q35_ROOT_PORT_ROOM);
			return;
		}
	}
}

void dl_rule_pci_connect_incompatible(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	dl_machine mach = dl_machine_of(m);
	dl_pcitopo t;
	dl_pcitopo_build(m, &mach, &t);
	/* with no PCI bus at all libvirt says "No PCI buses available" instead */
	if (t.nbuses > 0) {
		unsigned int grown = mach.family == DL_MACHINE_Q35 ? q35_grown_root_ports(m, &t) :
								     0;
		for (size_t i = 0; i < m->ndevices; i++)
			if (!m->devices[i].implicit)
				check(ctx, &t, grown, &m->devices[i]);
	}
	check_root_port_room(ctx, m, &mach);
	dl_pcitopo_release(&t);
}
