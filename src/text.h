/* text.h - comparing an attribute's text, which may be absent */
#ifndef DL_TEXT_H
#define DL_TEXT_H

#include <stdbool.h>
#include <string.h>

/* Is s present and equal to want? (The first byte inline: most comparisons end there.) */
static inline bool dl_text_is(const char *s, const char *want)
{
	return s && s[0] == want[0] && strcmp(s, want) == 0;
}

/* Does s end with suffix? */
static inline bool dl_text_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

#endif
