/* hostmdev.c - the host's mediated devices for --host: /sys/bus/mdev/devices, their type and device API */
/* realpath is XSI, beyond the POSIX base the build asks for; glibc gives it with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostread.h"
#include "xmalloc.h"

static bool is_uuid(const char *s)
{
	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' :
								!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

static int by_uuid(const void *a, const void *b)
{
	return strcmp(((const dl_host_mdev *)a)->uuid, ((const dl_host_mdev *)b)->uuid);
}

/* The parent is the directory the mdev's link points into: ../../../devices/css0/0.0.0313/<uuid> */
static char *parent_of(const dl_host *host, const char *uuid)
{
	char *abs = xasprintf("/sys/bus/mdev/devices/%s", uuid);
	char *path = dl_host_path(host, abs);
	free(abs);
	char *real = realpath(path, NULL);
	free(path);
	if (!real)
		return NULL;
	char *slash = strrchr(real, '/');
	char *parent = NULL;
	if (slash && slash != real) {
		*slash = '\0';
		slash = strrchr(real, '/');
		parent = xstrdup(slash ? slash + 1 : real);
	}
	free(real);
	return parent;
}

void dl_host_read_mdevs(dl_host *host)
{
	char *path = dl_host_path(host, "/sys/bus/mdev/devices");
	DIR *d = opendir(path);
	free(path);
	if (!d)
		return;
	size_t cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!is_uuid(e->d_name))
			continue;
		xgrow((void **)&host->mdev, &cap, host->nmdev + 1, sizeof *host->mdev);
		dl_host_mdev *m = &host->mdev[host->nmdev++];
		*m = (dl_host_mdev){ 0 };
		for (int i = 0; i < 36; i++)
			m->uuid[i] = (char)tolower((unsigned char)e->d_name[i]);
		char *abs = xasprintf("/sys/bus/mdev/devices/%s/mdev_type/device_api", e->d_name);
		m->device_api = dl_host_read(host, abs);
		free(abs);
		abs = xasprintf("/sys/bus/mdev/devices/%s/mdev_type", e->d_name);
		m->type = dl_host_link_base(host, abs);
		free(abs);
		m->parent = parent_of(host, e->d_name);
	}
	closedir(d);
	if (host->nmdev)
		qsort(host->mdev, host->nmdev, sizeof *host->mdev, by_uuid);
}
