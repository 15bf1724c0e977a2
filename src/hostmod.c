/* hostmod.c - is vfio-pci there on the host (loaded, built in, installed), and is it blacklisted */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "hostread.h"
#include "xmalloc.h"

/* Is the module path (before a modules.dep ':' or a modules.builtin line) vfio-pci's? */
static bool is_vfio_pci(const char *path, size_t len)
{
	const char *base = path;
	for (size_t i = 0; i < len; i++)
		if (path[i] == '/')
			base = path + i + 1;
	size_t blen = (size_t)(path + len - base);
	/* vfio-pci.ko, or compressed: vfio-pci.ko.xz, .ko.zst, .ko.gz */
	return blen >= 11 && strncmp(base, "vfio-pci.ko", 11) == 0 &&
	       (blen == 11 || base[11] == '.');
}

/* Does the module list name vfio-pci? -1 when it cannot be read. */
static int list_has(const dl_host *host, const char *abs, char end)
{
	char *text = dl_host_read(host, abs);
	if (!text)
		return -1;
	int found = 0;
	for (const char *line = text; *line && !found;) {
		size_t len = strcspn(line, "\n");
		const char *stop = memchr(line, end, len);
		found = is_vfio_pci(line, stop ? (size_t)(stop - line) : len);
		line += len + (line[len] == '\n');
	}
	free(text);
	return found;
}

/* The kernel release: the running one's, or the one kernel whose modules a copy holds. */
static char *kernel_release(const dl_host *host, const char **modules)
{
	static const char *const dirs[] = { "/lib/modules", "/usr/lib/modules" };
	char *release = dl_host_read(host, "/proc/sys/kernel/osrelease");
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char *path = dl_host_path(host, dirs[i]);
		DIR *d = opendir(path);
		free(path);
		if (!d)
			continue;
		*modules = dirs[i];
		if (release) {
			closedir(d);
			return release;
		}
		char *only = NULL;
		size_t n = 0;
		for (struct dirent *e; (e = readdir(d));) {
			if (e->d_name[0] == '.')
				continue;
			if (n++ == 0)
				only = xstrdup(e->d_name);
		}
		closedir(d);
		if (n == 1)
			return only;
		free(only);
		return NULL;
	}
	return release;
}

static void on_blacklist(dl_host *host, const char *file, char *line, void *data)
{
	(void)data;
	char *save = NULL;
	const char *cmd = strtok_r(line, " \t", &save);
	char *mod = strtok_r(NULL, " \t", &save);
	if (!cmd || !mod || strcmp(cmd, "blacklist") != 0 || host->vfio_pci_blacklist)
		return;
	for (char *c = mod; *c; c++)
		if (*c == '-')
			*c = '_'; /* modprobe treats - and _ in module names alike */
	if (strcmp(mod, "vfio_pci") == 0)
		host->vfio_pci_blacklist = xstrdup(file);
}

/* modprobe.blacklist=a,b on the kernel command line blacklists as the files do */
static void cmdline_blacklist(dl_host *host)
{
	char *cmdline = dl_host_cmdline(host);
	char *save = NULL;
	for (char *w = cmdline ? strtok_r(cmdline, " \t", &save) : NULL;
	     w && !host->vfio_pci_blacklist; w = strtok_r(NULL, " \t", &save)) {
		if (strncmp(w, "modprobe.blacklist=", 19) != 0)
			continue;
		char *save2 = NULL;
		for (char *m = strtok_r(w + 19, ",", &save2); m; m = strtok_r(NULL, ",", &save2))
			if (strcmp(m, "vfio_pci") == 0 || strcmp(m, "vfio-pci") == 0)
				host->vfio_pci_blacklist = xstrdup("/proc/cmdline");
	}
	free(cmdline);
}

void dl_host_read_modules(dl_host *host)
{
	dl_host_modprobe_lines(host, on_blacklist, NULL);
	if (!host->vfio_pci_blacklist)
		cmdline_blacklist(host);
	/* libvirt looks for the driver's directory; the module's sysfs entry says the same */
	if (dl_host_exists(host, "/sys/bus/pci/drivers/vfio-pci", true)) {
		host->vfio_pci = DL_HOST_YES;
		host->vfio_pci_loaded = true;
		host->vfio_pci_where = xstrdup("/sys/bus/pci/drivers/vfio-pci");
	} else if (dl_host_exists(host, "/sys/module/vfio_pci", true)) {
		host->vfio_pci = DL_HOST_YES;
		host->vfio_pci_loaded = true;
		host->vfio_pci_where = xstrdup("/sys/module/vfio_pci");
	}
	const char *modules = NULL;
	host->kernel = kernel_release(host, &modules);
	if (host->vfio_pci == DL_HOST_YES || !host->kernel || !modules)
		return;
	char *builtin = xasprintf("%s/%s/modules.builtin", modules, host->kernel);
	char *dep = xasprintf("%s/%s/modules.dep", modules, host->kernel);
	int in_builtin = list_has(host, builtin, '\n');
	int in_dep = list_has(host, dep, ':');
	if (in_builtin > 0) {
		host->vfio_pci = DL_HOST_YES;
		host->vfio_pci_loaded = true;
		host->vfio_pci_where = builtin;
		builtin = NULL;
	} else if (in_dep > 0) {
		host->vfio_pci = DL_HOST_YES;
		host->vfio_pci_where = dep;
		dep = NULL;
	} else if (in_dep == 0) {
		host->vfio_pci = DL_HOST_NO;
	}
	free(builtin);
	free(dep);
}
