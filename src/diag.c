/* diag.c - findings: one rule's verdict at one place, with an optional related place */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

dl_diag *dl_diags_add(dl_diags *d, dl_rule_id rule, dl_severity severity, dl_loc loc, char *message)
{
	xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
	dl_diag *x = &d->v[d->n++];
	x->rule = rule;
	x->severity = severity;
	x->loc = loc;
	x->message = message;
	x->related_loc = (dl_loc){ 0, 0 };
	x->related_message = NULL;
	x->source = NULL;
	x->source_col = 0;
	x->suppressed = false;
	x->justification = NULL;
	x->fix = NULL;
	return x;
}

static int by_position(const void *a, const void *b)
{
	const dl_diag *x = a, *y = b;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->message, y->message);
}

void dl_diags_sort(dl_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, by_position);
}

void dl_diag_release(dl_diag *d)
{
	free(d->message);
	free(d->related_message);
	free(d->source);
	free(d->justification);
	dl_fix_free(d->fix);
}

void dl_diags_release(dl_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		dl_diag_release(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

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
