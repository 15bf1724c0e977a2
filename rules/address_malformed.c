/* address_malformed.c - PCI addresses and zpci values that libvirt rejects at define time */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../src/rule.h"

static bool looks_hex(const char *s)
{
	return *s && strspn(s, "0123456789abcdefABCDEF") == strlen(s);
}

static void check_syntax(dl_ctx *ctx, const dl_field_ref *f)
{
	const dl_field *x = f->field;
	if (x->num.status == DL_NUM_SYNTAX && looks_hex(x->raw))
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, x->loc,
			  "%s '%s' is not a number libvirt reads: hex needs a 0x prefix, e.g. '0x%s'",
			  f->what, x->raw, x->raw);
	else if (x->num.status == DL_NUM_SYNTAX)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, x->loc,
			  "%s '%s' is not a number libvirt reads (0x-prefixed hex, decimal, or 0-prefixed octal)",
			  f->what, x->raw);
	else if (x->num.status == DL_NUM_OVERFLOW)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, x->loc,
			  "%s '%s' is out of range: must be <= 0xffffffff", f->what, x->raw);
}

static void check_max(dl_ctx *ctx, const dl_field *x, const char *what, unsigned max, const char *shown)
{
	if (x->num.status == DL_NUM_OK && x->num.value > max)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, x->loc,
			  "%s '%s' is out of range: must be <= %s", what, x->raw, shown);
}

/* virPCIDeviceAddressIsValid, which libvirt skips when domain, bus and slot are all 0. */
static void check_ranges(dl_ctx *ctx, const dl_addr *a, const char *side)
{
	if (!dl_addr_is_valid_number(a) || dl_addr_is_empty(a))
		return;
	char what[40];
	snprintf(what, sizeof what, "%s PCI bus", side);
	check_max(ctx, &a->bus, what, DL_PCI_BUS_MAX, "0xff");
	snprintf(what, sizeof what, "%s PCI slot", side);
	check_max(ctx, &a->slot, what, DL_PCI_SLOT_MAX, "0x1f");
	snprintf(what, sizeof what, "%s PCI function", side);
	check_max(ctx, &a->function, what, DL_PCI_FUNCTION_MAX, "7");
}

static void check_guest(dl_ctx *ctx, const dl_device *dev)
{
	const dl_addr *g = &dev->guest;
	bool pci = g->type && strcmp(g->type, "pci") == 0;
	if (dev->pci_hostdev && g->present && !pci && !(g->type && strcmp(g->type, "unassigned") == 0))
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, g->loc,
			  "PCI host devices must use <address type='pci'> or type='unassigned', not type='%s'",
			  g->type ? g->type : "");
	if (g->has_zpci && !pci)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, g->zpci_loc,
			  "<zpci> belongs in <address type='pci'>, not in an address of type '%s'",
			  g->type ? g->type : "");
	if (!pci)
		return;
	check_ranges(ctx, g, "guest");
	if (g->domain.num.status == DL_NUM_OK && g->domain.num.value != 0)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, g->domain.loc,
			  "guest PCI domain '%s' is not 0: libvirt accepts only PCI domain 0 "
			  "(\"Only PCI domain 0 is available\"); on s390x the guest's domain comes from the zpci uid",
			  g->domain.raw);
	if (g->multifunction && strcmp(g->multifunction, "on") != 0 &&
	    strcmp(g->multifunction, "off") != 0)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, g->multifunction_loc,
			  "multifunction '%s' must be 'on' or 'off'", g->multifunction);
	if (g->has_zpci && g->uid.num.status == DL_NUM_OK &&
	    (g->uid.num.value < DL_ZPCI_UID_MIN || g->uid.num.value > DL_ZPCI_UID_MAX))
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, g->uid.loc,
			  "zpci uid '%s' is out of range: must be 0x0001 to 0xffff", g->uid.raw);
}

void dl_rule_address_malformed(dl_ctx *ctx)
{
	if (!ctx->model)
		return;
	for (size_t i = 0; i < ctx->model->ndevices; i++) {
		const dl_device *dev = &ctx->model->devices[i];
		if (dev->implicit)
			continue;
		dl_field_ref fields[DL_DEVICE_MAX_FIELDS];
		size_t n = dl_device_fields(dev, fields);
		for (size_t k = 0; k < n; k++)
			check_syntax(ctx, &fields[k]);
		if (dev->pci_hostdev && !dev->source.present)
			dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dev->loc,
				  "PCI hostdev has no <source><address>: libvirt would pass through host device 0000:00:00.0");
		if (dev->source.present)
			check_ranges(ctx, &dev->source, "host");
		if (dev->source.has_zpci)
			dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dev->source.zpci_loc,
				  "<zpci> in the host <source> address is ignored by libvirt: put it in the guest <address type='pci'>");
		check_guest(ctx, dev);
	}
}
