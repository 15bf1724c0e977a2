/* inputs.h - turns command-line paths into the sorted list of files to lint */
#ifndef DL_INPUTS_H
#define DL_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct dl_input {
	char *path;  /* owned */
	bool named;  /* given on the command line (not found by a walk) */
	char *error; /* owned: why a walked directory or *.xml could not be read; NULL normally */
} dl_input;

/* How directories are walked. */
typedef struct dl_walk_opts {
	bool follow_symlinks; /* go into symlinked directories found by a walk (loops still stop) */
	bool no_gitignore;    /* walk what .gitignore ignores too */
} dl_walk_opts;

/* A set of (device, inode) pairs: the files a run has taken, so each is linted once. */
typedef struct dl_file_ids {
	struct dl_file_id *slots; /* open addressing; defined in inputs.c */
	size_t n, cap;
} dl_file_ids;

typedef struct dl_inputs {
	dl_input *v;
	size_t n, cap;
	size_t skipped;   /* special files, symlink loops and the like passed over in walks */
	dl_file_ids seen; /* the regular files in v */
	bool git_noted;   /* a failing git was reported once: not again for every directory */
} dl_inputs;

/*
 * Add one command-line argument: a file (or "-") as itself, a directory as every *.xml
 * below it, recursively, in byte order of names. Hidden entries are passed over, and so
 * are symlinked directories unless opts says to follow them; inside a git work tree, what
 * git ignores is left out unless opts says otherwise. A regular file already added (by
 * device and inode, by whichever path) is not added again; "-" always is. Symlink loops
 * and special files found by the walk are skipped with a note on stderr, and so is a
 * directory with no *.xml below it; a *.xml that cannot be stat'ed (a dangling symlink) is
 * added with its error, a file that could not be read. opts NULL: the defaults.
 */
void dl_inputs_add(dl_inputs *in, const char *arg, const dl_walk_opts *opts);
void dl_inputs_release(dl_inputs *in);

#endif
