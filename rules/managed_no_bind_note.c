/* managed_no_bind_note.c - an unmanaged hostdev needs a note saying how it gets bound to vfio-pci */
#include <stdio.h>

#include "../src/config.h"
#include "../src/host.h"
#include "../src/rule.h"
#include "../src/suppress.h"
#include "host_source.h"

/* A comment the pattern is too costly to judge counts as a note: never a finding it may not deserve. */
static bool has_bind_note(const dl_ctx *ctx, const dl_device *dev)
{
	for (size_t i = 0; i < dev->ncomments; i++) {
		const xmlNode *c = dev->comments[i];
		const char *text = (const char *)c->content;
		if (text && !dl_suppress_is_directive(text) &&
		    dl_config_bind_note(ctx->config, text) != 0)
			return true;
	}
	return false;
}

void dl_rule_managed_no_bind_note_device(dl_ctx *ctx, const dl_device *dev)
{
	if (!dev->pci_hostdev || dev->managed_state == DL_MANAGED_YES || has_bind_note(ctx, dev))
		return;
	/* with --host, a binding the host records for its boot is the note */
	const dl_host_pci *p = ctx->config->host ? dl_host_source(ctx->config->host, dev) : NULL;
	if (p && dl_host_binding(ctx->config->host, p))
		return;
	const char *why = dev->managed_state == DL_MANAGED_NO ?
				  "managed='no'" :
			  dev->managed_state == DL_MANAGED_ABSENT ?
				  "no managed attribute, and libvirt's default is 'no'" :
				  "managed is neither 'yes' nor 'no', so libvirt reads it as 'no'";
	char host[160] = "";
	if (p)
		snprintf(host, sizeof host,
			 ", and the host records no binding either (no /etc/driverctl.d/pci-%s "
			 "naming "
			 "vfio-pci, no vfio-pci ids=%04x:%04x)",
			 p->text, p->vendor_id, p->device_id);
	dl_report(ctx, DL_RULE_MANAGED_NO_BIND_NOTE,
		  dl_doc_attr_loc(ctx->doc, dev->node, "managed"),
		  "unmanaged %s (%s) has no note saying how it is bound to vfio-pci%s: set "
		  "managed='yes', or add a comment such as <!-- bound to vfio-pci by driverctl -->",
		  dev->label, why, host);
}
