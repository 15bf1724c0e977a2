/* address_octal.c - a leading 0 makes libvirt read a number as octal: 010 is 8, not 10 */
#include <stdlib.h>

#include "../src/rule.h"

void dl_rule_address_octal(dl_ctx *ctx)
{
	if (!ctx->model)
		return;
	for (size_t i = 0; i < ctx->model->ndevices; i++) {
		dl_field_ref fields[DL_DEVICE_MAX_FIELDS];
		size_t n = dl_device_fields(&ctx->model->devices[i], fields);
		for (size_t k = 0; k < n; k++) {
			const dl_field *f = fields[k].field;
			if (f->num.status != DL_NUM_OK || !f->num.octal)
				continue;
			dl_report(ctx, DL_RULE_ADDRESS_OCTAL, dl_field_loc(ctx->doc, f),
				  "%s '%s' has a leading 0, so libvirt reads it as octal %u, not decimal: write '0x%x' to be clear",
				  fields[k].what, f->raw, f->num.value, f->num.value);
		}
	}
}
