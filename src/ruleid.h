/* ruleid.h - which rules there are: each rule's id, name, default severity, flags and summary */
#ifndef DL_RULEID_H
#define DL_RULEID_H

#include <stdbool.h>

#include "../rules/rule_table.h"
#include "severity.h"

/* A rule's id: its place in the table (rules/rule_table.h), from 0. */
typedef enum {
	DL_RULE_NONE = -1, /* no rule: what dl_rule_find returns for a name that is none */
#define DL_RULE_ENUM(id, check, name, severity, flags, summary) DL_RULE_##id,
	DL_RULE_TABLE(DL_RULE_ENUM)
#undef DL_RULE_ENUM
		DL_RULE_COUNT
} dl_rule_id;

_Static_assert(DL_RULE_COUNT <= 64, "suppressions and rule selections keep one bit per rule");

/* What a rule needs to run (the runner checks, so the rule need not). */
enum {
	DL_RULE_NEEDS_MODEL = 1 << 0,  /* a <domain>: the model */
	DL_RULE_NEEDS_SCHEMA = 1 << 1, /* schema validation turned on: an opt-in rule */
	DL_RULE_FIX_SAFE = 1 << 2,     /* can fix: without changing what libvirt does */
	DL_RULE_FIX_UNSAFE = 1 << 3,   /* can fix: changing what libvirt does (--unsafe-fixes) */
	DL_RULE_OFF_BY_DEFAULT =
		1 << 4, /* off until turned on: its table severity is the one it then gets */
	DL_RULE_NEEDS_HOST = 1 << 5, /* --host: the host that will run the guest (host.h) */
};

/* A rule as the table gives it; the check that runs it is rule.c's. */
typedef struct dl_rule {
	const char *name;
	dl_severity default_severity;
	unsigned flags;
	const char *summary;
} dl_rule;

/* Indexed by dl_rule_id: dl_rules[id].name is the rule's name. */
extern const dl_rule dl_rules[DL_RULE_COUNT];

/* The id of the rule called name, or DL_RULE_NONE. */
dl_rule_id dl_rule_find(const char *name);

/* Is the rule off unless turned on (schema validation, or off by default)? */
bool dl_rule_opt_in(dl_rule_id rule);

/*
 * What fixes rule's findings may carry, from its flags: "safe", "unsafe", "safe and unsafe", or
 * NULL for none. --list-rules, the SARIF rule descriptors and the rule pages say it in these words.
 */
const char *dl_rule_fix_kind(dl_rule_id rule);

#endif
