/* address_duplicate.c - two devices cannot sit at the same explicit guest PCI address */
#include <string.h>

#include "../src/rule.h"
#include "../src/u64map.h"

static bool explicit_valid_pci(const dl_addr *a)
{
	return a->present && a->type && strcmp(a->type, "pci") == 0 && dl_addr_is_valid_number(a) &&
	       !dl_addr_is_empty(a) && a->bus.num.value <= DL_PCI_BUS_MAX &&
	       a->slot.num.value <= DL_PCI_SLOT_MAX && a->function.num.value <= DL_PCI_FUNCTION_MAX;
}

void dl_rule_address_duplicate(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	if (!m)
		return;
	dl_u64map seen;
	dl_u64map_init(&seen);
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_addr *g = &m->devices[i].guest;
		if (!explicit_valid_pci(g))
			continue;
		uint64_t key = dl_pci_key(g->domain.num.value, g->bus.num.value, g->slot.num.value,
					  g->function.num.value);
		if (dl_u64map_add(&seen, key, i))
			continue;
		const dl_device *first = &m->devices[*dl_u64map_get(&seen, key)];
		char addr[24];
		dl_pci_format(addr, g->domain.num.value, g->bus.num.value, g->slot.num.value,
			      g->function.num.value);
		dl_diag *d = dl_report(ctx, DL_RULE_ADDRESS_DUPLICATE, g->loc,
				       "guest PCI address %s is already used by the %s at line %lu", addr,
				       first->element, first->loc.line);
		dl_diag_relate(d, first->guest.loc, "guest PCI address %s first used here", addr);
	}
	dl_u64map_release(&seen);
}
