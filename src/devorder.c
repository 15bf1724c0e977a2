/* devorder.c - libvirt's device order: the order its address and zPCI fill-in visits devices */
#include "devorder.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

long dl_disk_name_index(const char *name)
{
	static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
	const char *p = NULL;
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0] && !p; i++)
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			p = name + strlen(prefixes[i]);
	if (!p || *p < 'a' || *p > 'z')
		return -1;
	long idx = 0;
	for (int i = 0; *p >= 'a' && *p <= 'z'; p++, i++) {
		if (idx > 0x7fffff) /* libvirt's int overflows here too: such names are not real */
			return -1;
		idx = (idx + (i < 1 ? 0 : 1)) * 26 + (*p - 'a');
	}
	return p[strspn(p, "0123456789")] == '\0' ? idx : -1;
}

int dl_devorder_cmp(const void *a, const void *b)
{
	const dl_device *x = *(const dl_device *const *)a, *y = *(const dl_device *const *)b;
	if (x->order_class != y->order_class)
		return x->order_class < y->order_class ? -1 : 1;
	if (x->order_key != y->order_key)
		return x->order_key < y->order_key ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* libvirt's virDomainDeviceInfoIterateFlags order; the rest (graphics, audio, ...) last. */
static int class_of(dl_dev_kind kind)
{
	static const dl_dev_kind order[] = {
		DL_DEV_DISK,       DL_DEV_INTERFACE,  DL_DEV_SOUND,      DL_DEV_HOSTDEV,
		DL_DEV_VIDEO,      DL_DEV_CONTROLLER, DL_DEV_SMARTCARD,  DL_DEV_SERIAL,
		DL_DEV_PARALLEL,   DL_DEV_CHANNEL,    DL_DEV_CONSOLE,    DL_DEV_INPUT,
		DL_DEV_FILESYSTEM, DL_DEV_WATCHDOG,   DL_DEV_MEMBALLOON, DL_DEV_RNG,
		DL_DEV_NVRAM,      DL_DEV_HUB,        DL_DEV_SHMEM,      DL_DEV_TPM,
		DL_DEV_PANIC,      DL_DEV_MEMORY,     DL_DEV_REDIRDEV,   DL_DEV_IOMMU,
		DL_DEV_VSOCK,      DL_DEV_CRYPTO,
	};
	int n = (int)(sizeof order / sizeof order[0]);
	for (int i = 0; i < n; i++)
		if (order[i] == kind)
			return i;
	return n;
}

static bool same_text(const char *a, const char *b)
{
	return (a ? a : "")[0] == (b ? b : "")[0] && strcmp(a ? a : "", b ? b : "") == 0;
}

/*
 * virDomainDiskInsert, with the bus as written (libvirt fills in a missing bus only later).
 * Inserting each disk before the first disk of its bus with a higher target index, or after
 * the last of its bus, leaves the disks grouped by bus in order of first appearance and sorted
 * by target index within a bus, ties in file order: that sort, in n log n.
 */
typedef struct disk_key {
	size_t bus_rank;
	long name_index;
	size_t dev;
} disk_key;

static int by_disk_key(const void *a, const void *b)
{
	const disk_key *x = a, *y = b;
	if (x->bus_rank != y->bus_rank)
		return x->bus_rank < y->bus_rank ? -1 : 1;
	if (x->name_index != y->name_index)
		return x->name_index < y->name_index ? -1 : 1;
	return x->dev < y->dev ? -1 : x->dev > y->dev;
}

static void order_disks(dl_model *m)
{
	disk_key *keys = xcalloc(m->ndevices + 1, sizeof *keys);
	const char **buses = NULL;
	size_t n = 0, nbuses = 0, cap = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		if (d->kind != DL_DEV_DISK || d->implicit)
			continue;
		size_t rank = 0;
		while (rank < nbuses && !same_text(buses[rank], d->disk_bus_given))
			rank++;
		if (rank == nbuses) {
			xgrow((void **)&buses, &cap, nbuses + 1, sizeof *buses);
			buses[nbuses++] = d->disk_bus_given;
		}
		keys[n++] = (disk_key){ rank, dl_disk_name_index(d->disk_dev), i };
	}
	qsort(keys, n, sizeof *keys, by_disk_key);
	for (size_t k = 0; k < n; k++)
		m->devices[keys[k].dev].order_key = k;
	free(buses);
	free(keys);
}

static bool is_usb_companion(const dl_device *c)
{
	const char *model = c->model;
	return (c->type && strcmp(c->type, "usb") == 0 &&
		(dl_doc_child(c->node, "master") ||
		 (model && strncmp(model, "ich9-uhci", 9) == 0)));
}

/*
 * virDomainControllerInsertPreAlloced puts a controller before the first one of its type with a
 * higher index (a master before its companions at the same index), or else after the last one
 * of its type; one without index just after the last of its type. So the types stay grouped in
 * order of first appearance, those with an index stay sorted by it, and one without index ends
 * up right behind the highest index written before it (every later one with a lower index goes
 * in front of that one, every other after it). That sort, in n log n.
 */
typedef struct ctrl_key {
	size_t type_rank;
	long index;    /* the written index; for one without, the highest written before it */
	int companion; /* a USB companion after its master */
	size_t dev;    /* arrival: the file order */
} ctrl_key;

static int by_ctrl_key(const void *a, const void *b)
{
	const ctrl_key *x = a, *y = b;
	if (x->type_rank != y->type_rank)
		return x->type_rank < y->type_rank ? -1 : 1;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if (x->companion != y->companion)
		return x->companion - y->companion;
	return x->dev < y->dev ? -1 : x->dev > y->dev;
}

static void order_controllers(dl_model *m)
{
	ctrl_key *keys = xcalloc(m->ndevices + 1, sizeof *keys);
	struct type_seen {
		const char *type;
		long max_index;
	} *types = NULL;
	size_t n = 0, ntypes = 0, cap = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *c = &m->devices[i];
		if (c->kind != DL_DEV_CONTROLLER || c->implicit)
			continue;
		size_t rank = 0;
		while (rank < ntypes && !same_text(types[rank].type, c->type))
			rank++;
		if (rank == ntypes) {
			xgrow((void **)&types, &cap, ntypes + 1, sizeof *types);
			types[ntypes++] = (struct type_seen){ c->type, -1 };
		}
		long index = c->ctrl_idx >= 0 ? c->ctrl_idx : types[rank].max_index;
		if (c->ctrl_idx > types[rank].max_index)
			types[rank].max_index = c->ctrl_idx;
		keys[n++] = (ctrl_key){ rank, index, c->ctrl_idx >= 0 && is_usb_companion(c), i };
	}
	qsort(keys, n, sizeof *keys, by_ctrl_key);
	for (size_t k = 0; k < n; k++)
		m->devices[keys[k].dev].order_key = k;
	free(types);
	free(keys);
}

void dl_devorder_apply(dl_model *m)
{
	bool primary_seen = false;
	for (size_t i = 0; i < m->ndevices; i++) {
		dl_device *dev = &m->devices[i];
		dev->order_class = class_of(dev->kind);
		dev->order_key = dev->index + 1;
		if (dev->implicit)
			continue;
		if (dev->kind == DL_DEV_VIDEO && dev->primary && !primary_seen) {
			primary_seen = true;
			dev->order_key = 0; /* libvirt inserts the primary video at the front */
		}
	}
	order_disks(m);
	order_controllers(m);
}
