/* lint.c - one file through the pipeline: load, model, rules, suppressions, guest addresses */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "excerpt.h"
#include "fix.h"
#include "model.h"
#include "modelbuild.h"
#include "readfile.h"
#include "rule.h"
#include "suppress.h"
#include "xmalloc.h"
#include "zpci.h"

void dl_lint_buffer(const dl_config *config, const char *path, const char *buf, size_t len,
		    bool named, dl_file_result *out)
{
	memset(out, 0, sizeof *out);
	out->path = xstrdup(path);
	dl_load_error err;
	dl_ctx ctx = { .config = config,
		       .named = named,
		       .diags = &out->diags,
		       .suppressed = &out->suppressed };
	ctx.doc = dl_doc_load(buf, len, &err);
	ctx.load_error = &err;
	out->well_formed = ctx.doc != NULL;
	dl_model *model = NULL;
	dl_suppressions suppressions;
	if (ctx.doc) {
		dl_suppressions_build(&suppressions, ctx.doc);
		ctx.suppressions = &suppressions;
		ctx.root = dl_doc_root(ctx.doc);
		if (dl_doc_is(ctx.root, "domain")) {
			model = dl_model_build(ctx.doc, ctx.root);
			dl_zpci_predict(model);
			ctx.model = model;
		} else if (!named) {
			out->status = DL_FILE_SKIPPED;
			dl_suppressions_release(&suppressions);
			dl_doc_free(ctx.doc);
			return;
		}
	}
	dl_rules_run(&ctx);
	if (ctx.doc) {
		dl_fixes_finish(ctx.doc, &out->diags, len);
		dl_fixes_finish(ctx.doc, &out->suppressed, len);
	}
	dl_diags_sort(&out->diags);
	dl_diags_sort(&out->suppressed);
	if (config->source_lines)
		dl_excerpt_attach(&out->diags, buf, len);
	if (model && config->addresses != DL_ADDRESSES_NONE)
		out->notes = dl_guest_notes_build(ctx.doc, model,
						  config->addresses == DL_ADDRESSES_ALL,
						  config->host, &out->nnotes);
	dl_model_free(model);
	if (ctx.doc)
		dl_suppressions_release(&suppressions);
	dl_doc_free(ctx.doc);
	free(err.message);
}

void dl_file_result_unreadable(dl_file_result *out, const char *path, char *why)
{
	memset(out, 0, sizeof *out);
	out->path = xstrdup(path);
	out->status = DL_FILE_UNREADABLE;
	out->error = why;
}

void dl_lint_thread_done(void)
{
	dl_readfile_thread_done();
	dl_doc_thread_done();
}

void dl_lint_path(const dl_config *config, const char *path, const char *display_name, bool named,
		  dl_file_result *out)
{
	const char *shown = display_name ? display_name : path;
	size_t len = 0;
	char *why = NULL;
	const char *buf = dl_readfile_input(path, config->max_file_size, &len, &why);
	if (!buf) {
		dl_file_result_unreadable(out, shown, why);
		return;
	}
	dl_lint_buffer(config, shown, buf, len, named, out);
	dl_readfile_input_done();
}

void dl_file_result_release(dl_file_result *r)
{
	free(r->path);
	free(r->error);
	dl_diags_release(&r->diags);
	dl_diags_release(&r->suppressed);
	free(r->original);
	free(r->fixed);
	dl_guest_notes_free(r->notes, r->nnotes);
	memset(r, 0, sizeof *r);
}
