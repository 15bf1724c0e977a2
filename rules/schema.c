/* schema.c - what libvirt's own RelaxNG schema rejects (virt-xml-validate's check), with --schema */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/config.h"
#include "../src/rule.h"
#include "../src/schema.h"
#include "../src/xmalloc.h"

/* One error as libxml2 gave it; node NULL when it named none. */
typedef struct schema_error {
	const xmlNode *node;
	char *message;
} schema_error;

typedef struct schema_run {
	dl_ctx *ctx;
	schema_error *v;
	size_t n, cap;
	const xmlNode *devices;
} schema_run;

static void on_error(void *data, const xmlNode *node, int line, const char *message)
{
	schema_run *run = data;
	(void)line;
	xgrow((void **)&run->v, &run->cap, run->n + 1, sizeof *run->v);
	run->v[run->n++] = (schema_error){ node && node->type == XML_ELEMENT_NODE ? node : NULL,
					   xstrdup(message) };
}

static void on_culprit(void *data, const xmlNode *element, const xmlAttr *attr)
{
	schema_run *run = data;
	dl_ctx *ctx = run->ctx;
	if (attr) {
		const char *name = (const char *)attr->name;
		const char *value = dl_doc_attr(ctx->doc, element, name);
		dl_report(ctx, DL_RULE_SCHEMA, dl_doc_attr_loc(ctx->doc, element, name),
			  "libvirt's schema rejects %s='%s' on <%s>", name, value ? value : "",
			  (const char *)element->name);
	} else if (element->parent == run->devices) {
		dl_report(ctx, DL_RULE_SCHEMA, dl_doc_elem_loc(ctx->doc, element),
			  "libvirt's schema rejects this <%s>", (const char *)element->name);
	} else {
		dl_report(ctx, DL_RULE_SCHEMA, dl_doc_elem_loc(ctx->doc, element),
			  "libvirt's schema rejects <%s> here", (const char *)element->name);
	}
}

/* An error libxml2 pins on <devices> or the root says little: the device at fault is inside. */
static bool vague(const schema_run *run, const schema_error *e)
{
	return !e->node || e->node == run->devices || e->node == run->ctx->root;
}

/* Where an error is: its node (or an attribute it names), else the next error's node, else the root. */
static dl_loc where(const schema_run *run, size_t i)
{
	dl_ctx *ctx = run->ctx;
	for (; i < run->n; i++) {
		const schema_error *e = &run->v[i];
		if (!e->node)
			continue;
		char attr[64];
		const char *p = strstr(e->message, "attribute ");
		if (p && sscanf(p, "attribute %63[^ ]", attr) == 1 &&
		    xmlHasNsProp(e->node, (const xmlChar *)attr, NULL))
			return dl_doc_attr_loc(ctx->doc, e->node, attr);
		return dl_doc_elem_loc(ctx->doc, e->node);
	}
	return dl_doc_elem_loc(ctx->doc, ctx->root);
}

void dl_rule_schema(dl_ctx *ctx)
{

	schema_run run = { .ctx = ctx, .devices = dl_doc_child(ctx->root, "devices") };
	xmlDoc *doc = ctx->root->doc;
	int rc = dl_schema_validate(ctx->config->schema, doc, on_error, &run);
	bool located = rc > 0 && dl_schema_locate(ctx->config->schema, doc, on_culprit, &run) > 0;
	for (size_t i = 0; i < run.n; i++) {
		if (!(located && vague(&run, &run.v[i])))
			dl_report(ctx, DL_RULE_SCHEMA, where(&run, i), "%s", run.v[i].message);
		free(run.v[i].message);
	}
	free(run.v);
	if (rc < 0)
		dl_report(ctx, DL_RULE_SCHEMA, dl_doc_elem_loc(ctx->doc, ctx->root),
			  "validation against libvirt's schema could not run");
}
