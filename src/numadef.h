/* numadef.h - what libvirt reads of guest NUMA: <cpu><numa> cells, node sets, and scaled memory sizes */
#ifndef DL_NUMADEF_H
#define DL_NUMADEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

/* VIR_DOMAIN_CPUMASK_LEN: the largest node or CPU set libvirt parses. */
#define DL_NODESET_LEN 1024

typedef struct dl_nodeset {
	uint64_t bits[DL_NODESET_LEN / 64];
} dl_nodeset;

/*
 * Parse a node or CPU list as libvirt's virBitmapParse does ("0-3,^2,5"): false when libvirt
 * refuses its syntax or a number at or above DL_NODESET_LEN.
 */
bool dl_nodeset_parse(const char *s, dl_nodeset *out);
/* The first member at or above from, or -1. */
int dl_nodeset_next(const dl_nodeset *set, int from);
/* Do a and b share a member? */
bool dl_nodeset_overlaps(const dl_nodeset *a, const dl_nodeset *b);

/* The guest NUMA cells: the <cell> children of the first <cpu>'s first <numa>. */
typedef struct dl_numa {
	const xmlNode *numa; /* <cpu><numa>, NULL when absent */
	size_t ncells;       /* its <cell> elements (libvirt's virDomainNumaGetNodeCount) */
} dl_numa;

dl_numa dl_numa_of(const xmlNode *root);

/*
 * A size as libvirt's virDomainParseMemory reads it: a base-10 value (leading blanks, an optional
 * '+') scaled by unit (b, KB, KiB, k, MiB... any case; absent: KiB), in KiB rounded up. False
 * when libvirt refuses the value or the unit.
 */
bool dl_mem_parse(const char *value, const char *unit, unsigned long long *kib);

#endif
