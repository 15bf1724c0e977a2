/* udiff.h - a unified diff of two texts, line by line, as `diff -u` and `git apply` read it */
#ifndef DL_UDIFF_H
#define DL_UDIFF_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Append to *out (a malloc'd buffer of *out_len bytes, grown with xgrow/xrealloc from xmalloc.h; *out may start NULL
 * with *out_len 0) the unified diff turning old into new: headers "--- a/OLD_LABEL" and "+++ b/NEW_LABEL"
 * (labels given without the a/ b/ prefix; the function adds them), hunks with 3 lines of context,
 * "\ No newline at end of file" where needed. Appends nothing and returns false when the texts are
 * equal; true otherwise. Texts may contain NUL bytes and CR (a line ends at LF; CRLF stays part of the line).
 */
bool dl_udiff(const char *old, size_t old_len, const char *new_text, size_t new_len,
	      const char *old_label, const char *new_label, char **out, size_t *out_len);

#endif
