/* suppress.h - inline suppression: domlint-disable comments, the findings they silence, and
 * the comments that look like one but are not */
#ifndef DL_SUPPRESS_H
#define DL_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "ruleid.h"

/*
 * One <!-- domlint-disable ... --> or <!-- domlint-disable-file ... --> comment, or one that
 * was meant as such and is not (directive false: wrong case, '=' after the keyword,
 * domlint-disable-next-line, ...), which silences nothing.
 */
typedef struct dl_directive {
	dl_loc loc;             /* the comment */
	const xmlNode *comment; /* borrowed from the document */
	bool directive;         /* false: it only looks like one (malformed says why) */
	bool file_wide;         /* domlint-disable-file */
	bool bare;              /* names no rule: silences every rule but suppression-unused */
	uint64_t rules;         /* bit per dl_rule_id it silences */
	char *names;            /* owned: the names as written, comma-separated; NULL when none */
	char **unknown;         /* owned: names that are no rule */
	const char **near; /* owned array: for each, the rule it is close to (static), or NULL */
	size_t nunknown;
	char *reason;       /* owned: the words after ':' (blanks collapsed); NULL when none */
	char *malformed;    /* owned: what is wrong and the right form; NULL when well-formed */
	bool covers;        /* false when no element follows it */
	dl_loc start, end;  /* the element it covers, start tag to end tag */
	const char *target; /* that element's name; borrowed from the document */
	uint64_t used;      /* bit per rule of which it silenced a finding */
} dl_directive;

typedef struct dl_suppressions {
	dl_directive *v;
	size_t n, cap;
	/*
	 * owned, for dl_suppressions_hide: the directives that silence something, grouped by reach
	 * (all file-wide ones; those covering one element), so a finding costs the nesting depth
	 */
	size_t *members;        /* directive indexes, group by group */
	struct dl_reach *file;  /* the file-wide group */
	struct dl_reach *spans; /* one group per element covered, by start */
	size_t nspans;
} dl_suppressions;

/* Is a comment's text a domlint directive, or meant as one (and so no bind note or other prose)? */
bool dl_suppress_is_directive(const char *comment_text);
/* Find every directive in doc (nothing to do unless dl_doc_has_directives). */
void dl_suppressions_build(dl_suppressions *s, const dl_doc *doc);
void dl_suppressions_release(dl_suppressions *s);
/*
 * Is a finding of rule at loc silenced? Every directive that silences it counts it as used;
 * *justification is the reason given by the innermost of them that gives one (borrowed,
 * valid while s lives), or NULL.
 */
bool dl_suppressions_hide(dl_suppressions *s, dl_rule_id rule, dl_loc loc,
			  const char **justification);
/* "<!-- domlint-disable NAMES: why -->", the form d should take (caller frees). */
char *dl_directive_form(const dl_directive *d, const char *why);

#endif
