/* xmledit.c - where to edit the XML text as written, keeping the author's layout, quotes and line ends */
#include "xmledit.h"

#include <string.h>

#include "starttag.h"

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
	bool line_start = ls == 0 || text[ls - 1] == '\n' || text[ls - 1] == '\r';
	bool line_end = le == len || text[le] == '\n' || text[le] == '\r';
	if (line_start && line_end && ls > 0) {
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
