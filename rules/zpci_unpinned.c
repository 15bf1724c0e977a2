/* zpci_unpinned.c - a zPCI uid or fid left to libvirt follows device order: adding a device can move it */
#include <stdio.h>
#include <stdlib.h>

#include "../src/fix.h"
#include "../src/rule.h"
#include "../src/xmalloc.h"
#include "../src/xmledit.h"

/* Does any device hold a uid or fid another also holds? libvirt rejects the domain then. */
static bool any_clash(const dl_model *m)
{
	for (size_t i = 0; i < m->ndevices; i++)
		if (m->devices[i].uid.clash || m->devices[i].fid.clash)
			return true;
	return false;
}

/*
 * The unsafe fix: write down the values libvirt assigns now. For this order of devices nothing
 * changes; what changes is that a device added or moved later no longer shifts them, so it is
 * not the same domain to libvirt. The pinned values are those of one prediction for the whole
 * domain, so fixing every device at once keeps them all (assigned values are the lowest free
 * after the given ones, and a value written down is reserved before any is assigned).
 */
static void attach_fix(dl_ctx *ctx, const dl_device *dev, dl_diag *d, const char *uid,
		       const char *fid)
{
	const dl_addr *g = &dev->guest;
	size_t start, end;
	char *text = NULL;
	if (!d)
		return;
	if (g->has_zpci) {
		/* (a) the <zpci> there gets what it lacks, after its last attribute */
		dl_tag_attr a;
		if (!dl_addr_is_pci(g) || !g->zpci_node ||
		    (dev->uid.automatic && dl_doc_attr_span(ctx->doc, g->zpci_node, "uid", &a)) ||
		    (dev->fid.automatic && dl_doc_attr_span(ctx->doc, g->zpci_node, "fid", &a)) ||
		    !dl_xmledit_attr_insert_at(ctx->doc, g->zpci_node, &start))
			return;
		end = start;
		char q = g->zpci_node->properties ? dl_xmledit_quote(ctx->doc, g->zpci_node) :
						    dl_xmledit_quote(ctx->doc, g->node);
		char add_uid[32] = "", add_fid[32] = "";
		if (dev->uid.automatic)
			snprintf(add_uid, sizeof add_uid, " uid=%c%s%c", q, uid, q);
		if (dev->fid.automatic)
			snprintf(add_fid, sizeof add_fid, " fid=%c%s%c", q, fid, q);
		text = xasprintf("%s%s", add_uid, add_fid);
	} else {
		/* (b) into the guest PCI address; (c) a guest PCI address, as the device's last child */
		const xmlNode *parent = g->present ? g->node : dev->node;
		if ((g->present && !dl_addr_is_pci(g)) || !parent)
			return;
		char q = dl_xmledit_quote(ctx->doc, parent);
		char zpci[64];
		snprintf(zpci, sizeof zpci, "<zpci uid=%c%s%c fid=%c%s%c/>", q, uid, q, q, fid, q);
		char markup[128];
		if (g->present)
			snprintf(markup, sizeof markup, "%s", zpci);
		else
			snprintf(markup, sizeof markup, "<address type=%cpci%c>\n\t%s\n</address>",
				 q, q, zpci);
		text = dl_xmledit_add_child(ctx->doc, parent, !g->present, markup, &start, &end);
	}
	if (!text)
		return;
	char *title = xasprintf("Pin the zPCI %s libvirt assigns now: <zpci uid='%s' fid='%s'/>",
				dev->uid.automatic && dev->fid.automatic ? "uid and fid" :
				dev->uid.automatic                       ? "uid" :
									   "fid",
				uid, fid);
	dl_fix_edit(dl_diag_fix(d, true, title), start, end, text);
	free(title);
	free(text);
}

void dl_rule_zpci_unpinned(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	/*
	 * A domain with a uid or fid used twice is rejected (zpci-duplicate-uid, -fid,
	 * zpci-autofill-conflict): libvirt assigns nothing, and pinning would only write the clash down.
	 */
	if (!m->s390x || any_clash(m))
		return;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		if (dev->implicit || !dev->node || !dev->zpci_capable ||
		    !dl_device_is_zpci(m, dev) || !dev->uid.known || !dev->fid.known ||
		    !(dev->uid.automatic || dev->fid.automatic))
			continue;
		char uid[16], fid[16];
		snprintf(uid, sizeof uid, "0x%04x", dev->uid.value);
		snprintf(fid, sizeof fid, "0x%08x", dev->fid.value);
		bool both = dev->uid.automatic && dev->fid.automatic;
		char left[64];
		if (both)
			snprintf(left, sizeof left, "uid %s and fid %s", uid, fid);
		else
			snprintf(left, sizeof left, "%s %s", dev->uid.automatic ? "uid" : "fid",
				 dev->uid.automatic ? uid : fid);
		const dl_addr *g = &dev->guest;
		dl_loc loc = g->has_zpci ? g->zpci_loc : g->present ? g->loc : dev->loc;
		dl_diag *d = dl_report(ctx, DL_RULE_ZPCI_UNPINNED, loc,
				       "zPCI %s left to libvirt, which assigns %s by device order; "
				       "pin %s with "
				       "<zpci uid='%s' fid='%s'/>",
				       both               ? "uid and fid are" :
				       dev->uid.automatic ? "uid is" :
							    "fid is",
				       left, both ? "them" : "it", uid, fid);
		attach_fix(ctx, dev, d, uid, fid);
	}
}
