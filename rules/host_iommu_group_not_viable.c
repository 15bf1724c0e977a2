/* host_iommu_group_not_viable.c - --host: another function of a passed-through device's IOMMU group is held by a host driver */
#include <stdlib.h>

#include "../src/config.h"
#include "host_source.h"

/*
 * VFIO hands a guest whole IOMMU groups: QEMU opens the group, and the kernel refuses it while
 * any member is bound to a driver that is not vfio-safe (vfio_group_viable, or
 * driver_managed_dma on newer kernels). libvirt detaches only the functions the domain lists.
 */
void dl_rule_host_iommu_group_not_viable_device(dl_ctx *ctx, const dl_device *dev)
{
	const dl_host *host = ctx->config->host;
	bool explicit_vfio;
	if (!dl_host_source_vfio(ctx, dev, &explicit_vfio))
		return;
	const dl_host_pci *p = dl_host_source(host, dev);
	if (!p || !p->has_config || p->iommu_group < 0)
		return;
	size_t i = 0;
	for (const dl_host_pci *o; (o = dl_host_group_member(host, p, &i));) {
		/*
		 * A member the domain passes through too: with managed='yes' libvirt binds it to
		 * vfio-pci; unmanaged, host-device-not-bound-vfio reports it (libvirt stops there
		 * first).
		 */
		if (dl_host_driver_vfio_safe(o->driver) || dl_host_source_user(ctx->model, o, dev))
			continue;
		char *name = dl_host_pci_describe(o);
		dl_report(ctx, DL_RULE_HOST_IOMMU_GROUP_NOT_VIABLE, dev->source.loc,
			  "IOMMU group %d is not viable: %s in it is bound to %s; bind every "
			  "device of the group to vfio-pci (or pass them all through), or QEMU "
			  "refuses %s (\"group %d is not viable\")",
			  p->iommu_group, name, o->driver, p->text, p->iommu_group);
		free(name);
	}
}
