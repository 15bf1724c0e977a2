/* readfile.h - reading a whole file: never blocking, regular files only, up to a size limit */
#ifndef DL_READFILE_H
#define DL_READFILE_H

#include <stddef.h>
#include <sys/stat.h>

typedef enum dl_readfile_status {
	DL_READFILE_OK,
	DL_READFILE_CANNOT_OPEN, /* the error: open's errno */
	DL_READFILE_CANNOT_STAT, /* the error: fstat's errno */
	DL_READFILE_DIRECTORY,
	DL_READFILE_NOT_REGULAR, /* a FIFO, a device, a socket */
	DL_READFILE_TOO_LARGE,   /* over the limit, by its size or by the bytes read */
	DL_READFILE_CANNOT_READ, /* the error: read's errno */
} dl_readfile_status;

/*
 * Open path for reading when it is a regular file; its state in *st (unless st is NULL). Opened without blocking:
 * a FIFO (or a device) in its place must not hang the run, or the editor. The descriptor,
 * or -1 with *status and *error (an errno value, or 0) saying why.
 */
int dl_readfile_open(const char *path, struct stat *st, dl_readfile_status *status, int *error);

/*
 * Read the whole regular file at path, at most max bytes, into *buf (grown as needed, *cap
 * bytes; the caller owns it, and may pass the same buffer again), NUL-terminated; *len its
 * length. On failure, the status says why and *error holds the errno value, or 0.
 */
dl_readfile_status dl_readfile(const char *path, size_t max, char **buf, size_t *cap, size_t *len,
			       int *error);

/*
 * A file to lint: the file at path ("-": standard input, of any kind), at most max bytes, in
 * a buffer this thread keeps, valid until its next read; len gets its size. NULL with *why
 * (owned: "cannot open: ...", "larger than 64 MiB (--max-file-size), not linted") on failure.
 * dl_readfile_input_done lets a buffer that grew large go.
 */
const char *dl_readfile_input(const char *path, size_t max, size_t *len, char **why);
void dl_readfile_input_done(void);
/* Free this thread's buffer; call before the thread ends. */
void dl_readfile_thread_done(void);

#endif
