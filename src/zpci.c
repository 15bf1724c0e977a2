/* zpci.c - predicts the zPCI uid and fid libvirt gives each device (libvirt-semantics.md section 4) */
#include "zpci.h"

#include <stdlib.h>

#include "devorder.h"
#include "u64map.h"
#include "xmalloc.h"

/* One id space (uids or fids): what is reserved, by whom, and the lowest value maybe free. */
typedef struct id_space {
	dl_u64map held;  /* value -> device index */
	uint64_t cursor; /* every value below it is taken: the set only grows */
	uint64_t max;
} id_space;

static bool next_free(id_space *s, unsigned int *value)
{
	while (s->cursor <= s->max && dl_u64map_get(&s->held, s->cursor))
		s->cursor++;
	if (s->cursor > s->max)
		return false;
	*value = (unsigned int)s->cursor;
	return true;
}

static void reserve(id_space *s, dl_model *m, dl_device *dev, dl_zpci_id *id)
{
	const size_t *holder = dl_u64map_get(&s->held, id->value);
	if (holder)
		id->clash = &m->devices[*holder];
	else
		dl_u64map_add(&s->held, id->value, dev->index);
}

static bool uid_valid(const dl_field *f)
{
	return f->num.status == DL_NUM_OK && f->num.value >= DL_ZPCI_UID_MIN &&
	       f->num.value <= DL_ZPCI_UID_MAX;
}

static bool gives_zpci(const dl_device *dev)
{
	return dev->guest.has_zpci && (dev->guest.uid.num.status != DL_NUM_ABSENT ||
				       dev->guest.fid.num.status != DL_NUM_ABSENT);
}

/* The value the file gives, or else the lowest free one, marked automatic; false when none is free. */
static bool take(const dl_field *given, id_space *space, dl_zpci_id *id)
{
	if (given->num.status == DL_NUM_OK) {
		id->value = given->num.value;
		return true;
	}
	id->automatic = true;
	return next_free(space, &id->value);
}

/* Collect pass: the half a <zpci> leaves out is filled before anything else is reserved. */
static void collect(dl_model *m, dl_device *dev, id_space *uids, id_space *fids)
{
	const dl_field *uf = &dev->guest.uid, *ff = &dev->guest.fid;
	bool uid_ok = uf->num.status == DL_NUM_ABSENT || uid_valid(uf);
	bool fid_ok = ff->num.status == DL_NUM_ABSENT || ff->num.status == DL_NUM_OK;
	if (!uid_ok || !fid_ok)
		return; /* libvirt rejects the domain; nothing to predict */
	if (!take(uf, uids, &dev->uid) || !take(ff, fids, &dev->fid))
		return;
	dev->uid.known = dev->fid.known = true;
	reserve(uids, m, dev, &dev->uid);
	reserve(fids, m, dev, &dev->fid);
}

static void assign(dl_model *m, dl_device *dev, id_space *uids, id_space *fids)
{
	if (!next_free(uids, &dev->uid.value) || !next_free(fids, &dev->fid.value))
		return; /* libvirt: "There is no more free uid." */
	dev->uid.known = dev->fid.known = true;
	dev->uid.automatic = dev->fid.automatic = true;
	reserve(uids, m, dev, &dev->uid);
	reserve(fids, m, dev, &dev->fid);
}

void dl_zpci_predict(dl_model *m)
{
	if (m->ndevices == 0)
		return;
	/* only the devices with a PCI address take part: libvirt reserves ids for no others */
	dl_device **order = xmalloc(m->ndevices * sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < m->ndevices; i++)
		if (m->devices[i].pci && !m->devices[i].address_ignored)
			order[n++] = &m->devices[i];
	if (n > 1)
		qsort(order, n, sizeof *order, dl_devorder_cmp);

	id_space uids = { .cursor = DL_ZPCI_UID_MIN, .max = DL_ZPCI_UID_MAX };
	id_space fids = { .cursor = 0, .max = UINT32_MAX };
	dl_u64map_init(&uids.held);
	dl_u64map_init(&fids.held);

	for (size_t i = 0; i < n; i++)
		if (!order[i]->implicit && order[i]->zpci_capable && gives_zpci(order[i]))
			collect(m, order[i], &uids, &fids);
	if (m->s390x) {
		for (size_t i = 0; i < n; i++)
			if (!order[i]->implicit && order[i]->zpci_capable && !gives_zpci(order[i]))
				assign(m, order[i], &uids, &fids);
		for (size_t i = 0; i < n; i++)
			if (order[i]->implicit)
				assign(m, order[i], &uids, &fids);
	}
	dl_u64map_release(&uids.held);
	dl_u64map_release(&fids.held);
	free(order);
}
