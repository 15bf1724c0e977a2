/* machine_feature_incompatible.c - features, TSEG, IOMMU models and timers that the domain's machine type or architecture does not allow */
#include <string.h>

#include "../src/machine.h"
#include "../src/osdef.h"
#include "../src/rule.h"
#include "../src/text.h"

#define RULE DL_RULE_MACHINE_FEATURE_INCOMPATIBLE

static bool one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (dl_text_is(s, *set))
			return true;
	return false;
}

/* virDomainFeaturesDefParse: the gic version, an enum that cannot be 'none'. */
static bool check_gic_version(dl_ctx *ctx, const xmlNode *gic)
{
	static const char *const ok[] = { "host", "2", "3", NULL };
	const char *v = dl_doc_attr(ctx->doc, gic, "version");
	if (!v || one_of(v, ok))
		return true;
	dl_report(ctx, RULE, dl_doc_attr_loc(ctx->doc, gic, "version"),
		  "the GIC version is 2, 3 or host (\"Invalid value for attribute 'version' in "
		  "element 'gic': '%s'.\")",
		  v);
	return false;
}

/* Is this pseries feature on (or set) as libvirt reads it (virDomainFeaturesDefParse)? */
static bool pseries_feature_set(dl_ctx *ctx, const xmlNode *f)
{
	static const char *const fix3[] = { "broken", "workaround", "fixed", NULL };
	static const char *const ibs[] = { "broken",    "workaround", "fixed-ibs",
					   "fixed-ccd", "fixed-na",   NULL };
	static const char *const hpt[] = { "enabled", "disabled", "required", NULL };
	const char *name = (const char *)f->name;
	if (strcmp(name, "htm") == 0 || strcmp(name, "nested-hv") == 0 ||
	    strcmp(name, "ccf-assist") == 0) {
		dl_tristate s = dl_osdef_tristate(ctx->doc, f, "state", true);
		return s == DL_TRI_YES || s == DL_TRI_NO;
	}
	if (strcmp(name, "cfpc") == 0 || strcmp(name, "sbbc") == 0)
		return one_of(dl_doc_attr(ctx->doc, f, "value"), fix3);
	if (strcmp(name, "ibs") == 0)
		return one_of(dl_doc_attr(ctx->doc, f, "value"), ibs);
	if (strcmp(name, "hpt") == 0) {
		if (one_of(dl_doc_attr(ctx->doc, f, "resizing"), hpt))
			return true;
		const xmlNode *mp = dl_doc_child(f, "maxpagesize");
		char *t = mp ? dl_osdef_text(mp) : NULL;
		unsigned long long v = 0;
		bool set = t && dl_osdef_scaled(t, dl_doc_attr(ctx->doc, mp, "unit"), 1024, &v) &&
			   v > 0;
		free(t);
		return set;
	}
	return false;
}

/* qemuDomainDefTsegPostParse: a TSEG size needs q35 and whole MiB. */
static void check_tseg(dl_ctx *ctx, const xmlNode *smm, const dl_machine *mach)
{
	dl_tristate st = dl_osdef_tristate(ctx->doc, smm, "state", true);
	if (st != DL_TRI_YES && st != DL_TRI_ABSENT)
		return;
	const xmlNode *tseg = dl_doc_child(smm, "tseg");
	char *t = tseg ? dl_osdef_text(tseg) : NULL;
	unsigned long long size = 0;
	bool specified = t && *t &&
			 dl_osdef_scaled(t, dl_doc_attr(ctx->doc, tseg, "unit"), 1024 * 1024,
					 &size);
	free(t);
	if (!specified)
		return;
	if (mach->family != DL_MACHINE_Q35) {
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, tseg),
			  "a TSEG size is a setting of the q35 chipset; machine '%s' has none "
			  "(\"SMM "
			  "TSEG is only supported with q35 machine type\")",
			  mach->name);
	} else if (size & ((1ULL << 20) - 1)) {
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, tseg),
			  "the TSEG size is %llu bytes, not a whole number of MiB (\"SMM TSEG size "
			  "must be divisible by 1 MiB\")",
			  size);
	}
}

static void check_features(dl_ctx *ctx, const xmlNode *features, const dl_machine *mach,
			   const char *arch)
{
	static const char *const pseries[] = { "hpt",  "htm",  "nested-hv", "ccf-assist",
					       "cfpc", "sbbc", "ibs",       NULL };
	for (const xmlNode *f = features ? features->children : NULL; f; f = f->next) {
		if (f->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)f->name;
		if (strcmp(name, "gic") == 0) {
			if (check_gic_version(ctx, f) && mach->family != DL_MACHINE_UNKNOWN &&
			    mach->family != DL_MACHINE_ARM_VIRT)
				dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, f),
					  "the GIC is the interrupt controller of ARM 'virt' "
					  "machines (\"The 'gic' feature is not supported for "
					  "architecture '%s' or machine type '%s'\")",
					  arch, mach->name);
		} else if (one_of(name, pseries)) {
			if (mach->family != DL_MACHINE_UNKNOWN &&
			    mach->family != DL_MACHINE_PSERIES && pseries_feature_set(ctx, f))
				dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, f),
					  "'%s' is a feature of ppc64 'pseries' machines "
					  "(\"The '%s' feature is not supported for "
					  "architecture '%s' or machine type '%s'\")",
					  name, name, arch, mach->name);
		} else if (strcmp(name, "smm") == 0) {
			if (mach->family != DL_MACHINE_UNKNOWN)
				check_tseg(ctx, f, mach);
		}
	}
}

/* qemuValidateDomainDeviceDefIOMMU: each IOMMU model belongs to some machines. */
static void check_iommu(dl_ctx *ctx, const dl_machine *mach, bool acpi)
{
	if (mach->family == DL_MACHINE_UNKNOWN)
		return;
	const dl_model *m = ctx->model;
	for (const dl_device *d = dl_model_first(m, DL_DEV_IOMMU); d; d = dl_model_next(m, d)) {
		if (!d->node)
			continue;
		const char *model = dl_doc_attr(ctx->doc, d->node, "model");
		dl_loc at = dl_doc_attr_loc(ctx->doc, d->node, "model");
		bool q35 = mach->family == DL_MACHINE_Q35;
		bool virt = mach->family == DL_MACHINE_ARM_VIRT;
		if (dl_text_is(model, "intel") && !q35)
			dl_report(ctx, RULE, at,
				  "the intel IOMMU is part of the q35 chipset "
				  "(\"IOMMU device: 'intel' is only supported with Q35 "
				  "machines\")");
		else if (dl_text_is(model, "smmuv3") && !virt)
			dl_report(ctx, RULE, at,
				  "the SMMUv3 is part of ARM 'virt' machines (\"IOMMU device: "
				  "'smmuv3' is only supported with ARM Virt machines\")");
		else if (dl_text_is(model, "virtio") && !q35 && !virt)
			dl_report(ctx, RULE, at,
				  "a virtio IOMMU needs a q35 or ARM 'virt' machine "
				  "(\"IOMMU device: 'virtio' is only supported with Q35 and ARM "
				  "Virt machines\")");
		else if (dl_text_is(model, "virtio") && !acpi)
			dl_report(ctx, RULE, at,
				  "the guest finds a virtio IOMMU through ACPI: add "
				  "<features><acpi/> (\"IOMMU device: 'virtio' requires ACPI\")");
	}
}

/* qemuValidateDomainDefClockTimers: tsc, kvmclock and hypervclock are x86 timers. */
static void check_timers(dl_ctx *ctx, const char *arch, const char *machine)
{
	static const char *const x86_only[] = { "tsc", "kvmclock", "hypervclock", NULL };
	if (!arch || dl_text_is(arch, "x86_64") || dl_text_is(arch, "i686"))
		return;
	const xmlNode *clock = dl_doc_child(ctx->root, "clock");
	for (const xmlNode *t = clock ? clock->children : NULL; t; t = t->next) {
		if (!dl_doc_is(t, "timer"))
			continue;
		const char *name = dl_doc_attr(ctx->doc, t, "name");
		if (!one_of(name, x86_only) ||
		    dl_osdef_tristate(ctx->doc, t, "present", false) != DL_TRI_YES)
			continue;
		dl_report(ctx, RULE, dl_doc_elem_loc(ctx->doc, t),
			  "the '%s' timer exists only on x86 guests (\"Configuring the '%s' "
			  "timer is not supported for virtType=%s arch=%s machine=%s guests\")",
			  name, name, dl_doc_attr(ctx->doc, ctx->root, "type"), arch,
			  machine ? machine : "(default)");
	}
}

void dl_rule_machine_feature_incompatible(dl_ctx *ctx)
{
	const char *type = dl_doc_attr(ctx->doc, ctx->root, "type");
	const xmlNode *features = dl_doc_child(ctx->root, "features");
	if (!dl_text_is(type, "qemu") && !dl_text_is(type, "kvm")) {
		for (const xmlNode *f = features ? features->children : NULL; f; f = f->next)
			if (dl_doc_is(f, "gic"))
				check_gic_version(ctx, f);
		return;
	}
	dl_machine mach = dl_machine_of(ctx->model);
	const char *arch = ctx->model->arch;
	check_features(ctx, features, &mach, arch);
	check_iommu(ctx, &mach, dl_doc_child(features, "acpi") != NULL);
	check_timers(ctx, arch, mach.name);
}
