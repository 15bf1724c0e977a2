/* address_duplicate.c - two devices cannot sit at the same explicit guest PCI address, nor one at an address the machine's own devices hold */
#include <string.h>

#include "../src/machine.h"
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
	if (!ctx->model)
		return;
	dl_machine mach = dl_machine_of(ctx->model);
	dl_reserved reserved[DL_MACHINE_MAX_RESERVED];
	size_t n = dl_machine_reserved(ctx->model, &mach, reserved);
	dl_report_pci_reserved(ctx, DL_RULE_ADDRESS_DUPLICATE, explicit_guest, &mach, reserved, n);
}
