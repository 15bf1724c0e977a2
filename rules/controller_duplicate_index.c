/* controller_duplicate_index.c - two controllers of one type (usb aside) cannot share an index */
#include <string.h>

#include "../src/rule.h"
#include "../src/u64map.h"

/* libvirt's controller types (virDomainControllerType); -1 for one it refuses to parse. */
static int controller_type(const char *type)
{
	static const char *const types[] = { "ide",  "fdc", "scsi", "sata",   "virtio-serial",
					     "ccid", "usb", "pci",  "xenbus", "isa" };
	if (!type)
		return 0; /* no type: libvirt reads an ide controller */
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(types[i], type) == 0)
			return (int)i;
	return -1;
}

void dl_rule_controller_duplicate_index(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	/*
	 * virDomainDefRejectDuplicateControllers. Controllers without an index get an unused
	 * one, and usb companions share theirs on purpose, so only written indexes of the
	 * other types can clash; libvirt names the later one.
	 */
	dl_u64map seen;
	dl_u64map_init(&seen);
	for (const dl_device *d = dl_model_first(m, DL_DEV_CONTROLLER); d;
	     d = dl_model_next(m, d)) {
		int type = controller_type(d->type);
		if (type < 0 || (d->type && strcmp(d->type, "usb") == 0) || d->ctrl_idx < 0)
			continue;
		uint64_t key = ((uint64_t)type << 32) | (uint64_t)d->ctrl_idx;
		if (dl_u64map_add(&seen, key, d->index))
			continue;
		const dl_device *first = &m->devices[*dl_u64map_get(&seen, key)];
		const char *tname = d->type ? d->type : "ide";
		dl_diag *diag = dl_report(ctx, DL_RULE_CONTROLLER_DUPLICATE_INDEX,
					  dl_field_loc(ctx->doc, &d->ctrl_index),
					  "controller index '%ld' is already taken by the '%s' "
					  "controller at line %lu: "
					  "libvirt accepts one controller of a type per index "
					  "(\"Multiple '%s' "
					  "controllers with index '%ld'\")",
					  d->ctrl_idx, tname, first->loc.line, tname, d->ctrl_idx);
		dl_diag_relate(diag, dl_field_loc(ctx->doc, &first->ctrl_index),
			       "the '%s' controller with index '%ld' is here", tname, d->ctrl_idx);
	}
	dl_u64map_release(&seen);
}
