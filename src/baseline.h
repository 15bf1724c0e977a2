/* baseline.h - a baseline: the findings a repository already had, recorded once and hidden afterwards */
#ifndef DL_BASELINE_H
#define DL_BASELINE_H

#include <stddef.h>

#include "lint.h"

/* The format's version, written as "version" and the only one read. */
#define DL_BASELINE_VERSION 1

/*
 * A finding is known by its file (relative to the baseline file's directory, so the baseline
 * works from any current directory), its rule and its message with line numbers taken out, so
 * it survives lines moving above it. Identical findings in one file are counted.
 */
typedef struct dl_baseline dl_baseline;

/* Read the baseline file at path, to hide what it holds; NULL with *error set (caller frees). */
dl_baseline *dl_baseline_load(const char *path, char **error);
/* An empty baseline to record findings into and write to path; NULL with *error set if path's
 * directory cannot be found (caller frees). */
dl_baseline *dl_baseline_new(const char *path, char **error);
void dl_baseline_free(dl_baseline *b);

/* The file the baseline was read from or is to be written to, as given. */
const char *dl_baseline_path(const dl_baseline *b);

/*
 * A loaded baseline: drop from the linted file r the findings b holds, each entry hiding as
 * many identical findings as its count, the first ones in r's order; returns how many.
 */
size_t dl_baseline_filter(dl_baseline *b, dl_file_result *r);
/*
 * Recorded findings no longer found: for each file filtered so far, what its entries hold
 * beyond what they hid. Entries for files not filtered in this run are not stale.
 */
size_t dl_baseline_stale(const dl_baseline *b);

/* A new baseline: add the findings of the linted file r. */
void dl_baseline_record(dl_baseline *b, const dl_file_result *r);
/* Findings held, counting each repetition. */
size_t dl_baseline_size(const dl_baseline *b);
/*
 * Write the findings to the baseline's path, sorted, through a temporary file in the same
 * directory renamed over it, so a reader never sees half a baseline; 0, or -1 with *error set.
 */
int dl_baseline_write(dl_baseline *b, char **error);

/* The message as a fingerprint holds it: each number after "line" or "column" becomes N. */
char *dl_baseline_normalise(const char *message);

#endif
