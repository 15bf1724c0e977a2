/* diag.h - findings: one rule's verdict at one place, with an optional related place */
#ifndef DL_DIAG_H
#define DL_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "fix.h"
#include "ruleid.h"
#include "severity.h"

typedef struct dl_diag {
	dl_rule_id rule;
	dl_severity severity;
	dl_loc loc;
	char *message; /* owned */
	dl_loc related_loc;
	char *related_message;    /* owned; NULL when there is no related place */
	char *source;             /* owned: the text of line loc.line, when asked for; else NULL */
	unsigned long source_col; /* loc.col within source, which may be the line cut around it */
	bool suppressed; /* silenced by a domlint-disable comment: kept for json and sarif only */
	char *justification; /* owned: that comment's reason; NULL when it gives none */
	dl_fix *fix;         /* owned: how to fix it; NULL when the rule knows no fix */
} dl_diag;

typedef struct dl_diags {
	dl_diag *v;
	size_t n, cap;
} dl_diags;

/* Append a finding; takes ownership of message. Borrowed pointer, valid until the next add. */
dl_diag *dl_diags_add(dl_diags *d, dl_rule_id rule, dl_severity severity, dl_loc loc,
		      char *message);
/* Order by line, column, then rule, so output does not depend on rule order. */
void dl_diags_sort(dl_diags *d);
void dl_diags_release(dl_diags *d);
/* Free what one finding owns (for a finding taken out of its list). */
void dl_diag_release(dl_diag *d);

/*
 * Give finding d a fix (d may be NULL: the rule is off, and so is its fix). Returns the fix to
 * add edits to, or NULL. The title is copied.
 */
dl_fix *dl_diag_fix(dl_diag *d, bool unsafe, const char *title);
/*
 * When the rules are done with doc (len bytes): keep the fixes of d whose edits are sound
 * (dl_fix_valid) and give their edits lines and columns; drop the others.
 */
void dl_fixes_finish(const dl_doc *doc, dl_diags *d, size_t len);

#endif
