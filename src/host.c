/* host.c - the host --host checks against: looking its functions, groups, mdevs and bindings up */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "host.h"
#include "xmalloc.h"

void dl_host_free(dl_host *host)
{
	if (!host)
		return;
	for (size_t i = 0; i < host->npci; i++) {
		free(host->pci[i].name);
		free(host->pci[i].driver);
		free(host->pci[i].driver_override);
	}
	free(host->pci);
	for (size_t i = 0; i < host->nmdev; i++) {
		free(host->mdev[i].device_api);
		free(host->mdev[i].type);
		free(host->mdev[i].parent);
	}
	free(host->mdev);
	for (size_t i = 0; i < host->nbinds; i++)
		free(host->binds[i].where);
	free(host->binds);
	free(host->vfio_pci_where);
	free(host->vfio_pci_blacklist);
	free(host->kernel);
	free(host->root);
	free(host);
}

const dl_host_pci *dl_host_pci_find(const dl_host *host, unsigned int domain, unsigned int bus,
				    unsigned int slot, unsigned int function)
{
	size_t lo = 0, hi = host->npci;
	unsigned long long key = (unsigned long long)domain << 24 | bus << 16 | slot << 8 |
				 function;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const dl_host_pci *p = &host->pci[mid];
		unsigned long long k = (unsigned long long)p->domain << 24 | p->bus << 16 |
				       p->slot << 8 | p->function;
		if (k == key)
			return p;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The address as 13 hex digits, domain to function, for comparing digit by digit. */
static void digits(char out[14], unsigned int domain, unsigned int bus, unsigned int slot,
		   unsigned int function)
{
	static const char hex[] = "0123456789abcdef";
	unsigned long long v = (unsigned long long)(domain & 0xffffffu) << 28 |
			       (bus & 0xffu) << 20 | (slot & 0xffu) << 12 | (function & 0xfffu);
	for (int i = 12; i >= 0; i--, v >>= 4)
		out[i] = hex[v & 0xf];
	out[13] = '\0';
}

/* A typo: one digit wrong, or two neighbours swapped. */
static bool one_typo(const char *a, const char *b)
{
	int diff[3], n = 0;
	for (int i = 0; a[i]; i++)
		if (a[i] != b[i]) {
			if (n == 2)
				return false;
			diff[n++] = i;
		}
	return n == 1 || (n == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] &&
			  a[diff[1]] == b[diff[0]]);
}

const dl_host_pci *dl_host_pci_nearest(const dl_host *host, unsigned int domain, unsigned int bus,
				       unsigned int slot, unsigned int function)
{
	char want[14], have[14];
	digits(want, domain, bus, slot, function);
	for (size_t i = 0; i < host->npci; i++) {
		const dl_host_pci *p = &host->pci[i];
		digits(have, p->domain, p->bus, p->slot, p->function);
		if (one_typo(want, have))
			return p;
	}
	return NULL;
}

const dl_host_pci *dl_host_group_member(const dl_host *host, const dl_host_pci *p, size_t *i)
{
	if (p->iommu_group < 0)
		return NULL;
	for (; *i < host->npci; (*i)++) {
		const dl_host_pci *q = &host->pci[*i];
		if (q != p && q->iommu_group == p->iommu_group) {
			(*i)++;
			return q;
		}
	}
	return NULL;
}

const dl_host_mdev *dl_host_mdev_find(const dl_host *host, const char *uuid)
{
	for (size_t lo = 0, hi = host->nmdev; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(host->mdev[mid].uuid, uuid);
		if (c == 0)
			return &host->mdev[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const dl_host_bind *dl_host_binding(const dl_host *host, const dl_host_pci *p)
{
	for (size_t i = 0; i < host->nbinds; i++) {
		const dl_host_bind *b = &host->binds[i];
		if (b->kind == DL_HOST_BIND_DRIVERCTL ?
			    strcasecmp(b->address, p->text) == 0 :
			    b->vendor_id == p->vendor_id && b->device_id == p->device_id)
			return b;
	}
	return NULL;
}

bool dl_host_driver_vfio_safe(const char *driver)
{
	if (!driver)
		return true;
	size_t n = strlen(driver);
	/* vfio-pci and its variant drivers (mlx5_vfio_pci, hisi_acc_vfio_pci, ...) */
	if (strcmp(driver, "vfio-pci") == 0 ||
	    (n > 9 && (strcmp(driver + n - 9, "_vfio_pci") == 0 ||
		       strcmp(driver + n - 9, "-vfio-pci") == 0)))
		return true;
	return strcmp(driver, "pci-stub") == 0 || strcmp(driver, "pcieport") == 0;
}
