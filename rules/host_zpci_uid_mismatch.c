/* host_zpci_uid_mismatch.c - s390x: a host PCI domain that is not the function's uid though the LPAR checks UIDs */
#include <stdio.h>

#include "../src/config.h"
#include "../src/host.h"
#include "../src/rule.h"
#include "host_source.h"

/* Is p the only function of its PCI domain on the host (no RID topology sharing it)? */
static bool alone_in_domain(const dl_host *host, const dl_host_pci *p)
{
	for (size_t i = 0; i < host->npci; i++)
		if (&host->pci[i] != p && host->pci[i].domain == p->domain)
			return false;
	return true;
}

/* The zPCI function whose uid is uid, other than p; NULL when there is none. */
static const dl_host_pci *function_with_uid(const dl_host *host, const dl_host_pci *p,
					    unsigned int uid)
{
	for (size_t i = 0; i < host->npci; i++)
		if (&host->pci[i] != p && host->pci[i].zpci && host->pci[i].uid == uid)
			return &host->pci[i];
	return NULL;
}

/*
 * Z1: with UID checking on, the kernel numbers the PCI domain of a function that is alone in
 * it by the function's uid (arch/s390/pci/pci.c zpci_alloc_domain). A function alone in a
 * domain that is not its uid got that domain some other way (UID checking turned on after it
 * was plugged, say), and it becomes the uid at the next boot.
 */
void dl_rule_host_zpci_uid_mismatch_device(dl_ctx *ctx, const dl_device *dev)
{
	const dl_host *host = ctx->config->host;
	const dl_host_pci *p = dl_host_source(host, dev);
	if (!p || !p->zpci || p->uid_unique != DL_HOST_YES || p->uid == 0 || p->uid > 0xffff ||
	    p->domain == p->uid || !alone_in_domain(host, p))
		return;
	char by_uid[DL_PCI_TEXT_MAX];
	dl_pci_format(by_uid, p->uid, p->bus, p->slot, p->function);
	const dl_host_pci *other = function_with_uid(host, p, p->domain);
	char also[DL_PCI_TEXT_MAX + 64] = "";
	if (other)
		snprintf(also, sizeof also, "; the function with uid 0x%x is %s", p->domain,
			 other->text);
	dl_report(ctx, DL_RULE_HOST_ZPCI_UID_MISMATCH, dev->source.loc,
		  "host function %s has zPCI uid 0x%x: with UID checking on (uid_is_unique=1) a "
		  "function alone in its PCI domain is numbered by its uid (%s), so this address "
		  "and "
		  "the host disagree on the function, and the host's next boot may renumber it%s",
		  p->text, p->uid, by_uid, also);
}
