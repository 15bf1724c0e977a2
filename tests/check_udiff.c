/* check_udiff.c - the unified diff: exact output, a patch applier of our own, git apply and patch */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <check.h>

#include "check_suites.h"
#include "udiff.h"
#include "xmalloc.h"

/* ---- helpers ---- */

typedef struct {
	char *s;
	size_t n, cap;
} buf;

static void buf_add(buf *b, const void *p, size_t n)
{
	xgrow((void **)&b->s, &b->cap, b->n + n + 1, 1);
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void buf_str(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* The diff of two NUL-free texts, labelled x.xml; NULL when they are equal. */
static char *udiff(const char *old, const char *new_text)
{
	char *out = NULL;
	size_t len = 0;
	bool changed = dl_udiff(old, strlen(old), new_text, strlen(new_text), "x.xml", "x.xml",
				&out, &len);
	ck_assert(changed == (out != NULL));
	if (out)
		ck_assert_uint_eq(strlen(out), len);
	return out;
}

static void assert_udiff(const char *old, const char *new_text, const char *want)
{
	char *got = udiff(old, new_text);
	ck_assert_msg(got && strcmp(got, want) == 0, "diff of\n%s\nand\n%s\nis\n%s\nexpected\n%s",
		      old, new_text, got ? got : "(none)", want);
	free(got);
}

/* "l1\nl2\n...ln\n" with the lines numbered from first to last, and one line replaced. */
static char *numbered(int first, int last, int changed_line, const char *replacement)
{
	buf b = { 0 };
	for (int i = first; i <= last; i++) {
		char line[64];
		if (i == changed_line)
			snprintf(line, sizeof line, "%s\n", replacement);
		else
			snprintf(line, sizeof line, "l%d\n", i);
		buf_str(&b, line);
	}
	if (!b.s)
		b.s = xstrdup("");
	return b.s;
}

/* ---- a patch applier: what git apply and patch -p1 check, strictly ---- */

typedef struct {
	const char *s;
	size_t n;
} span;

/* Lines of text, each with its LF if it has one. */
static size_t split(const char *text, size_t len, span **lines)
{
	size_t n = 0, cap = 0;
	*lines = NULL;
	for (size_t pos = 0; pos < len;) {
		const char *lf = memchr(text + pos, '\n', len - pos);
		size_t end = lf ? (size_t)(lf - text) + 1 : len;
		xgrow((void **)lines, &cap, n + 1, sizeof **lines);
		(*lines)[n++] = (span){ text + pos, end - pos };
		pos = end;
	}
	return n;
}

static bool span_eq(span a, span b)
{
	return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

static bool parse_range(const char **p, char sign, size_t *start, size_t *count)
{
	if (**p != sign)
		return false;
	char *end;
	*start = strtoul(*p + 1, &end, 10);
	*count = 1;
	if (*end == ',') {
		*count = strtoul(end + 1, &end, 10);
		if (*count == 1)
			return false; /* GNU diff leaves ",1" out */
	}
	if (*count > 0 && *start == 0)
		return false; /* lines count from 1; 0 only before an empty range */
	*p = end;
	return true;
}

/*
 * Apply diff to old; NULL on success with the result in *result, else why not. Besides
 * applying, checks the shape GNU diff gives: full context (3 lines, fewer only at the ends
 * of the file), hunks apart and in order, counts that match the body.
 */
static const char *apply(const char *old, size_t old_len, const char *diff, size_t diff_len,
			 buf *result)
{
	static char why[256];
	span *ol, *dl;
	size_t no = split(old, old_len, &ol), nd = split(diff, diff_len, &dl);
	const char *err = NULL;
	size_t di = 0, oi = 0, hunks = 0, nout = 0;
	*result = (buf){ 0 };
#define FAIL(...)                                                                                  \
	do {                                                                                       \
		snprintf(why, sizeof why, __VA_ARGS__);                                            \
		err = why;                                                                         \
		goto out;                                                                          \
	} while (0)
	if (nd < 2 || !span_eq(dl[0], (span){ "--- a/x.xml\n", 12 }) ||
	    !span_eq(dl[1], (span){ "+++ b/x.xml\n", 12 }))
		FAIL("bad headers");
	for (di = 2; di < nd; hunks++) {
		char header[128];
		size_t hn = dl[di].n < sizeof header - 1 ? dl[di].n : sizeof header - 1;
		memcpy(header, dl[di].s, hn);
		header[hn] = '\0';
		const char *p = header;
		size_t os, oc, ns, nc;
		if (strncmp(p, "@@ ", 3) != 0)
			FAIL("diff line %zu: no hunk header", di + 1);
		p += 3;
		if (!parse_range(&p, '-', &os, &oc) || *p++ != ' ' ||
		    !parse_range(&p, '+', &ns, &nc) || strcmp(p, " @@\n") != 0)
			FAIL("bad hunk header %s", header);
		di++;
		size_t at = oc ? os - 1 : os; /* 0-based old line where the hunk starts */
		if (at < oi || (hunks > 0 && at == oi) || at > no)
			FAIL("hunk %s out of order or touching the one before", header);
		for (; oi < at; oi++, nout++)
			buf_add(result, ol[oi].s, ol[oi].n);
		if ((nc ? ns - 1 : ns) != nout)
			FAIL("hunk %s: the new file has %zu lines before it", header, nout);
		size_t ob = 0, nb = 0, lead = 0, trail = 0, run = 0;
		bool changed = false;
		while (ob < oc || nb < nc) {
			if (di >= nd)
				FAIL("hunk %s cut short", header);
			span body = { dl[di].s + 1, dl[di].n - 1 };
			char mark = dl[di].s[0];
			di++;
			if (body.n == 0 || body.s[body.n - 1] != '\n')
				FAIL("diff line %zu has no LF", di);
			if (di < nd && dl[di].s[0] == '\\') {
				if (!span_eq(dl[di],
					     (span){ "\\ No newline at end of file\n", 28 }))
					FAIL("bad marker line %zu", di + 1);
				body.n--;
				di++;
			}
			if (mark == ' ' || mark == '-') {
				if (oi >= no || !span_eq(body, ol[oi]))
					FAIL("old line %zu does not match", oi + 1);
				oi++;
				ob++;
			}
			if (mark == ' ' || mark == '+') {
				buf_add(result, body.s, body.n);
				nb++;
				nout++;
			}
			if (mark == ' ') {
				if (!changed)
					lead++;
				run++;
				trail++;
			} else if (mark == '-' || mark == '+') {
				if (changed && run > 6)
					FAIL("hunk %s holds %zu unchanged lines in a row", header,
					     run);
				changed = true;
				run = trail = 0;
			} else {
				FAIL("diff line %zu starts with %c", di, mark);
			}
		}
		if (ob != oc || nb != nc)
			FAIL("hunk %s counts do not match its body", header);
		if (!changed)
			FAIL("hunk %s changes nothing", header);
		if (lead != (at + lead < 3 ? at + lead : 3))
			FAIL("hunk %s: %zu leading context lines", header, lead);
		if (trail != (trail + no - oi < 3 ? trail + no - oi : 3))
			FAIL("hunk %s: %zu trailing context lines", header, trail);
	}
	if (hunks == 0)
		FAIL("no hunks");
	for (; oi < no; oi++)
		buf_add(result, ol[oi].s, ol[oi].n);
	if (!result->s)
		result->s = xstrdup("");
#undef FAIL
out:
	if (err)
		free(result->s);
	free(ol);
	free(dl);
	return err;
}

/* The diff of old and new, applied by apply(), gives new; returns the diff (NULL when equal). */
static char *check_applies(const char *old, size_t old_len, const char *new_text, size_t new_len,
			   size_t *diff_len)
{
	char *out = NULL;
	size_t len = 0;
	if (diff_len)
		*diff_len = 0;
	bool changed = dl_udiff(old, old_len, new_text, new_len, "x.xml", "x.xml", &out, &len);
	bool equal = old_len == new_len && memcmp(old, new_text, old_len) == 0;
	ck_assert(changed == !equal);
	if (!changed) {
		ck_assert_ptr_null(out);
		ck_assert_uint_eq(len, 0);
		return NULL;
	}
	buf got;
	const char *why = apply(old, old_len, out, len, &got);
	ck_assert_msg(!why, "%s; the diff:\n%.*s", why, (int)len, out);
	ck_assert_msg(got.n == new_len && memcmp(got.s, new_text, new_len) == 0,
		      "the diff does not give the new text:\n%.*s", (int)len, out);
	free(got.s);
	if (diff_len)
		*diff_len = len;
	return out;
}

/* ---- exact output ---- */

START_TEST(test_equal)
{
	char *out = NULL;
	size_t len = 0;
	ck_assert(!dl_udiff("", 0, "", 0, "x", "x", &out, &len));
	ck_assert(!dl_udiff(NULL, 0, NULL, 0, "x", "x", &out, &len));
	ck_assert(!dl_udiff("a\nb", 3, "a\nb", 3, "x", "x", &out, &len));
	ck_assert(!dl_udiff("a\0b\n", 4, "a\0b\n", 4, "x", "x", &out, &len));
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	/* something already in the buffer stays, and nothing is added */
	out = xstrdup("keep");
	len = 4;
	ck_assert(!dl_udiff("a\n", 2, "a\n", 2, "x", "x", &out, &len));
	ck_assert_uint_eq(len, 4);
	ck_assert(dl_udiff("a\n", 2, "b\n", 2, "x", "y", &out, &len));
	ck_assert_str_eq(out, "keep--- a/x\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n");
	ck_assert_uint_eq(len, strlen(out));
	free(out);
}
END_TEST

START_TEST(test_one_line_in_the_middle)
{
	char *old = numbered(1, 20, 0, NULL), *new_text = numbered(1, 20, 10, "ten");
	assert_udiff(old, new_text,
		     "--- a/x.xml\n+++ b/x.xml\n"
		     "@@ -7,7 +7,7 @@\n l7\n l8\n l9\n-l10\n+ten\n l11\n l12\n l13\n");
	free(old);
	free(new_text);
}
END_TEST

START_TEST(test_first_and_last_line)
{
	char *old = numbered(1, 20, 0, NULL), *first = numbered(1, 20, 1, "one"),
	     *last = numbered(1, 20, 20, "twenty");
	assert_udiff(old, first,
		     "--- a/x.xml\n+++ b/x.xml\n@@ -1,4 +1,4 @@\n-l1\n+one\n l2\n l3\n l4\n");
	assert_udiff(old, last,
		     "--- a/x.xml\n+++ b/x.xml\n@@ -17,4 +17,4 @@\n l17\n l18\n "
		     "l19\n-l20\n+twenty\n");
	/* a one-line file: one line of range, no ",1" */
	assert_udiff("a\n", "b\n", "--- a/x.xml\n+++ b/x.xml\n@@ -1 +1 @@\n-a\n+b\n");
	/* an insertion before the first line and after the last */
	assert_udiff("a\nb\n", "new\na\nb\n",
		     "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,3 @@\n+new\n a\n b\n");
	assert_udiff("a\nb\n", "a\nb\nnew\n",
		     "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,3 @@\n a\n b\n+new\n");
	free(old);
	free(first);
	free(last);
}
END_TEST

START_TEST(test_empty_file)
{
	assert_udiff("", "a\nb\n", "--- a/x.xml\n+++ b/x.xml\n@@ -0,0 +1,2 @@\n+a\n+b\n");
	assert_udiff("a\nb\n", "", "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +0,0 @@\n-a\n-b\n");
	assert_udiff("", "a",
		     "--- a/x.xml\n+++ b/x.xml\n@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n");
	/* a deletion inside a file names the line before the empty range */
	char *old = numbered(1, 20, 0, NULL);
	buf b = { 0 };
	for (int i = 1; i <= 20; i++) {
		char line[16];
		snprintf(line, sizeof line, "l%d\n", i);
		if (i != 10)
			buf_str(&b, line);
	}
	assert_udiff(old, b.s,
		     "--- a/x.xml\n+++ b/x.xml\n@@ -7,7 +7,6 @@\n l7\n l8\n l9\n-l10\n l11\n l12\n "
		     "l13\n");
	assert_udiff("a\n", "", "--- a/x.xml\n+++ b/x.xml\n@@ -1 +0,0 @@\n-a\n");
	free(old);
	free(b.s);
}
END_TEST

START_TEST(test_no_newline_at_end)
{
	const char *marker = "\\ No newline at end of file\n";
	char want[256];
	/* old lacks it */
	snprintf(want, sizeof want, "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,2 @@\n a\n-b\n%s+b\n",
		 marker);
	assert_udiff("a\nb", "a\nb\n", want);
	/* new lacks it */
	snprintf(want, sizeof want, "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n%s",
		 marker);
	assert_udiff("a\nb\n", "a\nb", want);
	/* both lack it, the last line changes */
	snprintf(want, sizeof want, "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,2 @@\n a\n-b\n%s+c\n%s",
		 marker, marker);
	assert_udiff("a\nb", "a\nc", want);
	/* both lack it, an unchanged last line in the context */
	snprintf(want, sizeof want, "--- a/x.xml\n+++ b/x.xml\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n%s",
		 marker);
	assert_udiff("a\nb\nc", "A\nb\nc", want);
	/* ... and far from the change, out of the hunk */
	assert_udiff("a\nb\nc\nd\ne\nf", "A\nb\nc\nd\ne\nf",
		     "--- a/x.xml\n+++ b/x.xml\n@@ -1,4 +1,4 @@\n-a\n+A\n b\n c\n d\n");
	/* a line added after one without LF */
	snprintf(want, sizeof want, "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,3 @@\n a\n-b\n%s+b\n+c\n",
		 marker);
	assert_udiff("a\nb", "a\nb\nc\n", want);
}
END_TEST

START_TEST(test_hunks_apart_and_together)
{
	/* 7 unchanged lines between the changes: two hunks */
	char *old = numbered(1, 30, 0, NULL);
	buf b = { 0 };
	for (int i = 1; i <= 30; i++) {
		char line[16];
		snprintf(line, sizeof line, i == 5 || i == 13 ? "X%d\n" : "l%d\n", i);
		buf_str(&b, line);
	}
	assert_udiff(old, b.s,
		     "--- a/x.xml\n+++ b/x.xml\n"
		     "@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+X5\n l6\n l7\n l8\n"
		     "@@ -10,7 +10,7 @@\n l10\n l11\n l12\n-l13\n+X13\n l14\n l15\n l16\n");
	free(b.s);
	/* 6 unchanged lines between them: one hunk, the contexts would touch */
	b = (buf){ 0 };
	for (int i = 1; i <= 30; i++) {
		char line[16];
		snprintf(line, sizeof line, i == 5 || i == 12 ? "X%d\n" : "l%d\n", i);
		buf_str(&b, line);
	}
	assert_udiff(old, b.s,
		     "--- a/x.xml\n+++ b/x.xml\n"
		     "@@ -2,14 +2,14 @@\n l2\n l3\n l4\n-l5\n+X5\n l6\n l7\n l8\n l9\n l10\n "
		     "l11\n-l12\n+X12\n l13\n l14\n l15\n");
	free(b.s);
	free(old);
}
END_TEST

START_TEST(test_crlf)
{
	assert_udiff("a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n",
		     "--- a/x.xml\n+++ b/x.xml\n@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n");
	/* only the line ending changes */
	assert_udiff("a\nb\n", "a\r\nb\n",
		     "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,2 @@\n-a\n+a\r\n b\n");
	/* a lone CR is no line end */
	assert_udiff("a\rb\n", "a\rc\n", "--- a/x.xml\n+++ b/x.xml\n@@ -1 +1 @@\n-a\rb\n+a\rc\n");
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char old[] = "a\0\nb\n", new_text[] = "a\0\nc\0d\n";
	static const char want[] = "--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,2 @@\n a\0\n-b\n+c\0d\n";
	char *out = NULL;
	size_t len = 0;
	ck_assert(dl_udiff(old, sizeof old - 1, new_text, sizeof new_text - 1, "x.xml", "x.xml",
			   &out, &len));
	ck_assert_uint_eq(len, sizeof want - 1);
	ck_assert(memcmp(out, want, len) == 0);
	free(out);
	/* lines equal up to a NUL differ */
	free(check_applies("a\0x\n", 4, "a\0y\n", 4, NULL));
}
END_TEST

START_TEST(test_labels)
{
	char *out = NULL;
	size_t len = 0;
	ck_assert(dl_udiff("a\n", 2, "b\n", 2, "dir/old name.xml", "dir/new.xml", &out, &len));
	ck_assert_str_eq(out, "--- a/dir/old name.xml\n+++ b/dir/new.xml\n@@ -1 +1 @@\n-a\n+b\n");
	free(out);
	/* awkward labels are written as given; NULL as empty */
	out = NULL;
	len = 0;
	ck_assert(dl_udiff("a\n", 2, "b\n", 2, " x\ty\nz ", NULL, &out, &len));
	ck_assert_str_eq(out, "--- a/ x\ty\nz \n+++ b/\n@@ -1 +1 @@\n-a\n+b\n");
	free(out);
}
END_TEST

/* ---- properties ---- */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33) % n;
}

static const span alphabet[] = {
	{ "a\n", 2 }, { "b\n", 2 },    { "c\n", 2 },    { "a\r\n", 3 },
	{ "\n", 1 },  { "d\0e\n", 4 }, { "<x/>\n", 5 },
};
#define NALPHA (sizeof alphabet / sizeof alphabet[0])

/* Random lines, and new made of old by random edits (or, with max_edits SIZE_MAX, other random
 * lines); either may lose its final LF. */
static void random_pair(buf *old, buf *new_text, size_t max_lines, size_t max_edits, size_t nalpha)
{
	bool unrelated = max_edits == SIZE_MAX;
	if (unrelated)
		max_edits = 0;
	size_t n = rnd((uint32_t)max_lines + 1);
	uint32_t *ol = xmalloc((n ? n : 1) * sizeof *ol);
	for (size_t i = 0; i < n; i++)
		ol[i] = rnd((uint32_t)nalpha);
	size_t m = n, cap = n + max_edits + 1;
	uint32_t *nl = xmalloc(cap * sizeof *nl);
	memcpy(nl, ol, n * sizeof *ol);
	if (unrelated) {
		m = rnd((uint32_t)max_lines + 1);
		nl = xrealloc(nl, (m + 1) * sizeof *nl);
		for (size_t i = 0; i < m; i++)
			nl[i] = rnd((uint32_t)nalpha);
	}
	for (size_t e = rnd((uint32_t)max_edits + 1); e > 0; e--) {
		uint32_t kind = rnd(3);
		if (kind == 0 && m > 0) { /* delete */
			size_t at = rnd((uint32_t)m);
			memmove(nl + at, nl + at + 1, (m - at - 1) * sizeof *nl);
			m--;
		} else if (kind == 1 && m > 0) { /* replace */
			nl[rnd((uint32_t)m)] = rnd((uint32_t)nalpha);
		} else { /* insert */
			size_t at = rnd((uint32_t)m + 1);
			memmove(nl + at + 1, nl + at, (m - at) * sizeof *nl);
			nl[at] = rnd((uint32_t)nalpha);
			m++;
		}
	}
	*old = (buf){ 0 };
	*new_text = (buf){ 0 };
	buf_add(old, "", 0);
	buf_add(new_text, "", 0);
	for (size_t i = 0; i < n; i++)
		buf_add(old, alphabet[ol[i]].s, alphabet[ol[i]].n);
	for (size_t i = 0; i < m; i++)
		buf_add(new_text, alphabet[nl[i]].s, alphabet[nl[i]].n);
	if (old->n && rnd(4) == 0)
		old->s[--old->n] = '\0';
	if (new_text->n && rnd(4) == 0)
		new_text->s[--new_text->n] = '\0';
	free(ol);
	free(nl);
}

/* The longest common subsequence of the lines of two texts: a minimal diff changes the rest. */
static size_t lcs(const char *a, size_t na, const char *b, size_t nb)
{
	span *al, *bl;
	size_t n = split(a, na, &al), m = split(b, nb, &bl);
	size_t *row = xcalloc((n + 1) * (m + 1), sizeof *row);
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;) {
			size_t *c = &row[i * (m + 1) + j];
			if (span_eq(al[i], bl[j]))
				*c = row[(i + 1) * (m + 1) + j + 1] + 1;
			else {
				size_t down = row[(i + 1) * (m + 1) + j],
				       right = row[i * (m + 1) + j + 1];
				*c = down > right ? down : right;
			}
		}
	size_t r = row[0];
	free(row);
	free(al);
	free(bl);
	return r;
}

static size_t count_marked(const char *diff, size_t len, char mark)
{
	span *lines;
	size_t n = split(diff, len, &lines), c = 0;
	for (size_t i = 2; i < n; i++) /* past the headers */
		c += lines[i].s[0] == mark;
	free(lines);
	return c;
}

static void check_random(size_t pairs, size_t max_lines, size_t max_edits, size_t nalpha)
{
	for (size_t t = 0; t < pairs; t++) {
		buf old, new_text;
		random_pair(&old, &new_text, max_lines, max_edits, nalpha);
		size_t len;
		char *out = check_applies(old.s, old.n, new_text.s, new_text.n, &len);
		if (out) {
			span *ol, *nl;
			size_t n = split(old.s, old.n, &ol), m = split(new_text.s, new_text.n, &nl);
			size_t common = lcs(old.s, old.n, new_text.s, new_text.n);
			ck_assert_uint_eq(count_marked(out, len, '-'), n - common);
			ck_assert_uint_eq(count_marked(out, len, '+'), m - common);
			free(ol);
			free(nl);
			free(out);
		}
		free(old.s);
		free(new_text.s);
	}
}

START_TEST(test_random_small)
{
	rng_state = 1;
	check_random(200, 12, 5, NALPHA);
	check_random(200, 12, 6,
		     2); /* few distinct lines: many equally short diffs to choose from */
	check_random(300, 15, SIZE_MAX, 3); /* unrelated texts, often of very different lengths */
}
END_TEST

START_TEST(test_random_larger)
{
	rng_state = 2;
	check_random(20, 400, 60, 4);
	check_random(5, 300, 300, NALPHA); /* mostly rewritten */
}
END_TEST

/* n numbered lines "<disk index='I'/>", those in change[] (0-based, increasing, -1 ends) rewritten. */
static buf big_text(size_t n, const long *change)
{
	buf b = { 0 };
	b.cap = n * 32 + 1;
	b.s = xmalloc(b.cap);
	for (size_t i = 0; i < n; i++) {
		bool changed = *change >= 0 && (size_t)*change == i;
		change += changed;
		b.n += (size_t)snprintf(b.s + b.n, b.cap - b.n,
					changed ? "<disk index='%zu' fixed/>\n" :
						  "<disk index='%zu'/>\n",
					i);
	}
	return b;
}

START_TEST(test_big_file_few_changes)
{
	/* 200000 lines, 4 MiB: a change at each end makes the whole file the middle */
	static const long none[] = { -1 }, some[] = { 0, 100000, 199999, -1 };
	buf old = big_text(200000, none), new_text = big_text(200000, some);
	size_t len;
	char *out = check_applies(old.s, old.n, new_text.s, new_text.n, &len);
	ck_assert_uint_eq(count_marked(out, len, '@'), 3);
	ck_assert_uint_eq(count_marked(out, len, '-'), 3);
	ck_assert(strstr(out, "@@ -99998,7 +99998,7 @@\n") != NULL);
	ck_assert(strstr(out, "@@ -199997,4 +199997,4 @@\n") != NULL);
	free(out);
	free(old.s);
	free(new_text.s);
}
END_TEST

START_TEST(test_too_many_edits)
{
	/* every other line of 100000 changed, 10 lines kept at each end: past the limits, one
	 * hunk replaces the middle, with its context */
	long *change = xmalloc(60000 * sizeof *change);
	size_t n = 0;
	for (long i = 10; i < 99990; i += 2)
		change[n++] = i;
	change[n] = -1;
	static const long none[] = { -1 };
	buf old = big_text(100000, none), new_text = big_text(100000, change);
	size_t len;
	char *out = check_applies(old.s, old.n, new_text.s, new_text.n, &len);
	ck_assert_uint_eq(count_marked(out, len, '@'), 1);
	ck_assert_msg(strncmp(out + strlen("--- a/x.xml\n+++ b/x.xml\n"),
			      "@@ -8,99985 +8,99985 @@\n", 24) == 0,
		      "%.80s", out + 24);
	free(out);
	free(change);
	free(old.s);
	free(new_text.s);
}
END_TEST

/* ---- git apply and patch -p1 ---- */

static char tmp[64];

static void tmp_setup(void)
{
	strcpy(tmp, "/tmp/check_udiff.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void tmp_teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmp);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

static void write_file(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", tmp, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	free(path);
}

static buf read_file(const char *name)
{
	char *path = xasprintf("%s/%s", tmp, name);
	FILE *f = fopen(path, "rb");
	free(path);
	ck_assert_msg(f != NULL, "%s/%s is missing", tmp, name);
	buf b = { 0 };
	buf_add(&b, "", 0);
	char chunk[4096];
	for (size_t n; (n = fread(chunk, 1, sizeof chunk, f)) > 0;)
		buf_add(&b, chunk, n);
	fclose(f);
	return b;
}

/* Each old text as dir/xI.xml, the diffs of all in one patch applied by cmd (run in tmp): the new texts. */
static void check_tool(const char *tool, const char *cmd, const char *const (*pairs)[2], size_t n)
{
	buf patch = { 0 };
	for (size_t i = 0; i < n; i++) {
		char *name = xasprintf("dir/x%zu.xml", i);
		write_file(name, pairs[i][0], strlen(pairs[i][0]));
		ck_assert(dl_udiff(pairs[i][0], strlen(pairs[i][0]), pairs[i][1],
				   strlen(pairs[i][1]), name, name, &patch.s, &patch.n));
		free(name);
	}
	write_file("p.diff", patch.s, patch.n);
	char *full = xasprintf("cd '%s' && %s <p.diff >out.txt 2>&1", tmp, cmd);
	int rc = system(full);
	free(full);
	buf msg = read_file("out.txt");
	ck_assert_msg(rc == 0, "%s failed (%d): %s\nthe patch:\n%s", tool, rc, msg.s, patch.s);
	for (size_t i = 0; i < n; i++) {
		char *name = xasprintf("dir/x%zu.xml", i);
		buf got = read_file(name);
		ck_assert_msg(strcmp(got.s, pairs[i][1]) == 0,
			      "%s made\n%s\ninstead of\n%s\nin %s from the patch\n%s", tool, got.s,
			      pairs[i][1], name, patch.s);
		free(got.s);
		free(name);
	}
	free(msg.s);
	free(patch.s);
}

START_TEST(test_git_apply_and_patch)
{
	char *dir = xasprintf("%s/dir", tmp);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	free(dir);
	char *twenty = numbered(1, 20, 0, NULL), *middle = numbered(1, 20, 10, "ten"),
	     *first = numbered(1, 20, 1, "one"), *last = numbered(1, 20, 20, "twenty");
	enum { FIXED = 11, RANDOM = 25 };
	const char *pairs[FIXED + RANDOM][2] = {
		{ twenty, middle },
		{ twenty, first },
		{ twenty, last },
		{ "a\nb", "a\nb\n" },
		{ "a\nb\n", "a\nb" },
		{ "a\nb", "a\nc" },
		{ "a\nb\nc", "A\nb\nc" },
		{ "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n" },
		{ "a\nb\n", "a\r\nb\n" },
		{ "<domain>\n  <devices/>\n</domain>\n",
		  "<domain type='kvm'>\n  <devices/>\n</domain>\n" },
		{ "x\n", "" }, /* everything deleted: the file stays, empty */
	};
	/* and random ones of the property test, without NULs (git would call them binary) */
	buf olds[RANDOM], news[RANDOM];
	size_t n = FIXED;
	rng_state = 3;
	for (size_t t = 0; t < RANDOM; t++) {
		random_pair(&olds[t], &news[t], 30, 6, NALPHA - 2);
		if (olds[t].n != news[t].n || memcmp(olds[t].s, news[t].s, olds[t].n) != 0) {
			pairs[n][0] = olds[t].s;
			pairs[n++][1] = news[t].s;
		}
	}
	/* as outside any repository (the ceiling stops git's search above tmp), as --diff users run it */
	check_tool("git apply", "GIT_CEILING_DIRECTORIES=/tmp git -c core.autocrlf=false apply",
		   pairs, n);
	if (system("command -v patch >/dev/null 2>&1") == 0)
		check_tool("patch -p1", "patch -p1 --batch --silent --no-backup-if-mismatch", pairs,
			   n);
	for (size_t t = 0; t < RANDOM; t++) {
		free(olds[t].s);
		free(news[t].s);
	}
	free(twenty);
	free(middle);
	free(first);
	free(last);
}
END_TEST

Suite *udiff_suite(void)
{
	Suite *s = suite_create("udiff");
	TCase *tc = tcase_create("output");
	tcase_add_test(tc, test_equal);
	tcase_add_test(tc, test_one_line_in_the_middle);
	tcase_add_test(tc, test_first_and_last_line);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_no_newline_at_end);
	tcase_add_test(tc, test_hunks_apart_and_together);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_labels);
	suite_add_tcase(s, tc);
	tc = tcase_create("properties");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_random_small);
	tcase_add_test(tc, test_random_larger);
	tcase_add_test(tc, test_big_file_few_changes);
	tcase_add_test(tc, test_too_many_edits);
	suite_add_tcase(s, tc);
	tc = tcase_create("tools");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_git_apply_and_patch);
	suite_add_tcase(s, tc);
	return s;
}
