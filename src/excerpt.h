/* excerpt.h - a finding's source line, cut to a window around its column, for the caret display */
#ifndef DL_EXCERPT_H
#define DL_EXCERPT_H

#include <stddef.h>

#include "diag.h"

/*
 * Give each finding of d (sorted by line) the text of its line in the len bytes at buf, cut
 * around its column (its source and source_col); one pass over buf. Lines end at LF, CRLF or CR.
 */
void dl_excerpt_attach(dl_diags *d, const char *buf, size_t len);

#endif
