/* suppress.c - inline suppression: domlint-disable comments, the findings they silence, and
 * the comments that look like one but are not */
#include "suppress.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rulesel.h"
#include "xmalloc.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *skip_blanks(const char *p)
{
	while (is_blank(*p))
		p++;
	return p;
}

/* ---- words: rule names and reasons as written ---- */

typedef struct word {
	const char *p;
	size_t n;
	bool after_comma; /* a comma stands between it and the word before */
} word;

typedef struct words {
	word *v;
	size_t n, cap;
} words;

static void push(words *w, const char *p, size_t n, bool after_comma)
{
	xgrow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v);
	w->v[w->n++] = (word){ p, n, after_comma };
}

/* The words of [p, end), split at commas and blanks. */
static void split(words *w, const char *p, const char *end)
{
	bool comma = false;
	while (p < end) {
		if (*p == ',' || is_blank(*p)) {
			comma |= *p == ',';
			p++;
			continue;
		}
		const char *q = p;
		while (q < end && *q != ',' && !is_blank(*q))
			q++;
		push(w, p, (size_t)(q - p), comma);
		comma = false;
		p = q;
	}
}

static char *word_dup(const word *w)
{
	char *s = xmalloc(w->n + 1);
	memcpy(s, w->p, w->n);
	s[w->n] = '\0';
	return s;
}

static dl_rule_id word_rule(const word *w)
{
	char *s = word_dup(w);
	dl_rule_id id = dl_rule_find(s);
	free(s);
	return id;
}

/* Letters, digits, '-' and '_' with a '-' or '_' in them: a misspelt or foreign rule name, not prose. */
static bool rule_shaped(const word *w)
{
	if (!isalpha((unsigned char)w->p[0]))
		return false;
	bool joined = false;
	for (size_t i = 0; i < w->n; i++) {
		unsigned char c = (unsigned char)w->p[i];
		if (c == '-' || c == '_')
			joined = true;
		else if (!isalnum(c))
			return false;
	}
	return joined;
}

/*
 * The rule a misspelt name means: the same in lower case with '-' for '_', or a close one; or
 * NULL. Each costs an edit distance per rule, so a file gets NEAR_BUDGET of them: a comment of
 * a million near misses stays linear (its names are then just unknown).
 */
#define NEAR_BUDGET 256

static const char *near_rule(const char *name, size_t *budget)
{
	if (*budget == 0)
		return NULL;
	--*budget;
	char folded[64];
	size_t n = strlen(name);
	if (n < sizeof folded) {
		for (size_t i = 0; i <= n; i++)
			folded[i] = name[i] == '_' ? '-' : (char)tolower((unsigned char)name[i]);
		dl_rule_id id = dl_rule_find(folded);
		if (id != DL_RULE_NONE)
			return dl_rules[id].name;
	}
	return dl_rule_suggest(name);
}

/*
 * Where a reason written without ':' begins: the first word after the last rule name that
 * follows a blank (not a comma) and is neither shaped like a rule name nor close to one
 * ("copied", "legacy", "#"); w->n when there is none. "adress-octal" or "vendor-check"
 * stay names, reported as unknown rules.
 */
static size_t reason_start(const words *w, size_t *budget)
{
	size_t from = 0;
	for (size_t i = 0; i < w->n; i++)
		if (word_rule(&w->v[i]) != DL_RULE_NONE)
			from = i + 1;
	for (size_t i = from; i < w->n; i++) {
		const word *x = &w->v[i];
		if (x->after_comma || rule_shaped(x))
			continue;
		char *s = word_dup(x);
		bool near = near_rule(s, budget) != NULL;
		free(s);
		if (!near)
			return i;
	}
	return w->n;
}

/* [p, end) trimmed, each run of blanks one space; NULL when nothing is left. */
static char *collapse(const char *p, const char *end)
{
	char *out = xmalloc((size_t)(end - p) + 1), *o = out;
	for (; p < end; p++) {
		if (!is_blank(*p))
			*o++ = *p;
		else if (o > out && o[-1] != ' ')
			*o++ = ' ';
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	if (o == out) {
		free(out);
		return NULL;
	}
	return out;
}

/* Words from..to-1 joined by commas, each a rule's name if it is a typo of one and suggest
 * (a budget) is given; NULL if none. */
static char *join(const words *w, size_t from, size_t to, size_t *suggest)
{
	if (from >= to)
		return NULL;
	size_t len = 1;
	const char **names = xmalloc((to - from) * sizeof *names);
	char **owned = xmalloc((to - from) * sizeof *owned);
	for (size_t i = from; i < to; i++) {
		owned[i - from] = word_dup(&w->v[i]);
		const char *near = suggest && dl_rule_find(owned[i - from]) == DL_RULE_NONE ?
					   near_rule(owned[i - from], suggest) :
					   NULL;
		names[i - from] = near ? near : owned[i - from];
		len += strlen(names[i - from]) + 1;
	}
	char *s = xmalloc(len), *o = s;
	for (size_t i = 0; i < to - from; i++) {
		if (i)
			*o++ = ',';
		size_t n = strlen(names[i]);
		memcpy(o, names[i], n);
		o += n;
		free(owned[i]);
	}
	*o = '\0';
	free(owned);
	free(names);
	return s;
}

static char *form(bool file_wide, const char *names, const char *why)
{
	return xasprintf("<!-- %s%s%s: %s -->",
			 file_wide ? "domlint-disable-file" : "domlint-disable", names ? " " : "",
			 names ? names : "", why);
}

char *dl_directive_form(const dl_directive *d, const char *why)
{
	return form(d->file_wide, d->names, why);
}

/*
 * What a bare directive silences: every rule but suppression-unused, which is about the
 * directives themselves (a bare domlint-disable-file that silences nothing would otherwise
 * silence its own report); name it to silence it.
 */
#define BARE_RULES (~(UINT64_C(1) << DL_RULE_SUPPRESSION_UNUSED))

/* ---- the keyword: domlint-disable, and what people write instead ---- */

typedef enum {
	KW_DISABLE, /* domlint reads it when written exactly so */
	KW_ENABLE,  /* there is nothing to turn back on */
	KW_LINE,    /* line-based, as in other linters */
	KW_OTHER,   /* another linter's word */
} kw_kind;

static const struct {
	const char *word;
	kw_kind kind;
	bool file_wide;
} keywords[] = {
	{ "disable", KW_DISABLE, false },
	{ "disable-file", KW_DISABLE, true },
	{ "disable-files", KW_OTHER, true },
	{ "disabled", KW_OTHER, false },
	{ "disable-all", KW_OTHER, false },
	{ "disable-next-line", KW_LINE, false },
	{ "disable-nextline", KW_LINE, false },
	{ "disable-next", KW_LINE, false },
	{ "disable-line", KW_LINE, false },
	{ "enable", KW_ENABLE, false },
	{ "enable-file", KW_ENABLE, true },
	{ "enable-all", KW_ENABLE, false },
	{ "enable-next-line", KW_ENABLE, false },
	{ "enable-line", KW_ENABLE, false },
	{ "ignore", KW_OTHER, false },
	{ "ignore-file", KW_OTHER, true },
	{ "ignore-all", KW_OTHER, false },
	{ "ignore-next-line", KW_LINE, false },
	{ "ignore-line", KW_LINE, false },
	{ "suppress", KW_OTHER, false },
	{ "suppress-file", KW_OTHER, true },
	{ "suppress-next-line", KW_LINE, false },
	{ "suppress-line", KW_LINE, false },
};

typedef struct keyword {
	const char *after; /* the text after the keyword */
	bool exact;        /* domlint-disable or domlint-disable-file, as domlint reads it */
	bool file_wide;
	char *problem; /* owned: why a lookalike is no directive; NULL when exact */
	char *glued;   /* owned: a rule name glued to the keyword (domlint-disable-address-octal) */
} keyword;

/*
 * Read the keyword at the start of a comment: "domlint", any run of '-', '_', ':' and blanks,
 * then a word from the table (any case, '_' for '-') or domlint-disable-RULE, then the end,
 * a blank, '=', ':' or ','. Prose that merely names domlint ("checked by domlint", "domlint
 * checks ...") is none of these. Returns false for a comment that is not ours.
 */
static bool read_keyword(const char *text, keyword *k)
{
	memset(k, 0, sizeof *k);
	const char *p = skip_blanks(text);
	if (strncasecmp(p, "domlint", 7) != 0)
		return false;
	const char *sep = p + 7, *q = sep;
	while (*q == '-' || *q == '_' || *q == ':' || is_blank(*q))
		q++;
	size_t nsep = (size_t)(q - sep);
	const char *w = q;
	while (isalnum((unsigned char)*q) || *q == '-' || *q == '_')
		q++;
	size_t nw = (size_t)(q - w);
	if (nsep == 0 || nw == 0 || nw >= 64 || (*q && !is_blank(*q) && !strchr("=:,", *q)))
		return false;
	char lower[64];
	for (size_t i = 0; i < nw; i++)
		lower[i] = w[i] == '_' ? '-' : (char)tolower((unsigned char)w[i]);
	lower[nw] = '\0';
	int found = -1;
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
		if (strcmp(lower, keywords[i].word) == 0)
			found = (int)i;
	k->after = q;
	if (found < 0) {
		bool file_wide = strncmp(lower, "disable-file-", 13) == 0;
		const char *name = lower + (file_wide ? 13 : 8);
		if (strncmp(lower, "disable-", 8) != 0 || dl_rule_find(name) == DL_RULE_NONE)
			return false;
		k->file_wide = file_wide;
		k->glued = xstrdup(name);
		k->problem = xasprintf("%s and the rule names need a blank between them",
				       file_wide ? "domlint-disable-file" : "domlint-disable");
		return true;
	}
	k->file_wide = keywords[found].file_wide;
	const char *proper = k->file_wide ? "domlint-disable-file" : "domlint-disable";
	switch (keywords[found].kind) {
	case KW_ENABLE:
		k->problem = xstrdup("domlint has no domlint-enable (a domlint-disable comment "
				     "covers only "
				     "the element right after it)");
		break;
	case KW_LINE:
		k->problem = xasprintf("domlint has no domlint-%s (a domlint-disable comment "
				       "covers the "
				       "element right after it)",
				       lower);
		break;
	case KW_OTHER:
		k->problem = xasprintf("domlint has no domlint-%s (its directives are "
				       "domlint-disable and "
				       "domlint-disable-file)",
				       lower);
		break;
	case KW_DISABLE:
		if (nsep != 1 || *sep != '-' || memcmp(p, "domlint", 7) != 0 ||
		    memcmp(w, lower, nw) != 0)
			k->problem = xasprintf("the keyword is written %s", proper);
		else if (*q == '=')
			k->problem = xstrdup("the rule names follow the keyword after a blank, not "
					     "'='");
		else
			k->exact = true;
		break;
	}
	return true;
}

bool dl_suppress_is_directive(const char *comment_text)
{
	keyword k;
	bool ours = read_keyword(comment_text, &k);
	free(k.problem);
	free(k.glued);
	return ours;
}

/* A comment meant as a directive: it silences nothing; the message gives the form to write. */
static void read_lookalike(dl_directive *d, const char *glued, const char *after,
			   const char *problem, size_t *budget)
{
	const char *p = after;
	while (*p == '=' || *p == ':' || *p == ',' || is_blank(*p))
		p++;
	const char *colon = strchr(p, ':');
	words w = { 0 };
	if (glued)
		push(&w, glued, strlen(glued), false);
	split(&w, p, colon ? colon : p + strlen(p));
	d->directive = false;
	d->names = join(&w, 0, reason_start(&w, budget), budget);
	char *right = dl_directive_form(d, "reason");
	d->malformed = xasprintf("%s, so this comment silences nothing: write %s", problem, right);
	free(right);
	free(w.v);
}

/* The names and the reason after domlint-disable or domlint-disable-file. */
static void read_directive(dl_directive *d, const char *after, size_t *budget)
{
	const char *end = after + strlen(after);
	d->directive = true;
	if (*after == ':') {
		/* <!-- domlint-disable: reason --> silences every rule; ": address-octal" is a slip */
		words w = { 0 };
		split(&w, after + 1, end);
		bool named = w.n > 0 && word_rule(&w.v[0]) != DL_RULE_NONE;
		free(w.v);
		if (named) {
			read_lookalike(d, NULL, after,
				       "':' goes after the rule names, before the reason", budget);
			return;
		}
		d->bare = true;
		d->rules = BARE_RULES;
		d->reason = collapse(after + 1, end);
		return;
	}
	const char *colon = strchr(after, ':');
	words w = { 0 };
	split(&w, after, colon ? colon : end);
	size_t k = reason_start(&w, budget);
	d->names = join(&w, 0, k, NULL);
	size_t cap = 0;
	for (size_t i = 0; i < k; i++) {
		dl_rule_id id = word_rule(&w.v[i]);
		if (id != DL_RULE_NONE) {
			d->rules |= UINT64_C(1) << id;
		} else {
			size_t n = d->nunknown, had = cap;
			xgrow((void **)&d->unknown, &cap, n + 1, sizeof *d->unknown);
			if (cap != had)
				d->near = xrealloc(d->near, cap * sizeof *d->near);
			d->unknown[n] = word_dup(&w.v[i]);
			d->near[n] = near_rule(d->unknown[n], budget);
			d->nunknown++;
		}
	}
	if (w.n == 0) {
		d->bare = true;
		d->rules = BARE_RULES;
	}
	if (k < w.n) {
		d->reason = collapse(w.v[k].p, end);
		char *right = dl_directive_form(d, d->reason);
		if (k == 0) {
			char *named = form(d->file_wide, "RULE", d->reason);
			d->malformed = xasprintf("a reason needs ': ' before it, and this comment "
						 "names no "
						 "rule, so it silences nothing: write %s, or %s "
						 "for every rule",
						 named, right);
			free(named);
		} else if (k + 1 == w.n && !colon) {
			d->malformed = xasprintf("'%.*s' is no rule; if it is a reason, put ': ' "
						 "before it: "
						 "write %s",
						 (int)w.v[k].n, w.v[k].p, right);
		} else {
			d->malformed = xasprintf("the words after the rule names read as a reason, "
						 "which "
						 "needs ': ' before it: write %s",
						 right);
		}
		free(right);
	} else if (colon) {
		d->reason = collapse(colon + 1, end);
	}
	free(w.v);
}

/* The element a directive stands immediately before: only blanks and comments between. */
static const xmlNode *next_element(const xmlNode *comment)
{
	for (const xmlNode *n = comment->next; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
		if (n->type != XML_COMMENT_NODE && !dl_doc_is_blank(n))
			return NULL;
	}
	return NULL;
}

/* What reading one document carries from comment to comment. */
typedef struct reader {
	size_t budget;         /* near_rule lookups left */
	bool run;              /* only comments and blanks since the last scan for an element */
	const xmlNode *parent; /* that scan's comment's parent */
	const xmlNode *target; /* and what it found */
} reader;

static void add(dl_suppressions *s, const dl_doc *doc, const xmlNode *comment, reader *r)
{
	size_t *budget = &r->budget;
	keyword k;
	if (!read_keyword((const char *)comment->content, &k))
		return;
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	dl_directive *d = &s->v[s->n++];
	memset(d, 0, sizeof *d);
	d->loc = dl_doc_elem_loc(doc, comment);
	d->comment = comment;
	d->file_wide = k.file_wide;
	if (k.exact)
		read_directive(d, k.after, budget);
	else
		read_lookalike(d, k.glued, k.after, k.problem, budget);
	free(k.problem);
	free(k.glued);
	if (!d->directive || d->file_wide)
		return;
	/* a run of directives shares its element: one scan, not one per comment (quadratic) */
	if (!r->run || r->parent != comment->parent) {
		r->run = true;
		r->parent = comment->parent;
		r->target = next_element(comment);
	}
	const xmlNode *target = r->target;
	if (target) {
		d->covers = true;
		d->start = dl_doc_elem_loc(doc, target);
		d->end = dl_doc_elem_end(doc, target);
		d->target = (const char *)target->name;
	}
}

static void index_directives(dl_suppressions *s);

void dl_suppressions_build(dl_suppressions *s, const dl_doc *doc)
{
	memset(s, 0, sizeof *s);
	if (!dl_doc_has_directives(doc))
		return;
	reader r = { .budget = NEAR_BUDGET };
	for (const xmlNode *n = dl_doc_first(doc); n; n = dl_doc_walk_next(n, NULL)) {
		if (n->type == XML_COMMENT_NODE && n->content)
			add(s, doc, n, &r);
		else if (n->type != XML_COMMENT_NODE && !dl_doc_is_blank(n))
			r.run = false;
	}
	index_directives(s);
}

static bool before(dl_loc a, dl_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/*
 * Directives that reach the same places: every file-wide one, or those before one element.
 * Elements nest or are disjoint, so with the groups sorted by start (the outer of two at one
 * start first) the groups that cover a place are the last one starting at or before it and
 * those that enclose it: a finding costs a binary search and the nesting depth. Grouping keeps
 * that true however many directives stand before one element, and a group counts a rule as
 * used in all its directives once, not once per finding: without both, 20,000 directives and
 * 20,000 findings were 400 million steps.
 */
struct dl_reach {
	dl_loc start, end;   /* the element (unused for the file-wide group) */
	size_t first, count; /* the directives: members[first..first+count), in document order */
	size_t up;           /* the nearest earlier group that encloses this one, or NONE */
	uint64_t rules;      /* every rule a directive of the group silences */
	uint64_t counted;    /* rules whose findings every directive of the group has counted */
	const char **why;    /* owned, made on first use: per rule, the reason the group gives */
};
#define NONE ((size_t)-1)

static int by_start(const void *a, const void *b)
{
	const dl_directive *x = *(dl_directive *const *)a, *y = *(dl_directive *const *)b;
	if (before(x->start, y->start) || before(y->start, x->start))
		return before(x->start, y->start) ? -1 : 1;
	if (before(x->end, y->end) || before(y->end, x->end))
		return before(y->end, x->end) ? -1 : 1; /* the outer first */
	return x < y ? -1 : x > y;                      /* document order */
}

static bool same_reach(const dl_directive *a, const dl_directive *b)
{
	return !before(a->start, b->start) && !before(b->start, a->start) &&
	       !before(a->end, b->end) && !before(b->end, a->end);
}

static void index_directives(dl_suppressions *s)
{
	size_t nfile = 0, nelem = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].rules && s->v[i].file_wide)
			nfile++;
		else if (s->v[i].rules && s->v[i].covers)
			nelem++;
	s->members = xmalloc((nfile + nelem > 0 ? nfile + nelem : 1) * sizeof *s->members);
	s->file = xcalloc(1, sizeof *s->file);
	s->file->up = NONE;
	dl_directive **elem = xmalloc((nelem ? nelem : 1) * sizeof *elem);
	nelem = 0;
	for (size_t i = 0; i < s->n; i++) {
		dl_directive *d = &s->v[i];
		if (d->rules && d->file_wide) {
			s->members[s->file->count++] = i;
			s->file->rules |= d->rules;
		} else if (d->rules && d->covers) {
			elem[nelem++] = d;
		}
	}
	qsort(elem, nelem, sizeof *elem, by_start);
	s->spans = xcalloc(nelem ? nelem : 1, sizeof *s->spans);
	size_t *open = xmalloc((nelem ? nelem : 1) * sizeof *open), nopen = 0;
	for (size_t i = 0, m = nfile; i < nelem; i++, m++) {
		struct dl_reach
			*g = &s->spans[s->nspans - (s->nspans && same_reach(elem[i], elem[i - 1]))];
		if (g == &s->spans[s->nspans]) {
			*g = (struct dl_reach){
				elem[i]->start, elem[i]->end, m, 0, NONE, 0, 0, NULL
			};
			/* the enclosing group: the innermost earlier one still open at this start */
			while (nopen && before(s->spans[open[nopen - 1]].end, g->start))
				nopen--;
			g->up = nopen ? open[nopen - 1] : NONE;
			open[nopen++] = s->nspans++;
		}
		s->members[m] = (size_t)(elem[i] - s->v);
		g->count++;
		g->rules |= elem[i]->rules;
	}
	free(open);
	free(elem);
}

static void release_reach(struct dl_reach *g)
{
	free(g->why);
}

/*
 * The reason group g gives for rule: that of the innermost directive giving one, which for
 * directives before one element is the last written, for file-wide ones the first.
 */
static const char *reach_why(const dl_suppressions *s, struct dl_reach *g, unsigned rule,
			     bool last_first)
{
	if (!g->why) {
		g->why = xcalloc(64, sizeof *g->why);
		for (size_t k = 0; k < g->count; k++) {
			const dl_directive
				*d = &s->v[s->members[g->first +
						      (last_first ? g->count - 1 - k : k)]];
			for (unsigned r = 0; r < 64 && d->reason; r++)
				if ((d->rules & UINT64_C(1) << r) && !g->why[r])
					g->why[r] = d->reason;
		}
	}
	return g->why[rule];
}

/* Every directive of g that silences rule counts it (once per group); the reason, if still none. */
static void cover(dl_suppressions *s, struct dl_reach *g, unsigned rule, bool last_first,
		  bool *hidden, const char **why)
{
	uint64_t bit = UINT64_C(1) << rule;
	if (!(g->rules & bit))
		return;
	*hidden = true;
	if (!(g->counted & bit)) {
		g->counted |= bit;
		for (size_t k = 0; k < g->count; k++)
			s->v[s->members[g->first + k]]
				.used |= s->v[s->members[g->first + k]].rules & bit;
	}
	if (!*why)
		*why = reach_why(s, g, rule, last_first);
}

bool dl_suppressions_hide(dl_suppressions *s, dl_rule_id rule, dl_loc loc,
			  const char **justification)
{
	bool hidden = false;
	const char *why = NULL;
	if (!s->file) { /* nothing indexed: no directive */
		*justification = NULL;
		return false;
	}
	/* the last group starting at or before loc */
	size_t lo = 0, hi = s->nspans;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (before(loc, s->spans[mid].start))
			hi = mid;
		else
			lo = mid + 1;
	}
	for (size_t i = lo ? lo - 1 : NONE; i != NONE; i = s->spans[i].up)
		if (!before(s->spans[i].end, loc))
			cover(s, &s->spans[i], (unsigned)rule, true, &hidden, &why);
	cover(s, s->file, (unsigned)rule, false, &hidden, &why);
	*justification = why;
	return hidden;
}

void dl_suppressions_release(dl_suppressions *s)
{
	for (size_t i = 0; i < s->n; i++) {
		dl_directive *d = &s->v[i];
		for (size_t k = 0; k < d->nunknown; k++)
			free(d->unknown[k]);
		free(d->unknown);
		free(d->near);
		free(d->names);
		free(d->reason);
		free(d->malformed);
	}
	free(s->v);
	free(s->members);
	if (s->file)
		release_reach(s->file);
	free(s->file);
	for (size_t i = 0; i < s->nspans; i++)
		release_reach(&s->spans[i]);
	free(s->spans);
	memset(s, 0, sizeof *s);
}
