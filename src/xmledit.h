/* xmledit.h - where to edit the XML text as written, keeping the author's layout, quotes and line ends */
#ifndef DL_XMLEDIT_H
#define DL_XMLEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "model.h"

/*
 * The bytes that removing attribute name of elem takes out: the attribute and the blanks before
 * it (so "<a x='1' y='2'/>" loses " y='2'", and an attribute on a line of its own loses the line).
 * False when the attribute is absent or its raw text unknown.
 */
bool dl_xmledit_drop_attr(const dl_doc *doc, const xmlNode *elem, const char *name, size_t *start,
			  size_t *end);
/* The value of attribute name of elem as written, inside its quotes; false as above. */
bool dl_xmledit_attr_value(const dl_doc *doc, const xmlNode *elem, const char *name, size_t *start,
			   size_t *end);
/*
 * The value of the numeric field f as written, inside its quotes, when those bytes are exactly
 * the value libvirt reads (no entity, no character reference); false otherwise.
 */
bool dl_xmledit_field_value(const dl_doc *doc, const dl_field *f, size_t *start, size_t *end);
/*
 * The bytes that removing elem takes out: the element, and its whole line when nothing else is
 * on it (indentation and line end included). False when its raw text is unknown.
 */
bool dl_xmledit_drop_elem(const dl_doc *doc, const xmlNode *elem, size_t *start, size_t *end);
/* Does elem hold anything but blanks (a child element, a comment, text)? */
bool dl_xmledit_has_content(const xmlNode *elem);
/* The quote elem's attributes use ('\'' as libvirt writes, unless the first one is '"'). */
char dl_xmledit_quote(const dl_doc *doc, const xmlNode *elem);

/*
 * The line end of elem's line as written ("\r\n", "\n" or "\r"), or the file's first one when
 * elem's line is the last; "\n" in a file of one line. Static.
 */
const char *dl_xmledit_newline(const dl_doc *doc, const xmlNode *elem);
/*
 * The indentation of elem: the blanks from the start of its line to its '<', [*start, *end).
 * False when something else comes first on that line, or its raw text is unknown.
 */
bool dl_xmledit_indent(const dl_doc *doc, const xmlNode *elem, size_t *start, size_t *end);
/*
 * Where attributes added to elem's start tag go: just after its last attribute (after its name
 * when it has none), before any blanks and the '>' or "/>". False when its raw text is unknown.
 */
bool dl_xmledit_attr_insert_at(const dl_doc *doc, const xmlNode *elem, size_t *at);
/*
 * The edit that adds markup as elem's first child (last: as its last child), laid out as the
 * file is: on lines of their own, indented like elem's other children (or one step deeper than
 * elem, the step the file uses between an element and its parent), with the file's line end;
 * all on one line when elem's children share a line with it. A self-closing elem is opened and
 * closed around it. markup is lines separated by '\n', each leading '\t' one more step in.
 * Returns the text to put at [*start, *end) (caller frees), or NULL when the raw text is unknown.
 */
char *dl_xmledit_add_child(const dl_doc *doc, const xmlNode *elem, bool last, const char *markup,
			   size_t *start, size_t *end);

#endif
