/* modelbuild.c - builds the typed model of a domain that rules read: every device, as libvirt parses it */
#include "modelbuild.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "autoaddr.h"
#include "ccw.h"
#include "devorder.h"
#include "hostdev.h"
#include "text.h"
#include "xmalloc.h"

static void add_comment(dl_device *dev, size_t *cap, const xmlNode *c)
{
	xgrow((void **)&dev->comments, cap, dev->ncomments + 1, sizeof *dev->comments);
	dev->comments[dev->ncomments++] = c;
}

/* Comments inside the element, and the run of comments just before it (only blanks between). */
static void collect_comments(dl_device *dev, const xmlNode *node)
{
	size_t cap = 0;
	for (const xmlNode *p = node->prev; p; p = p->prev) {
		if (p->type == XML_COMMENT_NODE)
			add_comment(dev, &cap, p);
		else if (!dl_doc_is_blank(p))
			break;
	}
	for (const xmlNode *n = dl_doc_walk_next(node, node); n; n = dl_doc_walk_next(n, node))
		if (n->type == XML_COMMENT_NODE)
			add_comment(dev, &cap, n);
}

/* One field as libvirt prints it, or as written when it is no number; caller frees. */
static char *field_text(const dl_field *f, int width)
{
	if (f->num.status == DL_NUM_OK || f->num.status == DL_NUM_ABSENT)
		return xasprintf("%0*x", width, f->num.value);
	return xasprintf("'%s'", f->raw);
}

/* prefix and the address as libvirt prints it, an invalid field as written; caller frees. */
static char *addr_label(const char *prefix, const dl_addr *a)
{
	if (!a->present)
		return xasprintf("%s(no source address)", prefix);
	if (dl_addr_is_valid_number(a)) { /* the common case, without printf: it runs per device */
		size_t n = strlen(prefix);
		char *label = xmalloc(n + DL_PCI_TEXT_MAX);
		memcpy(label, prefix, n);
		dl_pci_format(label + n, a->domain.num.value, a->bus.num.value, a->slot.num.value,
			      a->function.num.value);
		return label;
	}
	char *d = field_text(&a->domain, 4), *b = field_text(&a->bus, 2),
	     *s = field_text(&a->slot, 2), *f = field_text(&a->function, 1);
	char *label = xasprintf("%s%s:%s:%s.%s", prefix, d, b, s, f);
	free(d);
	free(b);
	free(s);
	free(f);
	return label;
}

static char *device_label(dl_doc *doc, const dl_device *dev)
{
	const xmlNode *n = dev->node;
	if (dev->pci_hostdev) {
		return addr_label(dev->kind == DL_DEV_INTERFACE ? "interface hostdev " : "hostdev ",
				  &dev->source);
	}
	const char *id = NULL;
	if (dev->kind == DL_DEV_DISK)
		id = dl_doc_attr(doc, dl_doc_child(n, "target"), "dev");
	else if (dev->kind == DL_DEV_INTERFACE)
		id = dl_doc_attr(doc, dl_doc_child(n, "mac"), "address");
	else if (dev->kind == DL_DEV_CONTROLLER && dev->ctrl_idx >= 0)
		return xasprintf("controller %s.%ld", dev->type ? dev->type : "?", dev->ctrl_idx);
	else if (dev->kind == DL_DEV_CONTROLLER)
		id = dev->type;
	else if (dev->hostdev == DL_HOSTDEV_MDEV) {
		const char *uuid = dl_doc_attr(doc, dl_doc_child(dev->source_node, "address"),
					       "uuid");
		return xasprintf("hostdev mdev %s", uuid ? uuid : "(no uuid)");
	}
	return id ? xasprintf("%s %s", dev->element, id) : xstrdup(dev->element);
}

static const char *arch_from_machine(const char *machine)
{
	if (!machine)
		return NULL;
	if (strncmp(machine, "s390-ccw", 8) == 0)
		return "s390x";
	if (strcmp(machine, "pc") == 0 || strcmp(machine, "q35") == 0 ||
	    strncmp(machine, "pc-", 3) == 0)
		return "x86_64";
	if (strncmp(machine, "pseries", 7) == 0)
		return "ppc64";
	return NULL;
}

static const char *arch_from_emulator(const xmlNode *emulator)
{
	static const char *const known[] = { "s390x", "x86_64",  "i386",    "aarch64",
					     "ppc64", "ppc64le", "riscv64", "armv7l" };
	if (!emulator || !emulator->children || emulator->children->type != XML_TEXT_NODE)
		return NULL;
	const char *text = (const char *)emulator->children->content;
	const char *base = strrchr(text, '/');
	base = base ? base + 1 : text;
	if (strncmp(base, "qemu-system-", 12) != 0)
		return NULL;
	base += 12;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		size_t n = strlen(known[i]);
		if (strncmp(base, known[i], n) == 0 &&
		    strspn(base + n, " \t\r\n") == strlen(base + n))
			return strcmp(known[i], "i386") == 0 ? "i686" : known[i];
	}
	return NULL;
}

static void read_arch(dl_doc *doc, const xmlNode *root, dl_model *m)
{
	const xmlNode *type = dl_doc_child(dl_doc_child(root, "os"), "type");
	m->machine = dl_doc_attr(doc, type, "machine");
	if (m->machine)
		m->machine_loc = dl_doc_attr_loc(doc, type, "machine");
	m->arch = dl_doc_attr(doc, type, "arch");
	if (m->arch) {
		m->arch_loc = dl_doc_attr_loc(doc, type, "arch");
	} else if ((m->arch = arch_from_machine(m->machine))) {
		m->arch_loc = m->machine_loc;
	} else {
		const xmlNode *emulator = dl_doc_child(dl_doc_child(root, "devices"), "emulator");
		m->arch = arch_from_emulator(emulator);
		if (m->arch)
			m->arch_loc = dl_doc_elem_loc(doc, emulator);
	}
	m->s390x = m->arch && strcmp(m->arch, "s390x") == 0;
}

/* Element names of libvirt's devices (virDomainDefParseXML reads ./devices/NAME). */
static const struct {
	const char *name;
	dl_dev_kind kind;
} device_elements[] = {
	{ "disk", DL_DEV_DISK },
	{ "controller", DL_DEV_CONTROLLER },
	{ "lease", DL_DEV_LEASE },
	{ "filesystem", DL_DEV_FILESYSTEM },
	{ "interface", DL_DEV_INTERFACE },
	{ "input", DL_DEV_INPUT },
	{ "sound", DL_DEV_SOUND },
	{ "video", DL_DEV_VIDEO },
	{ "hostdev", DL_DEV_HOSTDEV },
	{ "watchdog", DL_DEV_WATCHDOG },
	{ "graphics", DL_DEV_GRAPHICS },
	{ "hub", DL_DEV_HUB },
	{ "redirdev", DL_DEV_REDIRDEV },
	{ "smartcard", DL_DEV_SMARTCARD },
	{ "serial", DL_DEV_SERIAL },
	{ "parallel", DL_DEV_PARALLEL },
	{ "channel", DL_DEV_CHANNEL },
	{ "console", DL_DEV_CONSOLE },
	{ "memballoon", DL_DEV_MEMBALLOON },
	{ "nvram", DL_DEV_NVRAM },
	{ "rng", DL_DEV_RNG },
	{ "shmem", DL_DEV_SHMEM },
	{ "tpm", DL_DEV_TPM },
	{ "panic", DL_DEV_PANIC },
	{ "memory", DL_DEV_MEMORY },
	{ "iommu", DL_DEV_IOMMU },
	{ "vsock", DL_DEV_VSOCK },
	{ "audio", DL_DEV_AUDIO },
	{ "crypto", DL_DEV_CRYPTO },
	{ "redirfilter", DL_DEV_REDIRFILTER },
};

dl_dev_kind dl_dev_kind_of(const char *element)
{
	for (size_t i = 0; i < sizeof device_elements / sizeof device_elements[0]; i++)
		if (element[0] == device_elements[i].name[0] &&
		    strcmp(element, device_elements[i].name) == 0)
			return device_elements[i].kind;
	return DL_DEV_OTHER;
}

static bool is_character_device(dl_dev_kind kind)
{
	/* qemuDomainDeviceSupportZPCI: every PCI device but chr ones */
	return kind == DL_DEV_SERIAL || kind == DL_DEV_PARALLEL || kind == DL_DEV_CHANNEL ||
	       kind == DL_DEV_CONSOLE;
}

static bool is_pci_controller(const dl_device *dev)
{
	return dev->kind == DL_DEV_CONTROLLER && dl_text_is(dev->type, "pci") &&
	       !dl_text_is(dev->model, "pci-root") && !dl_text_is(dev->model, "pcie-root");
}

static dl_device *new_device(dl_model *m, size_t *cap)
{
	xgrow((void **)&m->devices, cap, m->ndevices + 1, sizeof *m->devices);
	dl_device *dev = &m->devices[m->ndevices];
	memset(dev, 0, sizeof *dev);
	dev->index = m->ndevices++;
	dev->ctrl_idx = -1;
	return dev;
}

/* libvirt's disk bus when <target bus> is absent (virDomainDiskDefPostParse). */
static const char *default_disk_bus(const char *device, const char *dev)
{
	if (dl_text_is(device, "floppy"))
		return "fdc";
	static const char *const prefix[][2] = { { "hd", "ide" },
						 { "sd", "scsi" },
						 { "vd", "virtio" },
						 { "xvd", "xen" },
						 { "ubd", "uml" } };
	for (size_t i = 0; dev && i < sizeof prefix / sizeof prefix[0]; i++)
		if (strncmp(dev, prefix[i][0], strlen(prefix[i][0])) == 0)
			return prefix[i][1];
	return "ide";
}

static void read_disk(dl_doc *doc, dl_device *dev)
{
	dev->target_node = dl_doc_child(dev->node, "target");
	static const char *const names[] = { "dev", "bus" };
	const char *v[2];
	dl_doc_attrs(doc, dev->target_node, names, v, 2);
	dev->disk_dev = v[0];
	dev->disk_bus_given = v[1];
	dev->disk_device = dl_doc_attr(doc, dev->node, "device");
	dev->disk_bus = v[1] ? v[1] : default_disk_bus(dev->disk_device, v[0]);
	/* virDomainDiskSourceNVMeParse: a host PCI address, read like a hostdev's */
	const xmlNode *source = dl_doc_child(dev->node, "source");
	if (dl_text_is(dev->type, "nvme") && dl_text_is(dl_doc_attr(doc, source, "type"), "pci"))
		dl_addr_read(doc, dl_doc_child(source, "address"), DL_ADDR_PCI, &dev->source);
}

/* strtol reads "-0" (and "-00") as 0, which virXMLPropInt's non-negative check lets through. */
static bool is_minus_zero(const char *raw)
{
	if (!raw)
		return false;
	raw += strspn(raw, " \t\n\v\f\r");
	if (*raw != '-')
		return false;
	dl_num n = dl_num_parse_base(raw + 1, 10, false);
	return n.status == DL_NUM_OK && n.value == 0 && raw[1] != ' ' && raw[1] != '+';
}

static void read_controller(dl_doc *doc, dl_device *dev)
{
	dev->ctrl_index.raw = dl_doc_attr(doc, dev->node, "index");
	dev->ctrl_index.node = dev->node;
	dev->ctrl_index.name = "index";
	dev->ctrl_index.base = 10;
	dev->ctrl_index.num = dl_num_parse_base(dev->ctrl_index.raw, 10, false);
	if (dev->ctrl_index.num.status == DL_NUM_OK && dev->ctrl_index.num.value <= INT32_MAX)
		dev->ctrl_idx = (long)dev->ctrl_index.num.value;
	else if (is_minus_zero(dev->ctrl_index.raw))
		dev->ctrl_idx = 0;
	dev->target_node = dl_doc_child(dev->node, "target");
	if (dl_text_is(dev->type, "usb") && dl_text_is(dev->model, "none"))
		dev->address_ignored = true;
}

static dl_hostdev_kind hostdev_kind(dl_doc *doc, const dl_device *dev)
{
	const char *mode = dl_doc_attr(doc, dev->node, "mode");
	if (dl_text_is(mode, "capabilities"))
		return DL_HOSTDEV_CAPS;
	if (mode && !dl_text_is(mode, "subsystem"))
		return DL_HOSTDEV_OTHER;
	return dl_hostdev_kind_of(dev->type);
}

static void read_hostdev(dl_doc *doc, dl_device *dev)
{
	const xmlNode *source = dl_doc_child(dev->node, "source");
	const xmlNode *src_addr = dl_doc_child(source, "address");
	dev->source_node = source;
	if (dev->kind == DL_DEV_HOSTDEV) {
		dev->hostdev = hostdev_kind(doc, dev);
	} else {
		/* <interface type='hostdev'>: its source address type says, a <vendor> means usb */
		dev->hostdev = dl_hostdev_kind_of(dl_hostdev_subsys_type(doc, dev));
	}
	dev->pci_hostdev = dev->hostdev == DL_HOSTDEV_PCI;
	if (dev->hostdev == DL_HOSTDEV_PCI)
		dl_addr_read(doc, src_addr, DL_ADDR_PCI, &dev->source);
	else if (dev->hostdev == DL_HOSTDEV_SCSI && !dl_doc_attr(doc, source, "protocol"))
		dl_addr_read(doc, src_addr, DL_ADDR_SCSI_SOURCE, &dev->source);
	else if (dev->hostdev == DL_HOSTDEV_USB) {
		dl_addr_read(doc, src_addr, DL_ADDR_USB_SOURCE, &dev->source);
		dl_field_read(doc, dl_doc_child(source, "vendor"), "id", 0, &dev->usb_vendor);
		dl_field_read(doc, dl_doc_child(source, "product"), "id", 0, &dev->usb_product);
	}
	dev->managed = dl_doc_attr(doc, dev->node, "managed");
	dev->managed_state = !dev->managed                    ? DL_MANAGED_ABSENT :
			     strcmp(dev->managed, "yes") == 0 ? DL_MANAGED_YES :
			     strcmp(dev->managed, "no") == 0  ? DL_MANAGED_NO :
								DL_MANAGED_INVALID;
	if (dev->pci_hostdev)
		collect_comments(dev, dev->node);
}

static void read_device(dl_doc *doc, dl_model *m, size_t *cap, const xmlNode *c)
{
	dl_dev_kind kind = dl_dev_kind_of((const char *)c->name);
	if (kind == DL_DEV_OTHER)
		return;
	dl_device *dev = new_device(m, cap);
	dev->kind = kind;
	dev->element = (const char *)c->name;
	dev->node = c;
	dev->loc = dl_doc_elem_loc(doc, c);
	static const char *const names[] = { "type", "model" };
	const char *v[2];
	dl_doc_attrs(doc, c, names, v, 2);
	dev->type = v[0];
	const xmlNode *model = dl_doc_child(c, "model");
	dev->model = v[1] ? v[1] : dl_doc_attr(doc, model, "type");
	dev->has_boot = dl_doc_child(c, "boot") != NULL;
	dl_addr_read(doc, dl_doc_child(c, "address"), DL_ADDR_NONE, &dev->guest);

	switch (kind) {
	case DL_DEV_DISK:
		read_disk(doc, dev);
		break;
	case DL_DEV_CONTROLLER:
		read_controller(doc, dev);
		break;
	case DL_DEV_SERIAL:
	case DL_DEV_PARALLEL:
	case DL_DEV_CHANNEL:
	case DL_DEV_CONSOLE:
		dev->target_node = dl_doc_child(c, "target");
		dev->target_type = dl_doc_attr(doc, dev->target_node, "type");
		/* a virtio channel always sits on a virtio-serial port: libvirt replaces any other address */
		if (kind == DL_DEV_CHANNEL && dl_text_is(dev->target_type, "virtio") &&
		    dev->guest.present && dev->guest.kind != DL_ADDR_VIRTIO_SERIAL &&
		    dev->guest.kind != DL_ADDR_NO_TYPE && dev->guest.kind != DL_ADDR_UNKNOWN)
			dev->address_ignored = true;
		break;
	case DL_DEV_VIDEO:
		dev->primary = dl_text_is(dl_doc_attr(doc, model, "primary"), "yes");
		break;
	case DL_DEV_HOSTDEV:
		read_hostdev(doc, dev);
		/* a vfio-ap matrix has no address: virDomainHostdevDefPostParse drops any given */
		dev->address_ignored = dev->hostdev == DL_HOSTDEV_MDEV &&
				       dl_text_is(dev->model, "vfio-ap") && dev->guest.present &&
				       dev->guest.kind != DL_ADDR_NO_TYPE &&
				       dev->guest.kind != DL_ADDR_UNKNOWN;
		break;
	case DL_DEV_INTERFACE:
		if (dl_text_is(dev->type, "hostdev"))
			read_hostdev(doc, dev);
		break;
	case DL_DEV_MEMBALLOON:
		dev->address_ignored = dl_text_is(dev->model, "none");
		break;
	case DL_DEV_HUB:
		/* qemuDomainAssignUSBHubs gives a USB hub without a USB address a USB port */
		dev->address_ignored = dl_text_is(dev->type, "usb") && dev->guest.present &&
				       dev->guest.kind != DL_ADDR_USB &&
				       dev->guest.kind != DL_ADDR_NO_TYPE &&
				       dev->guest.kind != DL_ADDR_UNKNOWN;
		break;
	default:
		break;
	}
	bool guest_pci = dl_addr_is_pci(&dev->guest) && !dev->address_ignored;
	bool auto_pci = !dev->guest.present && (dev->pci_hostdev || is_pci_controller(dev) ||
						(m->s390x && dl_autoaddr_s390_is_pci(dev)));
	dev->pci = guest_pci || auto_pci || (dev->pci_hostdev && !dev->address_ignored) ||
		   (dev->guest.has_zpci && !dev->address_ignored);
	dev->zpci_capable = !is_character_device(kind) && (guest_pci || auto_pci);
	dev->label = dev->pci ? device_label(doc, dev) : NULL;
}

/* Is the domain's OS type hvm (the console compatibility applies only there)? */
static bool os_is_hvm(const xmlNode *root)
{
	const xmlNode *type = dl_doc_child(dl_doc_child(root, "os"), "type");
	const xmlNode *text = type ? type->children : NULL;
	if (!text || text->type != XML_TEXT_NODE || !text->content)
		return false;
	const char *s = (const char *)text->content;
	s += strspn(s, " \t\r\n");
	return strncmp(s, "hvm", 3) == 0 && strspn(s + 3, " \t\r\n") == strlen(s + 3);
}

/*
 * virDomainDefAddConsoleCompat: the first <console> of target type serial (or none) is
 * serial 0. With a <serial> in the file, that serial is the device and the console's own
 * address is never used; without one, the console becomes serial 0, address and all.
 */
static void apply_console_compat(dl_model *m, const xmlNode *root)
{
	const dl_device *serial = dl_model_first(m, DL_DEV_SERIAL);
	dl_device *console = (dl_device *)dl_model_first(m, DL_DEV_CONSOLE);
	if (!console || !os_is_hvm(root))
		return;
	if (console->target_type && !dl_text_is(console->target_type, "serial"))
		return;
	console->serial_alias = true;
	if (serial && console->guest.present) {
		console->address_ignored = true;
		console->pci =
			false; /* it is the serial's device: no address, note or zPCI of its own */
		free(console->label);
		console->label = NULL;
	}
}

/*
 * A guest address on bus N makes libvirt add pci-bridge controllers for every missing
 * index up to N (virDomainPCIAddressSetGrow); on s390x they get zPCI ids at start.
 */
static void add_implicit_controllers(dl_doc *doc, dl_model *m, size_t *cap)
{
	bool have[DL_PCI_BUS_MAX + 1] = { false };
	unsigned int max_bus = 0;
	dl_loc where = { 0, 0 };
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		if (dev->kind == DL_DEV_CONTROLLER && dl_text_is(dev->type, "pci") &&
		    dev->ctrl_idx >= 0 && dev->ctrl_idx <= (long)DL_PCI_BUS_MAX)
			have[dev->ctrl_idx] = true;
	}
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		const dl_addr *a = &dev->guest;
		if (!dev->pci || !dl_addr_is_pci(a) || dev->address_ignored ||
		    !dl_addr_is_valid_number(a) || a->bus.num.status != DL_NUM_OK ||
		    a->bus.num.value > DL_PCI_BUS_MAX)
			continue;
		if (a->bus.num.value > max_bus) {
			max_bus = a->bus.num.value;
			where = dl_field_loc(doc, &a->bus);
		}
	}
	for (unsigned int bus = 1; bus <= max_bus; bus++) {
		if (have[bus])
			continue;
		dl_device *dev = new_device(m, cap);
		dev->kind = DL_DEV_CONTROLLER;
		dev->element = "controller";
		dev->type = "pci";
		dev->model = "pci-bridge";
		dev->ctrl_idx = bus;
		dev->loc = where;
		dev->implicit = true;
		dev->pci = true;
		dev->zpci_capable = true;
		dev->label = xasprintf("controller pci.%u", bus);
	}
}

/* An implicit device of kind, labelled as libvirt writes it; it has no node of its own. */
static dl_device *add_implicit(dl_model *m, size_t *cap, dl_dev_kind kind, const char *element,
			       const char *type, const char *model)
{
	dl_device *dev = new_device(m, cap);
	dev->kind = kind;
	dev->element = element;
	dev->type = type;
	dev->model = model;
	dev->implicit = true;
	dev->label = xstrdup(element);
	return dev;
}

/*
 * The devices libvirt adds on s390x that take a CCW address: a virtio memballoon when the
 * file has no <memballoon> (qemuDomainDefAddDefaultDevices), and virtio-serial controller 0
 * for virtio channels and consoles when the file has none
 * (virDomainDefMaybeAddVirtioSerialController). They take their devnos in libvirt's order.
 */
static void add_implicit_ccw_devices(dl_model *m, size_t *cap)
{
	bool balloon = false, vserial = false, wants_vserial = false;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		balloon |= d->kind == DL_DEV_MEMBALLOON;
		vserial |= d->kind == DL_DEV_CONTROLLER && dl_text_is(d->type, "virtio-serial");
		wants_vserial |= (d->kind == DL_DEV_CHANNEL || d->kind == DL_DEV_CONSOLE) &&
				 dl_text_is(d->target_type, "virtio");
	}
	if (!balloon)
		add_implicit(m, cap, DL_DEV_MEMBALLOON, "memballoon", NULL, "virtio");
	if (wants_vserial && !vserial) {
		dl_device *c = add_implicit(m, cap, DL_DEV_CONTROLLER, "controller",
					    "virtio-serial", NULL);
		c->ctrl_idx = 0;
	}
}

dl_model *dl_model_build(dl_doc *doc, const xmlNode *root)
{
	dl_model *m = xcalloc(1, sizeof *m);
	size_t cap = 0;
	read_arch(doc, root, m);
	const xmlNode *devices = dl_doc_child(root, "devices");
	for (const xmlNode *c = devices ? devices->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !c->ns)
			read_device(doc, m, &cap, c);
	apply_console_compat(m, root);
	if (m->s390x) {
		add_implicit_controllers(doc, m, &cap);
		add_implicit_ccw_devices(m, &cap);
	}
	dl_devorder_apply(m);
	dl_ccw_predict(doc, m);
	for (size_t i = 0; i < m->ndevices; i++)
		if ((m->devices[i].ccw || m->devices[i].hostdev == DL_HOSTDEV_MDEV) &&
		    !m->devices[i].label)
			m->devices[i].label = device_label(doc, &m->devices[i]);
	return m;
}
