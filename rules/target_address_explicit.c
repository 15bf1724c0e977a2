/* target_address_explicit.c - a zPCI device should give uid/fid only: the guest never sees bus/slot */
#include <stdio.h>
#include <string.h>

#include "../src/fix.h"
#include "../src/rule.h"
#include "../src/xmledit.h"

/*
 * Does libvirt add pci-bridges (for every missing bus up to the highest one used)? Then dropping
 * a bus other than 0 may take a bridge, and its zPCI ids, out of the guest: an unsafe fix
 * (checked with libvirt). Asked once per domain, not per finding.
 */
static bool adds_bridges(const dl_model *m)
{
	for (size_t i = 0; i < m->ndevices; i++)
		if (m->devices[i].implicit && m->devices[i].kind == DL_DEV_CONTROLLER)
			return true;
	return false;
}

/*
 * The safe fix: drop the four fields, keeping <zpci> (the zPCI ids, and so the guest address,
 * do not depend on them). An all-zero address of a PCI host device with nothing else in it goes
 * whole: without it libvirt assigns a PCI address all the same. Another device keeps
 * <address type='pci'/>, which is what keeps it off its default bus (CCW on s390x).
 */
static void attach_fix(dl_ctx *ctx, const dl_device *dev, bool bridges, dl_diag *d)
{
	const dl_addr *g = &dev->guest;
	static const char *const names[] = { "domain", "bus", "slot", "function" };
	if (!d || g->multifunction)
		return; /* with multifunction='on' the function matters to libvirt */
	bool only_type = true;
	for (const xmlAttr *a = g->node->properties; a; a = a->next) {
		bool dropped = false;
		for (int k = 0; k < 4; k++)
			dropped |= strcmp((const char *)a->name, names[k]) == 0;
		only_type &= dropped || strcmp((const char *)a->name, "type") == 0;
	}
	size_t start, end;
	if (only_type && dev->pci_hostdev && dl_addr_is_empty(g) &&
	    !dl_xmledit_has_content(g->node)) {
		if (!dl_xmledit_drop_elem(ctx->doc, g->node, &start, &end))
			return;
		dl_fix_edit(dl_diag_fix(d, false,
					"Drop the all-zero guest PCI address: libvirt assigns it"),
			    start, end, "");
		return;
	}
	/* the attributes in the order written, so the edits come sorted */
	size_t spans[4][2];
	int n = 0;
	for (const xmlAttr *a = g->node->properties; a; a = a->next)
		for (int k = 0; k < 4; k++)
			if (strcmp((const char *)a->name, names[k]) == 0) {
				if (!dl_xmledit_drop_attr(ctx->doc, g->node, names[k], &start,
							  &end))
					return;
				spans[n][0] = start;
				spans[n][1] = end;
				n++;
			}
	bool props_bridge = bridges && g->bus.num.status == DL_NUM_OK && g->bus.num.value != 0;
	dl_fix *fix = props_bridge ?
			      dl_diag_fix(d, true,
					  "Keep only the zpci uid/fid: drop the guest domain, bus, "
					  "slot "
					  "and function (libvirt then adds fewer pci-bridges)") :
			      dl_diag_fix(d, false,
					  "Keep only the zpci uid/fid: drop the guest domain, bus, "
					  "slot and function");
	for (int k = 0; k < n; k++)
		dl_fix_edit(fix, spans[k][0], spans[k][1], "");
}

void dl_rule_target_address_explicit(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	bool bridges = adds_bridges(m);
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		const dl_addr *g = &dev->guest;
		if (!dl_addr_is_pci(g) || dev->address_ignored || !dl_device_is_zpci(m, dev))
			continue;
		const dl_field *f[] = { &g->domain, &g->bus, &g->slot, &g->function };
		const char *names[] = { "domain", "bus", "slot", "function" };
		char set[64] = "";
		int count = 0;
		int total = 0;
		for (int k = 0; k < 4; k++)
			total += f[k]->raw != NULL;
		for (int k = 0; k < 4; k++) {
			if (!f[k]->raw)
				continue;
			count++;
			snprintf(set + strlen(set), sizeof set - strlen(set), "%s%s",
				 count == 1     ? "" :
				 count == total ? " and " :
						  ", ",
				 names[k]);
		}
		if (count == 0)
			continue;
		char sees[48] = "";
		if (dev->uid.known)
			snprintf(sees, sizeof sees,
				 ": the guest sees %04x:00:00.0 from the zpci uid", dev->uid.value);
		dl_diag *d = dl_report(ctx, DL_RULE_TARGET_ADDRESS_EXPLICIT, g->loc,
				       "zPCI device sets the guest PCI %s%s; give only <zpci "
				       "uid='..' fid='..'/> and let libvirt assign the rest",
				       set, sees);
		attach_fix(ctx, dev, bridges, d);
	}
}
