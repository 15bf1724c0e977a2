/* fixwrite.c - replacing a file with its fixed text: atomically, never losing data */
/* realpath is XSI, beyond the POSIX base the build asks for; glibc gives it with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include "fixwrite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "path.h"
#include "xmalloc.h"

void (*dl_fixwrite_before_rename)(const char *path);

/* Longest part of the file's name the temporary name keeps, so it stays within NAME_MAX (255). */
#define DL_FIXWRITE_NAME_KEPT 200

static dl_fixwrite_status failed(char **error, const char *shown, const char *doing, int err)
{
	*error = xasprintf("%s: not fixed: cannot %s: %s", shown, doing, strerror(err));
	return DL_FIXWRITE_FAILED;
}

static dl_fixwrite_status changed(char **error, const char *shown)
{
	*error = xasprintf("%s: changed since it was read; not fixed, run again", shown);
	return DL_FIXWRITE_REFUSED;
}

/* The same file, in the same state: what an edit, chmod, link or replacement would change. */
static bool same_state(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_mode == b->st_mode &&
	       a->st_nlink == b->st_nlink && a->st_uid == b->st_uid && a->st_gid == b->st_gid &&
	       a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* 1 when the rest of fd is exactly want (want_len bytes), 0 when not, -1 with errno when unreadable. */
static int holds(int fd, const char *want, size_t want_len)
{
	char chunk[16384];
	size_t n = 0;
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return n == want_len;
		/* compared as it comes, so a file grown huge is not read to its end */
		if ((size_t)r > want_len - n || memcmp(want + n, chunk, (size_t)r) != 0)
			return 0;
		n += (size_t)r;
	}
}

/*
 * Is file (no symlink) one to replace, holding original still? On DL_FIXWRITE_OK, *seen is
 * its state at that re-read, for the last guard before the rename.
 */
static dl_fixwrite_status examine(const char *file, const char *shown, const char *original,
				  size_t orig_len, struct stat *seen, char **error)
{
	struct stat st;
	if (lstat(file, &st) != 0)
		return failed(error, shown, "stat it", errno);
	/* before any open: a FIFO or device is never opened, so nothing can block */
	if (!S_ISREG(st.st_mode)) {
		*error = xasprintf("%s: %s, not fixed", shown,
				   S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
		return DL_FIXWRITE_REFUSED;
	}
	unsigned mode = (unsigned)st.st_mode & 07777;
	/* root could write it, but a mode without any w says the file is to be kept as it is */
	if ((st.st_mode & 0222) == 0) {
		*error = xasprintf("%s: read-only (mode %04o), not fixed", shown, mode);
		return DL_FIXWRITE_REFUSED;
	}
	/* the rename needs only the directory: this is what keeps another user's file theirs */
	if (faccessat(AT_FDCWD, file, W_OK, AT_EACCESS) != 0) {
		if (errno != EACCES)
			return failed(error, shown, "write it", errno); /* EROFS, say */
		*error = xasprintf("%s: not writable by this user (mode %04o, owner uid %ju), not "
				   "fixed",
				   shown, mode, (uintmax_t)st.st_uid);
		return DL_FIXWRITE_REFUSED;
	}
	if (st.st_nlink > 1) {
		*error = xasprintf("%s has %ju hard links: not fixed, to keep them one file", shown,
				   (uintmax_t)st.st_nlink);
		return DL_FIXWRITE_REFUSED;
	}
	int fd = open(file, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return failed(error, shown, "read it again", errno);
	int same = 0, err = 0;
	if (fstat(fd, seen) != 0)
		err = errno;
	else if (same_state(&st, seen) && (same = holds(fd, original, orig_len)) < 0)
		err = errno;
	close(fd);
	if (err)
		return failed(error, shown, "read it again", err);
	return same ? DL_FIXWRITE_OK : changed(error, shown);
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Give the temporary file fd the owner of the file it replaces. Only root can give a file
 * away, so for anyone else this may not be possible: *note then says what changed.
 */
static void keep_owner(int fd, const struct stat *seen, const char *file, char **note)
{
	if (fchown(fd, seen->st_uid, seen->st_gid) == 0)
		return;
	(void)fchown(fd, (uid_t)-1, seen->st_gid); /* the group alone, when the user is in it */
	struct stat now;
	if (fstat(fd, &now) != 0 || (now.st_uid == seen->st_uid && now.st_gid == seen->st_gid))
		return;
	char *shown = dl_escape_text(file);
	*note = xasprintf("%s: owner not kept: now uid %ju gid %ju, was uid %ju gid %ju", shown,
			  (uintmax_t)now.st_uid, (uintmax_t)now.st_gid, (uintmax_t)seen->st_uid,
			  (uintmax_t)seen->st_gid);
	free(shown);
}

/* fsync the directory of file, so the rename lasts through a crash; best effort, it is done. */
static void sync_directory(const char *file)
{
	char *dir = dl_path_dir(file);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Write text to a temporary file beside file, then rename it over file if file is still as seen. */
static dl_fixwrite_status replace(const char *file, const char *shown, const struct stat *seen,
				  const char *text, size_t len, char **note, char **error)
{
	const char *slash = strrchr(file, '/');
	const char *name = slash ? slash + 1 : file;
	size_t kept = strlen(name) < DL_FIXWRITE_NAME_KEPT ? strlen(name) : DL_FIXWRITE_NAME_KEPT;
	char *tmp = xasprintf("%.*s.%.*s.domlint-XXXXXX", slash ? (int)(slash - file + 1) : 0, file,
			      (int)kept, name);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		dl_fixwrite_status st = failed(error, shown,
					       "create a temporary file in its directory", errno);
		free(tmp);
		return st;
	}
	dl_fixwrite_status status = DL_FIXWRITE_OK;
	if (write_all(fd, text, len) != 0)
		status = failed(error, shown, "write the temporary file", errno);
	if (status == DL_FIXWRITE_OK) {
		keep_owner(fd, seen, file, note); /* before fchmod: a chown clears set-id bits */
		if (fchmod(fd, seen->st_mode & 07777) != 0)
			status = failed(error, shown, "give the temporary file its mode", errno);
	}
	/* text, owner and mode on disk before the name points to them */
	if (status == DL_FIXWRITE_OK && fsync(fd) != 0)
		status = failed(error, shown, "write the temporary file", errno);
	if (close(fd) != 0 && status == DL_FIXWRITE_OK)
		status = failed(error, shown, "write the temporary file", errno);
	if (status == DL_FIXWRITE_OK) {
		if (dl_fixwrite_before_rename)
			dl_fixwrite_before_rename(file);
		struct stat now;
		int err = lstat(file, &now) != 0 ? errno : 0;
		if (err && err != ENOENT)
			status = failed(error, shown, "stat it", err);
		else if (err || !same_state(seen, &now)) /* removed is changed too */
			status = changed(error, shown);
		else if (rename(tmp, file) != 0)
			status = failed(error, shown, "replace it", errno);
	}
	if (status == DL_FIXWRITE_OK) {
		sync_directory(file);
	} else {
		unlink(tmp);
		free(*note); /* nothing was written, so no owner changed */
		*note = NULL;
	}
	free(tmp);
	return status;
}

dl_fixwrite_status dl_fixwrite(const char *path, const char *original, size_t orig_len,
			       const char *text, size_t len, char **note, char **error)
{
	*note = NULL;
	*error = NULL;
	char *epath = dl_escape_text(path);
	struct stat st;
	if (lstat(path, &st) != 0) {
		dl_fixwrite_status status = failed(error, epath, "stat it", errno);
		free(epath);
		return status;
	}
	/* a symlink stays: what it points to is the file that was linted, and is replaced */
	char *target = NULL, *etarget = NULL, *shown;
	if (S_ISLNK(st.st_mode)) {
		target = realpath(path, NULL);
		if (!target) {
			*error = xasprintf("%s is a symlink that cannot be followed: %s; not fixed",
					   epath, strerror(errno));
			free(epath);
			return DL_FIXWRITE_FAILED;
		}
		etarget = dl_escape_text(target);
		shown = xasprintf("%s (a symlink to %s)", epath, etarget);
	} else {
		shown = xstrdup(epath);
	}
	const char *file = target ? target : path;
	struct stat seen;
	char *owner_note = NULL;
	dl_fixwrite_status status = examine(file, shown, original, orig_len, &seen, error);
	if (status == DL_FIXWRITE_OK)
		status = replace(file, shown, &seen, text, len, &owner_note, error);
	if (status == DL_FIXWRITE_OK && target) {
		char *link_note = xasprintf("%s is a symlink: fixed its target %s", epath, etarget);
		if (owner_note) {
			*note = xasprintf("%s; %s", link_note, owner_note);
			free(link_note);
			free(owner_note);
		} else {
			*note = link_note;
		}
	} else {
		*note = owner_note;
	}
	free(shown);
	free(etarget);
	free(target);
	free(epath);
	return status;
}
