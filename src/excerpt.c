/* excerpt.c - a finding's source line, cut to a window around its column, for the caret display */
#include "excerpt.h"

#include <stdlib.h>
#include <string.h>

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

void dl_excerpt_attach(dl_diags *d, const char *buf, size_t len)
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
