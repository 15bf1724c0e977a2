/* address_duplicate.c - two devices cannot sit at the same explicit guest PCI or CCW address, nor one at an address the machine's own devices hold */
#include <stdlib.h>
#include <string.h>

#include "../src/ccw.h"
#include "../src/devorder.h"
#include "../src/machine.h"
#include "../src/u64map.h"
#include "../src/xmalloc.h"
#include "pci_duplicate.h"

/* virDomainCCWAddressAssign: "The CCW devno 'fe.0.0001' is in use already". */
static void report_ccw_duplicates(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	const dl_device **devs = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		if (!d->address_ignored && dl_ccw_is_complete(&d->guest)) {
			xgrow((void **)&devs, &cap, n + 1, sizeof *devs);
			devs[n++] = d;
		}
	}
	if (n > 1)
		qsort(devs, n, sizeof *devs, dl_devorder_cmp);
	dl_u64map seen;
	dl_u64map_init(&seen);
	for (size_t i = 0; i < n; i++) {
		const dl_addr *a = &devs[i]->guest;
		uint64_t key = ((uint64_t)a->ccw.cssid.num.value << 32) |
			       ((uint64_t)a->ccw.ssid.num.value << 16) | a->ccw.devno.num.value;
		if (dl_u64map_add(&seen, key, i))
			continue;
		const dl_device *first = devs[*dl_u64map_get(&seen, key)];
		dl_diag *d = dl_report(ctx, DL_RULE_ADDRESS_DUPLICATE, a->loc,
				       "CCW address %x.%x.%04x is already used by the %s at line "
				       "%lu "
				       "(\"The CCW devno '%x.%x.%04x' is in use already\")",
				       a->ccw.cssid.num.value, a->ccw.ssid.num.value,
				       a->ccw.devno.num.value, first->element, first->loc.line,
				       a->ccw.cssid.num.value, a->ccw.ssid.num.value,
				       a->ccw.devno.num.value);
		dl_diag_relate(d, first->guest.loc, "CCW address %x.%x.%04x first used here",
			       a->ccw.cssid.num.value, a->ccw.ssid.num.value,
			       a->ccw.devno.num.value);
	}
	dl_u64map_release(&seen);
	free(devs);
}

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
	dl_report_pci_duplicates(ctx, DL_RULE_ADDRESS_DUPLICATE, explicit_guest,
				 "guest PCI address", "used");
	report_ccw_duplicates(ctx);
	dl_machine mach = dl_machine_of(ctx->model);
	dl_reserved reserved[DL_MACHINE_MAX_RESERVED];
	size_t n = dl_machine_reserved(ctx->model, &mach, reserved);
	dl_report_pci_reserved(ctx, DL_RULE_ADDRESS_DUPLICATE, explicit_guest, &mach, reserved, n);
}
