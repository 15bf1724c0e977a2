/* inputs.h - turns command-line paths into the sorted list of files to lint */
#ifndef DL_INPUTS_H
#define DL_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct dl_input {
	char *path;  /* owned */
	bool named;  /* given on the command line (not found by a walk) */
	char *error; /* owned: why a walked directory could not be read; NULL normally */
} dl_input;

typedef struct dl_inputs {
	dl_input *v;
	size_t n, cap;
	size_t skipped; /* special files, symlink loops and the like passed over in walks */
} dl_inputs;

/*
 * Add one command-line argument: a file (or "-") as itself, a directory as every *.xml
 * below it, recursively, in byte order of names; symlink loops and special files found
 * by the walk are skipped with a note on stderr.
 */
void dl_inputs_add(dl_inputs *in, const char *arg);
void dl_inputs_release(dl_inputs *in);

#endif
