/* xmlalloc.c - libxml2's allocator: the C library's malloc, with a deeper cache of small blocks */
#include "xmlalloc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlmemory.h>

/*
 * A parsed domain is some thousand small blocks (nodes, attributes, their text), all freed
 * together when the file is done, and as many allocated again for the next file. glibc's
 * per-thread cache keeps 7 blocks of a size; the rest of a freed document goes through its
 * bins and their consolidation, which cost about a fifth of domlint's time. Here freed small
 * blocks wait in a per-thread list per size, up to a byte budget, for the next document.
 *
 * A block is never anything but a malloc block: the size class of a freed block comes from
 * malloc_usable_size, so libxml2 may mix xmlFree and free, xmlMalloc and malloc, as it likes.
 * AddressSanitizer builds keep plain malloc, so that use after free is still seen in libxml2.
 */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DL_XMLALLOC_PLAIN 1
#endif
#endif
#else
#define DL_XMLALLOC_PLAIN 1
#endif

#ifdef DL_XMLALLOC_PLAIN

void dl_xmlalloc_install(void)
{
}

void dl_xmlalloc_thread_done(void)
{
}

#else

#include <malloc.h>

/* glibc's chunks of usable size 16k - 8 (k >= 2); classes up to 1 KiB of chunk, as its tcache */
#define CLASS_MAX 65
/*
 * Bytes a thread keeps of one class (4 MiB at most in all). Per class, not in all: blocks of a
 * size nobody asks for again (strings, grown buffers) must not crowd out the nodes' sizes.
 */
#define CLASS_BUDGET (64u << 10)

typedef struct free_block {
	struct free_block *next;
} free_block;

/*
 * First in, first out: a document frees its nodes in document order, and the next one takes
 * them in that order again, so that walking a tree still walks memory forwards.
 */
typedef struct block_cache {
	free_block *head[CLASS_MAX + 1], *tail[CLASS_MAX + 1];
	size_t bytes[CLASS_MAX + 1];
} block_cache;

static _Thread_local block_cache cache;
/*
 * Set once a thread is done: what is freed after (libxml2's per-thread state, freed as the
 * thread exits) goes straight back to malloc, or it would be lost with the thread.
 */
static _Thread_local bool closed;

/* The class whose every block holds n bytes: the chunk glibc would give n, in 16s. */
static size_t class_for_request(size_t n)
{
	size_t k = (n + 8 + 15) / 16;
	return k < 2 ? 2 : k;
}

static void *cached_malloc(size_t n)
{
	size_t k = class_for_request(n);
	if (k <= CLASS_MAX && cache.head[k]) {
		free_block *b = cache.head[k];
		cache.head[k] = b->next;
		if (!b->next)
			cache.tail[k] = NULL;
		cache.bytes[k] -= k * 16;
		return b;
	}
	return malloc(n);
}

static void cached_free(void *p)
{
	if (!p)
		return;
	if (closed) {
		free(p);
		return;
	}
	size_t usable = malloc_usable_size(p);
	size_t k = (usable + 8) / 16; /* the largest class it serves */
	if (k < 2 || k > CLASS_MAX || cache.bytes[k] + k * 16 > CLASS_BUDGET) {
		free(p);
		return;
	}
	free_block *b = p;
	b->next = NULL;
	if (cache.tail[k])
		cache.tail[k]->next = b;
	else
		cache.head[k] = b;
	cache.tail[k] = b;
	cache.bytes[k] += k * 16;
}

static void *cached_realloc(void *p, size_t n)
{
	return realloc(p, n);
}

static char *cached_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *copy = cached_malloc(n);
	if (copy)
		memcpy(copy, s, n);
	return copy;
}

void dl_xmlalloc_install(void)
{
	xmlMemSetup(cached_free, cached_malloc, cached_realloc, cached_strdup);
	closed = false;
}

void dl_xmlalloc_thread_done(void)
{
	for (size_t k = 0; k <= CLASS_MAX; k++) {
		while (cache.head[k]) {
			free_block *b = cache.head[k];
			cache.head[k] = b->next;
			free(b);
		}
		cache.tail[k] = NULL;
		cache.bytes[k] = 0;
	}
	closed = true;
}

#endif
