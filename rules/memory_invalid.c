/* memory_invalid.c - memory sizes, hugepages and memory hotplug settings libvirt rejects at define */
#include <stdbool.h>
#include <string.h>

#include "../src/machine.h"
#include "../src/numadef.h"
#include "../src/pciaddr.h"
#include "../src/rule.h"

#define R DL_RULE_MEMORY_INVALID

/*
 * virDomainDefPostParseMemory: no <memory>, no NUMA cells to sum up. (With memory devices and
 * nothing else libvirt says their size exceeds the total first: left to it.)
 */
static void check_memory_given(dl_ctx *ctx, const dl_numa *numa)
{
	if (dl_doc_child(ctx->root, "memory") || numa->ncells)
		return;
	const xmlNode *devices = dl_doc_child(ctx->root, "devices");
	if (devices && dl_doc_child(devices, "memory"))
		return;
	dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, ctx->root),
		  "the domain gives no memory size: no <memory> and no NUMA cells (\"Memory size "
		  "must be specified via <memory> or in the <numa> configuration\")");
}

typedef struct page {
	const xmlNode *node;
	unsigned long long size;
	bool has_set;
	dl_nodeset set;
} page;

#define MAX_PAGES 64

/* virDomainHugepagesParseXML, virDomainDefPostParseMemtune, virDomainDefMemtuneValidate. */
static void check_hugepages(dl_ctx *ctx, const dl_numa *numa)
{
	page pages[MAX_PAGES];
	size_t n = 0;
	for (const xmlNode *mb = ctx->root->children; mb; mb = mb->next) {
		if (!dl_doc_is(mb, "memoryBacking"))
			continue;
		for (const xmlNode *hp = mb->children; hp; hp = hp->next) {
			if (!dl_doc_is(hp, "hugepages"))
				continue;
			for (const xmlNode *p = hp->children; p; p = p->next) {
				if (!dl_doc_is(p, "page"))
					continue;
				if (n == MAX_PAGES)
					return;
				page *pg = &pages[n++];
				pg->node = p;
				if (!dl_mem_parse(dl_doc_attr(ctx->doc, p, "size"),
						  dl_doc_attr(ctx->doc, p, "unit"), &pg->size) ||
				    pg->size == 0)
					return;
				const char *ns = dl_doc_attr(ctx->doc, p, "nodeset");
				pg->has_set = ns != NULL;
				if (ns && !dl_nodeset_parse(ns, &pg->set))
					return;
				if (ns && dl_nodeset_next(&pg->set, 0) < 0) {
					dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, p, "nodeset"),
						  "the nodeset names no node (\"Invalid value of "
						  "'nodeset': "
						  "%s\")",
						  ns);
					return;
				}
			}
		}
	}
	/* Without guest NUMA, a nodeset of node 0 alone is dropped: the page is the default one. */
	if (numa->ncells == 0)
		for (size_t i = 0; i < n; i++)
			if (pages[i].has_set && dl_nodeset_next(&pages[i].set, 1) < 0)
				pages[i].has_set = false;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++) {
			if (pages[i].has_set && pages[j].has_set &&
			    dl_nodeset_overlaps(&pages[i].set, &pages[j].set)) {
				dl_diag *d = dl_report(ctx, R,
						       dl_doc_attr_loc(ctx->doc, pages[i].node,
								       "nodeset"),
						       "two hugepage sizes share a node (\"nodeset "
						       "attribute of hugepages of "
						       "sizes %llu and %llu intersect\")",
						       pages[i].size, pages[j].size);
				dl_diag_relate(d, dl_doc_elem_loc(ctx->doc, pages[j].node),
					       "the other page size");
				return;
			}
			if (!pages[i].has_set && !pages[j].has_set) {
				dl_diag *d = dl_report(ctx, R,
						       dl_doc_elem_loc(ctx->doc, pages[i].node),
						       "two hugepage sizes are the default one, "
						       "for all nodes%s (\"two master "
						       "hugepages detected: %llu and %llu\")",
						       pages[i].node && dl_doc_attr(ctx->doc,
										    pages[i].node,
										    "nodeset") ?
							       " (without guest NUMA cells, "
							       "nodeset='0' means all)" :
							       "",
						       pages[i].size, pages[j].size);
				dl_diag_relate(d, dl_doc_elem_loc(ctx->doc, pages[j].node),
					       "the other default page size");
				return;
			}
		}
		if (!pages[i].has_set)
			continue;
		int bit = dl_nodeset_next(&pages[i].set, (int)numa->ncells);
		if (bit >= 0) {
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, pages[i].node, "nodeset"),
				  "the nodeset names guest NUMA node %d, but the guest has %zu "
				  "(\"hugepages: "
				  "node %d not found\")",
				  bit, numa->ncells, bit);
			return;
		}
	}
}

/*
 * qemuDomainDefValidateMemoryHotplug: memory hotplug (<maxMemory> with slots) needs a NUMA
 * cell, except on ppc64; virDomainMemoryDefValidate: a memory device's target node must exist.
 */
static void check_hotplug(dl_ctx *ctx, const dl_numa *numa)
{
	const xmlNode *max = dl_doc_child(ctx->root, "maxMemory");
	if (max && numa->ncells == 0) {
		unsigned long long kib = 0;
		const char *slots = dl_doc_attr(ctx->doc, max, "slots");
		dl_num ns = dl_num_parse_base(slots, 10, false);
		xmlChar *text = xmlNodeGetContent(max);
		bool ok = dl_mem_parse((const char *)text, dl_doc_attr(ctx->doc, max, "unit"),
				       &kib);
		xmlFree(text);
		dl_machine mach = dl_machine_of(ctx->model);
		if (ok && kib > 0 && ns.status == DL_NUM_OK && ns.value > 0 && !mach.ppc64)
			dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, max),
				  "memory hotplug (<maxMemory>) without guest NUMA cells (\"At "
				  "least one "
				  "numa node has to be configured when enabling memory hotplug\")");
	}
	const dl_model *m = ctx->model;
	for (const dl_device *d = dl_model_first(m, DL_DEV_MEMORY); d; d = dl_model_next(m, d)) {
		const xmlNode *target = d->node ? dl_doc_child(d->node, "target") : NULL;
		const xmlNode *node = target ? dl_doc_child(target, "node") : NULL;
		if (!node)
			continue;
		xmlChar *text = xmlNodeGetContent(node);
		dl_num v = dl_num_parse_base((const char *)text, 10, false);
		xmlFree(text);
		if (v.status != DL_NUM_OK)
			continue;
		if (numa->ncells == 0)
			dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, node),
				  "a memory device for guest node %u, but the guest has no NUMA "
				  "cells "
				  "(\"can't add memory backend as guest has no NUMA nodes "
				  "configured\")",
				  v.value);
		else if (v.value >= numa->ncells)
			dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, node),
				  "a memory device for a guest node that does not exist (\"can't "
				  "add memory "
				  "backend for guest node '%u' as the guest has only '%zu' NUMA "
				  "nodes "
				  "configured\")",
				  v.value, numa->ncells);
	}
}

void dl_rule_memory_invalid(dl_ctx *ctx)
{
	dl_numa numa = dl_numa_of(ctx->root);
	check_memory_given(ctx, &numa);
	check_hugepages(ctx, &numa);
	check_hotplug(ctx, &numa);
}
