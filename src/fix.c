/* fix.c - a finding's fix: byte-range edits on the text as linted, safe or unsafe */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

dl_fix *dl_diag_fix(dl_diag *d, bool unsafe, const char *title)
{
	if (!d)
		return NULL;
	if (d->fix)
		dl_fix_free(d->fix);
	dl_fix *fix = xcalloc(1, sizeof *fix);
	fix->unsafe = unsafe;
	fix->title = xstrdup(title);
	d->fix = fix;
	return fix;
}

void dl_fix_edit(dl_fix *fix, size_t start, size_t end, const char *text)
{
	if (!fix)
		return;
	xgrow((void **)&fix->edits, &fix->cap, fix->n + 1, sizeof *fix->edits);
	fix->edits[fix->n++] = (dl_edit){ start, end, { 0, 0 }, { 0, 0 }, xstrdup(text) };
}

bool dl_fix_valid(const dl_fix *fix, size_t len)
{
	if (!fix || fix->n == 0)
		return false;
	for (size_t i = 0; i < fix->n; i++) {
		const dl_edit *e = &fix->edits[i];
		if (e->start > e->end || e->end > len)
			return false;
		if (i > 0) {
			const dl_edit *p = &fix->edits[i - 1];
			/* apart, and two insertions at one place would have no order */
			if (e->start < p->end || (e->start == p->start && (p->start == p->end || e->start == e->end)))
				return false;
		}
	}
	return true;
}

void dl_fix_free(dl_fix *fix)
{
	if (!fix)
		return;
	for (size_t i = 0; i < fix->n; i++)
		free(fix->edits[i].text);
	free(fix->edits);
	free(fix->title);
	free(fix);
}

bool dl_fix_applies(const dl_fix *fix, dl_fix_level level)
{
	return fix && fix->n > 0 && (!fix->unsafe || level == DL_FIXES_UNSAFE);
}

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

void dl_fixes_finish(const dl_doc *doc, dl_diags *d, size_t len)
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
