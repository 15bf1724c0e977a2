/* doctree.c - a parsed document's tree built in an arena: the nodes libxml2's SAX2 handlers build */
#include "doctree.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "xmalloc.h"

/*
 * Each function below mirrors one of libxml2 2.9's SAX2.c (named in its comment), for the
 * options domlint parses with: a dictionary for names, no entity substitution, no DTD (a
 * document with one is built by libxml2 itself: dl_doctree_hand_over), no validation.
 */

#define CHUNK_SIZE (64u << 10)
#define SPARE_CHUNKS 8 /* a thread keeps this many for the next document */

typedef struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[]; /* size bytes */
} chunk;

struct dl_doctree {
	chunk *chunks;
	xmlNode *first, *last; /* the top-level nodes */
	/* the text node last written, whose content has room up to text_cap */
	xmlNode *text;
	size_t text_len, text_cap;
};

static _Thread_local chunk *spare;
static _Thread_local unsigned nspare;

static void *arena_alloc(dl_doctree *t, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	chunk *c = t->chunks;
	if (!c || c->size - c->used < n) {
		if (n <= CHUNK_SIZE && spare) {
			c = spare;
			spare = c->next;
			nspare--;
		} else {
			size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
			c = xmalloc(sizeof *c + size);
			c->size = size;
		}
		c->used = 0;
		c->next = t->chunks;
		t->chunks = c;
	}
	void *p = (unsigned char *)c->data + c->used;
	c->used += n;
	return p;
}

static void *arena_zalloc(dl_doctree *t, size_t n)
{
	return memset(arena_alloc(t, n), 0, n);
}

static xmlChar *arena_strndup(dl_doctree *t, const xmlChar *s, size_t n)
{
	xmlChar *copy = arena_alloc(t, n + 1);
	memcpy(copy, s, n);
	copy[n] = 0;
	return copy;
}

dl_doctree *dl_doctree_new(void)
{
	return xcalloc(1, sizeof(dl_doctree));
}

void dl_doctree_free(dl_doctree *t)
{
	if (!t)
		return;
	for (chunk *c = t->chunks, *next; c; c = next) {
		next = c->next;
		if (c->size == CHUNK_SIZE && nspare < SPARE_CHUNKS) {
			c->next = spare;
			spare = c;
			nspare++;
		} else {
			free(c);
		}
	}
	free(t);
}

void dl_doctree_thread_done(void)
{
	while (spare) {
		chunk *c = spare;
		spare = c->next;
		free(c);
	}
	nspare = 0;
}

static unsigned short line_of(xmlParserCtxtPtr ctxt, xmlNode *n)
{
	if (!ctxt->linenumbers || !ctxt->input)
		return 0;
	if (ctxt->input->line < USHRT_MAX)
		return (unsigned short)ctxt->input->line;
	/* as xmlSAX2TextNode: a text node keeps a larger line in psvi */
	if (n && (ctxt->options & XML_PARSE_BIG_LINES))
		n->psvi = (void *)(ptrdiff_t)ctxt->input->line;
	return USHRT_MAX;
}

/* n as the last of the list first..last, whose nodes have parent as their parent */
static void link_last(xmlNode **first, xmlNode **last, xmlNode *parent, xmlNode *n)
{
	n->parent = parent;
	n->prev = *last;
	if (*last)
		(*last)->next = n;
	else
		*first = n;
	*last = n;
}

static void append_child(xmlNode *parent, xmlNode *n)
{
	link_last(&parent->children, &parent->last, parent, n);
}

/* A node outside the root element: held until the document is known to be well formed. */
static void append_top(dl_doctree *t, xmlParserCtxtPtr ctxt, xmlNode *n)
{
	link_last(&t->first, &t->last, (xmlNode *)ctxt->myDoc, n);
}

/*
 * The value of an attribute that the parser had to copy (xmlStringLenGetNodeList): it keeps a
 * reference to '&' as "&#38;" and decodes everything else itself; predefined entities are read
 * too. A document without a DTD has no other entities (one would have stopped the parse).
 */
static size_t decode_refs(xmlChar *out, const xmlChar *s, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} predefined[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "apos", '\'' }, { "quot", '"' }
	};
	size_t w = 0;
	for (size_t i = 0; i < n && s[i];) {
		if (s[i] != '&') {
			out[w++] = s[i++];
			continue;
		}
		const xmlChar *semi = memchr(s + i, ';', n - i);
		if (!semi) {
			out[w++] = s[i++];
			continue;
		}
		size_t len = (size_t)(semi - (s + i)); /* from '&' to before ';' */
		int value = -1;
		if (len >= 3 && s[i + 1] == '#' && s[i + 2] == 'x') {
			value = 0;
			for (size_t k = i + 3; k < i + len && value >= 0; k++) {
				int c = s[k], d = c >= '0' && c <= '9' ? c - '0' :
						  c >= 'a' && c <= 'f' ? c - 'a' + 10 :
						  c >= 'A' && c <= 'F' ? c - 'A' + 10 :
									 -1;
				value = d < 0 || value > 0x10ffff ? -1 : value * 16 + d;
			}
		} else if (len >= 2 && s[i + 1] == '#') {
			value = 0;
			for (size_t k = i + 2; k < i + len && value >= 0; k++)
				value = s[k] < '0' || s[k] > '9' || value > 0x10ffff ?
						-1 :
						value * 10 + (s[k] - '0');
		} else {
			for (size_t p = 0; p < sizeof predefined / sizeof predefined[0]; p++)
				if (strlen(predefined[p].name) == len - 1 &&
				    memcmp(predefined[p].name, s + i + 1, len - 1) == 0)
					value = (unsigned char)predefined[p].c;
		}
		if (value <= 0 ||
		    value > 0x10ffff) { /* not a reference the parser left: as it is */
			out[w++] = s[i++];
			continue;
		}
		w += (size_t)xmlCopyCharMultiByte(out + w, value);
		i += len + 1;
	}
	return w;
}

/* A node of the document, not yet linked: content is the arena's (or NULL). */
static xmlNode *new_node(dl_doctree *t, xmlParserCtxtPtr ctxt, xmlElementType type,
			 const xmlChar *name, xmlChar *content)
{
	xmlNode *n = arena_zalloc(t, sizeof *n);
	n->type = type;
	n->name = name;
	n->doc = ctxt->myDoc;
	n->content = content;
	return n;
}

/* A text or CDATA node holding a copy of len bytes at s */
static xmlNode *new_text(dl_doctree *t, xmlParserCtxtPtr ctxt, xmlElementType type,
			 const xmlChar *s, size_t len)
{
	return new_node(t, ctxt, type, type == XML_TEXT_NODE ? xmlStringText : NULL,
			arena_strndup(t, s, len));
}

/* A copy of s, or NULL */
static xmlChar *arena_strdup(dl_doctree *t, const xmlChar *s)
{
	return s ? arena_strndup(t, s, strlen((const char *)s)) : NULL;
}

/* xmlSAX2AttributeNs */
static xmlAttr *new_attr(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *name,
			 const xmlChar *prefix, const xmlChar *value, const xmlChar *valueend)
{
	xmlNode *elem = ctxt->node;
	xmlAttr *a = arena_zalloc(t, sizeof *a);
	a->type = XML_ATTRIBUTE_NODE;
	a->name = name;
	a->parent = elem;
	a->doc = ctxt->myDoc;
	a->ns = prefix ? xmlSearchNs(ctxt->myDoc, elem, prefix) : NULL;
	size_t len = (size_t)(valueend - value);
	xmlNode *text = NULL;
	if (*valueend != 0) {
		/* the value as it stands in the input: no reference in it (xmlSAX2TextNode) */
		text = new_text(t, ctxt, XML_TEXT_NODE, value, len);
		text->line = line_of(ctxt, text);
	} else if (len > 0) {
		/* a copy the parser made; a character takes at most 4 bytes, a reference 4 or more */
		xmlChar *buf = arena_alloc(t, len + 1);
		size_t n = decode_refs(buf, value, len);
		buf[n] = 0;
		if (n > 0)
			text = new_node(t, ctxt, XML_TEXT_NODE, xmlStringText, buf);
	}
	if (text) {
		text->parent = (xmlNode *)a;
		a->children = a->last = text;
	}
	return a;
}

/* A namespace declared on element n, after *last (its last declaration so far) */
static xmlNs *declare_ns(dl_doctree *t, xmlNode *n, xmlNs **last, const xmlChar *prefix,
			 const xmlChar *href)
{
	xmlNs *ns = arena_zalloc(t, sizeof *ns);
	ns->type = XML_NAMESPACE_DECL;
	ns->href = href;
	ns->prefix = prefix;
	if (*last)
		(*last)->next = ns;
	else
		n->nsDef = ns;
	*last = ns;
	return ns;
}

/* xmlSAX2StartElementNs */
void dl_doctree_start(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *localname,
		      const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
		      const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
		      const xmlChar **attributes)
{
	xmlNode *parent = ctxt->node;
	if (prefix && !uri) { /* an undeclared prefix: the name is the whole qualified name */
		const xmlChar *full = xmlDictQLookup(ctxt->dict, prefix, localname);
		if (full)
			localname = full;
	}
	xmlNode *n = new_node(t, ctxt, XML_ELEMENT_NODE, localname, NULL);
	n->line = line_of(ctxt, NULL);
	if (!parent)
		append_top(t, ctxt, n);
	xmlNs *last = NULL;
	for (int i = 0, j = 0; j < nb_namespaces; j++) {
		const xmlChar *pref = namespaces[i++], *href = namespaces[i++];
		/* xmlNewNs: the xml prefix bound to its own namespace is no declaration */
		if (pref && xmlStrEqual(pref, BAD_CAST "xml") &&
		    xmlStrEqual(href, XML_XML_NAMESPACE))
			continue;
		xmlNs *ns = declare_ns(t, n, &last, pref, href);
		if (uri && prefix == pref)
			n->ns = ns;
	}
	ctxt->nodemem = -1;
	if (nodePush(ctxt, n) < 0)
		return; /* too deep: the parser stops */
	if (parent)
		append_child(parent, n);
	if (nb_defaulted != 0 && (ctxt->loadsubset & XML_COMPLETE_ATTRS) == 0)
		nb_attributes -= nb_defaulted;
	if (uri && !n->ns) {
		n->ns = xmlSearchNs(ctxt->myDoc, parent, prefix);
		if (!n->ns && xmlStrEqual(prefix, BAD_CAST "xml"))
			n->ns = xmlSearchNs(ctxt->myDoc, n, prefix);
		if (!n->ns) /* as xmlNewNs(n, NULL, prefix) */
			n->ns = declare_ns(t, n, &last, prefix, NULL);
	}
	xmlAttr *last_attr = NULL;
	for (int i = 0, j = 0; i < nb_attributes; i++, j += 5) {
		const xmlChar *name = attributes[j], *apfx = attributes[j + 1];
		if (apfx && !attributes[j + 2]) {
			const xmlChar *full = xmlDictQLookup(ctxt->dict, apfx, name);
			if (full) {
				name = full;
				apfx = NULL;
			}
		}
		xmlAttr *a = new_attr(t, ctxt, name, apfx, attributes[j + 3], attributes[j + 4]);
		a->prev = last_attr;
		if (last_attr)
			last_attr->next = a;
		else
			n->properties = a;
		last_attr = a;
	}
}

/* xmlSAX2EndElementNs */
void dl_doctree_end(xmlParserCtxtPtr ctxt)
{
	ctxt->nodemem = -1;
	nodePop(ctxt);
}

/* xmlSAX2Text: text and CDATA, merged into the last child where that is of the same type */
bool dl_doctree_text(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *ch, int len, bool cdata)
{
	xmlNode *parent = ctxt->node;
	if (!parent || len < 0)
		return true;
	xmlElementType type = cdata ? XML_CDATA_SECTION_NODE : XML_TEXT_NODE;
	xmlNode *last = parent->last;
	size_t add = (size_t)len;
	if (last && last->type == type && (cdata || last->name == xmlStringText)) {
		size_t have = last == t->text ? t->text_len : strlen((const char *)last->content);
		if (have + add > XML_MAX_TEXT_LENGTH && !(ctxt->options & XML_PARSE_HUGE))
			return false;
		if (last != t->text || have + add + 1 > t->text_cap) {
			size_t cap = 2 * (have + add + 1); /* doubling: appending stays linear */
			xmlChar *grown = arena_alloc(t, cap);
			memcpy(grown, last->content, have);
			last->content = grown;
			t->text = last;
			t->text_cap = cap;
		}
		memcpy(last->content + have, ch, add);
		last->content[have + add] = 0;
		t->text_len = have + add;
		return true;
	}
	xmlNode *n = new_text(t, ctxt, type, ch, add);
	if (!cdata)
		n->line = line_of(ctxt, n);
	append_child(parent, n);
	t->text = n;
	t->text_len = add;
	t->text_cap = add + 1;
	return true;
}

/* A comment or processing instruction, where xmlSAX2Comment puts one (without DTD) */
static xmlNode *place(dl_doctree *t, xmlParserCtxtPtr ctxt, xmlElementType type,
		      const xmlChar *name, const xmlChar *content)
{
	xmlNode *n = new_node(t, ctxt, type, name, arena_strdup(t, content));
	n->line = line_of(ctxt, NULL);
	if (ctxt->node)
		append_child(ctxt->node, n);
	else
		append_top(t, ctxt, n);
	return n;
}

/* xmlSAX2Comment */
xmlNode *dl_doctree_comment(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *value)
{
	return place(t, ctxt, XML_COMMENT_NODE, xmlStringComment, value);
}

/* xmlSAX2ProcessingInstruction */
void dl_doctree_pi(dl_doctree *t, xmlParserCtxtPtr ctxt, const xmlChar *target, const xmlChar *data)
{
	place(t, ctxt, XML_PI_NODE, target ? xmlDictLookup(ctxt->dict, target, -1) : NULL, data);
}

void dl_doctree_hand_over(dl_doctree *t, xmlParserCtxtPtr ctxt)
{
	for (xmlNode *n = t->first; n; n = n->next) {
		xmlNode *copy = n->type == XML_COMMENT_NODE ?
					xmlNewDocComment(ctxt->myDoc, n->content) :
					xmlNewDocPI(ctxt->myDoc, n->name, n->content);
		if (!copy)
			continue;
		copy->line = n->line;
		copy->_private = n->_private;
		xmlAddChild((xmlNode *)ctxt->myDoc, copy);
	}
	t->first = t->last = NULL;
}

void dl_doctree_attach(dl_doctree *t, xmlDoc *doc)
{
	if (!t->first)
		return;
	/* a document without DTD has no other children before these */
	t->first->prev = doc->last;
	if (doc->last)
		doc->last->next = t->first;
	else
		doc->children = t->first;
	doc->last = t->last;
}

void dl_doctree_detach(dl_doctree *t, xmlDoc *doc)
{
	if (!t->first)
		return;
	if (t->first->prev)
		t->first->prev->next = NULL;
	else
		doc->children = NULL;
	doc->last = t->first->prev;
	t->first->prev = NULL;
}
