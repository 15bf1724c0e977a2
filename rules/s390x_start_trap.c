/* s390x_start_trap.c - s390x settings libvirt defines without a word but QEMU refuses, or ignores, when the guest starts */
#include <string.h>

#include "../src/rule.h"
#include "../src/text.h"

/* PCI on s390x: one function per zPCI device, no multifunction, no IPL from it. */
static void check_pci(dl_ctx *ctx, const dl_device *dev)
{
	const dl_addr *g = &dev->guest;
	if (dl_addr_is_pci(g) && !dev->address_ignored) {
		if (dl_text_is(g->multifunction, "on"))
			dl_report(ctx, DL_RULE_S390X_START_TRAP,
				  dl_doc_attr_loc(ctx->doc, g->node, "multifunction"),
				  "multifunction='on' on s390x: libvirt defines it, QEMU refuses "
				  "it when the "
				  "guest starts (\"multifunction not supported in s390\")");
		else if (g->function.num.status == DL_NUM_OK && g->function.num.value != 0 &&
			 !dl_addr_is_empty(g))
			dl_report(ctx, DL_RULE_S390X_START_TRAP,
				  dl_field_loc(ctx->doc, &g->function),
				  "guest PCI function '%s' on s390x: the guest sees every zPCI "
				  "device as "
				  "function 0 of its own domain whatever is written here, and "
				  "functions that "
				  "share a slot make libvirt turn multifunction on, which QEMU "
				  "refuses at start "
				  "(\"multifunction not supported in s390\"); leave the function "
				  "out",
				  g->function.raw);
	}
	if (dev->pci_hostdev && dev->has_boot)
		dl_report(ctx, DL_RULE_S390X_START_TRAP,
			  dl_doc_elem_loc(ctx->doc, dl_doc_child(dev->node, "boot")),
			  "<boot> on a PCI host device on s390x: the s390x firmware IPLs only from "
			  "CCW "
			  "devices (virtio-ccw, vfio-ccw, SCSI), so this boot entry is never used");
}

/* display and ramfb belong to vfio-pci vGPUs: on vfio-ccw and vfio-ap QEMU has no such property. */
static void check_mdev(dl_ctx *ctx, const dl_device *dev)
{
	if (dev->hostdev != DL_HOSTDEV_MDEV ||
	    !(dl_text_is(dev->model, "vfio-ccw") || dl_text_is(dev->model, "vfio-ap")))
		return;
	static const char *const attrs[] = { "display", "ramfb" };
	for (size_t i = 0; i < 2; i++)
		if (dl_text_is(dl_doc_attr(ctx->doc, dev->node, attrs[i]), "on"))
			dl_report(ctx, DL_RULE_S390X_START_TRAP,
				  dl_doc_attr_loc(ctx->doc, dev->node, attrs[i]),
				  "%s='on' on a %s mdev: libvirt defines it, but only vfio-pci "
				  "vGPUs have a "
				  "display, and QEMU refuses it at start (\"Property '%s.%s' not "
				  "found\")",
				  attrs[i], dev->model, dev->model, attrs[i]);
}

void dl_rule_s390x_start_trap_device(dl_ctx *ctx, const dl_device *dev)
{
	if (!ctx->model->s390x)
		return;
	check_pci(ctx, dev);
	check_mdev(ctx, dev);
}
