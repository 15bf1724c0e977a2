/* doc.h - safe loading of one XML document, with the line and column of every element and attribute */
#ifndef DL_DOC_H
#define DL_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "starttag.h"

/*
 * A position in the input: 1-based line, 1-based byte column; 0 in either means unknown.
 * dl_doc_elem_end may also give column (unsigned long)-1: the end of the line.
 */
typedef struct dl_loc {
	unsigned long line;
	unsigned long col;
} dl_loc;

typedef struct dl_load_error {
	dl_loc loc;
	char *message; /* owned; free() it */
} dl_load_error;

typedef struct dl_doc dl_doc;

/* The libxml2 options every document is parsed with (for tests that compare with libxml2's tree). */
int dl_doc_xml_options(void);

/*
 * Parse len bytes at buf without network, external entities, DTD loading or XInclude,
 * within libxml2's default size limits. buf is borrowed and must outlive the document
 * (positions are read from it). Returns a document (caller frees with dl_doc_free), or
 * NULL with *err filled in for a document that is not well-formed.
 */
dl_doc *dl_doc_load(const char *buf, size_t len, dl_load_error *err);
void dl_doc_free(dl_doc *doc);
/* Free this thread's parser, which loads reuse; call before the thread (or program) ends. */
void dl_doc_thread_done(void);

/* The root element; borrowed, valid while the document lives. */
xmlNode *dl_doc_root(const dl_doc *doc);

/* Where the start tag of elem (an element or a comment) begins: its '<'. */
dl_loc dl_doc_elem_loc(const dl_doc *doc, const xmlNode *elem);
/*
 * Where elem ends: the '>' of its end tag, or of its start tag when it is empty. Without a
 * recorded position: the last line a descendant starts on, column (unsigned long)-1 (the end of
 * that line, after any column).
 */
dl_loc dl_doc_elem_end(const dl_doc *doc, const xmlNode *elem);
/* Does any comment mention domlint, in any case? (Cheap: noted while scanning.) */
bool dl_doc_has_directives(const dl_doc *doc);
/* Where attribute name of elem begins, or the element's position when it is absent. */
dl_loc dl_doc_attr_loc(const dl_doc *doc, const xmlNode *elem, const char *name);
/*
 * The value of attribute name of elem, NULL when absent; borrowed, valid while the document
 * lives. As libvirt's xmlGetProp: the first attribute of that local name, in any namespace.
 */
const char *dl_doc_attr(dl_doc *doc, const xmlNode *elem, const char *name);

/*
 * The values of n attributes of elem at once (one pass over its attributes): values[i] for
 * names[i], NULL when absent; borrowed, valid while the document lives.
 */
void dl_doc_attrs(dl_doc *doc, const xmlNode *elem, const char *const *names, const char **values,
		  size_t n);

/* Is node a text node of blanks only (the space between elements)? */
bool dl_doc_is_blank(const xmlNode *node);

/* Is node an element with this local name and no namespace? */
bool dl_doc_is(const xmlNode *node, const char *name);
/* The document's first top-level node (a comment, the root...); borrowed. */
xmlNode *dl_doc_first(const dl_doc *doc);
/*
 * The node after n in document order, entering elements only (not entity references or
 * the DTD), without leaving top (NULL: the whole document); NULL at the end. Borrowed.
 */
xmlNode *dl_doc_walk_next(const xmlNode *n, const xmlNode *top);

/* The first child element called name, or NULL; borrowed. */
xmlNode *dl_doc_child(const xmlNode *node, const char *name);

/* ---- raw spans, for fixes: byte offsets into the buffer the document was loaded from ---- */

/* The buffer the document was loaded from (borrowed) and its length. */
const char *dl_doc_text(const dl_doc *doc, size_t *len);
/*
 * The bytes of elem (or a comment) as written: [*start, *end) from its '<' to past its last '>'. False when
 * the parse recorded no raw position (an encoding conversion, an entity's text).
 */
bool dl_doc_elem_span(const dl_doc *doc, const xmlNode *elem, size_t *start, size_t *end);
/* Where elem's start tag closes: the offset of its '>' or of the '/' of "/>"; false when unknown. */
bool dl_doc_start_tag_end(const dl_doc *doc, const xmlNode *elem, size_t *close);
/* Attribute name of elem as written (exactly that name, no prefix); false when absent or unknown. */
bool dl_doc_attr_span(const dl_doc *doc, const xmlNode *elem, const char *name, dl_tag_attr *a);
/* The line and byte column of offset off. */
dl_loc dl_doc_loc_at(const dl_doc *doc, size_t off);

#endif
