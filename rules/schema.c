/* schema.c - what libvirt's own RelaxNG schema rejects (virt-xml-validate's check), with --schema */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/config.h"
#include "../src/rule.h"
#include "../src/schema.h"
#include "../src/xmalloc.h"

/*
 * libxml2 names no node for some errors ("Extra element devices in interleave"); those are
 * held back and reported where the next error that names one is, or at the root.
 */
typedef struct pending {
	char **messages;
	size_t n, cap;
} pending;

typedef struct schema_run {
	dl_ctx *ctx;
	pending held;
} schema_run;

/* libxml2 names the element; point at the attribute when the message names one. */
static dl_loc where(dl_ctx *ctx, const xmlNode *node, const char *message)
{
	char attr[64];
	const char *p = strstr(message, "attribute ");
	if (p && sscanf(p, "attribute %63[^ ]", attr) == 1 &&
	    xmlHasNsProp(node, (const xmlChar *)attr, NULL))
		return dl_doc_attr_loc(ctx->doc, node, attr);
	return dl_doc_elem_loc(ctx->doc, node);
}

static void flush(schema_run *run, dl_loc loc)
{
	for (size_t i = 0; i < run->held.n; i++) {
		dl_report(run->ctx, DL_RULE_SCHEMA, loc, "%s", run->held.messages[i]);
		free(run->held.messages[i]);
	}
	run->held.n = 0;
}

static void on_error(void *data, const xmlNode *node, int line, const char *message)
{
	schema_run *run = data;
	(void)line;
	if (!node || node->type != XML_ELEMENT_NODE) {
		xgrow((void **)&run->held.messages, &run->held.cap, run->held.n + 1,
		      sizeof *run->held.messages);
		run->held.messages[run->held.n++] = xstrdup(message);
		return;
	}
	dl_loc loc = where(run->ctx, node, message);
	flush(run, loc);
	dl_report(run->ctx, DL_RULE_SCHEMA, loc, "%s", message);
}

void dl_rule_schema(dl_ctx *ctx)
{
	if (!ctx->config->schema || !ctx->model)
		return;
	schema_run run = { ctx, { NULL, 0, 0 } };
	int rc = dl_schema_validate(ctx->config->schema, ctx->root->doc, on_error, &run);
	dl_loc root = dl_doc_elem_loc(ctx->doc, ctx->root);
	flush(&run, root);
	free(run.held.messages);
	if (rc < 0)
		dl_report(ctx, DL_RULE_SCHEMA, root, "validation against libvirt's schema could not run");
}
