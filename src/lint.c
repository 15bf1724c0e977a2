/* lint.c - one file through the pipeline: read, load, model, rules, guest addresses */
#include "lint.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fix.h"
#include "model.h"
#include "readfile.h"
#include "rule.h"
#include "suppress.h"
#include "xmalloc.h"

/* The length of the run at p (before end) without any byte of stop. */
static size_t strcspn_n(const char *p, const char *end, const char *stop)
{
	const char *q = p;
	while (q < end && !strchr(stop, *q))
		q++;
	return (size_t)(q - p);
}

/*
 * A finding's line is shown cut to SOURCE_SIDE bytes either side of its column, with "…" where
 * it was cut: a one-line document with thousands of findings must not copy (and print) the
 * whole line for each.
 */
#define SOURCE_SIDE 100
#define ELLIPSIS "\u2026"

static bool utf8_continuation(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* The window of line [p, p + n) around byte column col (1-based), in x->source and x->source_col. */
static void attach_window(dl_diag *x, const char *p, size_t n, unsigned long col)
{
	size_t at = col == 0 ? 0 : col - 1 < n ? col - 1 : n;
	size_t from = at > SOURCE_SIDE ? at - SOURCE_SIDE : 0;
	size_t to = n - at > SOURCE_SIDE ? at + SOURCE_SIDE : n;
	while (from > 0 && from < at && utf8_continuation(p[from]))
		from++; /* never start inside a UTF-8 sequence */
	while (to < n && to > at && utf8_continuation(p[to]))
		to--; /* nor end inside one */
	size_t left = from > 0 ? strlen(ELLIPSIS) : 0, right = to < n ? strlen(ELLIPSIS) : 0;
	char *text = xmalloc(left + (to - from) + right + 1), *w = text;
	memcpy(w, ELLIPSIS, left);
	w += left;
	memcpy(w, p + from, to - from);
	w += to - from;
	memcpy(w, ELLIPSIS, right);
	w[right] = '\0';
	x->source = text;
	x->source_col = col == 0 ? 0 : col - from + left;
}

/* One pass over buf for all findings, which are sorted by line; lines end at LF, CRLF or CR. */
static void attach_source_lines(dl_diags *d, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	unsigned long line = 1;
	size_t n = strcspn_n(p, end, "\r\n"); /* the length of line `line` */
	for (size_t i = 0; i < d->n; i++) {
		while (line < d->v[i].loc.line && p < end) {
			p += n;
			p += p < end && *p == '\r' && p + 1 < end && p[1] == '\n' ? 2 : p < end;
			line++;
			n = strcspn_n(p, end, "\r\n");
		}
		if (line != d->v[i].loc.line || p >= end)
			continue;
		attach_window(&d->v[i], p, n, d->v[i].loc.col);
	}
}

/*
 * Keep the fixes whose edits are sound (sorted, apart, inside the text) and give their edits
 * lines and columns; drop the others.
 */
static void finish_fixes(const dl_doc *doc, dl_diags *d, size_t len)
{
	for (size_t i = 0; i < d->n; i++) {
		dl_fix *fix = d->v[i].fix;
		if (!fix)
			continue;
		if (!dl_fix_valid(fix, len)) {
			dl_fix_free(fix);
			d->v[i].fix = NULL;
			continue;
		}
		for (size_t k = 0; k < fix->n; k++) {
			fix->edits[k].start_loc = dl_doc_loc_at(doc, fix->edits[k].start);
			fix->edits[k].end_loc = dl_doc_loc_at(doc, fix->edits[k].end);
		}
	}
}

void dl_lint_buffer(const dl_config *config, const char *path, const char *buf, size_t len,
		    bool named, dl_file_result *out)
{
	memset(out, 0, sizeof *out);
	out->path = xstrdup(path);
	dl_load_error err;
	dl_ctx ctx = { .config = config, .named = named, .diags = &out->diags,
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
		finish_fixes(ctx.doc, &out->diags, len);
		finish_fixes(ctx.doc, &out->suppressed, len);
	}
	dl_diags_sort(&out->diags);
	dl_diags_sort(&out->suppressed);
	if (config->source_lines)
		attach_source_lines(&out->diags, buf, len);
	if (model && config->addresses != DL_ADDRESSES_NONE)
		out->notes = dl_guest_notes_build(ctx.doc, model, config->addresses == DL_ADDRESSES_ALL,
						  &out->nnotes);
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
