/* host_vfio_unavailable.c - --host: vfio-pci cannot be had on the host (not there at all, or blacklisted and not loaded) */
#include "../src/config.h"
#include "host_source.h"

/* The first PCI host device passed through with VFIO; with managed_yes, the first managed one. */
static const dl_device *first_vfio(dl_ctx *ctx, bool managed_yes)
{
	const dl_model *m = ctx->model;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		bool explicit_vfio;
		if (!dev->implicit && dev->pci_hostdev &&
		    (!managed_yes || dev->managed_state == DL_MANAGED_YES) &&
		    dl_host_source_vfio(ctx, dev, &explicit_vfio))
			return dev;
	}
	return NULL;
}

/*
 * Once a file, at the first device it concerns. Nothing when the snapshot holds no module
 * list to tell (vfio_pci UNKNOWN) and nothing blacklists the module.
 */
void dl_rule_host_vfio_unavailable(dl_ctx *ctx)
{
	const dl_host *host = ctx->config->host;
	if (host->vfio_pci_loaded)
		return;
	const dl_device *dev;
	if (host->vfio_pci == DL_HOST_NO && (dev = first_vfio(ctx, false))) {
		dl_report(ctx, DL_RULE_HOST_VFIO_UNAVAILABLE, dev->loc,
			  "vfio-pci is neither loaded, built in, nor installed as a module for "
			  "kernel %s: no device can be bound to it (libvirt: \"Failed to load PCI "
			  "stub module vfio-pci\"); install the kernel's vfio-pci module",
			  host->kernel ? host->kernel : "(unknown)");
		return;
	}
	/*
	 * managed='yes': libvirt loads the module with modprobe -b, which honours the blacklist
	 * (virPCIProbeStubDriver, virKModIsProhibited). Unmanaged devices it does not bind.
	 */
	if (host->vfio_pci_blacklist && (dev = first_vfio(ctx, true)))
		dl_report(ctx, DL_RULE_HOST_VFIO_UNAVAILABLE, dev->loc,
			  "vfio-pci is not loaded and %s blacklists it: libvirt cannot load it to "
			  "bind managed %s (\"Failed to load PCI stub module vfio-pci: "
			  "administratively prohibited\"); remove the blacklist line or load "
			  "vfio-pci at boot",
			  host->vfio_pci_blacklist, dev->label);
}
