/* run.h - a whole run: collect inputs, lint files (in parallel if asked), report in input order */
#ifndef DL_RUN_H
#define DL_RUN_H

#include <stdbool.h>

#include "confset.h"
#include "fix.h"
#include "inputs.h"
#include "report.h"

/* Exit statuses (README, "Exit status"); the worst wins. */
#define DL_EXIT_OK 0
#define DL_EXIT_FINDINGS 1
#define DL_EXIT_UNREADABLE 2
#define DL_EXIT_USAGE 3

/* What to do with the fixes findings carry. */
typedef enum {
	DL_FIX_NONE,  /* report them: the findings say what --fix would do */
	DL_FIX_WRITE, /* --fix: apply them in place ("-": the fixed text to standard output) */
	DL_FIX_DIFF,  /* --diff: print them as a unified diff, change nothing */
} dl_fix_mode;

typedef struct dl_run_opts {
	const char *stdin_filename; /* the name reported (and matched by [paths]) for "-" */
	const dl_format *format;
	bool color;
	unsigned jobs;              /* files linted at once; 1 lints in the calling thread */
	const char *baseline;       /* hide the findings this baseline file holds; NULL: none */
	const char *write_baseline; /* record every finding into this file instead of hiding any */
	dl_walk_opts walk;
	dl_fix_mode fix;
	dl_fix_level fix_level; /* safe fixes only, or unsafe ones too (--unsafe-fixes) */
} dl_run_opts;

/*
 * Lint paths (files, directories, "-") and report to stdout, each file with the configuration
 * configs gives its directory; returns the exit status.
 */
int dl_run(dl_confset *configs, const dl_run_opts *opts, char *const *paths, int npaths);

#endif
