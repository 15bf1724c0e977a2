/* escape.c - making paths and messages safe for each output: terminals, JSON, URIs, GitHub */
#include "escape.h"

#include <stdio.h>
#include <string.h>

#include "xmalloc.h"

/* Room for every byte of s to become n bytes, and the terminating NUL. */
static char *room(const char *s, size_t n)
{
	return xmalloc(strlen(s) * n + 1);
}

char *dl_escape_text(const char *s)
{
	char *out = room(s, 4), *w = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			w += sprintf(w, "\\x%02x", *p);
		else
			*w++ = (char)*p;
	}
	*w = '\0';
	return out;
}

/* The length of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_length(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	size_t n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 && p[0] < 0xe0 ? 2 : 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0)))
		return 0; /* overlong, or a surrogate */
	if (n == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90)))
		return 0; /* overlong, or past U+10FFFF */
	return n;
}

char *dl_escape_utf8(const char *s)
{
	char *out = room(s, 3), *w = out;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_length(p);
		if (n == 0) {
			memcpy(w, "\xef\xbf\xbd", 3);
			w += 3;
			p++;
		} else {
			memcpy(w, p, n);
			w += n;
			p += n;
		}
	}
	*w = '\0';
	return out;
}

char *dl_escape_uri(const char *path)
{
	static const char keep[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/";
	char *out = room(path, 3), *w = out;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (strchr(keep, *p))
			*w++ = (char)*p;
		else
			w += sprintf(w, "%%%02X", *p);
	}
	*w = '\0';
	return out;
}

char *dl_escape_github(const char *s, bool property)
{
	char *out = room(s, 3), *w = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '%' || *p == '\r' || *p == '\n' || (property && (*p == ':' || *p == ',')))
			w += sprintf(w, "%%%02X", *p);
		else
			*w++ = (char)*p;
	}
	*w = '\0';
	return out;
}
