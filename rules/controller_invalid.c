/* controller_invalid.c - controllers libvirt rejects at define: index, root model, machine, NUMA node, target settings */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../src/machine.h"
#include "../src/pcitopo.h"
#include "../src/rule.h"
#include "../src/text.h"

#define R DL_RULE_CONTROLLER_INVALID

/* virStrToLong_i / _l: strtol in base, the whole text, within int. */
static bool parse_int(const char *s, int base, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, base);
	if (errno || end == s || *end || v < INT_MIN || v > INT_MAX)
		return false;
	*out = v;
	return true;
}

/* The <cell>s of <cpu><numa> (virDomainNumaGetNodeCount). */
static size_t numa_cells(const xmlNode *root)
{
	const xmlNode *numa = dl_doc_child(dl_doc_child(root, "cpu"), "numa");
	size_t n = 0;
	for (const xmlNode *c = numa ? numa->children : NULL; c; c = c->next)
		if (dl_doc_is(c, "cell"))
			n++;
	return n;
}

/* The index attribute: virXMLPropInt(base 10, non-negative) in virDomainControllerDefParseXML. */
static void check_index(dl_ctx *ctx, const dl_device *d)
{
	long v;
	const char *raw = d->ctrl_index.raw;
	if (!raw)
		return;
	const char *expected = NULL;
	if (!parse_int(raw, 10, &v))
		expected = "integer";
	else if (v < 0)
		expected = "non-negative";
	if (expected)
		dl_report(ctx, R, dl_field_loc(ctx->doc, &d->ctrl_index),
			  "controller index '%s' is not a%s %s number: libvirt refuses it "
			  "(\"Invalid "
			  "value for attribute 'index' in element 'controller': '%s'. Expected %s "
			  "value\")",
			  raw, expected[0] == 'i' ? "n" : "", expected, raw, expected);
}

/*
 * <target><node>: virXPathInt("string(./target/node)"), a decimal int, not negative. Returns
 * the node, -1 when absent, -2 when libvirt refuses it (reported here).
 */
static long numa_node(dl_ctx *ctx, const dl_device *d, const xmlNode **where)
{
	*where = dl_doc_child(d->target_node, "node");
	if (!*where)
		return -1;
	char *text = (char *)xmlNodeGetContent(*where);
	long v = -1;
	bool empty = !text || !*text;
	bool ok = empty || (parse_int(text, 10, &v) && v >= 0);
	if (!ok)
		dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, *where),
			  "NUMA node '%s' of the controller is not a non-negative integer: libvirt "
			  "refuses it (\"invalid NUMA node in target\")",
			  text);
	xmlFree(text);
	if (!ok)
		return -2;
	return empty ? -1 : v;
}

/* One <target> attribute of a pci controller: virXMLPropInt(base 0, non-negative). -1 when absent or refused. */
static long target_attr(dl_ctx *ctx, const dl_device *d, const char *name)
{
	const char *raw = dl_doc_attr(ctx->doc, d->target_node, name);
	long v;
	if (!raw)
		return -1;
	if (parse_int(raw, 0, &v) && v >= 0)
		return v;
	const char *expected = parse_int(raw, 0, &v) ? "non-negative" : "integer";
	dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->target_node, name),
		  "controller target %s '%s' is not a%s %s number: libvirt refuses it (\"Invalid "
		  "value for attribute '%s' in element 'target': '%s'. Expected %s value\")",
		  name, raw, expected[0] == 'i' ? "n" : "", expected, name, raw, expected);
	return -1;
}

/* virDomainControllerDefValidate's ranges of the <target> attributes of a pci controller. */
static void check_target(dl_ctx *ctx, const dl_device *d, long idx)
{
	static const struct {
		const char *name, *what;
		long min, max;
	} ranges[] = {
		{ "chassisNr", "chassisNr", 1, 255 },
		{ "chassis", "chassis", 0, 255 },
		{ "port", "port", 0, 255 },
		{ "busNr", "busNr", 1, 254 },
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		long v = target_attr(ctx, d, ranges[i].name);
		if (v >= 0 && (v < ranges[i].min || v > ranges[i].max))
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->target_node, ranges[i].name),
				  "controller target %s '%ld' is out of range %ld-%ld (\"PCI "
				  "controller "
				  "%s '%ld' out of range - must be %ld-%ld\")",
				  ranges[i].what, v, ranges[i].min, ranges[i].max, ranges[i].what,
				  v, ranges[i].min, ranges[i].max);
	}
	long tidx = target_attr(ctx, d, "index");
	if (tidx < 0)
		return;
	dl_loc loc = dl_doc_attr_loc(ctx->doc, d->target_node, "index");
	if (tidx > 30)
		dl_report(ctx, R, loc,
			  "controller target index '%ld' is out of range 0-30 (\"PCI controller "
			  "target "
			  "index '%ld' out of range - must be 0-30\")",
			  tidx, tidx);
	else if (idx >= 0 && (idx == 0) != (tidx == 0))
		dl_report(ctx, R, loc,
			  "controller target index '%ld' on the pci controller with index '%ld': "
			  "only "
			  "index 0 has target index 0 (\"Only the PCI controller with index 0 can "
			  "have "
			  "target index 0, and vice versa\")",
			  tidx, idx);
}

/* qemuDomainDefAddDefaultDevices: the pci controller at index 0 must be the machine's root. */
static void check_root(dl_ctx *ctx, const dl_machine *mach, const dl_device *d)
{
	if (!mach->root_model || dl_text_is(d->model, mach->root_model))
		return;
	const char *model = d->model ? d->model : "(null)";
	dl_loc loc = d->model ? dl_doc_attr_loc(ctx->doc, d->node, "model") : d->loc;
	const char *machine = mach->name ? mach->name : ctx->model->arch;
	dl_diag *diag = dl_report(ctx, R, loc,
				  "pci controller index 0 has model '%s', but machine '%s' needs "
				  "'%s' (\"The PCI "
				  "controller with index='0' must be model='%s' for this machine "
				  "type, but "
				  "model='%s' was found instead\")",
				  model, machine, mach->root_model, mach->root_model, model);
	if (mach->name)
		dl_diag_relate(diag, ctx->model->machine_loc, "the machine '%s' is chosen here",
			       mach->name);
}

/* Controller checks of qemuDomainControllerDefPostParse and virDomainControllerDefValidate for pci. */
static void check_pci(dl_ctx *ctx, const dl_machine *mach, const dl_pcitopo *t, size_t ncells,
		      const dl_device *d)
{
	long idx = dl_pcitopo_index(t, d);
	bool root = dl_text_is(d->model, "pci-root") || dl_text_is(d->model, "pcie-root");
	const dl_loc model_loc = dl_doc_attr_loc(ctx->doc, d->node, "model");

	if (t->bus[0].ctrl == d)
		check_root(ctx, mach, d);
	/* pSeries has several pci-roots (PHBs); an unknown arch may be pSeries */
	if (root && idx > 0 && ctx->model->arch && !mach->ppc64)
		dl_report(ctx, R,
			  d->ctrl_index.raw ? dl_field_loc(ctx->doc, &d->ctrl_index) : d->loc,
			  "'%s' controller has index '%ld': the PCI root must have index 0 "
			  "(\"pci-root "
			  "and pcie-root controllers should have index 0\")",
			  d->model, idx);
	if (dl_text_is(d->model, "pci-expander-bus") && mach->family != DL_MACHINE_UNKNOWN &&
	    mach->family != DL_MACHINE_I440FX)
		dl_report(ctx, R, model_loc,
			  "pci-expander-bus on machine '%s': it needs an i440fx machine "
			  "(\"pci-expander-bus controllers are only supported on 440fx-based "
			  "machinetypes\")",
			  mach->name);
	if (dl_text_is(d->model, "pcie-expander-bus") && mach->family != DL_MACHINE_UNKNOWN &&
	    mach->family != DL_MACHINE_Q35 && mach->family != DL_MACHINE_ARM_VIRT)
		dl_report(ctx, R, model_loc,
			  "pcie-expander-bus on machine '%s': it needs a q35 or ARM virt machine "
			  "(\"pcie-expander-bus controllers are not supported with this machine "
			  "type\")",
			  mach->name);

	const xmlNode *node_elem;
	long node = numa_node(ctx, d, &node_elem);
	if (node >= 0 && (size_t)node >= ncells) {
		dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, node_elem),
			  "NUMA node '%ld' of the pci controller is not among the domain's %zu "
			  "<cpu><numa> cells (\"%s with index %ld is configured for a NUMA node "
			  "(%ld) "
			  "not present in the domain's <cpu><numa> array (%zu)\")",
			  node, ncells, d->model ? d->model : "(null)", idx, node, ncells);
	} else if (node >= 0 && idx == 0) {
		dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, node_elem),
			  "NUMA node '%ld' on the pci controller with index 0: the default PCI bus "
			  "cannot have one (\"The PCI controller with index=0 can't be associated "
			  "with "
			  "a NUMA node\")",
			  node);
	}

	/* virDomainControllerDefValidate */
	if (root && d->guest.present)
		dl_report(ctx, R, d->guest.loc,
			  "<address> on the '%s' controller: the PCI root has none (\"pci-root and "
			  "pcie-root controllers should not have an address\")",
			  d->model);
	if (idx > (long)DL_PCI_BUS_MAX)
		dl_report(ctx, R, dl_field_loc(ctx->doc, &d->ctrl_index),
			  "pci controller index '%ld' is above 255 (\"PCI controller index %ld too "
			  "high, maximum is 255\")",
			  idx, idx);
	if (d->target_node)
		check_target(ctx, d, idx);
}

/*
 * The chipset's own controllers (IDE and USB 0 on i440fx, SATA 0 on q35) sit at fixed
 * addresses: another written one fails (qemuDomainValidateDevicePCISlotsPIIX3 / ...Q35).
 */
static void check_chipset(dl_ctx *ctx, const dl_machine *mach)
{
	dl_reserved reserved[DL_MACHINE_MAX_RESERVED];
	size_t n = dl_machine_reserved(ctx->model, mach, reserved);
	for (size_t i = 0; i < n; i++) {
		const dl_device *c = reserved[i].ctrl;
		if (!c || reserved[i].owner)
			continue;
		const dl_addr *a = &c->guest;
		/* an empty address is libvirt's to fill in; a malformed one is another rule's */
		if (!dl_addr_is_pci(a) || dl_addr_is_empty(a) || !dl_addr_in_range(a))
			continue;
		char at[DL_PCI_TEXT_MAX], want[DL_PCI_TEXT_MAX];
		dl_pci_format(at, dl_field_value(&a->domain, 0), dl_field_value(&a->bus, 0),
			      dl_field_value(&a->slot, 0), dl_field_value(&a->function, 0));
		dl_pci_format(want, 0, 0, reserved[i].slot, reserved[i].function);
		dl_report(ctx, R, a->loc,
			  "%s is given guest PCI address %s, but machine '%s' has it at %s "
			  "(\"%s\")",
			  reserved[i].what, at, mach->name, want, reserved[i].misplaced);
	}
}

/*
 * USB controllers as virDomainDefControllersParse reads them: model 'none' must be the only
 * one, and companions (with <master>) need a master controller; and the port limit of the
 * XHCI models (qemuDomainControllerDefPostParse).
 */
static void check_usb(dl_ctx *ctx, const dl_model *m)
{
	bool none = false, other = false, master = false;
	const dl_device *companion = NULL;
	for (const dl_device *d = dl_model_first(m, DL_DEV_CONTROLLER); d;
	     d = dl_model_next(m, d)) {
		if (!d->node || !dl_text_is(d->type, "usb"))
			continue;
		bool is_none = dl_text_is(d->model, "none");
		if (none || (is_none && other)) {
			dl_report(ctx, R, d->loc,
				  "a second USB controller where one has model 'none' (\"Can't add "
				  "another USB controller: USB is disabled for this domain\")");
			return; /* libvirt stops here */
		}
		none = is_none;
		other = other || !is_none;
		const xmlNode *mnode = dl_doc_child(d->node, "master");
		if (!mnode)
			master = true;
		else if (!companion)
			companion = d;

		const char *ports = dl_doc_attr(ctx->doc, d->node, "ports");
		long v;
		if (ports &&
		    (dl_text_is(d->model, "nec-xhci") || dl_text_is(d->model, "qemu-xhci")) &&
		    parse_int(ports, 10, &v) && v > 15)
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->node, "ports"),
				  "%ld ports on a '%s' controller, which has 15 at most (\"'%s' "
				  "controller only supports up to '15' ports\")",
				  v, d->model, d->model);
	}
	if (other && !master && companion)
		dl_report(ctx, R,
			  dl_doc_elem_loc(ctx->doc, dl_doc_child(companion->node, "master")),
			  "every USB controller is a companion (<master>), none is the master it "
			  "belongs to (\"No master USB controller specified\")");
}

void dl_rule_controller_invalid(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	dl_machine mach = dl_machine_of(m);
	dl_pcitopo t;
	dl_pcitopo_build(m, &mach, &t);
	size_t ncells = numa_cells(ctx->root);
	check_chipset(ctx, &mach);
	check_usb(ctx, m);
	for (const dl_device *d = dl_model_first(m, DL_DEV_CONTROLLER); d;
	     d = dl_model_next(m, d)) {
		check_index(ctx, d);
		if (dl_text_is(d->type, "pci")) {
			check_pci(ctx, &mach, &t, ncells, d);
		} else {
			const xmlNode *node_elem;
			(void)numa_node(ctx, d, &node_elem);
		}
	}
	dl_pcitopo_release(&t);
}
