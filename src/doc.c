/* doc.c - safe loading of one XML document, with the line and column of every element and attribute */
/* memrchr is a GNU extension; the POSIX names stay available */
#define _GNU_SOURCE
#include "doc.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pthread.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "doctree.h"
#include "starttag.h"
#include "xmalloc.h"

/*
 * libxml2 2.9 records neither columns nor the first line of a multi-line start tag. So
 * the SAX handlers that build the tree are wrapped: at each start tag, end tag and comment
 * of the file itself, the parser's offset in the input is mapped back to the raw buffer
 * ('<' cannot occur inside an attribute value, so the tag's start is the nearest one
 * before), and lines are counted forward as the parse goes, once over the file.
 */
typedef struct tag_pos {
	size_t off;        /* offset of '<' */
	size_t line_start; /* offset of the first byte of its line */
	unsigned long line;
	dl_loc end;     /* an element's last '>' (its end tag's, or its own when empty) */
	size_t end_off; /* just past that '>'; 0 when unknown */
} tag_pos;

struct dl_doc {
	xmlDoc *xml;
	const char *buf;
	size_t len;
	dl_doctree *tree; /* owns the nodes (but those libxml2 made for a document with a DTD) */
	tag_pos *tags;    /* indexed by (uintptr_t)node->_private - 1 */
	size_t ntags, tags_cap;
	char **strings; /* attribute values that had to be assembled */
	size_t nstrings, strings_cap;
	bool directives; /* some comment mentions domlint, in any case */
};

/*
 * Options: no NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE, ever. NOBLANKS: the blank
 * text between elements is no node, which saves memory and time on every walk (libxml2 keeps the
 * blanks it cannot tell are ignorable: dl_doc_is_blank is for those).
 */
#define DL_XML_OPTIONS                                                                             \
	(XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |         \
	 XML_PARSE_NOXINCNODE | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS)

int dl_doc_xml_options(void)
{
	return DL_XML_OPTIONS;
}

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

/* The load under way in this thread: the SAX and error handlers' state. */
typedef struct load_state {
	dl_load_error *err;
	xmlParserCtxtPtr outer; /* the file's parser (entity text is checked by others) */
	dl_doc *doc;
	bool plain;      /* no DTD so far: the tree is doctree's (src/doctree.c), not libxml2's */
	bool any_cr;     /* the buffer has a CR: lines need the slow count */
	size_t line_off; /* lines are counted up to here */
	size_t line_start;
	unsigned long line;
} load_state;

static _Thread_local load_state *current_load;
/* One parser per thread, reused: its dictionary and buffers outlive a file. */
static _Thread_local xmlParserCtxtPtr thread_parser;
static _Thread_local unsigned long thread_parser_uses;
/* And the tag array of the document freed last (up to a size), for the next one. */
#define KEEP_TAGS 65536
static _Thread_local tag_pos *spare_tags;
static _Thread_local size_t spare_tags_cap;

static void on_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	load_state *state = current_load;
	if (!state || !e || e->level < XML_ERR_ERROR || state->err->message)
		return;
	dl_load_error *err = state->err;
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

/* Does the raw start tag at offset lt begin with the element's qualified name? */
static int tag_matches(const dl_doc *doc, size_t lt, const xmlNode *node)
{
	const char *p = doc->buf + lt + 1, *end = doc->buf + doc->len;
	if (node->ns && node->ns->prefix) {
		size_t plen = strlen((const char *)node->ns->prefix);
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

/* The last c in [from, to), or NULL: memrchr where the C library has it (it runs per element). */
static const char *find_back(const char *from, const char *to, char c)
{
#ifdef __GLIBC__
	return memrchr(from, c, (size_t)(to - from));
#else
	while (to > from)
		if (*--to == c)
			return to;
	return NULL;
#endif
}

/* Count lines up to off (events come in document order, so this is one pass over the file). */
static void advance_to(load_state *s, size_t off)
{
	const char *buf = s->doc->buf, *p = buf + s->line_off, *end = buf + off;
	if (!s->any_cr) {
		/* memchr skips a line at a time */
		while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			s->line++;
			s->line_start = (size_t)(++p - buf);
		}
	} else {
		const char *all = buf + s->doc->len;
		for (; p < end; p++)
			if (is_eol(p, all)) {
				s->line++;
				s->line_start = (size_t)(p + 1 - buf);
			}
	}
	s->line_off = off;
}

/*
 * Where the parser stands in the raw buffer, when that is the file's own text: not inside
 * an entity, not after an encoding conversion (UTF-16 and the like get libxml2's lines).
 */
static bool raw_offset(load_state *s, xmlParserCtxtPtr ctxt, size_t *off)
{
	xmlParserInputPtr in = ctxt->input;
	if (ctxt != s->outer || ctxt->inputNr != 1 || !in || !in->buf || in->buf->encoder ||
	    ctxt->inSubset)
		return false;
	size_t o = (size_t)in->consumed + (size_t)(in->cur - in->base);
	if (o > s->doc->len || o < s->line_off)
		return false;
	*off = o;
	return true;
}

static void record(load_state *s, xmlNode *node, size_t lt)
{
	dl_doc *doc = s->doc;
	advance_to(s, lt);
	xgrow((void **)&doc->tags, &doc->tags_cap, doc->ntags + 1, sizeof *doc->tags);
	doc->tags[doc->ntags++] = (tag_pos){ lt, s->line_start, s->line, { s->line, 0 }, 0 };
	node->_private = (void *)(uintptr_t)doc->ntags;
}

/* The arena tree of the load under way, when it builds this parser's tree (no DTD so far). */
static dl_doctree *arena_tree(const load_state *s, xmlParserCtxtPtr ctxt)
{
	return s && s->plain && ctxt == s->outer ? s->doc->tree : NULL;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlNode *parent = ctxt->node;
	load_state *s = current_load;
	dl_doctree *tree = arena_tree(s, ctxt);
	if (tree)
		dl_doctree_start(tree, ctxt, localname, prefix, uri, nb_namespaces, namespaces,
				 nb_attributes, nb_defaulted, attributes);
	else
		xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
				      nb_attributes, nb_defaulted, attributes);
	size_t off;
	/* cppcheck-suppress knownConditionTrueFalse ; the tree builder above moved ctxt->node */
	if (!s || !ctxt->node || ctxt->node == parent || !raw_offset(s, ctxt, &off) ||
	    off >= s->doc->len) /* a tag cut off by the end of the input */
		return;
	/* the parser stands at the tag's closing '>' or '/>': the '<' is the nearest before */
	const char *buf = s->doc->buf;
	const char *lt = find_back(buf + s->line_off, buf + off + 1, '<');
	if (lt && tag_matches(s->doc, (size_t)(lt - buf), ctxt->node))
		record(s, ctxt->node, (size_t)(lt - buf));
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlNode *node = ctxt->node;
	load_state *s = current_load;
	if (arena_tree(s, ctxt))
		dl_doctree_end(ctxt);
	else
		xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	size_t off;
	uintptr_t i = node ? (uintptr_t)node->_private : 0;
	/* the parser stands just after the element's last '>' */
	if (!s || i == 0 || i > s->doc->ntags || !raw_offset(s, ctxt, &off) || off == 0)
		return;
	advance_to(s, off - 1);
	s->doc->tags[i - 1].end = (dl_loc){ s->line, off - 1 - s->line_start + 1 };
	s->doc->tags[i - 1].end_off = off;
}

/* Any case: a directive written in the wrong case is still read, to be reported. */
static bool mentions_domlint(const char *s)
{
	for (; *s; s++)
		if ((*s == 'd' || *s == 'D') && strncasecmp(s, "domlint", 7) == 0)
			return true;
	return false;
}

static void on_comment(void *ctx, const xmlChar *value)
{
	xmlParserCtxtPtr ctxt = ctx;
	load_state *s = current_load;
	dl_doctree *tree = arena_tree(s, ctxt);
	xmlNode *node;
	if (tree) {
		node = dl_doctree_comment(tree, ctxt, value);
	} else {
		xmlSAX2Comment(ctx, value);
		node = ctxt->node ? ctxt->node->last : ctxt->myDoc ? ctxt->myDoc->last : NULL;
	}
	if (!s || ctxt->inSubset)
		return;
	if (value && !s->doc->directives && mentions_domlint((const char *)value))
		s->doc->directives = true;
	size_t off;
	if (!node || node->type != XML_COMMENT_NODE || !raw_offset(s, ctxt, &off) || off < 4)
		return;
	/* the parser stands after "-->"; a comment holds no "--", so the nearest "<!--" is its start */
	const char *buf = s->doc->buf;
	size_t lt = off - 4;
	while (lt > s->line_off && memcmp(buf + lt, "<!--", 4) != 0)
		lt--;
	if (memcmp(buf + lt, "<!--", 4) == 0) {
		record(s, node, lt);
		s->doc->tags[s->doc->ntags - 1].end_off = off; /* past its "-->" */
	}
}

/*
 * A text node past XML_MAX_TEXT_LENGTH (without XML_PARSE_HUGE): libxml2's tree builder stops
 * the parser there as on running out of memory (xmlSAX2ErrMemory), and so does the arena's.
 */
static void text_too_long(xmlParserCtxtPtr ctxt)
{
	ctxt->errNo = XML_ERR_NO_MEMORY;
	ctxt->instate = XML_PARSER_EOF;
	ctxt->disableSAX = 1;
}

/* Text (xmlSAX2Characters) or a CDATA section (xmlSAX2CDataBlock) */
static void on_text(xmlParserCtxtPtr ctxt, const xmlChar *ch, int len, bool cdata)
{
	dl_doctree *tree = arena_tree(current_load, ctxt);
	if (tree) {
		if (!dl_doctree_text(tree, ctxt, ch, len, cdata))
			text_too_long(ctxt);
	} else if (cdata) {
		xmlSAX2CDataBlock(ctxt, ch, len);
	} else {
		xmlSAX2Characters(ctxt, ch, len);
	}
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	on_text(ctx, ch, len, false);
}

static void on_cdata(void *ctx, const xmlChar *value, int len)
{
	on_text(ctx, value, len, true);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlParserCtxtPtr ctxt = ctx;
	dl_doctree *tree = arena_tree(current_load, ctxt);
	if (tree)
		dl_doctree_pi(tree, ctxt, target, data);
	else
		xmlSAX2ProcessingInstruction(ctx, target, data);
}

/* A DTD: entities may follow, whose nodes libxml2 builds and frees itself; it takes over. */
static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
			       const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	load_state *s = current_load;
	dl_doctree *tree = arena_tree(s, ctxt);
	if (tree) {
		dl_doctree_hand_over(tree, ctxt);
		s->plain = false;
	}
	xmlSAX2InternalSubset(ctx, name, external_id, system_id);
}

/*
 * libxml2 counts an error's column in characters; domlint's columns are bytes. Only for a
 * file in UTF-8 (or ASCII), whose line can be found in the raw buffer.
 */
static unsigned long byte_column(const char *buf, size_t len, dl_loc loc)
{
	if (loc.line == 0 || loc.col <= 1 || (len >= 2 && (buf[0] == '\0' || buf[1] == '\0')))
		return loc.col;
	const char *p = buf, *end = buf + len;
	for (unsigned long line = 1; line < loc.line && p < end; p++)
		if (is_eol(p, end))
			line++;
	const char *q = p;
	for (unsigned long c = 1; c < loc.col && q < end && *q != '\n' && *q != '\r'; c++) {
		q++;
		while (q < end && ((unsigned char)*q & 0xc0) == 0x80)
			q++; /* the rest of a UTF-8 sequence */
	}
	return (unsigned long)(q - p) + 1;
}

static void ignore_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * An <?oasis-xml-catalog?> processing instruction adds a catalog to the parser, and libxml2 2.9
 * forgets (without freeing) that list when a parser is reset for the next file: a file of such
 * instructions leaked its size again on every parse. A document has no business naming catalogs
 * anyway (they could point at the network), so they are not read from documents at all.
 */
static pthread_once_t no_document_catalogs = PTHREAD_ONCE_INIT;

static void disallow_document_catalogs(void)
{
	xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
}

static xmlParserCtxtPtr parser(void)
{
	pthread_once(&no_document_catalogs, disallow_document_catalogs);
	/*
	 * The parser's dictionary keeps every name it has seen: a fresh one now and then keeps
	 * memory flat however many files (or however many invented names) come through.
	 */
	if (thread_parser && ++thread_parser_uses % 1024 == 0) {
		xmlFreeParserCtxt(thread_parser);
		thread_parser = NULL;
	}
	if (thread_parser)
		return thread_parser;
	/*
	 * Some of libxml2's complaints (encoding conversion, I/O) bypass the parser's handler
	 * and print to stderr by themselves; the parse error that follows them is reported.
	 */
	xmlSetGenericErrorFunc(NULL, ignore_generic_error);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return NULL;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	ctxt->sax->comment = on_comment;
	ctxt->sax->characters = on_characters;
	ctxt->sax->cdataBlock = on_cdata;
	ctxt->sax->processingInstruction = on_pi;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->serror = on_error;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	thread_parser = ctxt;
	return ctxt;
}

void dl_doc_thread_done(void)
{
	xmlFreeParserCtxt(thread_parser);
	thread_parser = NULL;
	free(spare_tags);
	spare_tags = NULL;
	spare_tags_cap = 0;
	dl_doctree_thread_done();
}

dl_doc *dl_doc_load(const char *buf, size_t len, dl_load_error *err)
{
	err->loc = (dl_loc){ 0, 0 };
	err->message = NULL;
	if (len > INT32_MAX) {
		err->message = xstrdup("input is too large for the XML parser");
		return NULL;
	}
	xmlParserCtxtPtr ctxt = parser();
	if (!ctxt) {
		err->message = xstrdup("cannot create an XML parser");
		return NULL;
	}
	dl_doc *doc = xcalloc(1, sizeof *doc);
	doc->tree = dl_doctree_new();
	doc->buf = buf;
	doc->len = len;
	/* the last document's tag array, if this thread kept one: no growing it again */
	doc->tags = spare_tags;
	doc->tags_cap = spare_tags_cap;
	spare_tags = NULL;
	spare_tags_cap = 0;
	load_state state = { .err = err,
			     .outer = ctxt,
			     .doc = doc,
			     .plain = true,
			     .line = 1,
			     .any_cr = memchr(buf, '\r', len) != NULL };
	current_load = &state;
	xmlDoc *xml = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, DL_XML_OPTIONS);
	current_load = NULL;
	if (ctxt->catalogs) { /* none should come (see parser()); the reset would leak them */
		xmlCatalogFreeLocal(ctxt->catalogs);
		ctxt->catalogs = NULL;
	}
	if (xml && state.plain)
		dl_doctree_attach(doc->tree, xml);
	if (!xml || !xmlDocGetRootElement(xml)) {
		if (xml)
			dl_doctree_detach(doc->tree, xml);
		xmlFreeDoc(xml);
		dl_doctree_free(doc->tree);
		free(doc->tags);
		free(doc);
		if (!err->message)
			err->message = xstrdup("not well-formed XML");
		err->loc.col = byte_column(buf, len, err->loc);
		return NULL;
	}
	free(err->message); /* namespace and other recoverable errors do not stop a domain */
	err->message = NULL;
	doc->xml = xml;
	return doc;
}

void dl_doc_free(dl_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nstrings; i++)
		free(doc->strings[i]);
	free(doc->strings);
	if (!spare_tags && doc->tags_cap <= KEEP_TAGS) {
		spare_tags = doc->tags;
		spare_tags_cap = doc->tags_cap;
	} else {
		free(doc->tags);
	}
	dl_doctree_detach(doc->tree, doc->xml);
	xmlFreeDoc(doc->xml);
	dl_doctree_free(doc->tree);
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

/* libxml2's line for node, which has no recorded position: 0 (unknown) where it has none (-1). */
static unsigned long libxml_line(const xmlNode *node)
{
	long line = xmlGetLineNo(node);
	return line > 0 ? (unsigned long)line : 0;
}

dl_loc dl_doc_elem_loc(const dl_doc *doc, const xmlNode *elem)
{
	const tag_pos *t = tag_of(doc, elem);
	if (!t)
		return (dl_loc){ libxml_line(elem), 1 };
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
	return (dl_loc){ libxml_line(last), (unsigned long)-1 };
}

bool dl_doc_has_directives(const dl_doc *doc)
{
	return doc->directives;
}

/* Is the attribute name raw[0..len) name, or prefix:name (not a namespace declaration)? */
static bool local_name_is(const char *raw, size_t len, const char *name, size_t want)
{
	if (len == want)
		return memcmp(raw, name, want) == 0;
	return len > want + 1 && raw[len - want - 1] == ':' &&
	       memcmp(raw + len - want, name, want) == 0 &&
	       !(len >= 5 && memcmp(raw, "xmlns", 5) == 0 && (len == 5 || raw[5] == ':'));
}

dl_loc dl_doc_attr_loc(const dl_doc *doc, const xmlNode *elem, const char *name)
{
	const tag_pos *t = tag_of(doc, elem);
	if (!t)
		return dl_doc_elem_loc(doc, elem);
	size_t want = strlen(name), pos = dl_tag_name_end(doc->buf, doc->len, t->off);
	dl_tag_attr a;
	while (dl_tag_next_attr(doc->buf, doc->len, &pos, &a)) {
		if (!local_name_is(doc->buf + a.name, a.name_len, name, want))
			continue;
		/* lines from the tag's start: a start tag may span several */
		const char *p = doc->buf + t->off, *at = doc->buf + a.name,
			   *end = doc->buf + doc->len;
		unsigned long line = t->line;
		size_t line_start = t->line_start;
		for (; p < at; p++)
			if (is_eol(p, end)) {
				line++;
				line_start = (size_t)(p + 1 - doc->buf);
			}
		return (dl_loc){ line, a.name - line_start + 1 };
	}
	return dl_doc_elem_loc(doc, elem);
}

const char *dl_doc_text(const dl_doc *doc, size_t *len)
{
	*len = doc->len;
	return doc->buf;
}

bool dl_doc_elem_span(const dl_doc *doc, const xmlNode *elem, size_t *start, size_t *end)
{
	const tag_pos *t = tag_of(doc, elem);
	if (!t || t->end_off == 0)
		return false;
	*start = t->off;
	*end = t->end_off;
	return true;
}

bool dl_doc_start_tag_end(const dl_doc *doc, const xmlNode *elem, size_t *close)
{
	const tag_pos *t = tag_of(doc, elem);
	if (!t || elem->type != XML_ELEMENT_NODE)
		return false;
	size_t pos = dl_tag_name_end(doc->buf, doc->len, t->off);
	dl_tag_attr a;
	while (dl_tag_next_attr(doc->buf, doc->len, &pos, &a))
		;
	if (pos < doc->len && doc->buf[pos] == '>') {
		*close = pos;
		return true;
	}
	if (pos + 1 < doc->len && doc->buf[pos] == '/' && doc->buf[pos + 1] == '>') {
		*close = pos;
		return true;
	}
	return false;
}

bool dl_doc_attr_span(const dl_doc *doc, const xmlNode *elem, const char *name, dl_tag_attr *out)
{
	const tag_pos *t = tag_of(doc, elem);
	if (!t || elem->type != XML_ELEMENT_NODE)
		return false;
	size_t want = strlen(name), pos = dl_tag_name_end(doc->buf, doc->len, t->off);
	dl_tag_attr a;
	while (dl_tag_next_attr(doc->buf, doc->len, &pos, &a))
		if (a.name_len == want && memcmp(doc->buf + a.name, name, want) == 0) {
			*out = a;
			return true;
		}
	return false;
}

dl_loc dl_doc_loc_at(const dl_doc *doc, size_t off)
{
	if (off > doc->len)
		off = doc->len;
	/* count lines from the nearest recorded tag before off (tags are in document order) */
	size_t lo = 0, hi = doc->ntags;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->tags[mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	unsigned long line = 1;
	size_t line_start = 0, p = 0;
	if (lo > 0) {
		const tag_pos *t = &doc->tags[lo - 1];
		line = t->line;
		line_start = t->line_start;
		p = t->off;
	}
	const char *end = doc->buf + doc->len;
	for (; p < off; p++)
		if (is_eol(doc->buf + p, end)) {
			line++;
			line_start = p + 1;
		}
	return (dl_loc){ line, off - line_start + 1 };
}

static const char *attr_value(dl_doc *doc, const xmlAttr *a);

const char *dl_doc_attr(dl_doc *doc, const xmlNode *elem, const char *name)
{
	/* libvirt's xmlGetProp: the first attribute of that local name, whatever its namespace */
	for (const xmlAttr *a = elem ? elem->properties : NULL; a; a = a->next)
		if (a->type == XML_ATTRIBUTE_NODE && a->name[0] == (xmlChar)name[0] &&
		    strcmp((const char *)a->name, name) == 0)
			return attr_value(doc, a);
	return NULL;
}

void dl_doc_attrs(dl_doc *doc, const xmlNode *elem, const char *const *names, const char **values,
		  size_t n)
{
	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	for (const xmlAttr *a = elem ? elem->properties : NULL; a; a = a->next) {
		for (size_t i = 0; i < n; i++)
			if (!values[i] && a->name[0] == (xmlChar)names[i][0] &&
			    strcmp((const char *)a->name, names[i]) == 0) {
				values[i] = attr_value(doc, a);
				break;
			}
	}
}

static const char *attr_value(dl_doc *doc, const xmlAttr *a)
{
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
		       c->content                     ? strlen((const char *)c->content) :
							0;
	char *s = xmalloc(len + 1), *w = s;
	for (const xmlNode *c = a->children; c; c = c->next) {
		const char *part = c->type == XML_ENTITY_REF_NODE ? (const char *)c->name :
				   c->content                     ? (const char *)c->content :
								    "";
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

bool dl_doc_is_blank(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE)
		return false;
	for (const xmlChar *p = n->content; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
	return true;
}

bool dl_doc_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && !node->ns &&
	       node->name[0] == (xmlChar)name[0] && strcmp((const char *)node->name, name) == 0;
}

xmlNode *dl_doc_child(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
		if (dl_doc_is(c, name))
			return c;
	return NULL;
}
