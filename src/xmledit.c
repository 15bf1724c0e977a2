/* xmledit.c - where to edit the XML text as written, keeping the author's layout, quotes and line ends */
#include "xmledit.h"

#include <stdlib.h>
#include <string.h>

#include "starttag.h"
#include "xmalloc.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool dl_xmledit_drop_attr(const dl_doc *doc, const xmlNode *elem, const char *name, size_t *start,
			  size_t *end)
{
	dl_tag_attr a;
	if (!dl_doc_attr_span(doc, elem, name, &a))
		return false;
	size_t len;
	const char *text = dl_doc_text(doc, &len);
	size_t s = a.name;
	/* the blanks before it always follow the element's name or another attribute: never the '<' */
	while (s > 0 && blank(text[s - 1]))
		s--;
	*start = s;
	*end = a.end;
	return true;
}

bool dl_xmledit_attr_value(const dl_doc *doc, const xmlNode *elem, const char *name, size_t *start,
			   size_t *end)
{
	dl_tag_attr a;
	if (!dl_doc_attr_span(doc, elem, name, &a))
		return false;
	*start = a.value;
	*end = a.end - 1;
	return true;
}

bool dl_xmledit_field_value(const dl_doc *doc, const dl_field *f, size_t *start, size_t *end)
{
	size_t len;
	const char *text = dl_doc_text(doc, &len);
	if (!f->raw || !f->node || !dl_xmledit_attr_value(doc, f->node, f->name, start, end))
		return false;
	size_t n = strlen(f->raw);
	return *end - *start == n && memcmp(text + *start, f->raw, n) == 0;
}

bool dl_xmledit_drop_elem(const dl_doc *doc, const xmlNode *elem, size_t *start, size_t *end)
{
	size_t s, e, len;
	if (!dl_doc_elem_span(doc, elem, &s, &e))
		return false;
	const char *text = dl_doc_text(doc, &len);
	size_t ls = s, le = e;
	while (ls > 0 && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
		ls--;
	while (le < len && (text[le] == ' ' || text[le] == '\t'))
		le++;
	bool at_line_start = ls == 0 || text[ls - 1] == '\n' || text[ls - 1] == '\r';
	bool at_line_end = le == len || text[le] == '\n' || text[le] == '\r';
	if (at_line_start && at_line_end && ls > 0) {
		/* alone on its line: the line goes, with its own line end */
		if (le < len)
			le += text[le] == '\r' && le + 1 < len && text[le + 1] == '\n' ? 2 : 1;
		s = ls;
		e = le;
	}
	*start = s;
	*end = e;
	return true;
}

bool dl_xmledit_has_content(const xmlNode *elem)
{
	for (const xmlNode *c = elem->children; c; c = c->next)
		if (!dl_doc_is_blank(c))
			return true;
	return false;
}

char dl_xmledit_quote(const dl_doc *doc, const xmlNode *elem)
{
	size_t start, end, len;
	const char *text = dl_doc_text(doc, &len);
	if (!dl_doc_elem_span(doc, elem, &start, &end))
		return '\'';
	size_t pos = dl_tag_name_end(text, len, start);
	dl_tag_attr a;
	if (dl_tag_next_attr(text, len, &pos, &a) && text[a.value - 1] == '"')
		return '"';
	return '\'';
}

/* Is off the first byte of a line? */
static bool line_start(const char *text, size_t off)
{
	return off == 0 || text[off - 1] == '\n' || text[off - 1] == '\r';
}

/* The start of the line off is on, when only spaces and tabs come before off on it. */
static bool indent_before(const char *text, size_t off, size_t *start)
{
	size_t ls = off;
	while (ls > 0 && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
		ls--;
	*start = ls;
	return line_start(text, ls);
}

/* The line end that begins at p, or NULL when p begins none. */
static const char *eol_at(const char *text, size_t len, size_t p)
{
	if (text[p] == '\n')
		return "\n";
	if (text[p] == '\r')
		return p + 1 < len && text[p + 1] == '\n' ? "\r\n" : "\r";
	return NULL;
}

const char *dl_xmledit_newline(const dl_doc *doc, const xmlNode *elem)
{
	size_t len, s, e;
	const char *text = dl_doc_text(doc, &len);
	size_t from = elem && dl_doc_elem_span(doc, elem, &s, &e) ? s : 0;
	for (int round = 0; round < 2; round++, from = 0)
		for (size_t p = from; p < len; p++) {
			const char *eol = eol_at(text, len, p);
			if (eol)
				return eol;
		}
	return "\n";
}

bool dl_xmledit_indent(const dl_doc *doc, const xmlNode *elem, size_t *start, size_t *end)
{
	size_t len, s, e;
	const char *text = dl_doc_text(doc, &len);
	if (!dl_doc_elem_span(doc, elem, &s, &e) || !indent_before(text, s, start))
		return false;
	*end = s;
	return true;
}

bool dl_xmledit_attr_insert_at(const dl_doc *doc, const xmlNode *elem, size_t *at)
{
	size_t len, close;
	const char *text = dl_doc_text(doc, &len);
	if (!dl_doc_start_tag_end(doc, elem, &close))
		return false;
	/* the blanks before the close always follow the element's name or an attribute */
	while (close > 0 && blank(text[close - 1]))
		close--;
	*at = close;
	return true;
}

/* A string under construction. */
typedef struct strbuf {
	char *s;
	size_t n, cap;
} strbuf;

static void put(strbuf *b, const char *s, size_t n)
{
	xgrow((void **)&b->s, &b->cap, b->n + n + 1, 1);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void puts0(strbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* An indentation as written: [start, end) of the text. */
typedef struct span {
	size_t start, end;
} span;

static size_t span_len(span s)
{
	return s.end - s.start;
}

/*
 * Where child (an element or a comment) of elem begins, its '<'. A comment's end is not
 * recorded, so its span is unknown: its line and column are counted from elem's start.
 */
static bool child_start(const dl_doc *doc, size_t elem_start, const xmlNode *child, size_t *off)
{
	size_t len, s, e;
	const char *text = dl_doc_text(doc, &len);
	if (child->type == XML_ELEMENT_NODE) {
		if (!dl_doc_elem_span(doc, child, &s, &e))
			return false;
		*off = s;
		return true;
	}
	dl_loc at = dl_doc_elem_loc(doc, child), from = dl_doc_loc_at(doc, elem_start);
	if (at.line < from.line || at.line == 0 || at.col == 0)
		return false;
	size_t p = elem_start - (from.col - 1); /* the start of elem's line */
	for (unsigned long line = from.line; line < at.line; p++) {
		if (p >= len)
			return false;
		if (text[p] == '\n' || (text[p] == '\r' && (p + 1 >= len || text[p + 1] != '\n')))
			line++;
	}
	if (p + at.col - 1 + 4 > len || memcmp(text + p + at.col - 1, "<!--", 4) != 0)
		return false;
	*off = p + at.col - 1;
	return true;
}

/* The element and comment children of elem that begin their lines: the first and the last of them. */
static bool lined_children(const dl_doc *doc, const xmlNode *elem, span *first, span *last)
{
	size_t len, s, e;
	const char *text = dl_doc_text(doc, &len);
	if (!dl_doc_elem_span(doc, elem, &s, &e))
		return false;
	bool any = false;
	for (const xmlNode *c = elem->children; c; c = c->next) {
		span in;
		if ((c->type != XML_ELEMENT_NODE && c->type != XML_COMMENT_NODE) ||
		    !child_start(doc, s, c, &in.end) || !indent_before(text, in.end, &in.start))
			continue;
		if (!any)
			*first = in;
		*last = in;
		any = true;
	}
	return any;
}

/*
 * One indentation step of the file: how much deeper a child is than its parent, from elem and
 * its children, else elem and its ancestors; two spaces, as libvirt writes, when nothing says.
 */
static char *indent_step(const dl_doc *doc, const xmlNode *elem)
{
	size_t len;
	const char *text = dl_doc_text(doc, &len);
	span inner, outer, unused;
	const xmlNode *child = NULL;
	if (dl_xmledit_indent(doc, elem, &outer.start, &outer.end) &&
	    lined_children(doc, elem, &inner, &unused))
		child = elem;
	for (const xmlNode *n = elem;
	     !child && n && n->parent && n->parent->type == XML_ELEMENT_NODE; n = n->parent)
		if (dl_xmledit_indent(doc, n, &inner.start, &inner.end) &&
		    dl_xmledit_indent(doc, n->parent, &outer.start, &outer.end))
			child = n;
	if (child && span_len(inner) > span_len(outer) &&
	    memcmp(text + inner.start, text + outer.start, span_len(outer)) == 0)
		return xstrndup(text + inner.start + span_len(outer),
				span_len(inner) - span_len(outer));
	return xstrdup("  ");
}

/*
 * markup laid out: each line at base plus a step per leading tab, the lines joined by eol; all
 * on one line, unindented, when eol is NULL.
 */
static char *render(const char *markup, const char *base, const char *step, const char *eol)
{
	strbuf b = { NULL, 0, 0 };
	for (const char *line = markup; line;) {
		const char *next = strchr(line, '\n');
		size_t n = next ? (size_t)(next - line) : strlen(line);
		size_t depth = strspn(line, "\t");
		if (depth > n)
			depth = n;
		if (eol) {
			puts0(&b, base);
			for (size_t k = 0; k < depth; k++)
				puts0(&b, step);
		}
		put(&b, line + depth, n - depth);
		line = next ? next + 1 : NULL;
		if (line && eol)
			puts0(&b, eol);
	}
	return b.s ? b.s : xstrdup("");
}

char *dl_xmledit_add_child(const dl_doc *doc, const xmlNode *elem, bool last, const char *markup,
			   size_t *start, size_t *end)
{
	size_t len, s, e, close;
	const char *text = dl_doc_text(doc, &len);
	if (!dl_doc_elem_span(doc, elem, &s, &e) || !dl_doc_start_tag_end(doc, elem, &close))
		return NULL;
	span own = { s, s };
	bool own_line = dl_xmledit_indent(doc, elem, &own.start, &own.end);
	if (!own_line)
		own.start = own.end = s; /* no indentation to repeat */
	span first, final;
	bool children_lined = lined_children(doc, elem, &first, &final);
	bool content = dl_xmledit_has_content(elem);
	/* on lines of their own when the children are, or when there are none and elem is */
	bool lined = children_lined || (!content && own_line);
	const char *eol = lined ? dl_xmledit_newline(doc, elem) : NULL;
	char *step = indent_step(doc, elem);
	char *base;
	if (children_lined) {
		span c = last ? final : first;
		base = xstrndup(text + c.start, span_len(c));
	} else {
		base = xasprintf("%.*s%s", (int)span_len(own), text + own.start, step);
	}
	char *rendered = render(markup, base, step, eol);
	free(base);
	free(step);
	strbuf out = { NULL, 0, 0 };
	if (text[close] == '/') {
		/* <elem .../>: opened, the child, closed */
		*start = close;
		while (*start > s && blank(text[*start - 1]))
			*start -= 1;
		*end = e;
		puts0(&out, ">");
		if (lined)
			puts0(&out, eol);
		puts0(&out, rendered);
		if (lined) {
			puts0(&out, eol);
			put(&out, text + own.start, span_len(own));
		}
		puts0(&out, "</");
		put(&out, text + s + 1, dl_tag_name_end(text, len, s) - (s + 1));
		puts0(&out, ">");
		free(rendered);
		return out.s;
	}
	/* the end tag's '<': no '<' or '>' inside an end tag */
	size_t et = e - 1;
	while (et > close && text[et] != '<')
		et--;
	if (!content) {
		/* nothing but blanks inside: they go, and the child takes their place */
		*start = close + 1;
		*end = et;
		if (lined)
			puts0(&out, eol);
		puts0(&out, rendered);
		if (lined) {
			puts0(&out, eol);
			put(&out, text + own.start, span_len(own));
		}
	} else if (!last) {
		*start = *end = close + 1;
		if (lined)
			puts0(&out, eol);
		puts0(&out, rendered);
	} else {
		size_t ls;
		if (lined && indent_before(text, et, &ls)) {
			/* before the end tag's line, as a line of its own */
			*start = *end = ls;
			puts0(&out, rendered);
			puts0(&out, eol);
		} else {
			*start = *end = et;
			if (lined)
				puts0(&out, eol);
			puts0(&out, rendered);
			if (lined && own_line) {
				puts0(&out, eol);
				put(&out, text + own.start, span_len(own));
			}
		}
	}
	free(rendered);
	if (!out.s)
		out.s = xstrdup("");
	return out.s;
}
