/* fixrun.c - fixing one file: lint, apply the fixes, lint the result again until nothing changes */
#include "fixrun.h"

#include <stdlib.h>
#include <string.h>

#include "readfile.h"
#include "xmalloc.h"

/* A fix to apply and its finding's place in the list, which breaks ties (qsort is not stable). */
typedef struct ranked_fix {
	const dl_fix *fix;
	size_t rank;
} ranked_fix;

static int by_first_edit(const void *a, const void *b)
{
	const ranked_fix *x = a, *y = b;
	size_t xs = x->fix->edits[0].start, ys = y->fix->edits[0].start;
	if (xs != ys)
		return xs < ys ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

char *dl_fix_apply(const char *text, size_t len, const dl_diags *diags, dl_fix_level level,
		   size_t *new_len, size_t *applied)
{
	*applied = 0;
	*new_len = 0;
	ranked_fix *fixes = xmalloc((diags->n ? diags->n : 1) * sizeof *fixes);
	size_t n = 0;
	for (size_t i = 0; i < diags->n; i++)
		if (!diags->v[i].suppressed && dl_fix_applies(diags->v[i].fix, level))
			fixes[n++] = (ranked_fix){ diags->v[i].fix, i };
	if (n > 1)
		qsort(fixes, n, sizeof *fixes, by_first_edit);
	/* take fixes while they start past what is taken: one pass, no pairwise comparison */
	size_t frontier = 0, out_cap = len + 1, out_n = 0, copied = 0;
	bool insert_at_frontier = false;
	char *out = NULL;
	for (size_t i = 0; i < n; i++) {
		const dl_fix *f = fixes[i].fix;
		const dl_edit *first = &f->edits[0];
		bool is_insert = first->start == first->end;
		if (*applied > 0 && (first->start < frontier ||
				     (first->start == frontier && is_insert && insert_at_frontier)))
			continue; /* overlaps a fix taken already: the next pass */
		if (!out)
			out = xmalloc(out_cap);
		for (size_t k = 0; k < f->n; k++) {
			const dl_edit *e = &f->edits[k];
			size_t keep = e->start - copied, add = strlen(e->text);
			xgrow((void **)&out, &out_cap, out_n + keep + add + 1, 1);
			memcpy(out + out_n, text + copied, keep);
			out_n += keep;
			memcpy(out + out_n, e->text, add);
			out_n += add;
			copied = e->end;
		}
		const dl_edit *last = &f->edits[f->n - 1];
		frontier = last->end;
		insert_at_frontier = last->start == last->end;
		(*applied)++;
	}
	free(fixes);
	if (*applied == 0)
		return NULL;
	xgrow((void **)&out, &out_cap, out_n + (len - copied) + 1, 1);
	memcpy(out + out_n, text + copied, len - copied);
	out_n += len - copied;
	out[out_n] = '\0';
	*new_len = out_n;
	return out;
}

void dl_fix_buffer(const dl_config *config, const char *path, const char *buf, size_t len,
		   bool named, dl_fix_level level, dl_file_result *out)
{
	char *original = xmalloc(len + 1);
	memcpy(original, buf, len);
	original[len] = '\0';
	char *text = NULL; /* the latest fixed text; NULL while it is the original */
	size_t text_len = len, total = 0;
	dl_lint_buffer(config, path, original, len, named, out);
	/*
	 * A fix is computed on the text it was found in, so each pass lints anew; the findings a
	 * pass leaves are those of the text as it stands. A file that does not parse gets no fixes.
	 */
	for (int pass = 0;
	     pass < DL_FIX_PASSES && out->status == DL_FILE_LINTED && out->well_formed; pass++) {
		size_t applied = 0, next_len = 0;
		char *next = dl_fix_apply(text ? text : original, text_len, &out->diags, level,
					  &next_len, &applied);
		if (!next)
			break;
		dl_file_result again;
		dl_lint_buffer(config, path, next, next_len, named, &again);
		if (again.status != DL_FILE_LINTED || !again.well_formed) {
			/* a fix that breaks the XML is a bug in domlint: keep the last good text */
			dl_file_result_release(&again);
			free(next);
			break;
		}
		dl_file_result_release(out);
		*out = again;
		free(text);
		text = next;
		text_len = next_len;
		total += applied;
	}
	out->original = original;
	out->original_len = len;
	if (text && (text_len != len || memcmp(text, original, len) != 0)) {
		out->fixed = text;
		out->fixed_len = text_len;
	} else {
		free(text);
	}
	out->nfixed = total;
}

void dl_fix_path(const dl_config *config, const char *path, const char *display_name, bool named,
		 dl_fix_level level, dl_file_result *out)
{
	const char *shown = display_name ? display_name : path;
	size_t len = 0;
	char *why = NULL;
	const char *buf = dl_readfile_input(path, config->max_file_size, &len, &why);
	if (!buf) {
		dl_file_result_unreadable(out, shown, why);
		return;
	}
	dl_fix_buffer(config, shown, buf, len, named, level, out);
	dl_readfile_input_done();
}
