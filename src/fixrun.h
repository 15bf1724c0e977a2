/* fixrun.h - fixing one file: lint, apply the fixes, lint the result again until nothing changes */
#ifndef DL_FIXRUN_H
#define DL_FIXRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "fix.h"
#include "lint.h"

/*
 * Apply, to the len bytes at text, the fixes of diags that level allows (unsuppressed ones), in the
 * order of where they start, skipping a fix any of whose edits overlaps an edit already taken
 * (the next pass gets it).
 * Returns the new text (malloc'd, NUL-terminated; *new_len bytes) and counts the fixes taken in
 * *applied; NULL with *applied 0 when there is nothing to apply.
 */
char *dl_fix_apply(const char *text, size_t len, const dl_diags *diags, dl_fix_level level,
		   size_t *new_len, size_t *applied);

/* Passes at most: each applies every fix that does not overlap another. */
#define DL_FIX_PASSES 10

/*
 * Lint len bytes at buf and apply the fixes level allows, pass after pass, until a pass applies
 * none. *out holds the findings of the final text; out->original a copy of buf, out->fixed the
 * final text when it differs (NULL otherwise), out->nfixed how many fixes went in. A text that is
 * not well-formed XML is never changed.
 */
void dl_fix_buffer(const dl_config *config, const char *path, const char *buf, size_t len,
		   bool named, dl_fix_level level, dl_file_result *out);
/* The same for the file at path ("-": standard input), reported as display_name. */
void dl_fix_path(const dl_config *config, const char *path, const char *display_name, bool named,
		 dl_fix_level level, dl_file_result *out);

#endif
