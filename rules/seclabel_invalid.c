/* seclabel_invalid.c - <seclabel> lists libvirt rejects at define: a model twice, a label without model among several */
#include <string.h>

#include "../src/rule.h"
#include "../src/text.h"

#define R DL_RULE_SECLABEL_INVALID

static bool same_model(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/*
 * The <seclabel> children of parent (virSecurityLabelDefsParseXML for the domain,
 * virSecurityDeviceLabelDefParseXML for a device's source): a model given twice; for the
 * domain, also two labels without model alike, and a label without model among several.
 */
static void check_list(dl_ctx *ctx, const xmlNode *parent, bool domain)
{
	const xmlNode *labels[16];
	const char *models[16];
	size_t n = 0, total = 0;
	const xmlNode *unnamed = NULL;
	for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next) {
		if (!dl_doc_is(c, "seclabel"))
			continue;
		total++;
		const char *model = dl_doc_attr(ctx->doc, c, "model");
		if (!model && !unnamed)
			unnamed = c;
		for (size_t j = 0; j < n && (model || domain); j++) {
			if (!same_model(model, models[j]))
				continue;
			dl_diag *d = dl_report(ctx, R,
					       model ? dl_doc_attr_loc(ctx->doc, c, "model") :
						       dl_doc_elem_loc(ctx->doc, c),
					       "a second <seclabel> for model '%s' (\"seclabel for "
					       "model %s is "
					       "already provided\")",
					       model ? model : "(null)", model ? model : "(null)");
			dl_diag_relate(d, dl_doc_elem_loc(ctx->doc, labels[j]), "the first one");
			return; /* libvirt stops at the first */
		}
		if (n < sizeof labels / sizeof labels[0]) {
			labels[n] = c;
			models[n++] = model;
		}
	}
	if (domain && total > 1 && unnamed)
		dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, unnamed),
			  "a <seclabel> without model among %zu (\"missing security model when "
			  "using multiple labels\")",
			  total);
}

void dl_rule_seclabel_invalid(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	check_list(ctx, ctx->root, true);
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		switch (d->kind) {
		case DL_DEV_DISK:
		case DL_DEV_SERIAL:
		case DL_DEV_PARALLEL:
		case DL_DEV_CHANNEL:
		case DL_DEV_CONSOLE:
			if (d->node)
				check_list(ctx, dl_doc_child(d->node, "source"), false);
			break;
		default:
			break;
		}
	}
}
