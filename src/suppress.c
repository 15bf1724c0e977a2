/* suppress.c - inline suppression: domlint-disable comments and the findings they silence */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "xmalloc.h"

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* "domlint-disable-file a, b" -> kind and the rest; NULL when the comment is no directive. */
static const char *directive_kind(const char *text, bool *file_wide)
{
	static const char word[] = "domlint-disable";
	const char *p = skip_blanks(text);
	if (strncmp(p, word, sizeof word - 1) != 0)
		return NULL;
	p += sizeof word - 1;
	*file_wide = strncmp(p, "-file", 5) == 0;
	if (*file_wide)
		p += 5;
	if (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != ',')
		return NULL; /* domlint-disabled, domlint-disable-files: not ours */
	return p;
}

bool dl_suppress_is_directive(const char *comment_text)
{
	bool file_wide;
	return directive_kind(comment_text, &file_wide) != NULL;
}

static void parse_names(dl_directive *d, const char *p)
{
	size_t cap = 0;
	bool any = false;
	for (;;) {
		while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, ", \t\n\r");
		char *name = xmalloc(n + 1);
		memcpy(name, p, n);
		name[n] = '\0';
		p += n;
		any = true;
		int id = dl_rule_find(name);
		if (id >= 0) {
			d->rules |= UINT64_C(1) << id;
			free(name);
		} else {
			xgrow((void **)&d->unknown, &cap, d->nunknown + 1, sizeof *d->unknown);
			d->unknown[d->nunknown++] = name;
		}
	}
	if (!any)
		d->rules = ~UINT64_C(0);
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

static void add(dl_suppressions *s, const dl_doc *doc, const xmlNode *comment)
{
	bool file_wide = false;
	const char *rest = directive_kind((const char *)comment->content, &file_wide);
	if (!rest)
		return;
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	dl_directive *d = &s->v[s->n++];
	memset(d, 0, sizeof *d);
	d->loc = dl_doc_elem_loc(doc, comment);
	d->file_wide = file_wide;
	parse_names(d, rest);
	if (file_wide) {
		s->file_rules |= d->rules;
		return;
	}
	const xmlNode *target = next_element(comment);
	if (target) {
		d->covers = true;
		d->start = dl_doc_elem_loc(doc, target);
		d->end = dl_doc_elem_end(doc, target);
	}
}

void dl_suppressions_build(dl_suppressions *s, const dl_doc *doc)
{
	memset(s, 0, sizeof *s);
	if (!dl_doc_has_directives(doc))
		return;
	for (const xmlNode *n = dl_doc_first(doc); n; n = dl_doc_walk_next(n, NULL))
		if (n->type == XML_COMMENT_NODE && n->content)
			add(s, doc, n);
}

void dl_suppressions_release(dl_suppressions *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t k = 0; k < s->v[i].nunknown; k++)
			free(s->v[i].unknown[k]);
		free(s->v[i].unknown);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

static bool before(dl_loc a, dl_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

bool dl_suppressions_hide(const dl_suppressions *s, int rule, dl_loc loc)
{
	uint64_t bit = UINT64_C(1) << rule;
	if (s->file_rules & bit)
		return true;
	for (size_t i = 0; i < s->n; i++) {
		const dl_directive *d = &s->v[i];
		if (d->covers && (d->rules & bit) && !before(loc, d->start) && !before(d->end, loc))
			return true;
	}
	return false;
}
