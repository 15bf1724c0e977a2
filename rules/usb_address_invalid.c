/* usb_address_invalid.c - USB addresses libvirt rejects: no such bus, port or hub, a port used twice, a bad port path */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/machine.h"
#include "../src/rule.h"
#include "../src/text.h"
#include "../src/u64map.h"
#include "../src/usbaddr.h"
#include "../src/xmalloc.h"

/* A USB controller's root hub or a <hub>: its ports, and what holds each. */
typedef struct usb_hub {
	unsigned int nports;
	const dl_device **holder; /* the device reserved at each port; NULL when free */
	size_t *child;            /* 1 + the hub plugged into each port; 0 when none */
} usb_hub;

typedef struct usb_set {
	usb_hub *hubs;
	size_t n;
	dl_u64map buses; /* controller index -> hub */
} usb_set;

/* A device with a USB address, in the order libvirt reserves it. */
typedef struct usb_dev {
	const dl_device *dev;
	int category;
	unsigned long key;
	unsigned int bus;
	unsigned int port[DL_USB_MAX_PORT_DEPTH];
} usb_dev;

static size_t hub_new(usb_set *s, unsigned int nports)
{
	usb_hub *h = &s->hubs[s->n];
	h->nports = nports;
	h->holder = xcalloc(nports + 1, sizeof *h->holder);
	h->child = xcalloc(nports + 1, sizeof *h->child);
	return s->n++;
}

/*
 * virDomainUSBAddressControllerModelToPorts, with the model QEMU picks when none is given
 * (qemuDomainControllerDefPostParse). -1 when domlint cannot tell.
 */
static long controller_ports(dl_ctx *ctx, const dl_model *m, const dl_device *c)
{
	const char *model = c->model;
	if (!model) {
		if (dl_text_is(m->arch, "x86_64") || dl_text_is(m->arch, "i686"))
			model = "piix3-uhci";
		else if (dl_text_is(m->arch, "ppc64") || dl_text_is(m->arch, "ppc64le") ||
			 dl_text_is(m->arch, "aarch64"))
			model = "qemu-xhci";
		else
			return -1;
	}
	static const struct {
		const char *model;
		long ports; /* -1: the ports attribute, default 4 */
	} models[] = {
		{ "piix3-uhci", 2 }, { "piix4-uhci", 2 }, { "vt82c686b-uhci", 2 },
		{ "ehci", 6 },       { "ich9-ehci1", 6 }, { "ich9-uhci1", 0 },
		{ "ich9-uhci2", 0 }, { "ich9-uhci3", 0 }, { "pci-ohci", 3 },
		{ "nec-xhci", -1 },  { "qemu-xhci", -1 },
	};
	for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
		if (!dl_text_is(model, models[i].model))
			continue;
		if (models[i].ports >= 0)
			return models[i].ports;
		const char *ports = dl_doc_attr(ctx->doc, c->node, "ports");
		if (!ports)
			return 4;
		dl_num n = dl_num_parse_base(ports, 10, false);
		return n.status == DL_NUM_OK && n.value >= 1 && n.value <= 15 ? (long)n.value : -1;
	}
	return -1; /* none (USB disabled), qusb, or a model libvirt rejects: other checks */
}

/* The controller libvirt adds at index 0 when there is none (qemuDomainDefAddDefaultDevices). */
static long default_ports(const dl_model *m)
{
	dl_machine mach = dl_machine_of(m);
	if (mach.x86) {
		if (dl_text_is(m->machine, "isapc"))
			return 0;
		/* qemu-xhci on q35; pc's controller gets the default model, piix3-uhci */
		return mach.family == DL_MACHINE_Q35                   ? 4 :
		       mach.family == DL_MACHINE_I440FX || !m->machine ? 2 :
									 -1;
	}
	if (dl_text_is(m->arch, "ppc64") || dl_text_is(m->arch, "ppc64le"))
		return 4; /* qemu-xhci for a new domain */
	if (dl_text_is(m->arch, "s390x") || dl_text_is(m->arch, "s390") ||
	    dl_text_is(m->arch, "aarch64") || dl_text_is(m->arch, "armv7l") ||
	    dl_text_is(m->arch, "riscv64"))
		return 0;
	return -1;
}

/* The buses: one root hub per USB controller. False when domlint cannot model them. */
static bool add_controllers(dl_ctx *ctx, const dl_model *m, usb_set *s)
{
	bool have0 = false;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *c = &m->devices[i];
		if (c->kind != DL_DEV_CONTROLLER || !dl_text_is(c->type, "usb"))
			continue;
		long ports = controller_ports(ctx, m, c);
		if (c->ctrl_idx < 0 || ports < 0)
			return false;
		have0 |= c->ctrl_idx == 0;
		if (ports == 0) /* ich9 companions: their EHCI master holds the bus */
			continue;
		if (dl_u64map_get(&s->buses, (uint64_t)c->ctrl_idx))
			return false; /* "Duplicate USB controllers with index": another rule */
		dl_u64map_add(&s->buses, (uint64_t)c->ctrl_idx, hub_new(s, (unsigned int)ports));
	}
	if (!have0) {
		long ports = default_ports(m);
		if (ports < 0)
			return false;
		if (ports > 0)
			dl_u64map_add(&s->buses, 0, hub_new(s, (unsigned int)ports));
	}
	return true;
}

static void port_string(const unsigned int port[DL_USB_MAX_PORT_DEPTH], char *buf, size_t len)
{
	buf[0] = '\0';
	size_t off = 0;
	for (size_t i = 0; i < DL_USB_MAX_PORT_DEPTH && port[i] && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%u", i ? "." : "", port[i]);
}

static dl_loc port_loc(dl_ctx *ctx, const dl_device *dev)
{
	return dl_doc_attr(ctx->doc, dev->guest.node, "port") ?
		       dl_doc_attr_loc(ctx->doc, dev->guest.node, "port") :
		       dev->guest.loc;
}

/*
 * virDomainUSBAddressFindPort: the hub and port index u's path ends at, or NULL after
 * reporting why there is none.
 */
static usb_hub *find_port(dl_ctx *ctx, usb_set *s, const usb_dev *u, unsigned int *target)
{
	char ps[64];
	port_string(u->port, ps, sizeof ps);
	const size_t *root = dl_u64map_get(&s->buses, u->bus);
	if (!root) {
		dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID,
			  dl_field_loc(ctx->doc, &u->dev->guest.usb.bus),
			  "USB bus %u has no USB controller of that index (\"Missing USB bus %u\")",
			  u->bus, u->bus);
		return NULL;
	}
	usb_hub *hub = &s->hubs[*root];
	size_t last = DL_USB_MAX_PORT_DEPTH - 1;
	while (last > 0 && u->port[last] == 0)
		last--;
	for (size_t i = 0; i < last; i++) {
		unsigned int p = u->port[i];
		if (p == 0 || p > hub->nports) {
			dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID, port_loc(ctx, u->dev),
				  "USB port path '%s' goes through port %u, which its %s does not "
				  "have "
				  "(\"port %u out of range in USB address bus: %u port: %s\")",
				  u->dev->guest.usb_port, p, i ? "hub" : "controller", p, u->bus,
				  ps);
			return NULL;
		}
		if (!hub->child[p - 1]) {
			dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID, port_loc(ctx, u->dev),
				  "USB port path '%s' goes through port %u, where there is no hub "
				  "(\"there is no hub at port %u in USB address bus: %u port: "
				  "%s\")",
				  u->dev->guest.usb_port, p, p, u->bus, ps);
			return NULL;
		}
		hub = &s->hubs[hub->child[p - 1] - 1];
	}
	unsigned int p = u->port[last];
	if (p == 0 || p > hub->nports) {
		dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID, port_loc(ctx, u->dev),
			  "USB port '%s' does not exist: its %s has %u ports "
			  "(\"requested USB port %s not present on USB bus %u\")",
			  ps, last ? "hub" : "controller", hub->nports, ps, u->bus);
		return NULL;
	}
	*target = p - 1;
	return hub;
}

/* Reads dev's USB address into u; false when it has none libvirt would use or it does not parse. */
static bool read_usb(dl_ctx *ctx, const dl_device *dev, usb_dev *u)
{
	const dl_addr *g = &dev->guest;
	if (g->kind != DL_ADDR_USB || dev->address_ignored)
		return false;
	if (!dl_usb_port_parse(g->usb_port, u->port)) {
		dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID, port_loc(ctx, dev),
			  "USB port '%s' is not a port path libvirt reads: one to four numbers "
			  "joined by dots "
			  "(\"Cannot parse <address> 'port' attribute\")",
			  g->usb_port);
		return false;
	}
	if (g->usb.bus.num.status != DL_NUM_OK && g->usb.bus.num.status != DL_NUM_ABSENT)
		return false;
	u->dev = dev;
	u->bus = (unsigned int)dl_field_value(&g->usb.bus, 0);
	return true;
}

/* The order of virDomainUSBDeviceDefForeach: hostdevs, disks, ccid, inputs, serials, sounds, redirdevs. */
static int category(const dl_device *dev)
{
	static const dl_dev_kind order[] = { DL_DEV_HUB,        DL_DEV_HOSTDEV, DL_DEV_DISK,
					     DL_DEV_CONTROLLER, DL_DEV_INPUT,   DL_DEV_SERIAL,
					     DL_DEV_SOUND,      DL_DEV_REDIRDEV };
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (order[i] == dev->kind)
			return (int)i;
	return -1;
}

static int cmp_usb_dev(const void *p, const void *q)
{
	const usb_dev *x = p, *y = q;
	if (x->category != y->category)
		return x->category - y->category;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* virDomainUSBAddressSetAddHub: a hub with a port takes it and brings 8 ports of its own. */
static void add_hub(dl_ctx *ctx, usb_set *s, const usb_dev *u)
{
	unsigned int t;
	usb_hub *h = find_port(ctx, s, u, &t);
	if (!h)
		return;
	size_t hi = (size_t)(h - s->hubs);
	if (h->child[t]) {
		char ps[64];
		port_string(u->port, ps, sizeof ps);
		dl_diag *d = dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID, port_loc(ctx, u->dev),
				       "two USB hubs at bus %u port %s (\"Duplicate USB hub on bus "
				       "%u port %s\")",
				       u->bus, ps, u->bus, ps);
		dl_diag_relate(d, h->holder[t]->guest.loc, "the other hub is here");
		return;
	}
	size_t n = hub_new(s, 8); /* VIR_DOMAIN_USB_HUB_PORTS */
	s->hubs[hi].holder[t] = u->dev;
	s->hubs[hi].child[t] = n + 1;
}

/* virDomainUSBAddressReserve */
static void reserve(dl_ctx *ctx, usb_set *s, const usb_dev *u)
{
	unsigned int t;
	usb_hub *h = find_port(ctx, s, u, &t);
	if (!h)
		return;
	if (h->holder[t]) {
		char ps[64];
		port_string(u->port, ps, sizeof ps);
		dl_diag *d = dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID, port_loc(ctx, u->dev),
				       "USB bus %u port %s is already taken by the %s (\"Duplicate "
				       "USB address bus %u port %s\")",
				       u->bus, ps, h->holder[t]->element, u->bus, ps);
		dl_diag_relate(d, h->holder[t]->guest.loc, "the %s at that port",
			       h->holder[t]->element);
		return;
	}
	h->holder[t] = u->dev;
}

void dl_rule_usb_address_invalid(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	if (!m->arch)
		return;
	usb_set s = { .hubs = xcalloc(m->ndevices + 2, sizeof *s.hubs) };
	dl_u64map_init(&s.buses);
	usb_dev *v = xcalloc(m->ndevices + 1, sizeof *v);
	size_t n = 0;
	if (!add_controllers(ctx, m, &s))
		goto out;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		if (dev->implicit || !dl_usb_device(ctx->doc, m, dev) || !read_usb(ctx, dev, &v[n]))
			continue;
		v[n].category = category(dev);
		/* disks and controllers in libvirt's sorted order, the rest as in the file */
		v[n].key = dev->kind == DL_DEV_DISK || dev->kind == DL_DEV_CONTROLLER ?
				   dev->order_key :
				   i;
		n++;
	}
	qsort(v, n, sizeof *v, cmp_usb_dev);
	/* Hubs with a port first (virDomainUSBAddressSetAddControllers), then the rest reserve theirs. */
	for (size_t i = 0; i < n; i++) {
		if (!v[i].port[0])
			continue;
		if (v[i].dev->kind == DL_DEV_HUB)
			add_hub(ctx, &s, &v[i]);
		else
			reserve(ctx, &s, &v[i]);
	}
	/* A bus without a port: libvirt picks the port, on that bus (virDomainUSBAddressAssign). */
	for (size_t i = 0; i < n; i++)
		if (!v[i].port[0] && !dl_u64map_get(&s.buses, v[i].bus))
			dl_report(ctx, DL_RULE_USB_ADDRESS_INVALID,
				  dl_field_loc(ctx->doc, &v[i].dev->guest.usb.bus),
				  "USB bus %u has no USB controller of that index "
				  "(\"USB bus %u requested but no controller with that index is "
				  "present\")",
				  v[i].bus, v[i].bus);
out:
	for (size_t i = 0; i < s.n; i++) {
		free(s.hubs[i].holder);
		free(s.hubs[i].child);
	}
	free(s.hubs);
	dl_u64map_release(&s.buses);
	free(v);
}
