/* escape.c - making paths and messages safe for each output: terminals, JSON, URIs, GitHub */
#include "escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Room for every byte of s to become n bytes, and the terminating NUL. */
static char *room(const char *s, size_t n)
{
	return xmalloc(strlen(s) * n + 1);
}

/*
 * The code point of a control character at p that a terminal would act on: C0, DEL, C1
 * (U+0080-U+009F, e.g. CSI) and the bidirectional overrides of "Trojan source"; 0 for
 * anything else. *len is its length in bytes.
 */
static unsigned control_at(const unsigned char *p, size_t *len)
{
	*len = 1;
	if (*p < 0x20 || *p == 0x7f)
		return *p ? *p : 0;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		*len = 2;
		return p[1];
	}
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    ((p[2] >= 0x8e && p[2] <= 0x8f) || (p[2] >= 0xaa && p[2] <= 0xae))) {
		*len = 3;
		return 0x2000u + (p[2] - 0x80u);
	}
	if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9) {
		*len = 3;
		return 0x2040u + (p[2] - 0x80u);
	}
	return 0;
}

bool dl_escape_needed(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == 0xc2 || *p == 0xe2)
			return true;
	return false;
}

size_t dl_escape_width(const char *s, size_t *bytes)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = control_at(p, bytes);
	if (c)
		return c < 0x100 ? 4 : 6; /* \xNN, \uNNNN */
	for (*bytes = 1; p[*bytes] && (p[*bytes] & 0xc0) == 0x80; (*bytes)++)
		; /* the rest of a UTF-8 sequence: one column */
	return 1;
}

char *dl_escape_text(const char *s)
{
	char *out = room(s, 6), *w = out;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n;
		unsigned c = control_at(p, &n);
		if (c == 0)
			*w++ = (char)*p;
		else if (c < 0x100)
			w += sprintf(w, "\\x%02x", c);
		else
			w += sprintf(w, "\\u%04x", c);
		p += c ? n : 1;
	}
	*w = '\0';
	return out;
}

/* The length of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_length(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	size_t n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 :
		   p[0] >= 0xe0                 ? 3 :
		   p[0] >= 0xc2 && p[0] < 0xe0  ? 2 :
						  0;
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
	static const char
		keep[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/";
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
	/* GitHub's own escapes first, then control characters as in text (the log renders ANSI) */
	char *pre = room(s, 3), *w = pre;
	for (const char *p = s; *p; p++) {
		if (*p == '%' || *p == '\r' || *p == '\n' || (property && (*p == ':' || *p == ',')))
			w += sprintf(w, "%%%02X", (unsigned char)*p);
		else
			*w++ = *p;
	}
	*w = '\0';
	char *text = dl_escape_text(pre);
	free(pre);
	char *out = room(text, 2);
	w = out;
	for (const char *p = text; *p; p++) {
		/* the runner obeys legacy "##[command]" anywhere in a line: break it up */
		if (p[0] == '#' && p[1] == '#' && p[2] == '[') {
			memcpy(w, "#\xe2\x80\x8b", 4);
			w += 4;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	free(text);
	return out;
}
