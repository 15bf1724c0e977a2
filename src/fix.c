/* fix.c - a finding's fix: byte-range edits on the text as linted, safe or unsafe */
#include "fix.h"

#include <stdlib.h>

#include "xmalloc.h"

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
			if (e->start < p->end ||
			    (e->start == p->start && (p->start == p->end || e->start == e->end)))
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
