/* starttag.h - reading the attributes of a start tag in the raw text, for positions and edits */
#ifndef DL_STARTTAG_H
#define DL_STARTTAG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * One attribute as written: its name at [name, name + name_len), its value at [value, end - 1)
 * (inside the quotes), all of it up to end (past the closing quote).
 */
typedef struct dl_tag_attr {
	size_t name, name_len, value, end;
} dl_tag_attr;

/* A byte of an XML name (ASCII letters, digits, - _ : . and anything non-ASCII). */
bool dl_tag_name_char(char c);
/* Past the name that follows the '<' at lt. */
size_t dl_tag_name_end(const char *text, size_t len, size_t lt);
/*
 * The attribute at *pos after any blanks: name = "value" or 'value'. Advances *pos past it
 * and returns true; false (with *pos at the first non-blank) at the tag's end or anything else.
 */
bool dl_tag_next_attr(const char *text, size_t len, size_t *pos, dl_tag_attr *a);

#endif
