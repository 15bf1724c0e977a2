/* fixwrite.h - replacing a file with its fixed text: atomically, never losing data */
#ifndef DL_FIXWRITE_H
#define DL_FIXWRITE_H

#include <stddef.h>

typedef enum {
	DL_FIXWRITE_OK = 0,
	DL_FIXWRITE_REFUSED, /* deliberately left alone: read-only, changed, hard-linked, not a file */
	DL_FIXWRITE_FAILED /* a system call failed (the file is as it was) */
} dl_fixwrite_status;

/*
 * Replace the file at path, whose content was original (orig_len bytes) when it was linted,
 * with text (len bytes): a temporary file ".NAME.domlint-XXXXXX" in the same directory gets
 * the text, the file's mode (and owner, where permitted) and an fsync, then is renamed over
 * the file, so a reader sees the old content or the new, never a mix.
 *
 * A symlink is not replaced: its target is (resolved with realpath), and *note says so
 * ("PATH is a symlink: fixed its target TARGET"). Refused (DL_FIXWRITE_REFUSED, *error says
 * why, the file untouched): not a regular file; no write permission bit for anyone (even
 * for root: the mode says "keep"); not writable by this user; more than one hard link (a
 * rename would split them); content other than original ("changed since it was read"), or
 * a size, mtime, ctime or inode other than at that re-read when the rename is due (a cheap
 * second guard against a concurrent edit; an edit between that look and the rename itself
 * can still be lost, as with any editor). DL_FIXWRITE_FAILED when a system call fails, with
 * the path and strerror in *error; the temporary file is then removed.
 *
 * A note is also set when the owner could not be kept (not root, another user's file).
 * Paths in messages have their control characters escaped (dl_escape_text). path must name
 * a file, not "-". *note and *error are malloc'd (caller frees), NULL when none.
 */
dl_fixwrite_status dl_fixwrite(const char *path, const char *original, size_t orig_len,
			       const char *text, size_t len, char **note, char **error);

/* For the unit tests only: when set, called with the file's path right before the last guard. */
extern void (*dl_fixwrite_before_rename)(const char *path);

#endif
