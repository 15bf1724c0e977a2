/* ccw_cssid_not_default.c - a CCW cssid other than 0xfe: libvirt and QEMU accept it, most guests never see the device */
#include "../src/rule.h"

#define CCW_DEFAULT_CSSID 0xfeu

void dl_rule_ccw_cssid_not_default_device(dl_ctx *ctx, const dl_device *dev)
{
	const dl_field *f = &dev->guest.ccw.cssid;
	if (dev->address_ignored || dev->guest.kind != DL_ADDR_CCW || f->num.status != DL_NUM_OK ||
	    f->num.value == CCW_DEFAULT_CSSID || f->num.value > 0xfe)
		return;
	dl_report(ctx, DL_RULE_CCW_CSSID_NOT_DEFAULT, dl_field_loc(ctx->doc, f),
		  "CCW cssid '%s' is not the virtual channel subsystem 0xfe: a guest without "
		  "MCSS-E does not see devices in any other channel subsystem",
		  f->raw);
}
