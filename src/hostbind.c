/* hostbind.c - the bindings to vfio-pci a host records for its boot: driverctl, modprobe.d ids=, the kernel command line */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostread.h"
#include "xmalloc.h"

static dl_host_bind *add(dl_host *host, dl_host_bind_kind kind, const char *where)
{
	host->binds = xrealloc(host->binds, (host->nbinds + 1) * sizeof *host->binds);
	dl_host_bind *b = &host->binds[host->nbinds++];
	*b = (dl_host_bind){ .kind = kind, .where = xstrdup(where) };
	return b;
}

/* ids=VVVV:DDDD[:...][,...]: vfio-pci takes vendor and device in hex, then optional fields */
static void add_ids(dl_host *host, char *ids, const char *where)
{
	char *save = NULL;
	for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		unsigned int vendor, device;
		int used = 0;
		if (sscanf(id, "%x:%x%n", &vendor, &device, &used) != 2 ||
		    (id[used] != '\0' && id[used] != ':'))
			continue;
		dl_host_bind *b = add(host, DL_HOST_BIND_IDS, where);
		b->vendor_id = vendor;
		b->device_id = device;
	}
}

static bool is_vfio_pci_name(const char *s, size_t n)
{
	return n == 8 && (strncmp(s, "vfio-pci", 8) == 0 || strncmp(s, "vfio_pci", 8) == 0);
}

/* options vfio-pci ids=... */
static void on_options(dl_host *host, const char *file, char *line, void *data)
{
	(void)data;
	char *save = NULL;
	const char *cmd = strtok_r(line, " \t", &save);
	const char *mod = strtok_r(NULL, " \t", &save);
	if (!cmd || !mod || strcmp(cmd, "options") != 0 || !is_vfio_pci_name(mod, strlen(mod)))
		return;
	for (char *opt; (opt = strtok_r(NULL, " \t", &save));)
		if (strncmp(opt, "ids=", 4) == 0)
			add_ids(host, opt + 4, file);
}

/* vfio-pci.ids=... among the words of a kernel command line */
static void cmdline_ids(dl_host *host, char *cmdline, const char *where)
{
	char *save = NULL;
	for (char *w = strtok_r(cmdline, " \t\"", &save); w; w = strtok_r(NULL, " \t\"", &save))
		if (is_vfio_pci_name(w, strcspn(w, ".")) && strncmp(w + 8, ".ids=", 5) == 0)
			add_ids(host, w + 13, where);
}

static void driverctl(dl_host *host)
{
	char *path = dl_host_path(host, "/etc/driverctl.d");
	DIR *d = opendir(path);
	free(path);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (strncmp(e->d_name, "pci-", 4) != 0 || strlen(e->d_name + 4) >= DL_PCI_TEXT_MAX)
			continue;
		char *file = xasprintf("/etc/driverctl.d/%s", e->d_name);
		char *text = dl_host_read(host, file);
		if (text && is_vfio_pci_name(text, strcspn(text, " \t\n"))) {
			dl_host_bind *b = add(host, DL_HOST_BIND_DRIVERCTL, file);
			snprintf(b->address, sizeof b->address, "%s", e->d_name + 4);
		}
		free(text);
		free(file);
	}
	closedir(d);
}

void dl_host_read_binds(dl_host *host)
{
	driverctl(host);
	dl_host_modprobe_lines(host, on_options, NULL);
	static const char *const cmdlines[] = { "/proc/cmdline", "/etc/kernel/cmdline",
						"/etc/default/grub" };
	for (size_t i = 0; i < sizeof cmdlines / sizeof *cmdlines; i++) {
		char *text = dl_host_read(host, cmdlines[i]);
		if (text)
			cmdline_ids(host, text, cmdlines[i]);
		free(text);
	}
}
