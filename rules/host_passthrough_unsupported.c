/* host_passthrough_unsupported.c - --host: the host cannot pass PCI devices through (no IOMMU groups, no /dev/vfio/vfio) */
#include "../src/config.h"
#include "host_source.h"

/* What libvirt's qemuHostdevHostSupportsPassthroughVFIO finds missing, in its order. */
static const char *missing(const dl_host *host, bool s390x)
{
	if (!host->iommu_groups && !host->vfio_dev)
		return s390x ? "no IOMMU groups in /sys/kernel/iommu_groups and no /dev/vfio/vfio "
			       "(is the vfio module loaded?)" :
			       "no IOMMU groups in /sys/kernel/iommu_groups (is the IOMMU on? "
			       "intel_iommu=on or amd_iommu=on on the kernel command line) and no "
			       "/dev/vfio/vfio (is the vfio module loaded?)";
	if (!host->iommu_groups)
		return s390x ? "no IOMMU groups in /sys/kernel/iommu_groups (is the IOMMU on?)" :
			       "no IOMMU groups in /sys/kernel/iommu_groups (is the IOMMU on? "
			       "intel_iommu=on or amd_iommu=on on the kernel command line)";
	return "/dev/vfio/vfio is missing (it appears when the vfio module is loaded: modprobe "
	       "vfio-pci, or list vfio-pci in /etc/modules-load.d)";
}

/*
 * libvirt checks the host once for all PCI host devices when the guest starts
 * (qemuHostdevPreparePCIDevicesCheckSupport) and stops at the first: report at that one.
 */
void dl_rule_host_passthrough_unsupported(dl_ctx *ctx)
{
	const dl_host *host = ctx->config->host;
	if (host->iommu_groups && host->vfio_dev)
		return;
	const dl_model *m = ctx->model;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		bool explicit_vfio;
		if (dev->implicit || !dev->pci_hostdev ||
		    !dl_host_source_vfio(ctx, dev, &explicit_vfio))
			continue;
		dl_report(ctx, DL_RULE_HOST_PASSTHROUGH_UNSUPPORTED, dev->loc,
			  "host doesn't support %s: %s; libvirt starts no guest with a PCI host "
			  "device on the host",
			  explicit_vfio ? "VFIO PCI passthrough" :
					  "passthrough of host PCI devices",
			  missing(host, m->s390x));
		return;
	}
}
