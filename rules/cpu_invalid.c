/* cpu_invalid.c - <cpu>, <vcpu> and <cputune> settings libvirt rejects at define */
#include <stdbool.h>
#include <string.h>

#include "../src/cpudef.h"
#include "../src/machine.h"
#include "../src/numadef.h"
#include "../src/pciaddr.h"
#include "../src/rule.h"

#define R DL_RULE_CPU_INVALID

/* An int attribute as virXMLPropInt base 10 reads it; false when absent or refused. */
static bool int_attr(dl_ctx *ctx, const xmlNode *e, const char *name, unsigned int *v)
{
	dl_num n = dl_num_parse_base(dl_doc_attr(ctx->doc, e, name), 10, false);
	if (n.status != DL_NUM_OK || n.value > 0x7fffffffu)
		return false;
	*v = n.value;
	return true;
}

/* qemuValidateDomainDefCpu: <maxphysaddr> and <cache> (x86 only; elsewhere both are refused). */
static void check_x86_cpu(dl_ctx *ctx, const dl_cpudef *c)
{
	const xmlNode *addr = dl_doc_child(c->cpu, "maxphysaddr");
	if (addr) {
		const char *mode = dl_doc_attr(ctx->doc, addr, "mode");
		const char *bits = dl_doc_attr(ctx->doc, addr, "bits");
		unsigned int v;
		if (mode && bits && !strcmp(mode, "passthrough") && int_attr(ctx, addr, "bits", &v))
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, addr, "bits"),
				  "bits= with mode='passthrough', which takes the host's (\"CPU "
				  "maximum "
				  "physical address bits number specification cannot be used with "
				  "mode='passthrough'\")");
		else if (mode && !bits && !strcmp(mode, "emulate"))
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, addr, "mode"),
				  "mode='emulate' without bits= (\"if using CPU maximum physical "
				  "address "
				  "mode='emulate', bits= must be specified too\")");
	}
	const xmlNode *cache = dl_doc_child(c->cpu, "cache");
	if (!cache)
		return;
	for (const xmlNode *n = cache->next; n; n = n->next)
		if (dl_doc_is(n, "cache"))
			return; /* "at most one CPU cache element may be specified" */
	const char *mode = dl_doc_attr(ctx->doc, cache, "mode");
	const char *ltext = dl_doc_attr(ctx->doc, cache, "level");
	unsigned int level = 0;
	if (!mode || (ltext && (!int_attr(ctx, cache, "level", &level) || level < 1 || level > 3)))
		return; /* libvirt's own complaints */
	dl_loc lloc = dl_doc_attr_loc(ctx->doc, cache, "level");
	if (!strcmp(mode, "emulate") && level != 3)
		dl_report(ctx, R, ltext ? lloc : dl_doc_attr_loc(ctx->doc, cache, "mode"),
			  "cache mode 'emulate' needs level='3' (\"CPU cache mode 'emulate' can "
			  "only be "
			  "used with level='3'\")");
	else if (!strcmp(mode, "passthrough") && strcmp(c->mode, "host-passthrough") != 0 &&
		 strcmp(c->mode, "maximum") != 0)
		dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, cache, "mode"),
			  "cache mode 'passthrough' with a '%s' CPU (\"CPU cache mode "
			  "'passthrough' can "
			  "only be used with 'host-passthrough' / 'maximum' CPUs\")",
			  c->mode);
	else if ((!strcmp(mode, "passthrough") || !strcmp(mode, "disable")) && ltext)
		dl_report(ctx, R, lloc,
			  "cache mode '%s' takes no level (\"unsupported CPU cache level for mode "
			  "'%s'\")",
			  mode, mode);
}

/* qemuDomainDefCPUPostParse: SVE vector lengths (sve128...) with sve itself disabled. */
static void check_sve(dl_ctx *ctx, const dl_cpudef *c)
{
	const xmlNode *sve = NULL;
	bool lengths = false;
	for (const xmlNode *f = c->cpu->children; f; f = f->next) {
		if (!dl_doc_is(f, "feature"))
			continue;
		const char *name = dl_doc_attr(ctx->doc, f, "name");
		if (!name || strncmp(name, "sve", 3) != 0)
			continue;
		if (name[3] == '\0')
			sve = f;
		else
			lengths = true;
	}
	if (!lengths || !sve)
		return;
	const char *policy = dl_doc_attr(ctx->doc, sve, "policy");
	if (policy && (!strcmp(policy, "disable") || !strcmp(policy, "forbid")))
		dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, sve, "policy"),
			  "SVE vector lengths are given but sve itself is '%s' (\"SVE disabled, "
			  "but "
			  "SVE vector lengths provided\")",
			  policy);
}

/* qemuValidateDomainVCpuTopology: pSeries hotplugs a core at a time. */
static void check_granularity(dl_ctx *ctx, const dl_cpudef *c)
{
	if (!c->topology || c->sockets == 0 || c->threads == 0 || !c->vcpus_known)
		return;
	dl_machine mach = dl_machine_of(ctx->model);
	if (mach.family != DL_MACHINE_PSERIES)
		return;
	if (c->vcpus_current % c->threads != 0)
		dl_report(ctx, R,
			  dl_doc_attr(ctx->doc, c->vcpu, "current") ?
				  dl_doc_attr_loc(ctx->doc, c->vcpu, "current") :
				  dl_doc_elem_loc(ctx->doc, c->vcpu),
			  "%u vCPUs on pSeries with %u threads per core (\"vCPUs count must be a "
			  "multiple of the vCPU hotplug granularity (%u)\")",
			  c->vcpus_current, c->threads, c->threads);
}

/* virDomainThreadSchedParseHelper for vcpusched and iothreadsched. */
static void check_sched(dl_ctx *ctx, const xmlNode *cputune, const char *element, const char *attr,
			const dl_nodeset *ids)
{
	dl_nodeset used;
	memset(&used, 0, sizeof(used));
	for (const xmlNode *e = cputune->children; e; e = e->next) {
		if (!dl_doc_is(e, element))
			continue;
		dl_nodeset set;
		if (!dl_nodeset_parse(dl_doc_attr(ctx->doc, e, attr), &set) ||
		    dl_nodeset_next(&set, 0) < 0)
			return;
		for (int bit = dl_nodeset_next(&set, 0); ids && bit >= 0;
		     bit = dl_nodeset_next(&set, bit + 1)) {
			if (dl_nodeset_next(ids, bit) != bit) {
				dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, e, attr),
					  "iothread %d does not exist (\"Cannot find 'iothread' : "
					  "%d\")",
					  bit, bit);
				return;
			}
		}
		if (dl_nodeset_overlaps(&set, &used)) {
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, e, attr),
				  "a thread given a scheduler twice (\"'%s' attributes '%s' must "
				  "not "
				  "overlap\")",
				  element, attr);
			return;
		}
		for (size_t i = 0; i < DL_NODESET_LEN / 64; i++)
			used.bits[i] |= set.bits[i];
	}
}

void dl_rule_cpu_invalid(dl_ctx *ctx)
{
	dl_cpudef c = dl_cpudef_of(ctx->doc, ctx->root);
	if (c.cpu) {
		if (dl_machine_of(ctx->model).x86)
			check_x86_cpu(ctx, &c);
		check_sve(ctx, &c);
	}
	check_granularity(ctx, &c);
	const xmlNode *cputune = dl_doc_child(ctx->root, "cputune");
	if (cputune) {
		dl_nodeset ids;
		check_sched(ctx, cputune, "vcpusched", "vcpus", NULL);
		if (dl_iothread_ids(ctx->doc, ctx->root, &ids))
			check_sched(ctx, cputune, "iothreadsched", "iothreads", &ids);
	}
}
