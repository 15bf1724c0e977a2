/* pci_duplicate.c - shared by the rules that find one PCI address used by two devices */
#include "pci_duplicate.h"

#include "../src/u64map.h"

void dl_report_pci_duplicates(dl_ctx *ctx, dl_rule_id rule, dl_addr_pick *pick, const char *what,
			      const char *verb)
{
	const dl_model *m = ctx->model; /* the rules calling this need the model: it is there */
	dl_u64map seen;
	dl_u64map_init(&seen);
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_addr *a = pick(&m->devices[i]);
		if (!a)
			continue;
		uint64_t key = dl_pci_key(a->domain.num.value, a->bus.num.value, a->slot.num.value,
					  a->function.num.value);
		if (dl_u64map_add(&seen, key, i))
			continue;
		const dl_device *first = &m->devices[*dl_u64map_get(&seen, key)];
		char text[DL_PCI_TEXT_MAX];
		dl_pci_format(text, a->domain.num.value, a->bus.num.value, a->slot.num.value,
			      a->function.num.value);
		dl_diag *d = dl_report(ctx, rule, a->loc,
				       "%s %s is already %s by the %s at line %lu", what, text,
				       verb, first->element, first->loc.line);
		dl_diag_relate(d, pick(first)->loc, "%s %s first %s here", what, text, verb);
	}
	dl_u64map_release(&seen);
}

void dl_report_pci_reserved(dl_ctx *ctx, dl_rule_id rule, dl_addr_pick *pick,
			    const dl_machine *mach, const dl_reserved *reserved, size_t n)
{
	const dl_model *m = ctx->model;
	if (!m || n == 0)
		return;
	/* the first device at each reserved address: one pass, n is at most a handful */
	const dl_device *first[DL_MACHINE_MAX_RESERVED] = { NULL };
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_addr *a = pick(&m->devices[i]);
		if (!a || a->domain.num.value != 0 || a->bus.num.value != 0)
			continue;
		for (size_t r = 0; r < n; r++)
			if (!first[r] && a->slot.num.value == reserved[r].slot &&
			    a->function.num.value == reserved[r].function)
				first[r] = &m->devices[i];
	}
	for (size_t r = 0; r < n; r++) {
		if (!first[r] || reserved[r].owner)
			continue;
		char text[DL_PCI_TEXT_MAX];
		dl_pci_format(text, 0, 0, reserved[r].slot, reserved[r].function);
		dl_diag *d = dl_report(ctx, rule, pick(first[r])->loc,
				       "guest PCI address %s is held by %s of machine '%s' "
				       "(\"Attempted double use of PCI Address %s\")",
				       text, reserved[r].what, mach->name, text);
		dl_diag_relate(d, m->machine_loc, "the machine '%s' is chosen here", mach->name);
	}
}
