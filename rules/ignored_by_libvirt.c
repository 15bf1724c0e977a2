/* ignored_by_libvirt.c - XML that libvirt accepts but never uses, or silently replaces with a default */
#include <string.h>

#include "../src/rule.h"

/* The first <zpci> child of an address: libvirt reads <zpci> only inside a PCI address. */
static const xmlNode *zpci_child(const xmlNode *addr)
{
	for (const xmlNode *c = addr ? addr->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "zpci") == 0)
			return c;
	return NULL;
}

static void check_zpci(dl_ctx *ctx, const dl_device *dev)
{
	const dl_addr *g = &dev->guest;
	const xmlNode *z;
	if (g->present && g->kind != DL_ADDR_PCI && (z = zpci_child(g->node)))
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dl_doc_elem_loc(ctx->doc, z),
			  "<zpci> in an address of type '%s' is ignored: libvirt reads zpci only "
			  "in "
			  "<address type='pci'>",
			  g->type ? g->type : "");
	if (g->has_zpci && zpci_child(g->node) != g->zpci_node)
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT,
			  dl_doc_elem_loc(ctx->doc, zpci_child(g->node)),
			  "this <zpci> is ignored: libvirt uses only the last <zpci> of an "
			  "address");
	if (dev->source.has_zpci)
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dev->source.zpci_loc,
			  "<zpci> in the host <source> address is ignored by libvirt: put it in "
			  "the "
			  "guest <address type='pci'>");
}

/* Do two addresses say the same thing: one type, every field the same number? */
static bool same_address(const dl_addr *a, const dl_addr *b)
{
	if (a->kind != b->kind || a->nfields != b->nfields)
		return false;
	for (size_t i = 0; i < a->nfields; i++)
		if (dl_field_value(&a->f[i], 0) != dl_field_value(&b->f[i], 0) ||
		    a->f[i].num.status > DL_NUM_OK || b->f[i].num.status > DL_NUM_OK)
			return false;
	return true;
}

static void check_dropped_address(dl_ctx *ctx, const dl_model *m, const dl_device *dev)
{
	if (!dev->address_ignored || !dev->guest.present)
		return;
	/* libvirt itself writes serial 0's address into its console alias: nothing is lost */
	const dl_device *serial = dl_model_first(m, DL_DEV_SERIAL);
	if (dev->serial_alias && serial && same_address(&dev->guest, &serial->guest))
		return;
	if (dev->hostdev == DL_HOSTDEV_MDEV)
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dev->guest.loc,
			  "libvirt drops the %s address of a vfio-ap mdev: an AP matrix device has "
			  "no "
			  "address in the guest",
			  dl_addr_type_name(dev->guest.kind));
	else if (dev->kind == DL_DEV_HUB)
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dev->guest.loc,
			  "libvirt replaces the %s address of a USB hub with a USB port",
			  dl_addr_type_name(dev->guest.kind));
	else if (dev->kind == DL_DEV_CHANNEL)
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dev->guest.loc,
			  "libvirt replaces the %s address of a virtio channel with a "
			  "virtio-serial port",
			  dl_addr_type_name(dev->guest.kind));
	else if (dev->serial_alias)
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dev->guest.loc,
			  "this console is an alias of serial 0 (its target is serial): libvirt "
			  "uses the "
			  "<serial>'s address and ignores this one");
	else
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dev->guest.loc,
			  "libvirt ignores the address of a %s of model 'none'", dev->element);
}

/* libvirt's ./address lookup takes the first <address> child; any later one is never read. */
static void check_second_address(dl_ctx *ctx, const dl_device *dev)
{
	if (!dev->guest.present)
		return;
	for (const xmlNode *c = dev->guest.node->next; c; c = c->next)
		if (dl_doc_is(c, "address")) {
			dl_diag *d = dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT,
					       dl_doc_elem_loc(ctx->doc, c),
					       "a second <address> is ignored: libvirt uses only "
					       "the first one");
			dl_diag_relate(d, dev->guest.loc, "the address libvirt uses");
			return;
		}
}

void dl_rule_ignored_by_libvirt_device(dl_ctx *ctx, const dl_device *dev)
{
	check_zpci(ctx, dev);
	check_dropped_address(ctx, ctx->model, dev);
	check_second_address(ctx, dev);
	if (dev->kind == DL_DEV_HOSTDEV && dev->pci_hostdev && !dev->source.present)
		dl_report(ctx, DL_RULE_IGNORED_BY_LIBVIRT, dev->loc,
			  "PCI hostdev has no <source><address>: libvirt reads that as host "
			  "device 0000:00:00.0");
}
