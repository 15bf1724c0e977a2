/* inputs.c - turns command-line paths into the sorted list of files to lint */
/* d_type in struct dirent is not POSIX; glibc gives it with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xmalloc.h"

/* The directories on the current walk's path, to stop at symlink loops. */
typedef struct dir_stack {
	dev_t dev[64];
	ino_t ino[64];
	int depth;
} dir_stack;

static void push(dl_inputs *in, char *path, bool named, char *error)
{
	xgrow((void **)&in->v, &in->cap, in->n + 1, sizeof *in->v);
	in->v[in->n++] = (dl_input){ path, named, error };
}

static bool has_xml_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Entries carry their type in the first byte; the name follows. */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static void walk(dl_inputs *in, const char *dir, dir_stack *stack)
{
	DIR *d = opendir(dir);
	if (!d) {
		push(in, xstrdup(dir), true, xasprintf("cannot open directory: %s", strerror(errno)));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* ., .., and hidden entries such as .git */
		/* the entry's type, when the file system says, ahead of the name: a stat saved per file */
		char type = 'u';
#ifdef DT_REG
		type = e->d_type == DT_REG ? 'f' : 'u';
#endif
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xasprintf("%c%s", type, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		size_t dl = strlen(dir);
		/* "domlint ." reports "vm.xml", not "./vm.xml" */
		bool regular = names[i][0] == 'f';
		const char *name = names[i] + 1;
		char *path = strcmp(dir, ".") == 0 ?
				     xstrdup(name) :
				     xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
		free(names[i]);
		if (regular) {
			if (has_xml_suffix(path))
				push(in, path, false, NULL);
			else
				free(path);
			continue;
		}
		struct stat st;
		if (stat(path, &st) < 0) {
			if (has_xml_suffix(path)) {
				fprintf(stderr, "domlint: %s: skipped: %s\n", path, strerror(errno));
				in->skipped++;
			}
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			bool loop = false;
			for (int k = 0; k < stack->depth; k++)
				loop |= stack->dev[k] == st.st_dev && stack->ino[k] == st.st_ino;
			if (loop || stack->depth >= 64) {
				fprintf(stderr, "domlint: %s: skipped: %s\n", path,
					loop ? "symbolic link loop" : "directories nested too deep");
				in->skipped++;
			} else {
				stack->dev[stack->depth] = st.st_dev;
				stack->ino[stack->depth++] = st.st_ino;
				walk(in, path, stack);
				stack->depth--;
			}
			free(path);
		} else if (!has_xml_suffix(path)) {
			free(path);
		} else if (!S_ISREG(st.st_mode)) {
			fprintf(stderr, "domlint: %s: skipped: not a regular file\n", path);
			in->skipped++;
			free(path);
		} else {
			push(in, path, false, NULL);
		}
	}
	free(names);
}

void dl_inputs_add(dl_inputs *in, const char *arg)
{
	struct stat st;
	if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		dir_stack stack = { .depth = 1 };
		stack.dev[0] = st.st_dev;
		stack.ino[0] = st.st_ino;
		walk(in, arg, &stack);
		return;
	}
	push(in, xstrdup(arg), true, NULL);
}

void dl_inputs_release(dl_inputs *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->v[i].path);
		free(in->v[i].error);
	}
	free(in->v);
	in->v = NULL;
	in->n = in->cap = 0;
}
