/* usb_address_invalid.c - being written: reports nothing yet */
#include "../src/rule.h"

void dl_rule_usb_address_invalid(dl_ctx *ctx)
{
	(void)ctx;
}
