/* rulesel.c - rule names as users write them: a name, "all", a glob (zpci-*), and "did you mean" */
#include "rulesel.h"

#include <fnmatch.h>
#include <string.h>

#include "ruleid.h"
#include "xmalloc.h"

/* Optimal string alignment distance (a swap of two neighbours counts once), capped at 64 bytes. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 64 || m > 64)
		return (size_t)-1;
	size_t d[65][65];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

const char *dl_rule_suggest(const char *name)
{
	/* close enough to be a typo: a third of the name, at least 2 edits (as git and ruff do) */
	size_t limit = strlen(name) / 3;
	if (limit < 2)
		limit = 2;
	const char *best = NULL;
	size_t best_distance = limit + 1;
	for (int i = 0; i < DL_RULE_COUNT; i++) {
		size_t dist = edit_distance(name, dl_rules[i].name);
		if (dist < best_distance) {
			best_distance = dist;
			best = dl_rules[i].name;
		}
	}
	return best;
}

static int has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

int dl_rulesel_parse(const char *pattern, uint64_t *set, char **error)
{
	*set = 0;
	if (strcmp(pattern, "all") == 0) {
		*set = DL_RULE_COUNT == 64 ? ~UINT64_C(0) : (UINT64_C(1) << DL_RULE_COUNT) - 1;
		return 0;
	}
	if (has_glob(pattern)) {
		for (int i = 0; i < DL_RULE_COUNT; i++)
			if (fnmatch(pattern, dl_rules[i].name, 0) == 0)
				*set |= UINT64_C(1) << i;
		if (*set)
			return 0;
		*error = xasprintf("'%s' matches no rule (see domlint --list-rules)", pattern);
		return -1;
	}
	dl_rule_id id = dl_rule_find(pattern);
	if (id != DL_RULE_NONE) {
		*set = UINT64_C(1) << id;
		return 0;
	}
	const char *near = dl_rule_suggest(pattern);
	*error = near ? xasprintf("unknown rule '%s'; did you mean '%s'?", pattern, near) :
			xasprintf("unknown rule '%s' (see domlint --list-rules)", pattern);
	return -1;
}
