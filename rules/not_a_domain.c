/* not_a_domain.c - a file named on the command line must be a <domain>, not a network or pool */
#include "../src/rule.h"

void dl_rule_not_a_domain(dl_ctx *ctx)
{
	if (!ctx->root || ctx->model || !ctx->named)
		return;
	dl_report(ctx, DL_RULE_NOT_A_DOMAIN, dl_doc_elem_loc(ctx->doc, ctx->root),
		  "root element is <%s>, not <domain>: this is not a libvirt domain definition",
		  (const char *)ctx->root->name);
}
