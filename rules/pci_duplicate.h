/* pci_duplicate.h - shared by the rules that find one PCI address used by two devices */
#ifndef DL_PCI_DUPLICATE_H
#define DL_PCI_DUPLICATE_H

#include "../src/machine.h"
#include "../src/rule.h"

/* The address of dev to compare, or NULL to leave dev out. */
typedef const dl_addr *dl_addr_pick(const dl_device *dev);

/*
 * Report, as rule, every device whose picked address equals an earlier device's, in one
 * pass over a hash set: "<what> X is already <verb> by the <element> at line N".
 */
void dl_report_pci_duplicates(dl_ctx *ctx, dl_rule_id rule, dl_addr_pick *pick, const char *what,
			      const char *verb);

/*
 * Report, as rule, the first device whose picked address is one of the n addresses the
 * machine's implicit devices hold (libvirt reserves them after the written addresses, so
 * it fails with "Attempted double use of PCI Address ..."). An address whose owner is in
 * the file at that very address is left to dl_report_pci_duplicates.
 */
void dl_report_pci_reserved(dl_ctx *ctx, dl_rule_id rule, dl_addr_pick *pick,
			    const dl_machine *mach, const dl_reserved *reserved, size_t n);

#endif
