/* hostpci.c - the host's PCI functions for --host, through libpci reading ROOT/sys (as lspci -D would) */
#include <dirent.h>
#include <errno.h>
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hostread.h"
#include "xmalloc.h"

/*
 * libpci reports a fatal error through a callback that must not return (it goes on with what it
 * failed to open): the callback leaves through this jump, keeping the message. The host is
 * loaded once, from one thread, before any linting starts.
 */
static jmp_buf pci_fatal;
static char pci_fatal_msg[512];

static void pci_on_error(char *msg, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void pci_on_error(char *msg, ...)
{
	va_list ap;
	va_start(ap, msg);
	vsnprintf(pci_fatal_msg, sizeof pci_fatal_msg, msg, ap);
	va_end(ap);
	longjmp(pci_fatal, 1);
}

/* libpci's warnings and debug output are about what it could not read: the checks say what matters */
static void pci_on_warning(char *msg, ...) __attribute__((format(printf, 1, 2)));
static void pci_on_warning(char *msg, ...)
{
	(void)msg;
}

static unsigned int hex_attr(const dl_host *host, const char *dev, const char *name, bool *ok)
{
	char *abs = xasprintf("/sys/bus/pci/devices/%s/%s", dev, name);
	char *text = dl_host_read(host, abs);
	free(abs);
	*ok = false;
	unsigned long v = 0;
	if (text && *text) {
		char *end;
		errno = 0;
		v = strtoul(text, &end, 0);
		*ok = errno == 0 && *end == '\0' && v <= 0xffffffffUL;
	}
	free(text);
	return *ok ? (unsigned int)v : 0;
}

/* What libpci does not read: driver_override, config, the s390x zPCI attributes. */
static void read_attrs(const dl_host *host, dl_host_pci *p)
{
	char *abs = xasprintf("/sys/bus/pci/devices/%s/driver_override", p->text);
	char *ov = dl_host_read(host, abs);
	free(abs);
	if (ov && *ov && strcmp(ov, "(null)") != 0)
		p->driver_override = ov;
	else
		free(ov);
	abs = xasprintf("/sys/bus/pci/devices/%s/config", p->text);
	p->has_config = dl_host_exists(host, abs, false);
	free(abs);
	bool ok;
	p->uid = hex_attr(host, p->text, "uid", &ok);
	p->zpci = ok;
	unsigned int unique = hex_attr(host, p->text, "uid_is_unique", &ok);
	p->uid_unique = !ok ? DL_HOST_UNKNOWN : unique ? DL_HOST_YES : DL_HOST_NO;
	p->fid = hex_attr(host, p->text, "function_id", &p->fid_known);
}

static int by_address(const void *a, const void *b)
{
	const dl_host_pci *x = a, *y = b;
	const unsigned int kx[4] = { x->domain, x->bus, x->slot, x->function };
	const unsigned int ky[4] = { y->domain, y->bus, y->slot, y->function };
	for (int i = 0; i < 4; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return 0;
}

static void fill(dl_host *host, struct pci_access *pacc, struct pci_dev *d, dl_host_pci *p)
{
	pci_fill_info(d, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_DRIVER | PCI_FILL_IOMMU_GROUP);
	*p = (dl_host_pci){ .domain = (unsigned int)d->domain,
			    .bus = d->bus,
			    .slot = d->dev,
			    .function = d->func,
			    .vendor_id = d->vendor_id,
			    .device_id = d->device_id,
			    .class_id = d->device_class,
			    .iommu_group = -1 };
	snprintf(p->text, sizeof p->text, "%04x:%02x:%02x.%u", p->domain, p->bus, p->slot,
		 p->function);
	char name[512];
	const char *n = pci_lookup_name(pacc, name, sizeof name,
					PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE, d->vendor_id,
					d->device_id);
	p->name = xstrdup(n ? n : "unknown device");
	const char *drv = pci_get_string_property(d, PCI_FILL_DRIVER);
	p->driver = drv ? xstrdup(drv) : NULL;
	const char *group = pci_get_string_property(d, PCI_FILL_IOMMU_GROUP);
	if (group) {
		char *end;
		long g = strtol(group, &end, 10);
		if (*group && *end == '\0' && g >= 0 && g <= 0x7fffffff)
			p->iommu_group = (int)g;
	}
	read_attrs(host, p);
}

/*
 * libpci opens vendor, device and class of each function blocking: a FIFO or a device there
 * (a hostile copy of a host; sysfs has none) would hang the run. NULL, or the one found.
 */
static char *not_regular(DIR *dir, const char *devices)
{
	static const char *const attrs[] = { "vendor", "device", "class" };
	for (struct dirent *e; (e = readdir(dir));) {
		if (e->d_name[0] == '.')
			continue;
		for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++) {
			char *path = xasprintf("%s/%s/%s", devices, e->d_name, attrs[i]);
			struct stat st;
			if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
				return path;
			free(path);
		}
	}
	return NULL;
}

int dl_host_read_pci(dl_host *host, char **error)
{
	char *sysfs = dl_host_path(host, "/sys/bus/pci");
	char *devices = xasprintf("%s/devices", sysfs);
	DIR *dir = opendir(devices);
	if (!dir) {
		*error = xasprintf("cannot read %s: %s", devices, strerror(errno));
		free(devices);
		free(sysfs);
		return -1;
	}
	char *odd = not_regular(dir, devices);
	closedir(dir);
	free(devices);
	if (odd) {
		*error = xasprintf("%s is not a regular file", odd);
		free(odd);
		free(sysfs);
		return -1;
	}
	struct pci_access *volatile pacc = pci_alloc();
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	pacc->error = pci_on_error;
	pacc->warning = pci_on_warning;
	pacc->debug = pci_on_warning;
	/* names from the local pci.ids only: no DNS, no cache file in $HOME, no udev hwdb */
	pacc->id_lookup_mode = PCI_LOOKUP_NO_HWDB;
	pci_set_param(pacc, "sysfs.path", sysfs);
	if (setjmp(pci_fatal)) {
		*error = xasprintf("cannot read the host's PCI devices under %s: %s", sysfs,
				   pci_fatal_msg);
		free(sysfs);
		/* what libpci held when it failed is left: the run stops here */
		return -1;
	}
	pci_init(pacc);
	pci_scan_bus(pacc);
	size_t n = 0;
	for (struct pci_dev *d = pacc->devices; d; d = d->next)
		n++;
	host->pci = n ? xcalloc(n, sizeof *host->pci) : NULL;
	for (struct pci_dev *d = pacc->devices; d; d = d->next)
		fill(host, pacc, d, &host->pci[host->npci++]);
	pci_cleanup(pacc);
	free(sysfs);
	if (host->npci)
		qsort(host->pci, host->npci, sizeof *host->pci, by_address);
	return 0;
}
