/* lint.h - one file through the pipeline: read, load, model, rules, guest addresses */
#ifndef DL_LINT_H
#define DL_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "pciaddr.h"


/* The address one PCI or CCW device has inside the guest. */
typedef struct dl_guest_note {
	dl_loc loc;
	dl_loc end; /* where the device's element ends (its last '>') */
	char *device; /* owned: "hostdev 0002:06:00.0" */
	bool zpci;    /* the guest address comes from the zPCI uid */
	bool known;   /* for zpci: uid/fid could be predicted; otherwise: an explicit address */
	char guest[DL_PCI_TEXT_MAX]; /* "0001:00:00.0" when known */
	unsigned int uid, fid;
	bool uid_auto, fid_auto;
	bool ccw;     /* a CCW device (s390x): guest is its bus id ("0.0.0001") */
	unsigned int cssid, ssid, devno;
	bool ccw_auto; /* libvirt fills the CCW address in */
	bool no_address; /* a vfio-ap matrix: passed through, but with no address in the guest */
	const char *unknown; /* static: why the guest address cannot be told; NULL otherwise */
	char *text;          /* owned: "hostdev X -> guest Y (zpci ...)", as every format prints it */
	bool plain;          /* text has nothing dl_escape_text would change */
} dl_guest_note;

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
	char *error; /* owned: why it is unreadable */
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
/*
 * Read the file at path ("-": standard input) into a buffer this thread keeps, valid until its
 * next read; len gets its size. NULL after filling *out as unreadable (reported as shown).
 * dl_lint_read_done lets a grown buffer go.
 */
const char *dl_lint_read(const dl_config *config, const char *path, const char *shown, size_t *len,
			 dl_file_result *out);
void dl_lint_read_done(void);
/* Fill *out for a file that cannot be linted; takes ownership of why. */
void dl_file_result_unreadable(dl_file_result *out, const char *path, char *why);
void dl_file_result_release(dl_file_result *r);
/* Free what this thread keeps between files (read buffer, parser); call before it ends. */
void dl_lint_thread_done(void);

#endif
