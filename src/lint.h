/* lint.h - one file through the pipeline: load, model, rules, suppressions, guest addresses */
#ifndef DL_LINT_H
#define DL_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "guestaddr.h"
#include "pciaddr.h"

typedef enum {
	DL_FILE_LINTED,
	DL_FILE_SKIPPED,    /* found by a directory walk, and not a <domain> */
	DL_FILE_UNREADABLE, /* missing, unreadable, not a regular file, too large */
	DL_FILE_EXCLUDED,   /* matched by a [paths] exclude pattern */
} dl_file_status;

typedef struct dl_file_result {
	char *path; /* owned: as named in reports */
	dl_file_status status;
	bool well_formed; /* linted, and the XML parsed */
	char *error;      /* owned: why it is unreadable */
	dl_diags diags;
	dl_diags suppressed; /* findings a domlint-disable comment silences: json and sarif only */
	dl_guest_note *notes;
	size_t nnotes;
	/* --fix and --diff (fixrun.c): the text as read, and as fixed; both owned, NULL otherwise */
	char *original, *fixed;
	size_t original_len, fixed_len;
	size_t nfixed; /* findings fixed; the diags are what remains in the fixed text */
} dl_file_result;

/*
 * Lint len bytes at buf, reported as path. named: the file was given on the command line
 * (a non-domain root is then a finding, not a skip). Fills *out; release it with
 * dl_file_result_release.
 */
void dl_lint_buffer(const dl_config *config, const char *path, const char *buf, size_t len,
		    bool named, dl_file_result *out);
/* Read and lint the file at path ("-" is standard input, reported as display_name). */
void dl_lint_path(const dl_config *config, const char *path, const char *display_name, bool named,
		  dl_file_result *out);
/* Fill *out for a file that cannot be linted; takes ownership of why. */
void dl_file_result_unreadable(dl_file_result *out, const char *path, char *why);
void dl_file_result_release(dl_file_result *r);
/* Free what this thread keeps between files (read buffer, parser); call before it ends. */
void dl_lint_thread_done(void);

#endif
