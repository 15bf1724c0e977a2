/* host_device_missing.c - --host: a PCI host device's source address names no function of the host */
#include <stdlib.h>

#include "../src/config.h"
#include "../src/xmalloc.h"
#include "host_source.h"

/*
 * libvirt opens <a>/config when it starts the guest (virPCIDeviceNew), managed or not: a
 * function that is not there, or has no config space file, fails the start.
 */
void dl_rule_host_device_missing_device(dl_ctx *ctx, const dl_device *dev)
{
	const dl_host *host = ctx->config->host;
	char text[DL_PCI_TEXT_MAX];
	if (!dl_host_source_text(dev, text))
		return;
	const dl_host_pci *p = dl_host_source(host, dev);
	if (p && p->has_config)
		return;
	const dl_addr *s = &dev->source;
	if (p) {
		dl_report(ctx, DL_RULE_HOST_DEVICE_MISSING, s->loc,
			  "host PCI device %s has no config space file "
			  "(/sys/bus/pci/devices/%s/config): libvirt cannot open it (\"Device %s "
			  "not found: could not access /sys/bus/pci/devices/%s/config\")",
			  text, text, text, text);
		return;
	}
	const dl_host_pci *near = dl_host_pci_nearest(host,
						      (unsigned int)dl_field_value(&s->domain, 0),
						      (unsigned int)dl_field_value(&s->bus, 0),
						      (unsigned int)dl_field_value(&s->slot, 0),
						      (unsigned int)dl_field_value(&s->function,
										   0));
	/* Not a bridge (no guest can have one), nor a function the domain passes through already. */
	if (near && ((near->class_id >> 8) == 0x06 || dl_host_source_user(ctx->model, near, dev)))
		near = NULL;
	char *name = near ? dl_host_pci_describe(near) : NULL;
	char *hint = name ? xasprintf("did you mean %s?", name) :
			    xstrdup("lspci -D lists the host's PCI functions");
	dl_report(ctx, DL_RULE_HOST_DEVICE_MISSING, s->loc,
		  "host PCI device %s does not exist on the host (\"Device %s not found: could "
		  "not access /sys/bus/pci/devices/%s/config\"); %s",
		  text, text, text, hint);
	free(name);
	free(hint);
}
