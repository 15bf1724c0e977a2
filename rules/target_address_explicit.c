/* target_address_explicit.c - a zPCI device should give uid/fid only: the guest never sees bus/slot */
#include <stdio.h>
#include <string.h>

#include "../src/rule.h"

void dl_rule_target_address_explicit(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		const dl_addr *g = &dev->guest;
		if (!dl_addr_is_pci(g) || dev->address_ignored || !dl_device_is_zpci(m, dev))
			continue;
		const dl_field *f[] = { &g->domain, &g->bus, &g->slot, &g->function };
		const char *names[] = { "domain", "bus", "slot", "function" };
		char set[64] = "";
		int count = 0;
		int total = 0;
		for (int k = 0; k < 4; k++)
			total += f[k]->raw != NULL;
		for (int k = 0; k < 4; k++) {
			if (!f[k]->raw)
				continue;
			count++;
			snprintf(set + strlen(set), sizeof set - strlen(set), "%s%s",
				 count == 1 ? "" : count == total ? " and " : ", ", names[k]);
		}
		if (count == 0)
			continue;
		char sees[48] = "";
		if (dev->uid.known)
			snprintf(sees, sizeof sees, ": the guest sees %04x:00:00.0 from the zpci uid",
				 dev->uid.value);
		dl_report(ctx, DL_RULE_TARGET_ADDRESS_EXPLICIT, g->loc,
			  "zPCI device sets the guest PCI %s%s; give only <zpci uid='..' fid='..'/> and let libvirt assign the rest",
			  set, sees);
	}
}
