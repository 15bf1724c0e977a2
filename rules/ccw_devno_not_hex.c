/* ccw_devno_not_hex.c - a CCW devno written without 0x: libvirt reads decimal (or octal), the guest shows hex */
#include <stdio.h>
#include <string.h>

#include "../src/fix.h"
#include "../src/rule.h"
#include "../src/xmledit.h"

/* Digits only, more than one, not all zero: "10" is ten, not the 0x0010 the guest lists. */
static bool reads_differently(const dl_field *f)
{
	const char *s = f->raw;
	s += strspn(s, " \t\n\v\f\r+");
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return false;
	size_t digits = strspn(s, "0123456789");
	return digits > 1 && s[digits] == '\0' && f->num.value != 0 && !f->num.octal;
}

void dl_rule_ccw_devno_not_hex_device(dl_ctx *ctx, const dl_device *dev)
{
	const dl_field *f = &dev->guest.ccw.devno;
	if (dev->address_ignored || dev->guest.kind != DL_ADDR_CCW || f->num.status != DL_NUM_OK ||
	    !reads_differently(f))
		return;
	unsigned int ssid = (unsigned int)dl_field_value(&dev->guest.ccw.ssid, 0);
	const char *digits = f->raw + strspn(f->raw, " \t\n\v\f\r+");
	dl_diag *d = dl_report(ctx, DL_RULE_CCW_DEVNO_NOT_HEX, dl_field_loc(ctx->doc, f),
			       "CCW devno '%s' has no 0x, so libvirt reads it as decimal %u: the "
			       "guest sees "
			       "device 0.%x.%04x, not 0.%x.%04u; write devno='0x%04x' to keep it, "
			       "or "
			       "devno='0x%s' for the device that reads %s in hex",
			       f->raw, f->num.value, ssid, f->num.value, ssid, f->num.value,
			       f->num.value, digits, digits);
	/* safe: the devno libvirt reads now, in the hex the guest lists it in */
	size_t start, end;
	if (d && dl_xmledit_field_value(ctx->doc, f, &start, &end)) {
		char hex[16];
		snprintf(hex, sizeof hex, "0x%04x", f->num.value);
		dl_fix_edit(dl_diag_fix(d, false, "Write the devno libvirt reads in hex"), start,
			    end, hex);
	}
}
