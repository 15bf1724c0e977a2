/* cpudef.h - what libvirt reads of a guest's CPUs and threads: <cpu> mode and topology, <vcpu> counts, iothread ids */
#ifndef DL_CPUDEF_H
#define DL_CPUDEF_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "doc.h"
#include "numadef.h"

typedef struct dl_cpudef {
	const xmlNode *cpu; /* the first <cpu>, NULL when absent */
	const char *mode;   /* its mode, "custom" when absent (libvirt's default) */
	/* <topology>: all of sockets, cores and threads given as libvirt's base-10 numbers */
	bool topology;
	unsigned int sockets, threads;
	/* <vcpu>: its count (the maximum) and current (the count when absent); valid when known */
	bool vcpus_known;
	unsigned int vcpus_max, vcpus_current;
	const xmlNode *vcpu; /* <vcpu>, NULL when absent */
} dl_cpudef;

dl_cpudef dl_cpudef_of(dl_doc *doc, const xmlNode *root);

/*
 * The iothread ids libvirt gives the domain (virDomainDefParseIOThreads): the ids of
 * <iothreadids>, then the lowest free ones from 1 up to the <iothreads> count. False when
 * libvirt refuses them (its own complaint) or an id is beyond DL_NODESET_LEN.
 */
bool dl_iothread_ids(dl_doc *doc, const xmlNode *root, dl_nodeset *ids);

#endif
