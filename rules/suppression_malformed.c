/* suppression_malformed.c - a comment meant as a domlint-disable directive that is not one,
 * and, with [suppressions] require-reason, a directive that gives no reason */
#include <stdlib.h>

#include "../src/config.h"
#include "../src/rule.h"
#include "../src/suppress.h"

void dl_rule_suppression_malformed(dl_ctx *ctx)
{
	if (!ctx->suppressions)
		return;
	for (size_t i = 0; i < ctx->suppressions->n; i++) {
		const dl_directive *d = &ctx->suppressions->v[i];
		if (d->malformed) {
			dl_report(ctx, DL_RULE_SUPPRESSION_MALFORMED, d->loc, "%s", d->malformed);
		} else if (ctx->config->require_reason && !d->reason) {
			char *right = dl_directive_form(d, "why");
			dl_report(ctx, DL_RULE_SUPPRESSION_MALFORMED, d->loc,
				  "%s has no reason; [suppressions] require-reason is set: write "
				  "%s",
				  d->file_wide ? "domlint-disable-file" : "domlint-disable", right);
			free(right);
		}
	}
}
