/* xml_syntax.c - a file that is not well-formed XML, with libxml2's own message and position */
#include "../src/rule.h"

void dl_rule_xml_syntax(dl_ctx *ctx)
{
	if (ctx->doc)
		return;
	dl_loc loc = ctx->load_error->loc;
	if (loc.line == 0)
		loc.line = 1;
	if (loc.col == 0)
		loc.col = 1;
	dl_report(ctx, DL_RULE_XML_SYNTAX, loc, "not well-formed XML: %s",
		  ctx->load_error->message);
}
