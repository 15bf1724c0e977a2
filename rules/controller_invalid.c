/* controller_invalid.c - being written: reports nothing yet */
#include "../src/rule.h"

void dl_rule_controller_invalid(dl_ctx *ctx)
{
	(void)ctx;
}
