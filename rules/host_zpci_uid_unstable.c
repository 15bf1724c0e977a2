/* host_zpci_uid_unstable.c - s390x: UID checking is off, so the host PCI address of a function is not stable */
#include <stdio.h>

#include "../src/config.h"
#include "../src/host.h"
#include "../src/rule.h"
#include "host_source.h"

/*
 * Z2: with UID checking off (uid_is_unique=0) the kernel hands PCI domains out in the order it
 * finds the functions (arch/s390/pci/pci.c zpci_alloc_domain), so the host address of a
 * function can change when functions are added, removed or reconfigured, or after a reboot.
 * What names a function for good is its function_id.
 */
void dl_rule_host_zpci_uid_unstable_device(dl_ctx *ctx, const dl_device *dev)
{
	const dl_host_pci *p = dl_host_source(ctx->config->host, dev);
	if (!p || !p->zpci || p->uid_unique != DL_HOST_NO)
		return;
	char fid[160] = "check before each start that it names the function meant (by its "
			"function_id)";
	if (p->fid_known)
		snprintf(fid, sizeof fid,
			 "it names function_id 0x%08x (/sys/bus/pci/slots/%08x) now: check the "
			 "address against that before each start",
			 p->fid, p->fid);
	dl_report(ctx, DL_RULE_HOST_ZPCI_UID_UNSTABLE, dev->source.loc,
		  "UID checking is off on this LPAR (uid_is_unique=0 on host function %s): the "
		  "host numbers PCI domains in the order it finds functions, so after a reboot or "
		  "a "
		  "change of the LPAR's functions this address may name another function; %s, or "
		  "enable UID checking",
		  p->text, fid);
}
