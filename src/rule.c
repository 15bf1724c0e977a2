/* rule.c - what a rule sees of a file, the runner, and the one funnel every finding goes through */
#include "rule.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "suppress.h"
#include "xmalloc.h"

/* Each rule's check, by dl_rule_id. */
static dl_rule_fn *const checks[DL_RULE_COUNT] = {
#define DL_RULE_CHECK(id, fn, name, severity, flags, summary) dl_rule_##fn,
	DL_RULE_TABLE(DL_RULE_CHECK)
#undef DL_RULE_CHECK
};

bool dl_rule_active(const dl_config *config, dl_rule_id rule)
{
	return config->severity[rule] != DL_SEV_OFF &&
	       (!(dl_rules[rule].flags & DL_RULE_NEEDS_SCHEMA) || config->schema);
}

static void run_one(dl_ctx *ctx, dl_rule_id rule)
{
	if (dl_rule_active(ctx->config, rule) &&
	    (ctx->model || !(dl_rules[rule].flags & DL_RULE_NEEDS_MODEL)))
		checks[rule](ctx);
}

void dl_rules_run(dl_ctx *ctx)
{
	/* suppression-unused needs to know what every other rule's findings were silenced by */
	for (int i = 0; i < DL_RULE_COUNT; i++)
		if (i != DL_RULE_SUPPRESSION_UNUSED)
			run_one(ctx, (dl_rule_id)i);
	run_one(ctx, DL_RULE_SUPPRESSION_UNUSED);
}

dl_diag *dl_report(dl_ctx *ctx, dl_rule_id rule, dl_loc loc, const char *fmt, ...)
{
	dl_severity severity = ctx->config->severity[rule];
	if (severity == DL_SEV_OFF)
		return NULL;
	const char *justification = NULL;
	bool hidden = ctx->suppressions &&
		      dl_suppressions_hide(ctx->suppressions, rule, loc, &justification);
	if (hidden && !ctx->suppressed)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	char *message = xvasprintf(fmt, ap);
	va_end(ap);
	dl_diag *d = dl_diags_add(hidden ? ctx->suppressed : ctx->diags, rule, severity, loc, message);
	if (hidden) {
		d->suppressed = true;
		d->justification = justification ? xstrdup(justification) : NULL;
	}
	return d;
}

void dl_diag_relate(dl_diag *d, dl_loc loc, const char *fmt, ...)
{
	if (!d)
		return;
	va_list ap;
	va_start(ap, fmt);
	free(d->related_message);
	d->related_message = xvasprintf(fmt, ap);
	va_end(ap);
	d->related_loc = loc;
}
