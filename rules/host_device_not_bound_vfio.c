/* host_device_not_bound_vfio.c - --host: an unmanaged PCI host device the host has not bound to vfio-pci */
#include <stdlib.h>
#include <string.h>

#include "../src/config.h"
#include "../src/xmalloc.h"
#include "host_source.h"

/*
 * libvirt 9's stub drivers (virPCIStubDriver): an unmanaged device bound to one of them is
 * taken as detached; any other driver, or none, fails the start.
 */
static bool is_stub(const char *driver)
{
	return driver && (strcmp(driver, "vfio-pci") == 0 || strcmp(driver, "pciback") == 0);
}

/* What the host has set up that is not in effect yet, for the message; "" when nothing. */
static char *pending(const dl_host *host, const dl_host_pci *p)
{
	if (p->driver_override && strcmp(p->driver_override, "vfio-pci") == 0)
		return xstrdup("; its driver_override is vfio-pci, but it has not been reprobed "
			       "since");
	const dl_host_bind *b = dl_host_binding(host, p);
	if (b)
		return xasprintf("; %s binds it to vfio-pci at boot, but that is not in effect now",
				 b->where);
	return xstrdup("");
}

void dl_rule_host_device_not_bound_vfio_device(dl_ctx *ctx, const dl_device *dev)
{
	if (dev->managed_state == DL_MANAGED_YES)
		return;
	const dl_host *host = ctx->config->host;
	const dl_host_pci *p = dl_host_source(host, dev);
	if (!p || !p->has_config || is_stub(p->driver))
		return; /* a missing device is host-device-missing's */
	const char *why = dev->managed_state == DL_MANAGED_NO ?
				  "managed='no'" :
			  dev->managed_state == DL_MANAGED_ABSENT ?
				  "no managed attribute: libvirt's default is 'no'" :
				  "managed is neither 'yes' nor 'no': libvirt reads it as 'no'";
	char *driver = p->driver ? xasprintf("it is bound to %s, not vfio-pci,", p->driver) :
				   xstrdup("it has no driver,");
	char *more = pending(host, p);
	dl_report(ctx, DL_RULE_HOST_DEVICE_NOT_BOUND_VFIO,
		  dl_doc_attr_loc(ctx->doc, dev->node, "managed"),
		  "Unmanaged PCI device %s must be manually detached from the host: %s and "
		  "libvirt binds only managed devices (%s)%s; set managed='yes', or bind it "
		  "before the guest starts (driverctl set-override %s vfio-pci)",
		  p->text, driver, why, more, p->text);
	free(driver);
	free(more);
}
