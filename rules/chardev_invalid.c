/* chardev_invalid.c - serial, parallel, console and channel settings libvirt rejects at define */
#include <string.h>

#include "../src/rule.h"

/*
 * virDomainDefAddConsoleCompat: only consoles[0] may stand for a serial port; and a console
 * without target type is a serial one by then (virDomainChrDefPostParse runs first).
 */
static void check_console_serial(dl_ctx *ctx, const dl_model *m)
{
	const dl_device *first = dl_model_first(m, DL_DEV_CONSOLE);
	for (const dl_device *c = first ? dl_model_next(m, first) : NULL; c;
	     c = dl_model_next(m, c)) {
		if (c->target_type && strcmp(c->target_type, "serial") != 0)
			continue;
		dl_diag *d = dl_report(ctx, DL_RULE_CHARDEV_INVALID,
				       c->target_type ?
					       dl_doc_attr_loc(ctx->doc, c->target_node, "type") :
					       c->loc,
				       "only the first <console> can have target type 'serial', "
				       "which is "
				       "also what a console without target type gets "
				       "(\"Only the first console can be a serial port\")");
		dl_diag_relate(d, first->loc, "the first console");
		return; /* libvirt stops at the first */
	}
}

void dl_rule_chardev_invalid(dl_ctx *ctx)
{
	check_console_serial(ctx, ctx->model);
}
