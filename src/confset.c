/* confset.c - the configurations of a run: one per .domlint.conf, found from each file's directory */
#include "confset.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "xmalloc.h"

void dl_confset_init(dl_confset *s, const char *forced, bool none, dl_confset_setup_fn *setup,
		     void *data)
{
	memset(s, 0, sizeof *s);
	s->forced = forced;
	s->none = none;
	s->setup = setup;
	s->data = data;
	dl_u64map_init(&s->dir_index);
}

void dl_confset_clear(dl_confset *s)
{
	for (size_t i = 0; i < s->nentries; i++) {
		dl_config_release(&s->entries[i]->config);
		free(s->entries[i]->file);
		free(s->entries[i]);
	}
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->dirs[i].dir);
	s->nentries = s->ndirs = 0;
	dl_u64map_release(&s->dir_index);
	dl_u64map_init(&s->dir_index);
}

void dl_confset_release(dl_confset *s)
{
	dl_confset_clear(s);
	dl_u64map_release(&s->dir_index);
	free(s->entries);
	free(s->dirs);
	memset(s, 0, sizeof *s);
}

/* FNV-1a: directories are looked up once per linted file, so the lookup must not be linear. */
static uint64_t hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

static bool same_file(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * The nearest configuration file from dir upward, or NULL. dl_config_find asks by absolute
 * name, which the system refuses past PATH_MAX: where the names are that long (a current
 * directory deeper than 4096 bytes), they are asked again relative to the current directory.
 */
static char *find_config(const char *dir)
{
	char *found = dl_config_find(dir);
	if (found)
		return found;
	char *abs = dl_path_absolute(dir), *cwd = NULL;
	for (;;) {
		char *candidate = xasprintf("%s%s%s", abs, strcmp(abs, "/") == 0 ? "" : "/",
					    DL_CONFIG_NAME);
		if (strlen(candidate) < PATH_MAX) { /* it and those above: dl_config_find looked */
			free(candidate);
			break;
		}
		if (!cwd)
			cwd = dl_path_absolute(".");
		char *rel = dl_path_relative(cwd, candidate);
		free(candidate);
		if (strlen(rel) < PATH_MAX && access(rel, F_OK) == 0) {
			found = rel;
			break;
		}
		free(rel);
		*strrchr(abs, '/') = '\0'; /* long, so not "/": one level up */
	}
	free(cwd);
	free(abs);
	return found;
}

/* The entry for configuration file (NULL: none), made on first use. */
static int entry_for(dl_confset *s, char *file, size_t *out, char **error)
{
	for (size_t i = 0; i < s->nentries; i++)
		if (same_file(s->entries[i]->file, file)) {
			free(file);
			*out = i;
			return 0;
		}
	xgrow((void **)&s->entries, &s->entries_cap, s->nentries + 1, sizeof *s->entries);
	dl_confset_entry *e = xmalloc(sizeof *e);
	e->file = file;
	dl_config_init(&e->config);
	int rc = s->setup(&e->config, file, s->data, error);
	if (rc < 0) { /* the defaults from now on: the caller has the error once */
		dl_config_release(&e->config);
		dl_config_init(&e->config);
	}
	e->config.host = s->host;
	*out = s->nentries;
	s->entries[s->nentries++] = e;
	return rc;
}

int dl_confset_for_dir(dl_confset *s, const char *dir, const dl_config **out, const char **file,
		       char **error)
{
	*error = NULL;
	if (!dir || !*dir)
		dir = ".";
	uint64_t h = hash(dir);
	const size_t *known = dl_u64map_get(&s->dir_index, h);
	size_t entry;
	int rc = 0;
	if (known && strcmp(s->dirs[*known].dir, dir) == 0) {
		entry = s->dirs[*known].entry;
	} else {
		char *found = s->forced ? xstrdup(s->forced) : s->none ? NULL : find_config(dir);
		rc = entry_for(s, found, &entry, error);
		if (!known) { /* a hash clash just goes unremembered: looked up again next time */
			xgrow((void **)&s->dirs, &s->dirs_cap, s->ndirs + 1, sizeof *s->dirs);
			s->dirs[s->ndirs] = (struct dl_confset_dir){ xstrdup(dir), entry };
			dl_u64map_add(&s->dir_index, h, s->ndirs++);
		}
	}
	*out = &s->entries[entry]->config;
	if (file)
		*file = s->entries[entry]->file;
	return rc;
}

int dl_confset_for_path(dl_confset *s, const char *path, const dl_config **out, const char **file,
			char **error)
{
	char *dir = dl_path_dir(path ? path : ".");
	int rc = dl_confset_for_dir(s, dir, out, file, error);
	free(dir);
	return rc;
}

void dl_confset_bound(dl_confset *s, size_t max_dirs, size_t max_files)
{
	if (s->ndirs > max_dirs || s->nentries > max_files)
		dl_confset_clear(s);
}
