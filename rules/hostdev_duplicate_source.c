/* hostdev_duplicate_source.c - one host PCI device can be passed through only once */
#include "pci_duplicate.h"

static const dl_addr *host_source(const dl_device *dev)
{
	const dl_addr *s = &dev->source;
	return dev->pci_hostdev && s->present && dl_addr_is_valid_number(s) ? s : NULL;
}

void dl_rule_hostdev_duplicate_source(dl_ctx *ctx)
{
	dl_report_pci_duplicates(ctx, DL_RULE_HOSTDEV_DUPLICATE_SOURCE, host_source,
				 "host PCI device", "passed through");
}
