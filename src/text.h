/* text.h - comparing an attribute's text, which may be absent */
#ifndef DL_TEXT_H
#define DL_TEXT_H

#include <stdbool.h>
#include <string.h>

/* Is s present and equal to want? */
static inline bool dl_text_is(const char *s, const char *want)
{
	return s && strcmp(s, want) == 0;
}

#endif
