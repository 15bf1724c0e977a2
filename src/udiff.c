/* udiff.c - a unified diff of two texts, line by line, as `diff -u` and `git apply` read it */
#include "udiff.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

enum { CONTEXT = 3 };

/*
 * Past either bound the differing middle becomes one hunk (still a correct diff). Myers takes
 * O((N+M)D) time, so many edits in a big file would otherwise run for minutes; the work is
 * counted in diagonals visited and lines compared, and its bound grows with the lines so that a
 * few edits in a 64 MiB file stay well inside it. In practice the work bound comes first:
 * around 10000 edits (well under a second) in a small file, tens of thousands in a big one.
 */
#define MAX_EDITS 100000
#define WORK_BASE ((uint64_t)1 << 26)
#define WORK_PER_LINE 16

/* The lines of one text over the window that holds the differing middle and its context. */
typedef struct {
	const char *text;
	size_t *off; /* n + 1 offsets: line i is text[off[i] .. off[i + 1]) */
	uint32_t *hash;
	unsigned char *changed; /* deleted (old side) or inserted (new side) */
	size_t n;
} side;

static size_t common_prefix(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	while (n - i >= 4096 && memcmp(a + i, b + i, 4096) == 0)
		i += 4096;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* The common tail of a[0..na) and b[0..nb), at most limit bytes. */
static size_t common_suffix(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
	size_t k = 0;
	while (limit - k >= 4096 && memcmp(a + na - k - 4096, b + nb - k - 4096, 4096) == 0)
		k += 4096;
	while (k < limit && a[na - k - 1] == b[nb - k - 1])
		k++;
	return k;
}

static size_t count_lf(const char *s, size_t n)
{
	size_t c = 0;
	for (const char *p = s, *end = s + n; p < end; p++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			break;
		c++;
	}
	return c;
}

static uint32_t line_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return (uint32_t)(h ^ (h >> 32));
}

/* Split text[from..to) (from at a line start, to at a line end or the text's end) into lines. */
static void side_init(side *sd, const char *text, size_t from, size_t to)
{
	sd->text = text;
	sd->n = count_lf(text + from, to - from);
	if (to > from && text[to - 1] != '\n')
		sd->n++; /* a last line without LF */
	sd->off = xmalloc((sd->n + 1) * sizeof *sd->off);
	sd->hash = xmalloc((sd->n ? sd->n : 1) * sizeof *sd->hash);
	sd->changed = xcalloc(sd->n ? sd->n : 1, 1);
	size_t pos = from;
	for (size_t i = 0; i < sd->n; i++) {
		sd->off[i] = pos;
		const char *lf = memchr(text + pos, '\n', to - pos);
		pos = lf ? (size_t)(lf - text) + 1 : to;
		sd->hash[i] = line_hash(text + sd->off[i], pos - sd->off[i]);
	}
	sd->off[sd->n] = pos;
}

static void side_release(side *sd)
{
	free(sd->off);
	free(sd->hash);
	free(sd->changed);
}

static bool same_line(const side *a, size_t i, const side *b, size_t j)
{
	if (a->hash[i] != b->hash[j])
		return false;
	size_t n = a->off[i + 1] - a->off[i];
	return n == b->off[j + 1] - b->off[j] &&
	       memcmp(a->text + a->off[i], b->text + b->off[j], n) == 0;
}

/* ---- Myers' linear-space diff: the middle snake, then both halves ---- */

#define NONE (PTRDIFF_MIN / 4) /* an unreachable diagonal; NONE + 1 stays below every x */

typedef struct {
	const side *a, *b;
	ptrdiff_t *vf, *vb; /* furthest x per diagonal k, for k in [-dlimit - 1, dlimit + 1] */
	ptrdiff_t dlimit;   /* the most edits searched from each end */
	uint64_t work, max_work;
} myers;

typedef struct {
	ptrdiff_t x0, y0, x1, y1;
} snake;

/*
 * The furthest x on diagonal k after d edits, before its snake, from step d - 1's values in v.
 * A move off the n by m grid is pulled back to the diagonal's last point: x + y - 2 LCS changes
 * by at most one per step, so that point costs no more than d edits.
 */
static ptrdiff_t next_x(const ptrdiff_t *v, ptrdiff_t d, ptrdiff_t k, ptrdiff_t n, ptrdiff_t m)
{
	if (d == 0)
		return 0;
	ptrdiff_t down = k < d ? v[k + 1] : NONE;
	ptrdiff_t right = k > -d ? v[k - 1] + 1 : NONE;
	ptrdiff_t x = down >= right ? down : right;
	if (x > n)
		x = n;
	if (x - k > m)
		x = m + k;
	return x;
}

/*
 * Find the middle snake of a[a0..a0+n) against b[b0..b0+m) (n, m > 0, first and last lines
 * differing): forward from the start and backward from the end, d edits each way, until the
 * two furthest-reaching paths overlap on a diagonal. False when over the limits.
 */
static bool middle_snake(myers *my, size_t a0, ptrdiff_t n, size_t b0, ptrdiff_t m, snake *s)
{
	const side *a = my->a, *b = my->b;
	ptrdiff_t *vf = my->vf, *vb = my->vb;
	ptrdiff_t delta = n - m;
	bool odd = delta % 2 != 0;
	for (ptrdiff_t d = 0; d <= my->dlimit; d++) {
		for (ptrdiff_t k = -d; k <= d; k += 2) {
			my->work++;
			if (k < -m || k > n) {
				vf[k] = NONE;
				continue;
			}
			ptrdiff_t x = next_x(vf, d, k, n, m), y = x - k, xs = x, ys = y;
			while (x < n && y < m && same_line(a, a0 + (size_t)x, b, b0 + (size_t)y))
				x++, y++;
			my->work += (uint64_t)(x - xs);
			vf[k] = x;
			if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) &&
			    x + vb[delta - k] >= n) {
				*s = (snake){ xs, ys, x, y };
				return true;
			}
		}
		for (ptrdiff_t k = -d; k <= d; k += 2) {
			my->work++;
			if (k < -m || k > n) {
				vb[k] = NONE;
				continue;
			}
			/* x and y count from the ends */
			ptrdiff_t x = next_x(vb, d, k, n, m), y = x - k, xs = x, ys = y;
			while (x < n && y < m &&
			       same_line(a, a0 + (size_t)(n - 1 - x), b, b0 + (size_t)(m - 1 - y)))
				x++, y++;
			my->work += (uint64_t)(x - xs);
			vb[k] = x;
			if (!odd && k >= delta - d && k <= delta + d && x + vf[delta - k] >= n) {
				*s = (snake){ n - x, m - y, n - xs, m - ys };
				return true;
			}
		}
		if (my->work > my->max_work)
			return false;
	}
	return false;
}

/* Mark the lines that differ between a[a0..a1) and b[b0..b1). False when over the limits. */
static bool compare(myers *my, size_t a0, size_t a1, size_t b0, size_t b1)
{
	const side *a = my->a, *b = my->b;
	size_t start = a0;
	while (a0 < a1 && b0 < b1 && same_line(a, a0, b, b0))
		a0++, b0++;
	while (a1 > a0 && b1 > b0 && same_line(a, a1 - 1, b, b1 - 1))
		a1--, b1--;
	my->work += a0 - start;
	if (a0 == a1) {
		memset(b->changed + b0, 1, b1 - b0);
		return true;
	}
	if (b0 == b1) {
		memset(a->changed + a0, 1, a1 - a0);
		return true;
	}
	snake s;
	if (!middle_snake(my, a0, (ptrdiff_t)(a1 - a0), b0, (ptrdiff_t)(b1 - b0), &s))
		return false;
	/* each half costs at most half the edits, so the recursion is O(log D) deep */
	return compare(my, a0, a0 + (size_t)s.x0, b0, b0 + (size_t)s.y0) &&
	       compare(my, a0 + (size_t)s.x1, a1, b0 + (size_t)s.y1, b1);
}

/* Mark the changed lines of a[a0..a1) and b[b0..b1): a shortest edit script, or past the
 * limits all of them. */
static void diff_lines(side *a, side *b, size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t lines = (a1 - a0) + (b1 - b0);
	ptrdiff_t dlimit = MAX_EDITS / 2 + 1;
	if ((size_t)dlimit > lines / 2 + 1)
		dlimit = (ptrdiff_t)(lines / 2 + 1);
	size_t vlen = 2 * (size_t)dlimit + 3;
	myers my = { .a = a,
		     .b = b,
		     .dlimit = dlimit,
		     .max_work = WORK_BASE + WORK_PER_LINE * (uint64_t)lines };
	ptrdiff_t *vf = xmalloc(vlen * sizeof *vf), *vb = xmalloc(vlen * sizeof *vb);
	my.vf = vf + dlimit + 1;
	my.vb = vb + dlimit + 1;
	if (!compare(&my, a0, a1, b0, b1)) {
		memset(a->changed + a0, 1, a1 - a0);
		memset(b->changed + b0, 1, b1 - b0);
	}
	free(vf);
	free(vb);
}

/* ---- Output ---- */

typedef struct {
	char **buf;
	size_t *len;
	size_t cap;
} sink;

static void put(sink *s, const void *p, size_t n)
{
	void *buf = *s->buf;
	xgrow(&buf, &s->cap, *s->len + n + 1, 1);
	*s->buf = buf;
	memcpy(*s->buf + *s->len, p, n);
	*s->len += n;
	(*s->buf)[*s->len] = '\0'; /* a convenience for callers that print it; not counted */
}

static void put_str(sink *s, const char *str)
{
	put(s, str, strlen(str));
}

static void put_line(sink *s, char mark, const side *sd, size_t i)
{
	size_t from = sd->off[i], n = sd->off[i + 1] - from;
	put(s, &mark, 1);
	put(s, sd->text + from, n);
	if (sd->text[from + n - 1] != '\n')
		put_str(s, "\n\\ No newline at end of file\n");
}

/* GNU diff's range: "l,s", just "l" when s is 1, and an empty range names the line before it. */
static void put_range(sink *s, size_t first0, size_t count)
{
	char buf[64];
	if (count == 1)
		snprintf(buf, sizeof buf, "%zu", first0 + 1);
	else
		snprintf(buf, sizeof buf, "%zu,%zu", count ? first0 + 1 : first0, count);
	put_str(s, buf);
}

typedef struct {
	size_t i0, i1, j0, j1; /* old lines [i0, i1) replaced by new lines [j0, j1) */
} block;

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* Print the hunks of the marked lines; line 0 of the windows is line base (0-based) of both texts. */
static void put_hunks(sink *s, const side *a, const side *b, size_t base)
{
	block *blocks = NULL;
	size_t nblocks = 0, cap = 0;
	for (size_t i = 0, j = 0; i < a->n || j < b->n;) {
		if (i < a->n && j < b->n && !a->changed[i] && !b->changed[j]) {
			i++, j++;
			continue;
		}
		block blk = { i, i, j, j };
		while (i < a->n && a->changed[i])
			i++;
		while (j < b->n && b->changed[j])
			j++;
		if (i == blk.i0 && j == blk.j0)
			break; /* unpaired unchanged lines: cannot happen with marks from compare() */
		blk.i1 = i;
		blk.j1 = j;
		xgrow((void **)&blocks, &cap, nblocks + 1, sizeof *blocks);
		blocks[nblocks++] = blk;
	}
	for (size_t first = 0, last; first < nblocks; first = last + 1) {
		/* blocks at most 2 * CONTEXT lines apart share a hunk, as their contexts would touch */
		for (last = first;
		     last + 1 < nblocks && blocks[last + 1].i0 - blocks[last].i1 <= 2 * CONTEXT;)
			last++;
		size_t before = min_size(CONTEXT, blocks[first].i0);
		size_t after = min_size(CONTEXT, a->n - blocks[last].i1);
		size_t os = blocks[first].i0 - before, oe = blocks[last].i1 + after;
		size_t ns = blocks[first].j0 - before, ne = blocks[last].j1 + after;
		put_str(s, "@@ -");
		put_range(s, base + os, oe - os);
		put_str(s, " +");
		put_range(s, base + ns, ne - ns);
		put_str(s, " @@\n");
		size_t i = os;
		for (size_t k = first; k <= last; k++) {
			for (; i < blocks[k].i0; i++)
				put_line(s, ' ', a, i);
			for (; i < blocks[k].i1; i++)
				put_line(s, '-', a, i);
			for (size_t j = blocks[k].j0; j < blocks[k].j1; j++)
				put_line(s, '+', b, j);
		}
		for (; i < oe; i++)
			put_line(s, ' ', a, i);
	}
	free(blocks);
}

bool dl_udiff(const char *old, size_t old_len, const char *new_text, size_t new_len,
	      const char *old_label, const char *new_label, char **out, size_t *out_len)
{
	if (!old)
		old = ""; /* an empty text may come as NULL: no arithmetic on it */
	if (!new_text)
		new_text = "";
	if (old_len == new_len && memcmp(old, new_text, old_len) == 0)
		return false;

	/* The common lines at both ends, found on bytes before any line is split: the usual
	 * fix changes a few lines of a big file. The prefix ends after an LF (or at 0), the
	 * suffix starts at a line start in both texts. */
	size_t common = common_prefix(old, new_text, min_size(old_len, new_len));
	size_t prefix = common;
	while (prefix > 0 && old[prefix - 1] != '\n')
		prefix--;
	size_t old_rest = old_len - prefix, new_rest = new_len - prefix;
	size_t suffix = common_suffix(old + prefix, old_rest, new_text + prefix, new_rest,
				      min_size(old_rest, new_rest));
	while (suffix > 0 && !((suffix == old_rest || old[old_len - suffix - 1] == '\n') &&
			       (suffix == new_rest || new_text[new_len - suffix - 1] == '\n')))
		suffix--;

	/* Widen to the context lines: up to CONTEXT before the prefix's end, CONTEXT after the
	 * suffix's start; they are the same bytes in both texts. */
	size_t from = prefix, before = 0;
	while (before < CONTEXT && from > 0) {
		from--; /* the LF ending the line before */
		while (from > 0 && old[from - 1] != '\n')
			from--;
		before++;
	}
	size_t old_end = old_len - suffix, after_bytes = 0;
	for (int c = 0; c < CONTEXT && old_end + after_bytes < old_len; c++) {
		const char *p = old + old_end + after_bytes;
		const char *lf = memchr(p, '\n', old_len - old_end - after_bytes);
		after_bytes = lf ? (size_t)(lf - old) + 1 - old_end : old_len - old_end;
	}
	size_t after = count_lf(old + old_end, after_bytes);
	if (after_bytes > 0 && old[old_end + after_bytes - 1] != '\n')
		after++;

	side a, b;
	side_init(&a, old, from, old_end + after_bytes);
	side_init(&b, new_text, from, new_len - suffix + after_bytes);
	diff_lines(&a, &b, before, a.n - after, before, b.n - after);

	sink s = { out, out_len, *out_len };
	put_str(&s, "--- a/");
	put_str(&s, old_label ? old_label : "");
	put_str(&s, "\n+++ b/");
	put_str(&s, new_label ? new_label : "");
	put_str(&s, "\n");
	put_hunks(&s, &a, &b, count_lf(old, prefix) - before);
	side_release(&a);
	side_release(&b);
	return true;
}
