/* starttag.c - reading the attributes of a start tag in the raw text, for positions and edits */
#include "starttag.h"

#include <string.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool dl_tag_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == ':' || c == '.' || (unsigned char)c >= 0x80;
}

size_t dl_tag_name_end(const char *text, size_t len, size_t lt)
{
	size_t i = lt + 1;
	while (i < len && dl_tag_name_char(text[i]))
		i++;
	return i;
}

bool dl_tag_next_attr(const char *text, size_t len, size_t *pos, dl_tag_attr *a)
{
	size_t i = *pos;
	while (i < len && blank(text[i]))
		i++;
	*pos = i;
	size_t name = i;
	while (i < len && dl_tag_name_char(text[i]))
		i++;
	size_t name_len = i - name;
	while (i < len && blank(text[i]))
		i++;
	if (name_len == 0 || i >= len || text[i] != '=')
		return false;
	i++;
	while (i < len && blank(text[i]))
		i++;
	if (i >= len || (text[i] != '"' && text[i] != '\''))
		return false;
	const char *close = memchr(text + i + 1, text[i], len - i - 1);
	if (!close)
		return false;
	*a = (dl_tag_attr){ name, name_len, i + 1, (size_t)(close - text) + 1 };
	*pos = a->end;
	return true;
}
