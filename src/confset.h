/* confset.h - the configurations of a run: one per .domlint.conf, found from each file's directory */
#ifndef DL_CONFSET_H
#define DL_CONFSET_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "u64map.h"

/*
 * Make c (initialised to the defaults) the configuration read from file (NULL: no file), with
 * the command line applied on top. 0, or -1 with *error set (caller frees; NULL when a message
 * was printed already).
 */
typedef int dl_confset_setup_fn(dl_config *c, const char *file, void *data, char **error);

typedef struct dl_confset_entry {
	char *file; /* owned: the configuration file, absolute; NULL for none */
	dl_config config;
} dl_confset_entry;

typedef struct dl_confset {
	const char *forced;         /* -c FILE: every file uses it; borrowed */
	bool none;                  /* --no-config */
	const struct dl_host *host; /* --host: every configuration gets it as its host; borrowed */
	dl_confset_setup_fn *setup;
	void *data;
	dl_confset_entry **entries; /* owned, one per configuration file */
	size_t nentries, entries_cap;
	struct dl_confset_dir {
		char *dir; /* owned */
		size_t entry;
	} * dirs; /* owned: the directories looked up so far */
	size_t ndirs, dirs_cap;
	dl_u64map dir_index; /* a hash of each directory's name -> its index in dirs */
} dl_confset;

void dl_confset_init(dl_confset *s, const char *forced, bool none, dl_confset_setup_fn *setup,
		     void *data);
void dl_confset_release(dl_confset *s);
/* Forget every configuration (a configuration file changed). */
void dl_confset_clear(dl_confset *s);

/*
 * The configuration for files in directory dir (NULL or "": the current one): the nearest
 * .domlint.conf from dir upward. Sets *out (valid until release or clear) and *file (the
 * configuration file, NULL for none). Returns 0, or -1 with *error set (caller frees; may be
 * NULL): then *out is the defaults, which later calls for that file return without an error.
 */
int dl_confset_for_dir(dl_confset *s, const char *dir, const dl_config **out, const char **file,
		       char **error);
/* The same for the file at path: its directory's configuration (NULL: the current directory's). */
int dl_confset_for_path(dl_confset *s, const char *path, const dl_config **out, const char **file,
			char **error);

/*
 * Forget every configuration once more than max_dirs directories or max_files configuration
 * files are remembered: the cache stays bounded in a long session (a language server). Call
 * it where no configuration it returned is in use.
 */
void dl_confset_bound(dl_confset *s, size_t max_dirs, size_t max_files);

#endif
