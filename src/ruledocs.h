/* ruledocs.h - the rule pages of docs/rules, built into the binary for --explain */
#ifndef DL_RULEDOCS_H
#define DL_RULEDOCS_H

typedef struct dl_rule_doc {
	const char *name; /* the rule's name; NULL ends the table */
	const char *text; /* the page's Markdown */
} dl_rule_doc;

/* Generated from docs/rules/ by src/embed_docs.c at build time. */
extern const dl_rule_doc dl_rule_docs[];

#endif
