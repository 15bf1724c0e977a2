/* address_octal.c - a leading 0 makes libvirt read a number as octal: 010 is 8, not 10 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../src/fix.h"
#include "../src/rule.h"
#include "../src/xmledit.h"

/*
 * The tool a host source value is usually copied from, and how it prints it. Nobody writes a
 * host address in octal: a leading 0 there is almost always a tool's padding, so the advice
 * must be the tool's reading, not libvirt's.
 */
typedef struct host_tool {
	const char *name;
	const char *prints; /* for the message: "hex without 0x" */
	unsigned base;      /* 16 or 10 */
	int width;          /* the tool pads to this many digits */
} host_tool;

static const host_tool lspci = { "lspci", "hex without 0x", 16, 0 };
static const host_tool lsusb_ids = { "lsusb", "vendor and product ids in hex without 0x", 16, 4 };
static const host_tool lsusb_addr = { "lsusb",
				      "bus and device numbers in decimal with leading zeros", 10,
				      3 };
static const host_tool lsscsi = { "lsscsi", "[host:bus:target:unit] in decimal", 10, 0 };

/* The tool for a host field, with the width it prints that field at. */
static host_tool tool_for(const dl_device *dev, const dl_field_ref *ref)
{
	host_tool t;
	if (ref->field == &dev->usb_vendor || ref->field == &dev->usb_product)
		return lsusb_ids;
	switch (ref->addr->kind) {
	case DL_ADDR_PCI: /* lspci -D: 0000:10:00.0 */
		t = lspci;
		t.width = ref->field == &ref->addr->domain   ? 4 :
			  ref->field == &ref->addr->function ? 1 :
							       2;
		return t;
	case DL_ADDR_USB_SOURCE: /* Bus 001 Device 010 */
		return lsusb_addr;
	default: /* SCSI_SOURCE: [0:0:10:0] */
		return lsscsi;
	}
}

/*
 * The digits as the tool printed them (padded to its width, else without leading zeros) into
 * copied, and their value in the tool's base; false when that value is above max.
 */
static bool tool_reading(const char *raw, const host_tool *t, unsigned long long max,
			 char copied[static 32], unsigned long long *value)
{
	raw += strspn(raw, " \t\n\v\f\r");
	raw += *raw == '+';
	raw += strspn(raw, "0");
	size_t n = strspn(raw, "01234567"); /* at most 22: the value fits in 64 bits */
	int pad = t->width > (int)n ? t->width - (int)n : 0;
	snprintf(copied, 32, "%.*s%.*s", pad, "00000000", (int)n, raw);
	*value = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(raw[i] - '0');
		if (*value > (max - d) / t->base)
			return false;
		*value = *value * t->base + d;
	}
	return true;
}

static void report_host(dl_ctx *ctx, const dl_device *dev, const dl_field_ref *ref)
{
	const dl_field *f = ref->field;
	host_tool t = tool_for(dev, ref);
	unsigned long long v = f->num.wide, tv;
	char copied[32];
	bool fits = tool_reading(f->raw, &t, ref->max, copied, &tv);
	dl_loc loc = dl_field_loc(ctx->doc, f);
	const char *range = ref->range[0]         ? ref->range :
			    ref->max > UINT32_MAX ? "64 bits at most" :
						    "32 bits at most";
	if (!fits && t.base == 16 && ref->range_checked && v > ref->max)
		dl_report(ctx, DL_RULE_ADDRESS_OCTAL, loc,
			  "%s '%s' is octal to libvirt (%llu, 0x%llx), and %s's `%s` would be "
			  "0x%s: both are "
			  "out of range (%s)",
			  ref->what, f->raw, v, v, t.name, copied, copied, range);
	else if (!fits && t.base == 16)
		dl_report(ctx, DL_RULE_ADDRESS_OCTAL, loc,
			  "%s '%s' is octal to libvirt (%llu, 0x%llx); %s's `%s` would be 0x%s, "
			  "out of "
			  "range (%s): write `0x%llx` to be clear",
			  ref->what, f->raw, v, v, t.name, copied, copied, range, v);
	else if (!fits)
		dl_report(ctx, DL_RULE_ADDRESS_OCTAL, loc,
			  "%s '%s' is octal to libvirt (%llu); %s's `%s` would be out of range "
			  "(%s): "
			  "write `%llu` to be clear",
			  ref->what, f->raw, v, t.name, copied, range, v);
	else if (t.base == 16)
		dl_report(ctx, DL_RULE_ADDRESS_OCTAL, loc,
			  "%s '%s' is octal to libvirt (%llu, 0x%llx); %s prints %s: if you copied "
			  "`%s`, "
			  "write `0x%s` (or `0x%llx` if you meant octal)",
			  ref->what, f->raw, v, v, t.name, t.prints, copied, copied, v);
	else if (t.width > 0) /* the padding is the leading 0 */
		dl_report(ctx, DL_RULE_ADDRESS_OCTAL, loc,
			  "%s '%s' is octal to libvirt (%llu); %s prints %s: if you copied `%s`, "
			  "write "
			  "`%llu` (or `%llu` if you meant octal)",
			  ref->what, f->raw, v, t.name, t.prints, copied, tv, v);
	else
		dl_report(ctx, DL_RULE_ADDRESS_OCTAL, loc,
			  "%s '%s' is octal to libvirt (%llu); %s prints %s: if you meant %llu, "
			  "write "
			  "`%llu` (or `%llu` if you meant octal)",
			  ref->what, f->raw, v, t.name, t.prints, tv, tv, v);
}

void dl_rule_address_octal_device(dl_ctx *ctx, const dl_device *dev)
{
	dl_field_ref fields[DL_DEVICE_MAX_FIELDS];
	size_t n = dl_device_fields(dev, fields);
	for (size_t k = 0; k < n; k++) {
		const dl_field *f = fields[k].field;
		if (f->num.status != DL_NUM_OK || !f->num.octal)
			continue;
		if (fields[k].host) {
			report_host(ctx, dev, &fields[k]);
			continue;
		}
		dl_diag *d = dl_report(ctx, DL_RULE_ADDRESS_OCTAL, dl_field_loc(ctx->doc, f),
				       "%s '%s' has a leading 0, so libvirt reads it as octal %u, "
				       "not decimal: write '0x%x' to be clear",
				       fields[k].what, f->raw, f->num.value, f->num.value);
		/* safe: the same number, written so that nobody reads it as decimal */
		size_t start, end;
		if (d && dl_xmledit_field_value(ctx->doc, f, &start, &end)) {
			char hex[16];
			snprintf(hex, sizeof hex, "0x%x", f->num.value);
			dl_fix_edit(dl_diag_fix(d, false, "Write the value libvirt reads in hex"),
				    start, end, hex);
		}
	}
}
