/* zpci_wrong_arch.c - zPCI exists only on s390x: libvirt rejects <zpci> anywhere else */
#include "../src/rule.h"

void dl_rule_zpci_wrong_arch_device(dl_ctx *ctx, const dl_device *dev)
{
	const dl_model *m = ctx->model;
	if (!m->arch || m->s390x || !dev->guest.has_zpci)
		return;
	dl_diag *d = dl_report(ctx, DL_RULE_ZPCI_WRONG_ARCH, dev->guest.zpci_loc,
			       "<zpci> in a domain for arch '%s': only s390x has zPCI "
			       "(\"This QEMU binary doesn't support zPCI\")",
			       m->arch);
	dl_diag_relate(d, m->arch_loc, "the architecture '%s' comes from here", m->arch);
}
