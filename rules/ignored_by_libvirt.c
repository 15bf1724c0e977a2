/* ignored_by_libvirt.c - being written: reports nothing yet */
#include "../src/rule.h"

void dl_rule_ignored_by_libvirt(dl_ctx *ctx)
{
	(void)ctx;
}
