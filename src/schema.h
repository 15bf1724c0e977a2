/* schema.h - validation against libvirt's RelaxNG domain schema, compiled once per run */
#ifndef DL_SCHEMA_H
#define DL_SCHEMA_H

#include <libxml/tree.h>

/* Where Debian's libvirt0 installs the schema virt-xml-validate uses. */
#define DL_SCHEMA_DEFAULT_PATH "/usr/share/libvirt/schemas/domain.rng"

typedef struct dl_schema dl_schema;

/*
 * Compile the RelaxNG schema at path (its includes are read from its directory; never the
 * network). Returns the schema (caller frees with dl_schema_free), or NULL with *error
 * set (caller frees). Safe to share between threads: each validation borrows a compiled
 * copy from a pool, so at most one copy per concurrent validation is ever compiled.
 */
dl_schema *dl_schema_load(const char *path, char **error);
void dl_schema_free(dl_schema *schema);

/* Called once per schema error: the offending node when libxml2 names one, else NULL. */
typedef void dl_schema_error_fn(void *data, const xmlNode *node, int line, const char *message);

/*
 * Validate doc; 0 when valid, 1 when not (errors went to fn), -1 when validation could not run.
 * A document with an attribute value over 64 KiB (entities expanded) is not validated (libxml2
 * takes time quadratic in its length): 1, and fn hears which attribute.
 */
int dl_schema_validate(dl_schema *schema, xmlDoc *doc, dl_schema_error_fn *fn, void *data);

/* Called for each part of a domain the schema rejects: an attribute (attr set), or an element. */
typedef void dl_schema_culprit_fn(void *data, const xmlNode *element, const xmlAttr *attr);

/*
 * libxml2 reports most mistakes inside <devices> at <devices> itself. For an invalid
 * document, find out which device fails on its own and, where removing one attribute or
 * element of it makes it pass, which one: on a copy, never the document itself. Returns
 * how many culprits were reported; 0 when the mistake lies outside <devices> or cannot be
 * narrowed down.
 */
int dl_schema_locate(dl_schema *schema, xmlDoc *doc, dl_schema_culprit_fn *fn, void *data);

#endif
