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

#endif
