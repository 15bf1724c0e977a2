/* model.c - builds the small model of a domain that rules read, from the parsed document */
#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "u64map.h"
#include "xmalloc.h"
#include "zpci.h"

/* libvirt's device iteration order (virDomainDeviceInfoIterateFlags), by element name. */
static const char *const iteration_order[] = {
	"disk",	      "interface", "sound",	"hostdev", "video",  "controller", "smartcard",
	"serial",     "parallel",  "channel",	"console", "input",  "filesystem", "watchdog",
	"memballoon", "rng",	   "nvram",	"hub",	   "shmem",  "tpm",	   "panic",
	"memory",     "redirdev",  "iommu",	"vsock",   "crypto",
};
#define ORDER_COUNT (int)(sizeof iteration_order / sizeof iteration_order[0])

static int order_class_of(const char *element)
{
	for (int i = 0; i < ORDER_COUNT; i++)
		if (strcmp(iteration_order[i], element) == 0)
			return i;
	return ORDER_COUNT;
}

static bool is_character_device(const char *element)
{
	/* qemuDomainDeviceSupportZPCI: every PCI device but chr ones */
	return strcmp(element, "serial") == 0 || strcmp(element, "parallel") == 0 ||
	       strcmp(element, "channel") == 0 || strcmp(element, "console") == 0;
}

static void field_set(const xmlNode *node, const char *name, const char *raw, dl_field *f)
{
	f->raw = raw;
	f->node = node;
	f->name = name;
	f->num = dl_num_parse(raw);
}

dl_loc dl_field_loc(const dl_doc *doc, const dl_field *f)
{
	return dl_doc_attr_loc(doc, f->node, f->name);
}

static void addr_read(dl_doc *doc, const xmlNode *node, dl_addr *a)
{
	memset(a, 0, sizeof *a);
	if (!node)
		return;
	a->present = true;
	a->node = node;
	static const char *const names[] = { "domain", "bus", "slot", "function", "type",
					     "multifunction" };
	const char *v[6];
	dl_doc_attrs(doc, node, names, v, 6);
	a->loc = dl_doc_elem_loc(doc, node);
	field_set(node, names[0], v[0], &a->domain);
	field_set(node, names[1], v[1], &a->bus);
	field_set(node, names[2], v[2], &a->slot);
	field_set(node, names[3], v[3], &a->function);
	a->type = v[4];
	a->multifunction = v[5];
	const xmlNode *zpci = dl_doc_child(node, "zpci");
	if (zpci) {
		static const char *const ids[] = { "uid", "fid" };
		const char *z[2];
		dl_doc_attrs(doc, zpci, ids, z, 2);
		a->has_zpci = true;
		a->zpci_node = zpci;
		a->zpci_loc = dl_doc_elem_loc(doc, zpci);
		field_set(zpci, ids[0], z[0], &a->uid);
		field_set(zpci, ids[1], z[1], &a->fid);
	}
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

static size_t pci_fields(const dl_addr *a, const char *side, dl_field_ref *out)
{
	static const char *const what[2][4] = {
		{ "host PCI domain", "host PCI bus", "host PCI slot", "host PCI function" },
		{ "guest PCI domain", "guest PCI bus", "guest PCI slot", "guest PCI function" },
	};
	int g = side[0] == 'g';
	out[0] = (dl_field_ref){ &a->domain, what[g][0], a, 0, UINT32_MAX, "<= 0xffffffff" };
	out[1] = (dl_field_ref){ &a->bus, what[g][1], a, 0, DL_PCI_BUS_MAX, "<= 0xff" };
	out[2] = (dl_field_ref){ &a->slot, what[g][2], a, 0, DL_PCI_SLOT_MAX, "<= 0x1f" };
	out[3] = (dl_field_ref){ &a->function, what[g][3], a, 0, DL_PCI_FUNCTION_MAX, "<= 7" };
	return 4;
}

size_t dl_device_fields(const dl_device *dev, dl_field_ref out[DL_DEVICE_MAX_FIELDS])
{
	size_t n = 0;
	const dl_addr *g = &dev->guest;
	if (dev->source.present)
		n += pci_fields(&dev->source, "host", out + n);
	if (g->present)
		n += pci_fields(g, "guest", out + n);
	if (g->has_zpci) {
		out[n++] = (dl_field_ref){ &g->uid, "zpci uid", g, DL_ZPCI_UID_MIN, DL_ZPCI_UID_MAX,
					   "0x0001 to 0xffff" };
		out[n++] = (dl_field_ref){ &g->fid, "zpci fid", g, 0, UINT32_MAX, "<= 0xffffffff" };
	}
	return n;
}

bool dl_addr_in_range(const dl_addr *a)
{
	return dl_addr_is_valid_number(a) && a->bus.num.value <= DL_PCI_BUS_MAX &&
	       a->slot.num.value <= DL_PCI_SLOT_MAX && a->function.num.value <= DL_PCI_FUNCTION_MAX;
}

bool dl_device_is_zpci(const dl_model *model, const dl_device *dev)
{
	return dev->guest.has_zpci || (model->s390x && dev->zpci_capable);
}

static bool attr_is(dl_doc *doc, const xmlNode *node, const char *name, const char *value)
{
	const char *v = dl_doc_attr(doc, node, name);
	return v && strcmp(v, value) == 0;
}

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
	char *d = field_text(&a->domain, 4), *b = field_text(&a->bus, 2), *s = field_text(&a->slot, 2),
	     *f = field_text(&a->function, 1);
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
	else if (dev->kind == DL_DEV_CONTROLLER) {
		const char *type = dl_doc_attr(doc, n, "type");
		const char *index = dl_doc_attr(doc, n, "index");
		dl_num i = dl_num_parse(index);
		if (i.status == DL_NUM_OK)
			return xasprintf("controller %s.%u", type ? type : "?", i.value);
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
	static const char *const known[] = { "s390x", "x86_64", "i386", "aarch64", "ppc64",
					     "ppc64le", "riscv64", "armv7l" };
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
		if (strncmp(base, known[i], n) == 0 && strspn(base + n, " \t\r\n") == strlen(base + n))
			return strcmp(known[i], "i386") == 0 ? "i686" : known[i];
	}
	return NULL;
}

static void read_arch(dl_doc *doc, const xmlNode *root, dl_model *m)
{
	const xmlNode *type = dl_doc_child(dl_doc_child(root, "os"), "type");
	m->arch = dl_doc_attr(doc, type, "arch");
	if (m->arch) {
		m->arch_loc = dl_doc_attr_loc(doc, type, "arch");
	} else if ((m->arch = arch_from_machine(dl_doc_attr(doc, type, "machine")))) {
		m->arch_loc = dl_doc_attr_loc(doc, type, "machine");
	} else {
		const xmlNode *emulator = dl_doc_child(dl_doc_child(root, "devices"), "emulator");
		m->arch = arch_from_emulator(emulator);
		if (m->arch)
			m->arch_loc = dl_doc_elem_loc(doc, emulator);
	}
	m->s390x = m->arch && strcmp(m->arch, "s390x") == 0;
}

/* libvirt keeps controllers grouped by type (in order of first appearance), sorted by index. */
typedef struct type_ranks {
	const char **types;
	size_t n, cap;
} type_ranks;

static unsigned long rank_of(type_ranks *r, const char *type)
{
	if (!type)
		type = "";
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->types[i], type) == 0)
			return i;
	xgrow((void **)&r->types, &r->cap, r->n + 1, sizeof *r->types);
	r->types[r->n] = type;
	return r->n++;
}

static bool is_pci_controller(dl_doc *doc, const xmlNode *c)
{
	if (!dl_doc_is(c, "controller") || !attr_is(doc, c, "type", "pci"))
		return false;
	const char *model = dl_doc_attr(doc, c, "model");
	return !model || (strcmp(model, "pci-root") != 0 && strcmp(model, "pcie-root") != 0);
}

static dl_device *new_device(dl_model *m, size_t *cap)
{
	xgrow((void **)&m->devices, cap, m->ndevices + 1, sizeof *m->devices);
	dl_device *dev = &m->devices[m->ndevices];
	memset(dev, 0, sizeof *dev);
	dev->index = m->ndevices++;
	return dev;
}

static bool is_pci_hostdev(dl_doc *doc, const xmlNode *c, dl_dev_kind kind)
{
	if (kind == DL_DEV_HOSTDEV) {
		const char *mode = dl_doc_attr(doc, c, "mode");
		return (!mode || strcmp(mode, "subsystem") == 0) && attr_is(doc, c, "type", "pci");
	}
	if (kind != DL_DEV_INTERFACE || !attr_is(doc, c, "type", "hostdev"))
		return false;
	const char *type = dl_doc_attr(doc, dl_doc_child(dl_doc_child(c, "source"), "address"), "type");
	return !type || strcmp(type, "pci") == 0;
}

static dl_dev_kind kind_of(const xmlNode *c)
{
	if (dl_doc_is(c, "hostdev"))
		return DL_DEV_HOSTDEV;
	if (dl_doc_is(c, "interface"))
		return DL_DEV_INTERFACE;
	if (dl_doc_is(c, "controller"))
		return DL_DEV_CONTROLLER;
	if (dl_doc_is(c, "disk"))
		return DL_DEV_DISK;
	return DL_DEV_OTHER;
}

static void read_device(dl_doc *doc, dl_model *m, size_t *cap, const xmlNode *c, type_ranks *ranks)
{
	dl_dev_kind kind = kind_of(c);
	bool pci_hostdev = is_pci_hostdev(doc, c, kind);
	const xmlNode *guest = dl_doc_child(c, "address");
	const char *guest_type = dl_doc_attr(doc, guest, "type");
	bool guest_pci = guest_type && strcmp(guest_type, "pci") == 0;
	bool pci_controller = is_pci_controller(doc, c);
	unsigned long rank = kind == DL_DEV_CONTROLLER ? rank_of(ranks, dl_doc_attr(doc, c, "type")) : 0;
	if (!pci_hostdev && !guest_pci && !pci_controller && !dl_doc_child(guest, "zpci"))
		return;

	dl_device *dev = new_device(m, cap);
	dev->kind = kind;
	dev->element = (const char *)c->name;
	dev->node = c;
	dev->loc = dl_doc_elem_loc(doc, c);
	dev->pci_hostdev = pci_hostdev;
	addr_read(doc, guest, &dev->guest);
	if (pci_hostdev) {
		addr_read(doc, dl_doc_child(dl_doc_child(c, "source"), "address"), &dev->source);
		dev->managed = dl_doc_attr(doc, c, "managed");
		dev->managed_state = !dev->managed			   ? DL_MANAGED_ABSENT :
				     strcmp(dev->managed, "yes") == 0 ? DL_MANAGED_YES :
				     strcmp(dev->managed, "no") == 0  ? DL_MANAGED_NO :
									  DL_MANAGED_INVALID;
		collect_comments(dev, c);
	}
	dev->order_class = order_class_of(dev->element);
	dev->order_key = dev->index;
	if (kind == DL_DEV_CONTROLLER) {
		dl_num index = dl_num_parse(dl_doc_attr(doc, c, "index"));
		unsigned long idx = index.status == DL_NUM_OK ? index.value : 0xffffffffUL;
		dev->order_key = (rank << 32) | idx;
	}
	dev->zpci_capable = !is_character_device(dev->element) &&
			    (guest_pci || (!guest && (pci_hostdev || pci_controller)));
	dev->label = device_label(doc, dev);
}

/*
 * A guest address on bus N makes libvirt add pci-bridge controllers for every missing
 * index up to N (virDomainPCIAddressSetGrow); on s390x they get zPCI ids at start.
 */
static void add_implicit_controllers(dl_doc *doc, const xmlNode *devices, dl_model *m, size_t *cap)
{
	bool have[DL_PCI_BUS_MAX + 1] = { false };
	unsigned int max_bus = 0;
	dl_loc where = { 0, 0 };
	for (const xmlNode *c = devices ? devices->children : NULL; c; c = c->next) {
		if (!dl_doc_is(c, "controller") || !attr_is(doc, c, "type", "pci"))
			continue;
		dl_num index = dl_num_parse(dl_doc_attr(doc, c, "index"));
		if (index.status == DL_NUM_OK && index.value <= DL_PCI_BUS_MAX)
			have[index.value] = true;
	}
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_addr *a = &m->devices[i].guest;
		if (!a->type || strcmp(a->type, "pci") != 0 || !dl_addr_is_valid_number(a) ||
		    a->bus.num.status != DL_NUM_OK || a->bus.num.value > DL_PCI_BUS_MAX)
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
		dev->loc = where;
		dev->implicit = true;
		dev->order_class = order_class_of("controller");
		dev->order_key = bus;
		dev->zpci_capable = true;
		dev->label = xasprintf("controller pci.%u", bus);
	}
}

dl_model *dl_model_build(dl_doc *doc, const xmlNode *root)
{
	dl_model *m = xcalloc(1, sizeof *m);
	size_t cap = 0;
	type_ranks ranks = { NULL, 0, 0 };
	read_arch(doc, root, m);
	const xmlNode *devices = dl_doc_child(root, "devices");
	for (const xmlNode *c = devices ? devices->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !c->ns)
			read_device(doc, m, &cap, c, &ranks);
	free(ranks.types);
	if (m->s390x)
		add_implicit_controllers(doc, devices, m, &cap);
	dl_zpci_predict(m);
	return m;
}

void dl_model_free(dl_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndevices; i++) {
		free(m->devices[i].label);
		free(m->devices[i].comments);
	}
	free(m->devices);
	free(m);
}
