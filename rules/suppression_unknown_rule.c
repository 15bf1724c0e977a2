/* suppression_unknown_rule.c - a domlint-disable comment that names no rule silences nothing */
#include "../src/rule.h"
#include "../src/suppress.h"

void dl_rule_suppression_unknown_rule(dl_ctx *ctx)
{
	if (!ctx->suppressions)
		return;
	for (size_t i = 0; i < ctx->suppressions->n; i++) {
		const dl_directive *d = &ctx->suppressions->v[i];
		const char *keyword = d->file_wide ? "domlint-disable-file" : "domlint-disable";
		for (size_t k = 0; k < d->nunknown; k++) {
			const char *near = d->near[k];
			if (near)
				dl_report(ctx, DL_RULE_SUPPRESSION_UNKNOWN_RULE, d->loc,
					  "%s names '%s', which is not a rule; did you mean '%s'?",
					  keyword, d->unknown[k], near);
			else
				dl_report(ctx, DL_RULE_SUPPRESSION_UNKNOWN_RULE, d->loc,
					  "%s names '%s', which is not a rule (see domlint "
					  "--list-rules)",
					  keyword, d->unknown[k]);
		}
	}
}
