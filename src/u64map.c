/* u64map.c - open-addressing hash map from 64-bit keys to indexes, so duplicate checks stay linear */
#include "u64map.h"

#include <stdlib.h>

#include "xmalloc.h"

void dl_u64map_init(dl_u64map *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->count = 0;
}

void dl_u64map_release(dl_u64map *m)
{
	free(m->slots);
	dl_u64map_init(m);
}

static size_t slot_of(uint64_t key, size_t cap)
{
	/* splitmix64 finaliser: PCI keys differ in few bits */
	key ^= key >> 30;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 27;
	key *= 0x94d049bb133111ebULL;
	key ^= key >> 31;
	return (size_t)key & (cap - 1);
}

const size_t *dl_u64map_get(const dl_u64map *m, uint64_t key)
{
	if (m->cap == 0)
		return NULL;
	for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		const dl_u64map_slot *s = &m->slots[i];
		if (!s->used)
			return NULL;
		if (s->key == key)
			return &s->value;
	}
}

static void rehash(dl_u64map *m, size_t cap)
{
	dl_u64map old = *m;
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	m->count = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].used)
			dl_u64map_add(m, old.slots[i].key, old.slots[i].value);
	free(old.slots);
}

bool dl_u64map_add(dl_u64map *m, uint64_t key, size_t value)
{
	if ((m->count + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 16);
	size_t i = slot_of(key, m->cap);
	for (; m->slots[i].used; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].key == key)
			return false;
	m->slots[i] = (dl_u64map_slot){ key, value, true };
	m->count++;
	return true;
}
