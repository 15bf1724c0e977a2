/* numa_invalid.c - guest NUMA cells and <numatune> settings libvirt rejects at define */
#include <stdbool.h>
#include <string.h>

#include "../src/numadef.h"
#include "../src/pciaddr.h"
#include "../src/rule.h"

#define R DL_RULE_NUMA_INVALID

/* virDomainNumaDefParseXML: cell ids 0..n-1, memAccess shared or private. */
static void check_cells(dl_ctx *ctx, const dl_numa *numa)
{
	size_t i = 0;
	for (const xmlNode *c = numa->numa ? numa->numa->children : NULL; c; c = c->next) {
		if (!dl_doc_is(c, "cell"))
			continue;
		const char *idtext = dl_doc_attr(ctx->doc, c, "id");
		dl_num id = dl_num_parse_base(idtext, 10, false);
		if (idtext && id.status != DL_NUM_OK)
			return; /* libvirt's own complaint about the number */
		unsigned long cur = idtext ? id.value : i;
		if (cur >= numa->ncells) {
			dl_report(ctx, R,
				  idtext ? dl_doc_attr_loc(ctx->doc, c, "id") :
					   dl_doc_elem_loc(ctx->doc, c),
				  "NUMA cell id %lu is not below the number of cells (%zu): ids "
				  "must run from 0 "
				  "without gaps (\"Exactly one 'cell' element per guest NUMA cell "
				  "allowed, "
				  "non-contiguous ranges or ranges not starting from 0 are not "
				  "allowed\")",
				  cur, numa->ncells);
			return;
		}
		const char *access = dl_doc_attr(ctx->doc, c, "memAccess");
		if (access && strcmp(access, "shared") != 0 && strcmp(access, "private") != 0) {
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, c, "memAccess"),
				  "memAccess must be 'shared' or 'private' (\"Invalid value for "
				  "attribute "
				  "'memAccess' in element 'cell': '%s'.\")",
				  access);
			return;
		}
		i++;
	}
}

enum { PLACEMENT_UNSET = -1, PLACEMENT_DEFAULT, PLACEMENT_STATIC, PLACEMENT_AUTO };
enum { MODE_UNSET = -1, MODE_STRICT, MODE_PREFERRED, MODE_INTERLEAVE, MODE_RESTRICTIVE };

static int mode_of(const char *s)
{
	static const char *const names[] = { "strict", "preferred", "interleave", "restrictive" };
	for (int i = 0; i < 4; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -2;
}

static int placement_of(const char *s)
{
	static const char *const names[] = { "default", "static", "auto" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -2;
}

/* An empty but well-formed nodeset: virBitmapIsAllClear. False when libvirt stops on it. */
static bool nodeset_ok(dl_ctx *ctx, const xmlNode *e, const char *text, bool *present)
{
	dl_nodeset set;
	*present = text != NULL;
	if (!text)
		return true;
	if (!dl_nodeset_parse(text, &set))
		return false;
	if (dl_nodeset_next(&set, 0) < 0) {
		dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, e, "nodeset"),
			  "the nodeset names no host node (\"Invalid value of 'nodeset': %s\")",
			  text);
		return false;
	}
	return true;
}

/* virDomainNumatuneParseXML, virDomainNumatuneSet and virDomainNumatuneNodeParseXML. */
static void check_numatune(dl_ctx *ctx, const dl_numa *numa)
{
	const xmlNode *tune = dl_doc_child(ctx->root, "numatune");
	if (!tune)
		return;
	const xmlNode *vcpu = dl_doc_child(ctx->root, "vcpu");
	const char *vplace = vcpu ? dl_doc_attr(ctx->doc, vcpu, "placement") : NULL;
	bool placement_static = !(vplace && !strcmp(vplace, "auto"));

	const xmlNode *mem = dl_doc_child(tune, "memory");
	int mode = MODE_UNSET, placement = PLACEMENT_UNSET;
	bool nodeset = false, specified = false;
	if (!placement_static && !mem)
		placement = PLACEMENT_AUTO;
	if (mem) {
		const char *m = dl_doc_attr(ctx->doc, mem, "mode");
		const char *p = dl_doc_attr(ctx->doc, mem, "placement");
		if (m && (mode = mode_of(m)) < 0)
			return;
		if (p && (placement = placement_of(p)) < 0)
			return;
		if (!nodeset_ok(ctx, mem, dl_doc_attr(ctx->doc, mem, "nodeset"), &nodeset))
			return;
	}
	if (mode != MODE_UNSET || placement != PLACEMENT_UNSET || nodeset) {
		if (mode == MODE_UNSET)
			mode = MODE_STRICT;
		if (placement == PLACEMENT_UNSET)
			placement = PLACEMENT_DEFAULT;
		if (placement == PLACEMENT_DEFAULT)
			placement = nodeset || placement_static ? PLACEMENT_STATIC : PLACEMENT_AUTO;
		if (placement == PLACEMENT_STATIC && !nodeset) {
			dl_report(ctx, R,
				  dl_doc_attr(ctx->doc, mem, "placement") ?
					  dl_doc_attr_loc(ctx->doc, mem, "placement") :
					  dl_doc_elem_loc(ctx->doc, mem),
				  "static memory placement without a nodeset (\"nodeset for NUMA "
				  "memory "
				  "tuning must be set if 'placement' is 'static'\")");
			return;
		}
		specified = true;
	} else {
		mode = MODE_STRICT;
	}

	bool seen[DL_NODESET_LEN] = { false };
	bool first = true;
	for (const xmlNode *n = tune->children; n; n = n->next) {
		if (!dl_doc_is(n, "memnode"))
			continue;
		if (first && specified && placement == PLACEMENT_AUTO) {
			dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, n),
				  "a <memnode> with automatic memory placement (\"Per-node binding "
				  "is not "
				  "compatible with automatic NUMA placement.\")");
			return;
		}
		if (first && numa->ncells == 0) {
			dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, n),
				  "a <memnode> but no guest NUMA cells under <cpu><numa> "
				  "(\"Element "
				  "'memnode' is invalid without any guest NUMA cells\")");
			return;
		}
		first = false;
		dl_num cell = dl_num_parse_base(dl_doc_attr(ctx->doc, n, "cellid"), 10, false);
		if (cell.status != DL_NUM_OK)
			return;
		if (cell.value >= numa->ncells) {
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, n, "cellid"),
				  "cellid %u names no guest NUMA cell (\"Argument 'cellid' in "
				  "memnode "
				  "element must correspond to existing guest's NUMA cell\")",
				  cell.value);
			return;
		}
		if (cell.value < DL_NODESET_LEN && seen[cell.value]) {
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, n, "cellid"),
				  "a second <memnode> for cell %u (\"Multiple memnode elements "
				  "with "
				  "cellid %u\")",
				  cell.value, cell.value);
			return;
		}
		const char *m = dl_doc_attr(ctx->doc, n, "mode");
		int nmode = m ? mode_of(m) : MODE_STRICT;
		if (nmode < 0)
			return;
		if (mode == MODE_RESTRICTIVE && nmode != MODE_RESTRICTIVE) {
			dl_report(ctx, R,
				  m ? dl_doc_attr_loc(ctx->doc, n, "mode") :
				      dl_doc_elem_loc(ctx->doc, n),
				  "the <memory> mode is 'restrictive' but this <memnode>'s is not "
				  "(\"'restrictive' mode is required in memnode element when mode "
				  "is "
				  "'restrictive' in memory element\")");
			return;
		}
		const char *ns = dl_doc_attr(ctx->doc, n, "nodeset");
		if (!ns) {
			dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, n),
				  "a <memnode> without nodeset (\"Missing required nodeset "
				  "attribute in "
				  "memnode element\")");
			return;
		}
		bool present;
		if (!nodeset_ok(ctx, n, ns, &present))
			return;
		if (cell.value < DL_NODESET_LEN)
			seen[cell.value] = true;
	}
}

void dl_rule_numa_invalid(dl_ctx *ctx)
{
	dl_numa numa = dl_numa_of(ctx->root);
	check_cells(ctx, &numa);
	check_numatune(ctx, &numa);
}
