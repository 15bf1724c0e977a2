/* hostload.c - dl_host_load: a host's root read part by part (PCI, IOMMU, modules, mdevs, bindings) */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "hostread.h"
#include "xmalloc.h"

/* Does the directory under the root hold anything? */
static bool has_entries(const dl_host *host, const char *abs)
{
	char *path = dl_host_path(host, abs);
	DIR *d = opendir(path);
	free(path);
	if (!d)
		return false;
	bool any = false;
	for (struct dirent *e; !any && (e = readdir(d));)
		any = strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return any;
}

int dl_host_load(const char *root, dl_host **out, char **error)
{
	dl_host *host = xcalloc(1, sizeof *host);
	host->root = xstrdup(root && *root ? root : "/");
	if (dl_host_read_pci(host, error) < 0) {
		dl_host_free(host);
		*out = NULL;
		return -1;
	}
	/* qemuHostdevHostSupportsPassthroughVFIO: a group, and the container device */
	host->iommu_groups = has_entries(host, "/sys/kernel/iommu_groups");
	host->vfio_dev = dl_host_exists(host, "/dev/vfio/vfio", false);
	dl_host_read_modules(host);
	dl_host_read_mdevs(host);
	dl_host_read_binds(host);
	*out = host;
	return 0;
}
