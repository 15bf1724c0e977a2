/* rule.h - what a rule sees of a file, the runner, and the one funnel every finding goes through */
#ifndef DL_RULE_H
#define DL_RULE_H

#include <stdbool.h>

#include "diag.h"
#include "doc.h"
#include "model.h"
#include "ruleid.h"

struct dl_config;

/* What a rule sees of one file. */
typedef struct dl_ctx {
	const struct dl_config *config;
	dl_doc *doc;                          /* NULL when the file is not well-formed */
	const dl_load_error *load_error;      /* why doc is NULL */
	const xmlNode *root;                  /* NULL when doc is */
	bool named;                           /* named on the command line, not found by a walk */
	const dl_model *model;                /* NULL unless the root is <domain> */
	struct dl_suppressions *suppressions; /* NULL when the file is not well-formed */
	dl_diags *diags;
	dl_diags *suppressed; /* findings a directive silences; NULL: drop them */
} dl_ctx;

/* A check on the whole file: DL_CHECK_FILE(NAME) in the table is dl_rule_NAME. */
typedef void dl_rule_fn(dl_ctx *ctx);
/*
 * A check on one device: DL_CHECK_DEVICE(NAME) in the table is dl_rule_NAME_device, which
 * the runner calls for each device of ctx->model in document order, leaving out those libvirt
 * adds itself (dl_device.implicit: nothing in the file to report at).
 */
typedef void dl_device_rule_fn(dl_ctx *ctx, const dl_device *dev);

#define DL_CHECK_FILE(fn) dl_rule_fn dl_rule_##fn;
#define DL_CHECK_DEVICE(fn) dl_device_rule_fn dl_rule_##fn##_device;
#define DL_RULE_DECL(id, check, name, severity, flags, summary) check
DL_RULE_TABLE(DL_RULE_DECL)
#undef DL_RULE_DECL
#undef DL_CHECK_DEVICE
#undef DL_CHECK_FILE

/* Does this run check rule: on, and with what it needs of the configuration (a schema)? */
bool dl_rule_active(const struct dl_config *config, dl_rule_id rule);

/*
 * Run every active rule over ctx (one that needs the model only when there is one), in the
 * table's order, a check on each device over every device before the next rule;
 * suppression-unused last, when every other has reported.
 */
void dl_rules_run(dl_ctx *ctx);

/*
 * Report a finding of rule at loc with the configured severity. Returns the finding
 * (borrowed, to add a related place), or NULL when the rule is off. A finding a
 * domlint-disable comment silences goes to ctx->suppressed instead of ctx->diags, marked
 * suppressed (NULL when ctx keeps no suppressed findings).
 */
dl_diag *dl_report(dl_ctx *ctx, dl_rule_id rule, dl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Attach a related place ("first used here") to a finding; d may be NULL. */
void dl_diag_relate(dl_diag *d, dl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
