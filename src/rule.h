/* rule.h - the rule registry and the one funnel every finding goes through */
#ifndef DL_RULE_H
#define DL_RULE_H

#include <stdbool.h>

#include "../rules/rule_table.h"
#include "diag.h"
#include "doc.h"
#include "model.h"

typedef enum {
#define DL_RULE_ENUM(id, fn, name, severity, flags, summary) DL_RULE_##id,
	DL_RULE_TABLE(DL_RULE_ENUM)
#undef DL_RULE_ENUM
	DL_RULE_COUNT
} dl_rule_id;

struct dl_config;

/* What a rule sees of one file. */
typedef struct dl_ctx {
	const struct dl_config *config;
	dl_doc *doc;                      /* NULL when the file is not well-formed */
	const dl_load_error *load_error;  /* why doc is NULL */
	const xmlNode *root;              /* NULL when doc is */
	bool named;                       /* named on the command line, not found by a walk */
	const dl_model *model;            /* NULL unless the root is <domain> */
	struct dl_suppressions *suppressions; /* NULL when the file is not well-formed */
	dl_diags *diags;
	dl_diags *suppressed;             /* findings a directive silences; NULL: drop them */
} dl_ctx;

typedef void dl_rule_fn(dl_ctx *ctx);

/* What a rule needs to run (the runner checks, so the rule need not). */
enum {
	DL_RULE_NEEDS_MODEL = 1 << 0,  /* a <domain>: the model */
	DL_RULE_NEEDS_SCHEMA = 1 << 1, /* schema validation turned on: an opt-in rule */
	DL_RULE_FIX_SAFE = 1 << 2,     /* can fix: without changing what libvirt does */
	DL_RULE_FIX_UNSAFE = 1 << 3,   /* can fix: changing what libvirt does (--unsafe-fixes) */
	DL_RULE_OFF_BY_DEFAULT = 1 << 4, /* off until turned on: its table severity is the one it then gets */
};

typedef struct dl_rule {
	const char *name;
	dl_severity default_severity;
	unsigned flags;
	const char *summary;
	dl_rule_fn *check;
} dl_rule;

extern const dl_rule dl_rules[DL_RULE_COUNT];

#define DL_RULE_DECL(id, fn, name, severity, flags, summary) dl_rule_fn dl_rule_##fn;
DL_RULE_TABLE(DL_RULE_DECL)
#undef DL_RULE_DECL

/* Is the rule off unless turned on (schema validation, or off by default)? */
bool dl_rule_opt_in(int rule);

/* The id of the rule called name, or -1. */
int dl_rule_find(const char *name);

/*
 * What fixes rule's findings may carry, from its flags: "safe", "unsafe", "safe and unsafe", or
 * NULL for none. --list-rules, the SARIF rule descriptors and the rule pages say it in these words.
 */
const char *dl_rule_fix_kind(int rule);

/* Does this run check rule: on, and with what it needs of the configuration (a schema)? */
bool dl_rule_active(const struct dl_config *config, int rule);

/*
 * Run every active rule over ctx (one that needs the model only when there is one);
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
