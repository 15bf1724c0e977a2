/* address_malformed.c - address fields and zpci values that libvirt rejects at define time */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../src/rule.h"

static bool all_of(const char *s, const char *set)
{
	return *s && strspn(s, set) == strlen(s);
}

static void check_syntax(dl_ctx *ctx, const dl_field_ref *f)
{
	const dl_field *x = f->field;
	if (x->num.status != DL_NUM_SYNTAX)
		return;
	if (x->base == 10)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, x),
			  "%s '%s' is not a number libvirt reads: it takes a decimal number here",
			  f->what, x->raw);
	else if (x->base == 16)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, x),
			  "%s '%s' is not a number libvirt reads: it takes a hex number here",
			  f->what, x->raw);
	else if (x->raw[0] == '0' && all_of(x->raw, "0123456789"))
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, x),
			  "%s '%s' is not a number libvirt reads: a leading 0 means octal, which "
			  "has no 8 or 9",
			  f->what, x->raw);
	else if (all_of(x->raw, "0123456789abcdefABCDEF"))
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, x),
			  "%s '%s' is not a number libvirt reads: hex needs a 0x prefix, e.g. "
			  "'0x%s'",
			  f->what, x->raw, x->raw);
	else
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, x),
			  "%s '%s' is not a number libvirt reads (0x-prefixed hex, decimal, or "
			  "0-prefixed octal)",
			  f->what, x->raw);
}

static bool is_zpci_field(const dl_field_ref *f)
{
	return f->field == &f->addr->uid || f->field == &f->addr->fid;
}

/* Ranges: virPCIDeviceAddressIsValid is skipped when domain, bus and slot are all 0. */
static void check_range(dl_ctx *ctx, const dl_field_ref *f)
{
	const dl_field *x = f->field;
	if (x->num.status == DL_NUM_OVERFLOW && !f->range[0]) {
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, x),
			  "%s '%s' is too large: libvirt reads at most %s", f->what, x->raw,
			  f->max > UINT32_MAX ? "64 bits" : "32 bits (0xffffffff)");
		return;
	}
	bool out = x->num.status == DL_NUM_OVERFLOW ||
		   (f->range_checked && x->num.status == DL_NUM_OK &&
		    (x->num.wide < f->min || x->num.wide > f->max));
	if (!out)
		return;
	if (!is_zpci_field(f) && f->addr->kind == DL_ADDR_PCI && dl_addr_is_empty(f->addr))
		return;
	dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, x),
		  "%s '%s' is out of range: must be %s", f->what, x->raw, f->range);
}

static void check_multifunction(dl_ctx *ctx, const dl_addr *a)
{
	if (a->multifunction && strcmp(a->multifunction, "on") != 0 &&
	    strcmp(a->multifunction, "off") != 0)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED,
			  dl_doc_attr_loc(ctx->doc, a->node, "multifunction"),
			  "multifunction '%s' must be 'on' or 'off'", a->multifunction);
}

/* virCCWDeviceAddressParseXML: all of cssid, ssid and devno, or none of them. */
static void check_ccw_partial(dl_ctx *ctx, const dl_addr *a)
{
	int given = (a->ccw.cssid.raw != NULL) + (a->ccw.ssid.raw != NULL) +
		    (a->ccw.devno.raw != NULL);
	if (given == 0 || given == 3)
		return;
	for (size_t i = 0; i < a->nfields; i++)
		if (a->f[i].num.status != DL_NUM_ABSENT && a->f[i].num.status != DL_NUM_OK)
			return; /* reported as a bad number first, as libvirt does */
	dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, a->loc,
		  "CCW address gives only some of cssid, ssid and devno: give all three or none "
		  "(\"Invalid partial specification for virtio ccw address\")");
}

static void check_guest(dl_ctx *ctx, const dl_device *dev)
{
	const dl_addr *g = &dev->guest;
	if (dev->address_ignored)
		return;
	bool pci = dl_addr_is_pci(g);
	if (dev->pci_hostdev && g->present && !pci && g->kind != DL_ADDR_UNASSIGNED)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, g->loc,
			  "PCI host devices must use <address type='pci'> or type='unassigned', "
			  "not type='%s'",
			  g->type ? g->type : "");
	if (!pci)
		return;
	if (g->domain.num.status == DL_NUM_OK && g->domain.num.value != 0)
		dl_report(ctx, DL_RULE_ADDRESS_MALFORMED, dl_field_loc(ctx->doc, &g->domain),
			  "guest PCI domain '%s' is not 0: libvirt accepts only PCI domain 0 "
			  "(\"Only PCI domain 0 is available\"); on s390x the guest's domain comes "
			  "from the zpci uid",
			  g->domain.raw);
	check_multifunction(ctx, g);
}

void dl_rule_address_malformed_device(dl_ctx *ctx, const dl_device *dev)
{
	dl_field_ref fields[DL_DEVICE_MAX_FIELDS];
	size_t n = dl_device_fields(dev, fields);
	for (size_t k = 0; k < n; k++) {
		check_syntax(ctx, &fields[k]);
		check_range(ctx, &fields[k]);
	}
	if (dev->guest.kind == DL_ADDR_CCW && !dev->address_ignored)
		check_ccw_partial(ctx, &dev->guest);
	if (dev->source.present)
		check_multifunction(ctx, &dev->source);
	check_guest(ctx, dev);
}
