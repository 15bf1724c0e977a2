/* inputs.c - turns command-line paths into the sorted list of files to lint */
/* d_type in struct dirent is not POSIX; glibc gives it with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include "escape.h"
#include "gitls.h"
#include "text.h"
#include "xmalloc.h"

#define DL_MAX_DEPTH 64

struct dl_file_id {
	dev_t dev;
	ino_t ino;
	size_t value; /* the file's index in dl_inputs.v; nothing for directories */
	bool used;
};

static size_t id_hash(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9e3779b97f4a7c15u ^ (uint64_t)dev * 0xc2b2ae3d27d4eb4fu;
	return (size_t)(h ^ h >> 29);
}

/*
 * Adds (dev, ino) -> value unless (dev, ino) is there; returns NULL when added, else the
 * value it has, to change until the next add.
 */
static size_t *ids_add(dl_file_ids *s, dev_t dev, ino_t ino, size_t value)
{
	if (2 * (s->n + 1) > s->cap) {
		dl_file_ids grown = { xcalloc(s->cap ? 2 * s->cap : 64, sizeof *s->slots), 0,
				      s->cap ? 2 * s->cap : 64 };
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i].used)
				ids_add(&grown, s->slots[i].dev, s->slots[i].ino,
					s->slots[i].value);
		free(s->slots);
		*s = grown;
	}
	size_t i = id_hash(dev, ino) & (s->cap - 1);
	for (; s->slots[i].used; i = (i + 1) & (s->cap - 1))
		if (s->slots[i].dev == dev && s->slots[i].ino == ino)
			return &s->slots[i].value;
	s->slots[i] = (struct dl_file_id){ dev, ino, value, true };
	s->n++;
	return NULL;
}

static void ids_release(dl_file_ids *s)
{
	free(s->slots);
	*s = (dl_file_ids){ 0 };
}

/* One command-line directory's walk. */
typedef struct walk {
	dl_inputs *in;
	const dl_walk_opts *opts;
	/* the directories on the current path, to stop at symlink loops */
	dev_t dev[DL_MAX_DEPTH];
	ino_t ino[DL_MAX_DEPTH];
	int depth;
	dl_file_ids dirs; /* every directory walked, so none is walked twice by two ways in */
	size_t found;     /* *.xml files found, those added already by another path included */
	bool ignored;     /* .gitignore left something out */
} walk;

/* A directory from which git says what is ignored, down to the next such directory. */
typedef struct scope {
	dl_gitls git;
	bool filtered; /* false: git has no say (no work tree, --no-gitignore...) */
	size_t base;   /* the length of the scope directory's prefix in the paths below it */
} scope;

/*
 * "domlint: PATH: WHAT" on stderr, PATH and WHAT escaped: a name found by a walk is anyone's,
 * and one holding a newline and "::error file=..." would otherwise forge a CI annotation.
 */
static void say(const char *path, const char *what)
{
	char *p = dl_escape_text(path), *w = dl_escape_text(what);
	fprintf(stderr, "domlint: %s: %s\n", p, w);
	free(w);
	free(p);
}

static void push(dl_inputs *in, char *path, bool named, char *error)
{
	xgrow((void **)&in->v, &in->cap, in->n + 1, sizeof *in->v);
	in->v[in->n++] = (dl_input){ path, named, error };
}

static bool has_xml_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && dl_text_ends_with(name, ".xml"); /* not ".xml" alone */
}

/* Entries carry their type in the first byte; the name follows. */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static void open_scope(walk *w, scope *sc, const char *dir)
{
	size_t dl = strlen(dir);
	*sc = (scope){ .base = strcmp(dir, ".") == 0 ? 0 :
						       dl + (dl && dir[dl - 1] == '/' ? 0 : 1) };
	if (w->opts->no_gitignore)
		return;
	char *note = NULL;
	sc->filtered = dl_gitls_open(&sc->git, dir, &note);
	if (note && !w->in->git_noted) {
		say(dir, note);
		w->in->git_noted = true;
	}
	free(note);
}

static void walk_dir(walk *w, const char *dir, const scope *sc);

/*
 * Is dir a kernel's view of itself (/proc, /sys and their like), which a symlink to / would
 * bring into a walk: huge, ever-changing, never domain XML. Asked only where a walk crosses
 * onto another file system, so a plain walk makes no extra call.
 */
static bool pseudo_fs(const char *dir)
{
#ifdef __linux__
	static const long magic[] = {
		0x9fa0,     /* proc */
		0x62656572, /* sysfs */
		0x1cd1,     /* devpts */
		0x64626720, /* debugfs */
		0x74726163, /* tracefs */
		0x27e0eb,   /* cgroup */
		0x63677270, /* cgroup2 */
		0x73636673, /* securityfs */
		0xcafe4a11, /* bpf */
		0x6e736673, /* nsfs */
	};
	struct statfs fs;
	if (statfs(dir, &fs) != 0)
		return false;
	for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
		if ((long)fs.f_type == magic[i])
			return true;
#else
	(void)dir;
#endif
	return false;
}

/* A directory found by the walk: walked unless it is a loop, too deep, or walked already. */
static void enter(walk *w, const char *path, const struct stat *st, const scope *sc, bool new_scope)
{
	bool loop = false;
	for (int k = 0; k < w->depth; k++)
		loop |= w->dev[k] == st->st_dev && w->ino[k] == st->st_ino;
	if (loop || w->depth >= DL_MAX_DEPTH) {
		say(path,
		    loop ? "skipped: symbolic link loop" : "skipped: directories nested too deep");
		w->in->skipped++;
		return;
	}
	if (ids_add(&w->dirs, st->st_dev, st->st_ino, 0))
		return; /* through another symlink: its files are in already */
	if (st->st_dev != w->dev[w->depth - 1] && pseudo_fs(path)) {
		say(path, "skipped: a kernel file system (/proc, /sys and the like), not a "
			  "directory of files");
		w->in->skipped++;
		return;
	}
	w->dev[w->depth] = st->st_dev;
	w->ino[w->depth++] = st->st_ino;
	if (new_scope) {
		scope sub;
		open_scope(w, &sub, path);
		walk_dir(w, path, &sub);
		dl_gitls_release(&sub.git);
	} else {
		walk_dir(w, path, sc);
	}
	w->depth--;
}

/* One entry of a directory; type is 'f' (regular), 'd', 'l' (symlink) or 'u' (unknown). */
static void visit(walk *w, const char *path, char type, const scope *sc)
{
	const char *rel = path + sc->base;
	bool xml = has_xml_suffix(path);
	struct stat st;
	if (type == 'u' && lstat(path, &st) == 0)
		type = S_ISREG(st.st_mode) ? 'f' :
		       S_ISDIR(st.st_mode) ? 'd' :
		       S_ISLNK(st.st_mode) ? 'l' :
					     'u';
	if ((type == 'f' && !xml) || (type == 'l' && !xml && !w->opts->follow_symlinks))
		return; /* the common case, decided without a stat */
	int stat_error = stat(path, &st) == 0 ? 0 : errno;
	if (!stat_error && S_ISDIR(st.st_mode)) {
		if (type == 'l' && !w->opts->follow_symlinks)
			return;
		/*
		 * Under .gitignore, a directory is walked when git lists files below it. One that
		 * git lists itself is a nested repository or a submodule, and a symlink leads
		 * where git did not look: there git is asked again.
		 */
		bool listed = sc->filtered && dl_gitls_has(&sc->git, rel);
		if (sc->filtered && !listed &&
		    (type == 'l' || !dl_gitls_has_below(&sc->git, rel))) {
			w->ignored = true;
			return;
		}
		enter(w, path, &st, sc, listed || type == 'l');
		return;
	}
	if (!xml)
		return;
	if (sc->filtered && !dl_gitls_has(&sc->git, rel)) {
		w->ignored = true;
		return;
	}
	w->found++;
	if (stat_error) {
		/* a *.xml that cannot be read (a dangling symlink, say) is a file not linted: exit 2 */
		push(w->in, xstrdup(path), false,
		     xasprintf("cannot open: %s%s", strerror(stat_error),
			       type == 'l' && stat_error == ENOENT ? " (a dangling symbolic link)" :
								     ""));
	} else if (!S_ISREG(st.st_mode)) {
		say(path, "skipped: not a regular file");
		w->in->skipped++;
	} else if (!ids_add(&w->in->seen, st.st_dev, st.st_ino, w->in->n)) {
		push(w->in, xstrdup(path), false, NULL);
	}
}

static void walk_dir(walk *w, const char *dir, const scope *sc)
{
	DIR *d = opendir(dir);
	if (!d) {
		push(w->in, xstrdup(dir), true,
		     xasprintf("cannot open directory: %s", strerror(errno)));
		w->found++; /* reported: "no *.xml files" would say less */
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
		type = e->d_type == DT_REG ? 'f' :
		       e->d_type == DT_DIR ? 'd' :
		       e->d_type == DT_LNK ? 'l' :
					     'u';
#endif
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xasprintf("%c%s", type, e->d_name);
	}
	closedir(d);
	if (n) /* names is NULL for an empty directory, which qsort must not be given */
		qsort(names, n, sizeof *names, by_name);
	size_t dl = strlen(dir);
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i] + 1;
		/* "domlint ." reports "vm.xml", not "./vm.xml" */
		char *path = strcmp(dir, ".") == 0 ?
				     xstrdup(name) :
				     xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/",
					       name);
		visit(w, path, names[i][0], sc);
		free(path);
		free(names[i]);
	}
	free(names);
}

void dl_inputs_add(dl_inputs *in, const char *arg, const dl_walk_opts *opts)
{
	static const dl_walk_opts defaults;
	struct stat st;
	bool is_stdin = strcmp(arg, "-") == 0;
	if (!is_stdin && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* a named directory is walked even when it is a symlink: the user named it */
		walk w = { .in = in, .opts = opts ? opts : &defaults, .depth = 1 };
		w.dev[0] = st.st_dev;
		w.ino[0] = st.st_ino;
		ids_add(&w.dirs, st.st_dev, st.st_ino, 0);
		scope sc;
		open_scope(&w, &sc, arg);
		walk_dir(&w, arg, &sc);
		dl_gitls_release(&sc.git);
		ids_release(&w.dirs);
		if (!w.found)
			say(arg, w.ignored ? "no *.xml files found (.gitignore left some out; "
					     "--no-gitignore walks them)" :
					     "no *.xml files found");
		return;
	}
	/*
	 * A named file is never dropped by .gitignore, only when it is in already: then it keeps
	 * its first place, and is held to what a named file must be (a domain).
	 */
	if (!is_stdin && stat(arg, &st) == 0 && S_ISREG(st.st_mode)) {
		size_t *first = ids_add(&in->seen, st.st_dev, st.st_ino, in->n);
		if (first) {
			in->v[*first].named = true;
			return;
		}
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
	ids_release(&in->seen);
	in->v = NULL;
	in->n = in->cap = 0;
}
