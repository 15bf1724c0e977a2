/* xmlalloc.h - libxml2's allocator: the C library's malloc, with a deeper cache of small blocks */
#ifndef DL_XMLALLOC_H
#define DL_XMLALLOC_H

/*
 * Make libxml2 allocate through this module (xmlMemSetup). Call once, before any thread but
 * the first one uses libxml2. Every block stays a block of the C library's malloc: what
 * libxml2 or anybody else frees with free() or realloc() is still theirs to free.
 */
void dl_xmlalloc_install(void);

/*
 * Give this thread's cached blocks back to malloc when it is done with parsing; what it frees
 * afterwards goes straight back too (dl_xmlalloc_install opens its cache again).
 */
void dl_xmlalloc_thread_done(void);

#endif
