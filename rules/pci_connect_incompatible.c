/* pci_connect_incompatible.c - being written: reports nothing yet */
#include "../src/rule.h"

void dl_rule_pci_connect_incompatible(dl_ctx *ctx)
{
	(void)ctx;
}
