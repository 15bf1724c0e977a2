/* rulesel.h - rule names as users write them: a name, "all", a glob (zpci-*), and "did you mean" */
#ifndef DL_RULESEL_H
#define DL_RULESEL_H

#include <stdint.h>

/*
 * The rules a pattern selects, a bit per dl_rule_id: "all", a glob (fnmatch: *, ?, [...])
 * or one rule's name. Returns 0 with *set filled, or -1 with *error (caller frees) saying
 * what is wrong: an unknown name (with the nearest rule's name as "did you mean"), or a glob
 * that matches no rule.
 */
int dl_rulesel_parse(const char *pattern, uint64_t *set, char **error);

/* The rule whose name is nearest to name (a typo's likely intent), or NULL if none is close. */
const char *dl_rule_suggest(const char *name);

#endif
