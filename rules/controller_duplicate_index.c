/* controller_duplicate_index.c - being written: reports nothing yet */
#include "../src/rule.h"

void dl_rule_controller_duplicate_index(dl_ctx *ctx)
{
	(void)ctx;
}
