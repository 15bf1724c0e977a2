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
		DL_DEV_DISK,	   DL_DEV_INTERFACE,  DL_DEV_SOUND,	DL_DEV_HOSTDEV,	  DL_DEV_VIDEO,
		DL_DEV_CONTROLLER, DL_DEV_SMARTCARD,  DL_DEV_SERIAL,	DL_DEV_PARALLEL,  DL_DEV_CHANNEL,
		DL_DEV_CONSOLE,	   DL_DEV_INPUT,      DL_DEV_FILESYSTEM, DL_DEV_WATCHDOG, DL_DEV_MEMBALLOON,
		DL_DEV_RNG,	   DL_DEV_NVRAM,      DL_DEV_HUB,	DL_DEV_SHMEM,	  DL_DEV_TPM,
		DL_DEV_PANIC,	   DL_DEV_MEMORY,     DL_DEV_REDIRDEV,	DL_DEV_IOMMU,	  DL_DEV_VSOCK,
		DL_DEV_CRYPTO,
	};
	int n = (int)(sizeof order / sizeof order[0]);
	for (int i = 0; i < n; i++)
		if (order[i] == kind)
			return i;
	return n;
}

/* A list of device indexes being built by insertion, as libvirt builds its arrays. */
typedef struct seq {
	size_t *v;
	size_t n, cap;
} seq;

static void seq_insert(seq *s, size_t at, size_t dev)
{
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof *s->v);
	s->v[at] = dev;
	s->n++;
}

static bool same_text(const char *a, const char *b)
{
	return (a ? a : "")[0] == (b ? b : "")[0] && strcmp(a ? a : "", b ? b : "") == 0;
}

/* virDomainDiskInsert, with the bus as written: libvirt fills in a missing bus only later. */
static void insert_disk(const dl_model *m, seq *s, size_t d, const char *const *bus, const long *key)
{
	long mine = key[d];
	long at = -1;
	for (long i = (long)s->n - 1; i >= 0; i--) {
		size_t o = s->v[i];
		if (!same_text(bus[o], bus[d]))
			continue;
		if (m->devices[o].disk_dev && m->devices[d].disk_dev && key[o] > mine)
			at = i;
		else if (at == -1)
			at = i + 1;
	}
	seq_insert(s, at < 0 ? s->n : (size_t)at, d);
}

static bool is_usb_companion(const dl_device *c)
{
	const char *model = c->model;
	return (c->type && strcmp(c->type, "usb") == 0 &&
		(dl_doc_child(c->node, "master") ||
		 (model && strncmp(model, "ich9-uhci", 9) == 0)));
}

/* virDomainControllerInsertPreAlloced: an index-less one goes just past its type's last. */
static void insert_controller(const dl_model *m, seq *s, size_t d)
{
	const dl_device *c = &m->devices[d];
	long at = -1;
	for (long i = (long)s->n - 1; i >= 0; i--) {
		const dl_device *cur = &m->devices[s->v[i]];
		if (!same_text(cur->type, c->type))
			continue;
		if (c->ctrl_idx == -1) {
			at = i + 1;
			break;
		}
		if (cur->ctrl_idx > c->ctrl_idx)
			at = i;
		else if (!is_usb_companion(c) && is_usb_companion(cur) && cur->ctrl_idx == c->ctrl_idx)
			at = i;
		else if (at == -1)
			at = i + 1;
	}
	seq_insert(s, at < 0 ? s->n : (size_t)at, d);
}

void dl_devorder_apply(dl_model *m)
{
	seq disks = { NULL, 0, 0 }, controllers = { NULL, 0, 0 };
	const char **bus = xcalloc(m->ndevices ? m->ndevices : 1, sizeof *bus);
	long *key = xcalloc(m->ndevices ? m->ndevices : 1, sizeof *key);
	bool primary_seen = false;
	for (size_t i = 0; i < m->ndevices; i++) {
		dl_device *dev = &m->devices[i];
		dev->order_class = class_of(dev->kind);
		dev->order_key = dev->index + 1;
		if (dev->implicit)
			continue;
		if (dev->kind == DL_DEV_DISK) {
			bus[i] = dev->disk_bus_given;
			key[i] = dl_disk_name_index(dev->disk_dev);
			insert_disk(m, &disks, i, bus, key);
		} else if (dev->kind == DL_DEV_CONTROLLER) {
			insert_controller(m, &controllers, i);
		} else if (dev->kind == DL_DEV_VIDEO && dev->primary && !primary_seen) {
			primary_seen = true;
			dev->order_key = 0; /* libvirt inserts the primary video at the front */
		}
	}
	for (size_t i = 0; i < disks.n; i++)
		m->devices[disks.v[i]].order_key = i;
	for (size_t i = 0; i < controllers.n; i++)
		m->devices[controllers.v[i]].order_key = i;
	free(disks.v);
	free(controllers.v);
	free(bus);
	free(key);
}
