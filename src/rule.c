/* rule.c - what a rule sees of a file, the runner, and the one funnel every finding goes through */
#include "rule.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "suppress.h"
#include "xmalloc.h"

/* A rule's check: on the whole file, or on one device at a time; the other is NULL. */
typedef struct rule_check {
	dl_rule_fn *file;
	dl_device_rule_fn *device;
} rule_check;

static const rule_check checks[DL_RULE_COUNT] = {
#define DL_CHECK_FILE(fn)                                                                          \
	{                                                                                          \
		dl_rule_##fn, NULL                                                                 \
	}
#define DL_CHECK_DEVICE(fn)                                                                        \
	{                                                                                          \
		NULL, dl_rule_##fn##_device                                                        \
	}
#define DL_RULE_CHECK(id, check, name, severity, flags, summary) check,
	DL_RULE_TABLE(DL_RULE_CHECK)
#undef DL_RULE_CHECK
#undef DL_CHECK_DEVICE
#undef DL_CHECK_FILE
};

/* A check on each device walks the model's devices: the table must say it needs the model. */
#define DL_CHECK_FILE(fn) 1
#define DL_CHECK_DEVICE(fn) 0
#define DL_RULE_NEEDS(id, check, name, severity, flags, summary)                                   \
	_Static_assert(check || ((flags)&DL_RULE_NEEDS_MODEL),                                     \
		       name ": a check on each device needs DL_RULE_NEEDS_MODEL");
DL_RULE_TABLE(DL_RULE_NEEDS)
#undef DL_RULE_NEEDS
#undef DL_CHECK_DEVICE
#undef DL_CHECK_FILE

bool dl_rule_active(const dl_config *config, dl_rule_id rule)
{
	return config->severity[rule] != DL_SEV_OFF &&
	       (!(dl_rules[rule].flags & DL_RULE_NEEDS_SCHEMA) || config->schema) &&
	       (!(dl_rules[rule].flags & DL_RULE_NEEDS_HOST) || config->host);
}

static void run_one(dl_ctx *ctx, dl_rule_id rule)
{
	if (!dl_rule_active(ctx->config, rule) ||
	    (!ctx->model && (dl_rules[rule].flags & DL_RULE_NEEDS_MODEL)))
		return;
	if (checks[rule].file) {
		checks[rule].file(ctx);
		return;
	}
	const dl_model *m = ctx->model;
	for (size_t i = 0; i < m->ndevices; i++)
		if (!m->devices[i].implicit)
			checks[rule].device(ctx, &m->devices[i]);
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
	dl_diag *d = dl_diags_add(hidden ? ctx->suppressed : ctx->diags, rule, severity, loc,
				  message);
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
