/* path.c - file names worked out lexically: absolute, and relative to a directory */
#include "path.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

/*
 * The current directory, however long (a fixed buffer made a deep one "/", and its
 * .domlint.conf was never found); NULL if it cannot be had. Caller frees.
 */
static char *current_dir(void)
{
	for (size_t size = 4096;; size *= 2) {
		char *buf = xmalloc(size);
		if (getcwd(buf, size))
			return buf;
		free(buf);
		if (errno != ERANGE)
			return NULL;
	}
}

char *dl_path_absolute(const char *path)
{
	char *cwd = path[0] == '/' ? NULL : current_dir();
	char *joined = path[0] == '/' ? xstrdup(path) :
		       cwd            ? xasprintf("%s/%s", cwd, path) :
					xstrdup(path);
	free(cwd);
	char *out = xmalloc(strlen(joined) + 2), *w = out;
	for (char *p = joined; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (w > out && *--w != '/')
				;
		} else if (!(n == 1 && p[0] == '.')) {
			*w++ = '/';
			memcpy(w, p, n);
			w += n;
		}
		p += n;
	}
	if (w == out)
		*w++ = '/';
	*w = '\0';
	free(joined);
	return out;
}

/* The length of the first component of an absolute path p ("/a/b" -> 1, after the slash). */
static size_t component(const char *p)
{
	return strcspn(p + 1, "/");
}

char *dl_path_relative(const char *base, const char *path)
{
	char *abs = dl_path_absolute(path);
	const char *b = base, *a = abs;
	/* skip the components both share */
	while (*b == '/' && *a == '/' && b[1] && a[1]) {
		size_t n = component(b);
		if (n != component(a) || strncmp(b + 1, a + 1, n) != 0)
			break;
		b += n + 1;
		a += n + 1;
	}
	size_t ups = 0;
	for (; *b == '/' && b[1]; b += component(b) + 1)
		ups++;
	const char *rest = *a == '/' ? a + 1 : a;
	char *out = xmalloc(ups * 3 + strlen(rest) + 1), *w = out;
	for (size_t i = 0; i < ups; i++, w += 3)
		memcpy(w, "../", 3);
	strcpy(w, rest);
	free(abs);
	return out;
}

char *dl_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

bool dl_path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return true;
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}
