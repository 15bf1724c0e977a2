/* hostread.h - the parts of dl_host_load, each reading one corner of a host's root, and the file reads they share */
#ifndef DL_HOSTREAD_H
#define DL_HOSTREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "host.h"

/* ROOT joined with a host-absolute path ("/sys/bus/pci"); caller frees. */
char *dl_host_path(const dl_host *host, const char *abs);
/*
 * The text of a small file under the root (host-absolute path), at most 64 KiB, with trailing
 * blanks cut; NULL when it is not a readable regular file. Caller frees.
 */
char *dl_host_read(const dl_host *host, const char *abs);
/* The last part of where the symlink at the host-absolute path points; NULL when not a link. */
char *dl_host_link_base(const dl_host *host, const char *abs);
/* Is there something at the host-absolute path (a link is followed)? A directory, when dir. */
bool dl_host_exists(const dl_host *host, const char *abs, bool dir);

/*
 * Call fn for each line of every modprobe configuration file (/etc, /run, /usr/lib and /lib
 * modprobe.d/NAME.conf, in that order), with the file's host-absolute name; comments are cut.
 */
typedef void dl_host_line_fn(dl_host *host, const char *file, char *line, void *data);
void dl_host_modprobe_lines(dl_host *host, dl_host_line_fn *fn, void *data);
/* The kernel command line the host booted with (/proc/cmdline), or NULL; caller frees. */
char *dl_host_cmdline(const dl_host *host);

/* The parts: PCI functions through libpci (0, or -1 with *error set), modules, mdevs, bindings. */
int dl_host_read_pci(dl_host *host, char **error);
void dl_host_read_modules(dl_host *host);
void dl_host_read_mdevs(dl_host *host);
void dl_host_read_binds(dl_host *host);

#endif
