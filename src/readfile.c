/* readfile.c - reading a whole file: never blocking, regular files only, up to a size limit */
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

int dl_readfile_open(const char *path, struct stat *st, dl_readfile_status *status, int *error)
{
	struct stat own;
	if (!st)
		st = &own;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*status = DL_READFILE_CANNOT_OPEN;
		*error = errno;
		return -1;
	}
	if (fstat(fd, st) < 0) {
		*status = DL_READFILE_CANNOT_STAT;
		*error = errno;
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		*status = S_ISDIR(st->st_mode) ? DL_READFILE_DIRECTORY : DL_READFILE_NOT_REGULAR;
		*error = 0;
		close(fd);
		return -1;
	}
	/* O_NONBLOCK stays: it changes nothing for a regular file, and costs no syscalls to keep */
	*status = DL_READFILE_OK;
	return fd;
}

/*
 * Read all of fd into *buf, refusing more than max bytes. size: what fstat gave for a regular
 * file (room for it, and one more byte to see the end), or -1 for a stream.
 */
static dl_readfile_status read_all(int fd, size_t max, long long size, char **buf, size_t *cap,
				   size_t *len, int *error)
{
	size_t hint = size < 0 ? 65535 : (size_t)size;
	xgrow((void **)buf, cap, hint + 1, 1);
	size_t n = 0;
	for (;;) {
		if (n == *cap)
			xgrow((void **)buf, cap, n + 65536, 1);
		ssize_t r = read(fd, *buf + n, *cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*error = errno;
			return DL_READFILE_CANNOT_READ;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == hint && size > 0)
			break; /* all fstat promised: spare the read that would return 0 */
		if (n > max) {
			*error = 0;
			return DL_READFILE_TOO_LARGE;
		}
	}
	(*buf)[n] = '\0'; /* n < *cap: the loop stops only with room left */
	*len = n;
	return DL_READFILE_OK;
}

dl_readfile_status dl_readfile(const char *path, size_t max, char **buf, size_t *cap, size_t *len,
			       int *error)
{
	struct stat st;
	dl_readfile_status status;
	int fd = dl_readfile_open(path, &st, &status, error);
	if (fd < 0)
		return status;
	if ((uintmax_t)st.st_size > (uintmax_t)max) {
		close(fd);
		*error = 0;
		return DL_READFILE_TOO_LARGE;
	}
	status = read_all(fd, max, (long long)st.st_size, buf, cap, len, error);
	close(fd);
	return status;
}

/* ---- files to lint: one buffer per thread, and the reasons as reports give them ---- */

/*
 * Each thread reads files into one buffer it keeps (a large allocation per file is what
 * makes glibc's malloc consolidate its free lists); one that grew past this is let go.
 */
#define KEEP_READ_BUFFER ((size_t)1 << 20)
static _Thread_local char *read_buf;
static _Thread_local size_t read_cap;

static char *too_large(size_t max)
{
	return max % (1024 * 1024) == 0 ?
		       xasprintf("larger than %zu MiB (--max-file-size), not linted",
				 max / (1024 * 1024)) :
		       xasprintf("larger than %zu bytes (--max-file-size), not linted", max);
}

static char *reason(dl_readfile_status status, int error, size_t max)
{
	switch (status) {
	case DL_READFILE_CANNOT_OPEN:
		return xasprintf("cannot open: %s", strerror(error));
	case DL_READFILE_CANNOT_STAT:
		return xasprintf("cannot stat: %s", strerror(error));
	case DL_READFILE_DIRECTORY:
		return xstrdup("is a directory");
	case DL_READFILE_NOT_REGULAR:
		return xstrdup("not a regular file");
	case DL_READFILE_TOO_LARGE:
		return too_large(max);
	case DL_READFILE_CANNOT_READ:
		return xasprintf("cannot read: %s", strerror(error));
	case DL_READFILE_OK:
		break;
	}
	return NULL;
}

const char *dl_readfile_input(const char *path, size_t max, size_t *len, char **why)
{
	int error = 0;
	dl_readfile_status status = strcmp(path, "-") == 0 ?
					    read_all(STDIN_FILENO, max, -1, &read_buf, &read_cap,
						     len, &error) :
					    dl_readfile(path, max, &read_buf, &read_cap, len,
							&error);
	if (status == DL_READFILE_OK)
		return read_buf;
	*why = reason(status, error, max);
	return NULL;
}

void dl_readfile_input_done(void)
{
	if (read_cap > KEEP_READ_BUFFER)
		dl_readfile_thread_done();
}

void dl_readfile_thread_done(void)
{
	free(read_buf);
	read_buf = NULL;
	read_cap = 0;
}
