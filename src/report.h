/* report.h - output formats: one writer per format, fed file by file in input order */
#ifndef DL_REPORT_H
#define DL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "lint.h"

typedef struct dl_totals {
	size_t files, skipped, excluded, unreadable;
	size_t by_severity[DL_SEV_ERROR + 1];
	/* a baseline read: findings it hid, recorded findings no longer found (baseline.h) */
	bool baseline_read;
	size_t baseline_hidden, baseline_stale;
	/* a baseline written (--write-baseline): the findings it holds */
	bool baseline_written;
	size_t baseline_size;
	/* fixes: applied (--fix), would apply (--diff), left to --fix and to --unsafe-fixes */
	size_t fixed, files_fixed, fixable, unsafe_fixable;
} dl_totals;

typedef struct dl_reporter dl_reporter;

typedef struct dl_format {
	const char *name;
	void (*begin)(dl_reporter *r);
	/* a linted file, or one that could not be read (status DL_FILE_UNREADABLE) */
	void (*file)(dl_reporter *r, const dl_file_result *f);
	void (*end)(dl_reporter *r, const dl_totals *t);
} dl_format;

struct dl_reporter {
	const dl_format *format;
	FILE *out;
	bool color;      /* text: colour and the source line with a caret */
	size_t nfiles;   /* files written so far, for separators */
	char **deferred; /* owned: output a format keeps for its end (sarif's notifications) */
	size_t ndeferred, deferred_cap;
};

/* The format called name, or NULL. */
const dl_format *dl_format_find(const char *name);
/* "text, json, sarif, github", for messages. */
extern const char dl_format_names[];

void dl_reporter_init(dl_reporter *r, const dl_format *format, FILE *out, bool color);
void dl_reporter_release(dl_reporter *r);
/* Keep text (owned) for the format's end. */
void dl_reporter_defer(dl_reporter *r, char *text);

/*
 * The line text, json and github print for a guest address:
 * "hostdev X -> guest Y (zpci uid ..., fid ...)", with --host "hostdev X (HOST) -> guest ...",
 * HOST as dl_report_guest_host tells it. Caller frees. *plain (unless plain is NULL): the line
 * holds nothing dl_escape_text would change.
 */
char *dl_report_guest_note(const dl_guest_note *n, bool *plain);
/*
 * The host function of a note made with --host, as lspci names it: "Mellanox Technologies ...,
 * driver vfio-pci", "..., no driver" when unbound, "not on the host"; NULL for a note without
 * one. Caller frees.
 */
char *dl_report_guest_host(const dl_guest_note *n);

/* Per-format writers (report_*.c). */
extern const dl_format dl_format_text, dl_format_json, dl_format_sarif, dl_format_github;

/* The tool's version, as every format reports it. */
#define DL_VERSION "0.2.0"

#endif
