/* suppression_unused.c - a domlint-disable comment, or a rule named in it, that silences no
 * finding: stale after a fix, or put where it covers nothing. Runs after every other rule. */
#include <stdlib.h>

#include "../src/config.h"
#include "../src/fix.h"
#include "../src/rule.h"
#include "../src/suppress.h"
#include "../src/xmalloc.h"
#include "../src/xmledit.h"

/*
 * Rules this run checks: a directive for a rule the configuration turns off is no news (another
 * configuration may turn it on), and the schema rule checks nothing without a schema.
 */
static uint64_t checked(const dl_config *c)
{
	uint64_t set = 0;
	for (int i = 0; i < DL_RULE_COUNT; i++)
		if (dl_rule_active(c, i))
			set |= UINT64_C(1) << i;
	return set;
}

/* Where a directive looked for findings: "on the <hostdev> after it", "in this file". */
static char *scope(const dl_directive *d)
{
	return d->file_wide ? xasprintf("in this file") :
			      xasprintf("on the <%s> after it", d->target);
}

/* Safe: libvirt reads no comment. The comment goes with its line when it has one to itself. */
static void drop_comment(dl_ctx *ctx, const dl_directive *d, dl_diag *finding)
{
	size_t start, end;
	if (finding && d->comment && dl_xmledit_drop_elem(ctx->doc, d->comment, &start, &end))
		dl_fix_edit(dl_diag_fix(finding, false,
					"Remove the unused domlint-disable comment"),
			    start, end, "");
}

static void report_whole(dl_ctx *ctx, const dl_directive *d, const char *keyword)
{
	const char *names = d->bare ? "" : d->names;
	if (!d->file_wide && !d->covers) {
		dl_diag *x = dl_report(ctx, DL_RULE_SUPPRESSION_UNUSED, d->loc,
				       "%s%s%s stands before no element, so it silences nothing: "
				       "put it right before "
				       "the element it is for, or remove it",
				       keyword, *names ? " " : "", names);
		drop_comment(ctx, d, x);
		return;
	}
	char *where = scope(d);
	dl_diag *x = dl_report(ctx, DL_RULE_SUPPRESSION_UNUSED, d->loc,
			       "%s%s%s silences no finding %s: remove it", keyword,
			       *names ? " " : "", names, where);
	drop_comment(ctx, d, x);
	free(where);
}

void dl_rule_suppression_unused(dl_ctx *ctx)
{
	if (!ctx->suppressions)
		return;
	/* a directive naming this rule is for findings of this rule, which it never judges itself */
	uint64_t self = UINT64_C(1) << DL_RULE_SUPPRESSION_UNUSED;
	uint64_t live = checked(ctx->config) & ~self;
	for (size_t i = 0; i < ctx->suppressions->n; i++) {
		const dl_directive *d = &ctx->suppressions->v[i];
		if (!d->directive || !d->rules)
			continue; /* a lookalike or a name-less slip: suppression-malformed says so */
		const char *keyword = d->file_wide ? "domlint-disable-file" : "domlint-disable";
		if (d->bare) {
			if (!(d->used & live))
				report_whole(ctx, d, keyword);
			continue;
		}
		uint64_t unused = d->rules & live & ~d->used;
		if (!unused)
			continue;
		/* all it names is unused, or it is misplaced: the whole comment goes */
		if (unused == d->rules || (!d->file_wide && !d->covers)) {
			report_whole(ctx, d, keyword);
			continue;
		}
		char *where = scope(d);
		for (int r = 0; r < DL_RULE_COUNT; r++)
			if (unused & (UINT64_C(1) << r))
				dl_report(ctx, DL_RULE_SUPPRESSION_UNUSED, d->loc,
					  "%s names '%s', which silences no finding %s: remove the "
					  "name",
					  keyword, dl_rules[r].name, where);
		free(where);
	}
}
