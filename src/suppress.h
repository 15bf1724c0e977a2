/* suppress.h - inline suppression: domlint-disable comments and the findings they silence */
#ifndef DL_SUPPRESS_H
#define DL_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* One <!-- domlint-disable ... --> or <!-- domlint-disable-file ... --> comment. */
typedef struct dl_directive {
	dl_loc loc;         /* the comment */
	bool file_wide;     /* domlint-disable-file */
	uint64_t rules;     /* bit per dl_rule_id; every bit for a bare domlint-disable */
	bool covers;        /* false when no element follows it */
	dl_loc start, end;  /* the element it covers, start tag to end tag */
	char **unknown;     /* owned: names that are no rule */
	size_t nunknown;
} dl_directive;

typedef struct dl_suppressions {
	dl_directive *v;
	size_t n, cap;
	uint64_t file_rules; /* silenced in the whole file */
} dl_suppressions;

/* Is a comment's text a domlint-disable directive (and so no bind note or other prose)? */
bool dl_suppress_is_directive(const char *comment_text);
/* Find every directive in doc (nothing to do unless dl_doc_has_directives). */
void dl_suppressions_build(dl_suppressions *s, const dl_doc *doc);
void dl_suppressions_release(dl_suppressions *s);
/* Is a finding of rule at loc silenced? */
bool dl_suppressions_hide(const dl_suppressions *s, int rule, dl_loc loc);

#endif
