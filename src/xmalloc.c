/* xmalloc.c - allocation that never returns NULL: out of memory aborts in one place */
#include "xmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(void)
{
	fputs("domlint: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void xgrow(void **vec, size_t *cap, size_t need, size_t elsize)
{
	size_t n = *cap;
	if (need <= n)
		return;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / elsize)
			die_oom();
		n *= 2;
	}
	*vec = xrealloc(*vec, n * elsize);
	*cap = n;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xstrndup(const char *s, size_t n)
{
	const char *nul = memchr(s, '\0', n);
	size_t len = nul ? (size_t)(nul - s) : n;
	char *out = memcpy(xmalloc(len + 1), s, len);
	out[len] = '\0';
	return out;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	/* one formatting pass for the usual short message, two only for a long one */
	char small[512];
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(small, sizeof small, fmt, copy);
	va_end(copy);
	if (n < 0)
		die_oom();
	char *s = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small)
		memcpy(s, small, (size_t)n + 1);
	else
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
