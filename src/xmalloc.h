/* xmalloc.h - allocation that never returns NULL: out of memory aborts in one place */
#ifndef DL_XMALLOC_H
#define DL_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow *vec (of *cap elements of elsize bytes) so it holds at least need elements. */
void xgrow(void **vec, size_t *cap, size_t need, size_t elsize);
char *xstrdup(const char *s);
/* The first n bytes of s (fewer if s is shorter), terminated. */
char *xstrndup(const char *s, size_t n);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
