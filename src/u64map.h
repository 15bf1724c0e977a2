/* u64map.h - open-addressing hash map from 64-bit keys to indexes, so duplicate checks stay linear */
#ifndef DL_U64MAP_H
#define DL_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dl_u64map_slot {
	uint64_t key;
	size_t value;
	bool used;
} dl_u64map_slot;

typedef struct dl_u64map {
	dl_u64map_slot *slots; /* one allocation: maps are made per file, so this is hot */
	size_t cap;            /* a power of two, or 0 */
	size_t count;
} dl_u64map;

void dl_u64map_init(dl_u64map *m);
void dl_u64map_release(dl_u64map *m);
/* Looks key up: the stored value, or NULL. Borrowed until the next insert. */
const size_t *dl_u64map_get(const dl_u64map *m, uint64_t key);
/* Inserts key -> value unless key is present; returns false when it was already there. */
bool dl_u64map_add(dl_u64map *m, uint64_t key, size_t value);

#endif
