/* doc.c - safe loading of one XML document, with the line and column of every element and attribute */
#include "doc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xmalloc.h"

/*
 * libxml2 2.9 records neither columns nor the first line of a multi-line start tag, so
 * start tags are found again by a lexical scan of the raw buffer (the document is known
 * to be well-formed by then) and matched to elements in document order.
 */
typedef struct tag_pos {
	size_t off;        /* offset of '<' */
	size_t line_start; /* offset of the first byte of its line */
	unsigned long line;
	dl_loc end;        /* an element's last '>' (its end tag's, or its own when empty) */
	bool comment;
} tag_pos;

struct dl_doc {
	xmlDoc *xml;
	const char *buf;
	size_t len;
	tag_pos *tags; /* indexed by (uintptr_t)node->_private - 1 */
	size_t ntags, tags_cap;
	char **strings; /* attribute values that had to be assembled */
	size_t nstrings, strings_cap;
	bool directives; /* some comment mentions domlint-disable */
};

/* Options: no NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE, ever. */
#define DL_XML_OPTIONS                                                                      \
	(XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |  \
	 XML_PARSE_NOXINCNODE)

/*
 * libxml2's message on one line, without the advice to use XML_PARSE_HUGE: domlint keeps
 * libxml2's limits on purpose, and users cannot turn them off.
 */
static char *plain_message(const char *msg)
{
	static const char huge[] = "use XML_PARSE_HUGE option";
	char *out = xmalloc(strlen(msg) + 64), *w = out;
	for (const char *p = msg; *p; p++) {
		if (strncmp(p, huge, sizeof huge - 1) == 0) {
			w += sprintf(w, "(a safety limit domlint keeps)");
			p += sizeof huge - 2;
		} else {
			*w++ = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;
		}
	}
	while (w > out && w[-1] == ' ')
		w--;
	*w = '\0';
	return out;
}

/* What the error handler needs: where to put the first error, and the file's own parser. */
typedef struct load_state {
	dl_load_error *err;
	xmlParserCtxtPtr outer;
} load_state;

static void on_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	load_state *state = ctxt->_private;
	dl_load_error *err = state->err;
	if (!e || e->level < XML_ERR_ERROR || err->message)
		return;
	err->message = plain_message(e->message ? e->message : "not well-formed");
	/*
	 * libxml2 checks an entity's replacement text with a parser of its own, whose lines
	 * count from the entity: report where the file's parser stands instead.
	 */
	xmlParserInputPtr in = ctxt != state->outer || ctxt->inputNr > 1 ?
				       (state->outer->inputTab ? state->outer->inputTab[0] : NULL) :
				       NULL;
	if (in) {
		err->loc.line = in->line > 0 ? (unsigned long)in->line : 0;
		err->loc.col = in->col > 0 ? (unsigned long)in->col : 0;
	} else {
		err->loc.line = e->line > 0 ? (unsigned long)e->line : 0;
		err->loc.col = e->int2 > 0 ? (unsigned long)e->int2 : 0;
	}
}

/* A line ends at LF, or at a CR not followed by LF (XML 1.0 section 2.11, as libxml2 counts). */
static bool is_eol(const char *p, const char *end)
{
	return *p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n'));
}

static const char *skip_past(const char *p, const char *end, const char *stop, unsigned long *line,
			     size_t *line_start, const char *base)
{
	size_t n = strlen(stop);
	for (; p < end; p++) {
		if ((size_t)(end - p) >= n && memcmp(p, stop, n) == 0)
			return p + n;
		if (is_eol(p, end)) {
			(*line)++;
			*line_start = (size_t)(p + 1 - base);
		}
	}
	return end;
}

/* Skips a start tag's attributes, honouring quotes; returns the byte after '>'. */
static const char *skip_tag(const char *p, const char *end, unsigned long *line, size_t *line_start,
			    const char *base)
{
	char quote = 0;
	for (; p < end; p++) {
		if (is_eol(p, end)) {
			(*line)++;
			*line_start = (size_t)(p + 1 - base);
		} else if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return end;
}

/* A DOCTYPE with an internal subset: brackets, quotes and comments nest inside it. */
static const char *skip_doctype(const char *p, const char *end, unsigned long *line,
				size_t *line_start, const char *base)
{
	int depth = 0;
	char quote = 0;
	for (; p < end; p++) {
		if (is_eol(p, end)) {
			(*line)++;
			*line_start = (size_t)(p + 1 - base);
		} else if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			p = skip_past(p + 4, end, "-->", line, line_start, base) - 1;
		} else if (end - p >= 2 && memcmp(p, "<?", 2) == 0) {
			p = skip_past(p + 2, end, "?>", line, line_start, base) - 1;
		} else if (*p == '[') {
			depth++;
		} else if (*p == ']') {
			depth--;
		} else if (*p == '>' && depth <= 0) {
			return p + 1;
		}
	}
	return end;
}

static void add_tag(dl_doc *doc, size_t off, size_t line_start, unsigned long line, bool comment)
{
	xgrow((void **)&doc->tags, &doc->tags_cap, doc->ntags + 1, sizeof *doc->tags);
	doc->tags[doc->ntags++] = (tag_pos){ off, line_start, line, { line, 0 }, comment };
}

static void scan_tags(dl_doc *doc)
{
	const char *base = doc->buf, *p = doc->buf, *end = doc->buf + doc->len;
	unsigned long line = 1;
	size_t line_start = 0;
	size_t *open = NULL, nopen = 0, open_cap = 0; /* elements whose end tag is still to come */
	while (p < end) {
		if (is_eol(p, end)) {
			line++;
			line_start = (size_t)(p + 1 - base);
			p++;
			continue;
		}
		if (*p != '<') {
			p++;
			continue;
		}
		size_t left = (size_t)(end - p);
		if (left >= 4 && memcmp(p, "<!--", 4) == 0) {
			add_tag(doc, (size_t)(p - base), line_start, line, true);
			const char *body = p + 4;
			p = skip_past(body, end, "-->", &line, &line_start, base);
			static const char directive[] = "domlint-disable";
			for (const char *q = body; q + sizeof directive - 1 <= p && !doc->directives; q++)
				doc->directives = memcmp(q, directive, sizeof directive - 1) == 0;
		} else if (left >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
			p = skip_past(p + 9, end, "]]>", &line, &line_start, base);
		} else if (left >= 2 && p[1] == '?') {
			p = skip_past(p + 2, end, "?>", &line, &line_start, base);
		} else if (left >= 2 && p[1] == '!') {
			p = skip_doctype(p + 2, end, &line, &line_start, base);
		} else if (left >= 2 && p[1] == '/') {
			p = skip_tag(p + 2, end, &line, &line_start, base);
			if (nopen > 0)
				doc->tags[open[--nopen]].end = (dl_loc){ line, (size_t)(p - 1 - base) - line_start + 1 };
		} else {
			size_t index = doc->ntags;
			add_tag(doc, (size_t)(p - base), line_start, line, false);
			p = skip_tag(p + 1, end, &line, &line_start, base);
			if (p - base >= 2 && p[-2] == '/') {
				doc->tags[index].end = (dl_loc){ line, (size_t)(p - 1 - base) - line_start + 1 };
			} else {
				xgrow((void **)&open, &open_cap, nopen + 1, sizeof *open);
				open[nopen++] = index;
			}
		}
	}
	free(open);
}

/* Does the raw start tag at tag begin with the element's qualified name? */
static int tag_matches(const dl_doc *doc, const tag_pos *tag, const xmlNode *node)
{
	const char *p = doc->buf + tag->off + 1, *end = doc->buf + doc->len;
	size_t plen = 0;
	if (node->ns && node->ns->prefix) {
		plen = strlen((const char *)node->ns->prefix);
		if ((size_t)(end - p) <= plen || memcmp(p, node->ns->prefix, plen) != 0 ||
		    p[plen] != ':')
			return 0;
		p += plen + 1;
	}
	size_t n = strlen((const char *)node->name);
	if ((size_t)(end - p) < n || memcmp(p, node->name, n) != 0)
		return 0;
	p += n;
	return p == end || *p == '>' || *p == '/' || *p == ' ' || *p == '\t' || *p == '\n' ||
	       *p == '\r';
}

xmlNode *dl_doc_first(const dl_doc *doc)
{
	return doc->xml->children;
}

xmlNode *dl_doc_walk_next(const xmlNode *n, const xmlNode *top)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	for (;;) {
		if (n == top)
			return NULL;
		if (n->next)
			return n->next;
		n = n->parent;
		if (!n || n->type != XML_ELEMENT_NODE)
			return NULL;
	}
}

/* Elements and comments in document order, matched with the raw scan's tags; false when they do not match. */
static bool attach_positions(dl_doc *doc)
{
	size_t next = 0;
	for (xmlNode *node = dl_doc_first(doc); node; node = dl_doc_walk_next(node, NULL)) {
		if (node->type != XML_ELEMENT_NODE && node->type != XML_COMMENT_NODE)
			continue;
		bool comment = node->type == XML_COMMENT_NODE;
		if (next >= doc->ntags || doc->tags[next].comment != comment ||
		    (!comment && !tag_matches(doc, &doc->tags[next], node)))
			return false; /* an encoding the scan cannot read: libxml2's lines only */
		node->_private = (void *)(uintptr_t)(++next);
	}
	return true;
}

dl_doc *dl_doc_load(const char *buf, size_t len, dl_load_error *err)
{
	err->loc = (dl_loc){ 0, 0 };
	err->message = NULL;
	if (len > INT32_MAX) {
		err->message = xstrdup("input is too large for the XML parser");
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		err->message = xstrdup("cannot create an XML parser");
		return NULL;
	}
	load_state state = { err, ctxt };
	ctxt->_private = &state;
	ctxt->sax->serror = on_error;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	xmlDoc *xml = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, DL_XML_OPTIONS);
	xmlFreeParserCtxt(ctxt);
	if (!xml || !xmlDocGetRootElement(xml)) {
		xmlFreeDoc(xml);
		if (!err->message)
			err->message = xstrdup("not well-formed XML");
		return NULL;
	}
	free(err->message); /* namespace and other recoverable errors do not stop a domain */
	err->message = NULL;

	dl_doc *doc = xcalloc(1, sizeof *doc);
	doc->xml = xml;
	doc->buf = buf;
	doc->len = len;
	scan_tags(doc);
	if (!attach_positions(doc))
		doc->directives = true; /* the raw scan could not read the comments either */
	return doc;
}

void dl_doc_free(dl_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nstrings; i++)
		free(doc->strings[i]);
	free(doc->strings);
	free(doc->tags);
	xmlFreeDoc(doc->xml);
	free(doc);
}

xmlNode *dl_doc_root(const dl_doc *doc)
{
	return xmlDocGetRootElement(doc->xml);
}

static const tag_pos *tag_of(const dl_doc *doc, const xmlNode *elem)
{
	uintptr_t i = (uintptr_t)elem->_private;
	return i >= 1 && i <= doc->ntags ? &doc->tags[i - 1] : NULL;
}

dl_loc dl_doc_elem_loc(const dl_doc *doc, const xmlNode *elem)
{
	const tag_pos *t = tag_of(doc, elem);
	if (!t)
		return (dl_loc){ (unsigned long)xmlGetLineNo(elem), 1 };
	return (dl_loc){ t->line, t->off - t->line_start + 1 };
}

dl_loc dl_doc_elem_end(const dl_doc *doc, const xmlNode *elem)
{
	const tag_pos *t = tag_of(doc, elem);
	if (t && t->end.col > 0)
		return t->end;
	/* no raw position: the last line any descendant starts on */
	const xmlNode *last = elem;
	while (last->last && last->type == XML_ELEMENT_NODE)
		last = last->last;
	return (dl_loc){ (unsigned long)xmlGetLineNo(last), (unsigned long)-1 };
}

bool dl_doc_has_directives(const dl_doc *doc)
{
	return doc->directives;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

dl_loc dl_doc_attr_loc(const dl_doc *doc, const xmlNode *elem, const char *name)
{
	const tag_pos *t = tag_of(doc, elem);
	if (!t)
		return dl_doc_elem_loc(doc, elem);
	const char *base = doc->buf, *end = doc->buf + doc->len;
	const char *p = base + t->off + 1;
	unsigned long line = t->line;
	size_t line_start = t->line_start;
	size_t want = strlen(name);
	while (p < end && !is_space(*p) && *p != '>' && *p != '/')
		p++;
	for (;;) {
		while (p < end && is_space(*p)) {
			if (is_eol(p, end)) {
				line++;
				line_start = (size_t)(p + 1 - base);
			}
			p++;
		}
		if (p >= end || *p == '>' || *p == '/')
			break;
		const char *attr = p;
		while (p < end && !is_space(*p) && *p != '=')
			p++;
		if ((size_t)(p - attr) == want && memcmp(attr, name, want) == 0)
			return (dl_loc){ line, (size_t)(attr - base) - line_start + 1 };
		while (p < end && *p != '"' && *p != '\'') {
			if (is_eol(p, end)) {
				line++;
				line_start = (size_t)(p + 1 - base);
			}
			p++;
		}
		if (p >= end)
			break;
		char quote = *p++;
		for (; p < end && *p != quote; p++)
			if (is_eol(p, end)) {
				line++;
				line_start = (size_t)(p + 1 - base);
			}
		p++;
	}
	return dl_doc_elem_loc(doc, elem);
}

const char *dl_doc_attr(dl_doc *doc, const xmlNode *elem, const char *name)
{
	xmlAttr *a = xmlHasNsProp(elem, (const xmlChar *)name, NULL);
	if (!a || a->type != XML_ATTRIBUTE_NODE)
		return NULL;
	if (!a->children)
		return "";
	if (!a->children->next && a->children->type == XML_TEXT_NODE && a->children->content)
		return (const char *)a->children->content;
	/*
	 * Entity references stay as written ("&name;"): expanding them here would reopen the
	 * amplification attacks the parser's limits close, and domain XML does not use them.
	 */
	size_t len = 0;
	for (const xmlNode *c = a->children; c; c = c->next)
		len += c->type == XML_ENTITY_REF_NODE ? strlen((const char *)c->name) + 2 :
			c->content ? strlen((const char *)c->content) : 0;
	char *s = xmalloc(len + 1), *w = s;
	for (const xmlNode *c = a->children; c; c = c->next) {
		const char *part = c->type == XML_ENTITY_REF_NODE ? (const char *)c->name :
				   c->content ? (const char *)c->content : "";
		size_t n = strlen(part);
		if (c->type == XML_ENTITY_REF_NODE)
			*w++ = '&';
		memcpy(w, part, n);
		w += n;
		if (c->type == XML_ENTITY_REF_NODE)
			*w++ = ';';
	}
	*w = '\0';
	xgrow((void **)&doc->strings, &doc->strings_cap, doc->nstrings + 1, sizeof *doc->strings);
	doc->strings[doc->nstrings++] = s;
	return s;
}

int dl_doc_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && !node->ns &&
	       strcmp((const char *)node->name, name) == 0;
}

xmlNode *dl_doc_child(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
		if (dl_doc_is(c, name))
			return c;
	return NULL;
}
