/* address_type_unsupported.c - being written: reports nothing yet */
#include "../src/rule.h"

void dl_rule_address_type_unsupported(dl_ctx *ctx)
{
	(void)ctx;
}
