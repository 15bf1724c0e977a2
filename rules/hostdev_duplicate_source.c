/* hostdev_duplicate_source.c - one host PCI device can be passed through only once */
#include "../src/rule.h"
#include "../src/u64map.h"

void dl_rule_hostdev_duplicate_source(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	if (!m)
		return;
	dl_u64map seen;
	dl_u64map_init(&seen);
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		const dl_addr *s = &dev->source;
		if (!dev->pci_hostdev || !s->present || !dl_addr_is_valid_number(s))
			continue;
		uint64_t key = dl_pci_key(s->domain.num.value, s->bus.num.value, s->slot.num.value,
					  s->function.num.value);
		if (dl_u64map_add(&seen, key, i))
			continue;
		const dl_device *first = &m->devices[*dl_u64map_get(&seen, key)];
		char addr[24];
		dl_pci_format(addr, s->domain.num.value, s->bus.num.value, s->slot.num.value,
			      s->function.num.value);
		dl_diag *d = dl_report(ctx, DL_RULE_HOSTDEV_DUPLICATE_SOURCE, s->loc,
				       "host PCI device %s is already passed through by the %s at line %lu",
				       addr, first->element, first->loc.line);
		dl_diag_relate(d, first->source.loc, "host PCI device %s first passed through here", addr);
	}
	dl_u64map_release(&seen);
}
