/* drive_address_duplicate.c - being written: reports nothing yet */
#include "../src/rule.h"

void dl_rule_drive_address_duplicate(dl_ctx *ctx)
{
	(void)ctx;
}
