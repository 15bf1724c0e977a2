/* not_a_domain.c - a file named on the command line must be a <domain>, not a network or pool */
#include "../src/rule.h"

void dl_rule_not_a_domain(dl_ctx *ctx)
{
	if (!ctx->root || ctx->model || !ctx->named)
		return;
	dl_loc loc = dl_doc_elem_loc(ctx->doc, ctx->root);
	const xmlNs *ns = ctx->root->ns;
	if (ns && ns->href)
		dl_report(ctx, DL_RULE_NOT_A_DOMAIN, loc,
			  "root element <%s> is in namespace '%s': libvirt's <domain> has no "
			  "namespace",
			  (const char *)ctx->root->name, (const char *)ns->href);
	else
		dl_report(ctx, DL_RULE_NOT_A_DOMAIN, loc,
			  "root element is <%s>, not <domain>: this is not a libvirt domain "
			  "definition",
			  (const char *)ctx->root->name);
}
