/* ruleid.c - which rules there are: each rule's id, name, default severity, flags and summary */
#include "ruleid.h"

#include <string.h>

const dl_rule dl_rules[DL_RULE_COUNT] = {
#define DL_RULE_ENTRY(id, check, name, severity, flags, summary) { name, severity, flags, summary },
	DL_RULE_TABLE(DL_RULE_ENTRY)
#undef DL_RULE_ENTRY
};

dl_rule_id dl_rule_find(const char *name)
{
	for (int i = 0; i < DL_RULE_COUNT; i++)
		if (strcmp(dl_rules[i].name, name) == 0)
			return (dl_rule_id)i;
	return DL_RULE_NONE;
}

const char *dl_rule_fix_kind(dl_rule_id rule)
{
	bool safe = dl_rules[rule].flags & DL_RULE_FIX_SAFE,
	     unsafe = dl_rules[rule].flags & DL_RULE_FIX_UNSAFE;
	if (safe && unsafe)
		return "safe and unsafe";
	return safe ? "safe" : unsafe ? "unsafe" : NULL;
}

bool dl_rule_opt_in(dl_rule_id rule)
{
	return dl_rules[rule].flags &
	       (DL_RULE_NEEDS_SCHEMA | DL_RULE_NEEDS_HOST | DL_RULE_OFF_BY_DEFAULT);
}
