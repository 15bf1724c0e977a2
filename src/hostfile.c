/* hostfile.c - reading files under a host's root for --host: small files, links, modprobe.d */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostread.h"
#include "readfile.h"
#include "xmalloc.h"

/* sysfs attributes and configuration files are small; a larger file is not what it claims */
#define HOST_FILE_MAX (64 * 1024)

char *dl_host_path(const dl_host *host, const char *abs)
{
	size_t n = strlen(host->root);
	while (n > 1 && host->root[n - 1] == '/')
		n--;
	if (n == 1 && host->root[0] == '/')
		return xstrdup(abs);
	return xasprintf("%.*s%s", (int)n, host->root, abs);
}

char *dl_host_read(const dl_host *host, const char *abs)
{
	char *path = dl_host_path(host, abs);
	char *buf = NULL;
	size_t cap = 0, len = 0;
	int error;
	dl_readfile_status st = dl_readfile(path, HOST_FILE_MAX, &buf, &cap, &len, &error);
	free(path);
	if (st != DL_READFILE_OK) {
		free(buf);
		return NULL;
	}
	if (!buf)
		return xstrdup("");
	buf[strnlen(buf, len)] = '\0'; /* a NUL inside ends the text */
	len = strlen(buf);
	while (len > 0 && strchr(" \t\r\n", buf[len - 1]))
		buf[--len] = '\0';
	return buf;
}

char *dl_host_link_base(const dl_host *host, const char *abs)
{
	char *path = dl_host_path(host, abs);
	char target[4096];
	ssize_t n = readlink(path, target, sizeof target - 1);
	free(path);
	if (n <= 0)
		return NULL;
	target[n] = '\0';
	while (n > 1 && target[n - 1] == '/')
		target[--n] = '\0';
	const char *slash = strrchr(target, '/');
	return xstrdup(slash ? slash + 1 : target);
}

bool dl_host_exists(const dl_host *host, const char *abs, bool dir)
{
	char *path = dl_host_path(host, abs);
	struct stat st;
	bool ok = stat(path, &st) == 0 && (!dir || S_ISDIR(st.st_mode));
	free(path);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* modprobe reads *.conf of each directory in name order */
static void modprobe_dir(dl_host *host, const char *dir, dl_host_line_fn *fn, void *data)
{
	char *path = dl_host_path(host, dir);
	DIR *d = opendir(path);
	free(path);
	if (!d)
		return;
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".conf") != 0)
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *file = xasprintf("%s/%s", dir, names[i]);
		char *text = dl_host_read(host, file);
		for (char *line = text, *next; line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			char *hash = strchr(line, '#');
			if (hash)
				*hash = '\0';
			fn(host, file, line, data);
		}
		free(text);
		free(file);
		free(names[i]);
	}
	free(names);
}

void dl_host_modprobe_lines(dl_host *host, dl_host_line_fn *fn, void *data)
{
	static const char *const dirs[] = { "/etc/modprobe.d", "/run/modprobe.d",
					    "/usr/lib/modprobe.d", "/lib/modprobe.d" };
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
		modprobe_dir(host, dirs[i], fn, data);
}

char *dl_host_cmdline(const dl_host *host)
{
	return dl_host_read(host, "/proc/cmdline");
}
