/* gitls.c - the files below a directory that git tracks or does not ignore, asked of git itself */
#include "gitls.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xmalloc.h"

extern char **environ;

/* Past this much of a listing git is stopped and the walk goes on without .gitignore. */
#define DL_GITLS_MAX_OUTPUT ((size_t)64 << 20)

typedef struct git_answer {
	int status;   /* git's exit status, or -1: it did not run, or did not finish */
	bool missing; /* there is no git to run */
	char *out;    /* owned: standard output */
	size_t len;
	char why[256]; /* git's first line on standard error, or what went wrong running it */
} git_answer;

/*
 * Our environment for git, less what would point it at another repository than the one it
 * finds from the directory (as a hook's GIT_DIR would), with messages in English (run_git's
 * caller reads one) and no optional locks: a lint never writes to the index.
 */
static char **git_environ(void)
{
	static const char *const drop[] = { "GIT_DIR",
					    "GIT_WORK_TREE",
					    "GIT_INDEX_FILE",
					    "GIT_COMMON_DIR",
					    "GIT_OBJECT_DIRECTORY",
					    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
					    "GIT_NAMESPACE",
					    "GIT_PREFIX",
					    "GIT_OPTIONAL_LOCKS",
					    "LC_ALL",
					    NULL };
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = xcalloc(n + 3, sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool keep = true;
		for (const char *const *d = drop; *d && keep; d++) {
			size_t l = strlen(*d);
			keep = !(strncmp(environ[i], *d, l) == 0 && environ[i][l] == '=');
		}
		if (keep)
			env[k++] = environ[i];
	}
	env[k++] = "GIT_OPTIONAL_LOCKS=0";
	env[k++] = "LC_ALL=C";
	env[k] = NULL;
	return env;
}

static int cloexec_pipe(int fd[2])
{
	if (pipe(fd) < 0)
		return -1;
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Read git's stdout (up to the limit) and the first line of its stderr until both close. */
static bool drain(int out_fd, int err_fd, git_answer *a)
{
	struct pollfd p[2] = { { .fd = out_fd, .events = POLLIN },
			       { .fd = err_fd, .events = POLLIN } };
	size_t cap = 0, err_len = 0;
	bool err_line_done = false;
	char chunk[8192];
	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			ssize_t got = read(p[i].fd, chunk, sizeof chunk);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				p[i].fd = -1;
				continue;
			}
			if (i == 0) {
				if (a->len + (size_t)got > DL_GITLS_MAX_OUTPUT) {
					snprintf(a->why, sizeof a->why,
						 "git listed more than %zu MiB",
						 DL_GITLS_MAX_OUTPUT >> 20);
					return false;
				}
				xgrow((void **)&a->out, &cap, a->len + (size_t)got + 1, 1);
				memcpy(a->out + a->len, chunk, (size_t)got);
				a->len += (size_t)got;
			} else {
				for (ssize_t k = 0; k < got && !err_line_done; k++) {
					if (chunk[k] == '\n' || err_len + 1 == sizeof a->why)
						err_line_done = true;
					else
						a->why[err_len++] = chunk[k];
				}
				a->why[err_len] = '\0';
			}
		}
	}
	return true;
}

/* git [safe settings] -C dir args...: nothing on its standard input, no shell, no pager. */
static void run_git(const char *dir, const char *const *args, git_answer *a)
{
	memset(a, 0, sizeof *a);
	a->status = -1;
	/* core.fsmonitor in a repository's own config names a command git would run for us */
	const char *argv[16] = { "git", "--no-pager", "-c", "core.fsmonitor=false", "-C", dir };
	size_t argc = 6;
	for (; *args && argc + 1 < sizeof argv / sizeof *argv; args++)
		argv[argc++] = *args;
	argv[argc] = NULL;

	int out[2], err[2];
	if (cloexec_pipe(out) < 0) {
		snprintf(a->why, sizeof a->why, "cannot run git: %s", strerror(errno));
		return;
	}
	if (cloexec_pipe(err) < 0) {
		snprintf(a->why, sizeof a->why, "cannot run git: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		return;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
	char **env = git_environ();
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, env);
	free(env);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(err[1]);
	if (rc != 0) {
		a->missing = rc == ENOENT;
		snprintf(a->why, sizeof a->why, "cannot run git: %s", strerror(rc));
		close(out[0]);
		close(err[0]);
		return;
	}
	bool whole = drain(out[0], err[0], a);
	close(out[0]);
	close(err[0]);
	if (!whole)
		kill(pid, SIGKILL); /* our own child: too much output, or we cannot read it */
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (!whole)
		return;
	if (WIFEXITED(ws)) {
		a->status = WEXITSTATUS(ws);
		a->missing = a->status == 127; /* a shell-like spawn that found no git */
	} else if (!a->why[0]) {
		snprintf(a->why, sizeof a->why, "git ended by signal %d",
			 WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	}
}

/*
 * A .git (a directory, or a file for worktrees and submodules) in dir or above, else git is
 * not asked. ".." goes up from where a symlink leads, as git does; "/" is its own parent.
 */
static bool maybe_in_work_tree(const char *dir)
{
	char *path = xstrdup(dir);
	bool found = false;
	struct stat here, up;
	for (int level = 0; !found && level < 256 && stat(path, &here) == 0; level++) {
		char *dotgit = xasprintf("%s/.git", path);
		found = lstat(dotgit, &up) == 0;
		free(dotgit);
		char *parent = xasprintf("%s/..", path);
		free(path);
		path = parent;
		if (stat(path, &up) < 0 || (up.st_dev == here.st_dev && up.st_ino == here.st_ino))
			break;
	}
	free(path);
	return found;
}

/* The note for a git that ran and failed; NULL when it failed for want of a work tree. */
static char *failure_note(const git_answer *a)
{
	if (a->missing || strncmp(a->why, "fatal: not a git repository", 28) == 0)
		return NULL;
	if (strncmp(a->why, "fatal: ", 7) == 0)
		return xasprintf(".gitignore not applied: git: %s", a->why + 7);
	if (a->why[0])
		return xasprintf(".gitignore not applied: %s", a->why);
	return xasprintf(".gitignore not applied: git exited with status %d", a->status);
}

bool dl_gitls_open(dl_gitls *g, const char *dir, char **note)
{
	memset(g, 0, sizeof *g);
	*note = NULL;
	if (!maybe_in_work_tree(dir))
		return false;
	/* A directory git ignores was named (or reached) on purpose: all of it is walked. */
	static const char *const ignored[] = {
		"check-ignore", "-q", "--no-index", "--", ".", NULL
	};
	git_answer a;
	run_git(dir, ignored, &a);
	free(a.out);
	if (a.status != 1) {
		if (a.status != 0)
			*note = failure_note(&a);
		return false;
	}
	static const char *const list[] = { "ls-files",           "-z", "--cached", "--others",
					    "--exclude-standard", NULL };
	run_git(dir, list, &a);
	if (a.status != 0) {
		*note = failure_note(&a);
		free(a.out);
		return false;
	}
	dl_gitls_parse(g, a.out, a.len);
	return true;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dl_gitls_parse(dl_gitls *g, char *buf, size_t len)
{
	memset(g, 0, sizeof *g);
	g->buf = buf;
	size_t cap = 0;
	for (size_t i = 0; i < len;) {
		char *p = buf + i;
		size_t l = strnlen(p, len - i);
		if (i + l == len) /* no NUL after the last path: git was cut short; drop it */
			break;
		i += l + 1;
		if (l && p[l - 1] == '/')
			p[--l] = '\0'; /* "sub/": a nested repository git does not enter */
		if (!l)
			continue;
		xgrow((void **)&g->paths, &cap, g->n + 1, sizeof *g->paths);
		g->paths[g->n++] = p;
	}
	if (g->n)
		qsort(g->paths, g->n, sizeof *g->paths, by_path);
}

/* The first listed path not below key in byte order. */
static size_t lower_bound(const dl_gitls *g, const char *key)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(g->paths[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool dl_gitls_has(const dl_gitls *g, const char *rel)
{
	size_t i = lower_bound(g, rel);
	return i < g->n && strcmp(g->paths[i], rel) == 0;
}

bool dl_gitls_has_below(const dl_gitls *g, const char *rel)
{
	/* the paths that start with "rel/" sort together, from the first one not below "rel/" */
	char *key = xasprintf("%s/", rel);
	size_t i = lower_bound(g, key), l = strlen(key);
	bool below = i < g->n && strncmp(g->paths[i], key, l) == 0;
	free(key);
	return below;
}

void dl_gitls_release(dl_gitls *g)
{
	free(g->paths);
	free(g->buf);
	memset(g, 0, sizeof *g);
}
