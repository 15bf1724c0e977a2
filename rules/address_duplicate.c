/* address_duplicate.c - two devices cannot sit at the same explicit guest PCI address */
#include <string.h>

#include "pci_duplicate.h"

/* Explicit and valid: an all-zero address asks libvirt to assign one. */
static const dl_addr *explicit_guest(const dl_device *dev)
{
	const dl_addr *a = &dev->guest;
	bool explicit_valid = dl_addr_is_pci(a) && !dev->address_ignored && !dl_addr_is_empty(a) &&
			      dl_addr_in_range(a);
	return explicit_valid ? a : NULL;
}

void dl_rule_address_duplicate(dl_ctx *ctx)
{
	dl_report_pci_duplicates(ctx, DL_RULE_ADDRESS_DUPLICATE, explicit_guest, "guest PCI address",
				 "used");
}
