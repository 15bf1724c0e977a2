/* gitls.h - the files below a directory that git tracks or does not ignore, asked of git itself */
#ifndef DL_GITLS_H
#define DL_GITLS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct dl_gitls {
	char *buf;    /* owned: git's NUL-separated answer */
	char **paths; /* owned array into buf: relative to the directory, sorted, no trailing '/' */
	size_t n;
} dl_gitls;

/*
 * Ask git which files below dir it tracks or would not ignore (.gitignore files,
 * .git/info/exclude, core.excludesFile: whatever git itself honours). Returns true with g
 * filled; false, with g empty, when .gitignore has no say: dir is in no git work tree, there
 * is no git, or dir itself is ignored (it was walked on purpose). When git is there but
 * fails (a repository owned by someone else, say), returns false and sets *note to why,
 * for the caller to show and free.
 */
bool dl_gitls_open(dl_gitls *g, const char *dir, char **note);
/* Fill g from git's -z output, which g takes over (for dl_gitls_open and the unit tests). */
void dl_gitls_parse(dl_gitls *g, char *buf, size_t len);
/* rel (relative to the directory) is a file git lists, or a nested repository or submodule. */
bool dl_gitls_has(const dl_gitls *g, const char *rel);
/* Git lists something below the directory rel. */
bool dl_gitls_has_below(const dl_gitls *g, const char *rel);
void dl_gitls_release(dl_gitls *g);

#endif
