/* diskdef.h - what a <disk> says of its storage: source type, path, format and the backing chain */
#ifndef DL_DISKDEF_H
#define DL_DISKDEF_H

#include <stdbool.h>

#include "doc.h"

/* One storage source of a disk's chain: the disk itself, or one of its <backingStore>s. */
typedef struct dl_storage_src {
	const xmlNode *holder; /* <disk> or <backingStore>; borrowed */
	const xmlNode *source; /* its <source>; NULL when absent */
	/* The storage type as libvirt reads it: the type attribute ("file" when absent, and
	 * for a disk without <source>). */
	const char *type;
	/* The image format as written: <driver type> of a disk, <format type> of a backing
	 * store; NULL when absent. format_node is the element that carries it. */
	const char *format;
	const xmlNode *format_node;
	const char *protocol; /* <source protocol> of a network source; NULL when absent */
	/* <auth> and <encryption>: the one inside <source>, and the one beside it (a disk's) */
	const xmlNode *src_auth, *own_auth;
	const xmlNode *src_encryption, *own_encryption;
} dl_storage_src;

/* The disk's own source (its first element of the chain). */
void dl_storage_src_disk(dl_doc *doc, const xmlNode *disk, dl_storage_src *out);
/* The next source of the chain after cur: its <backingStore type=...>; false at the end. */
bool dl_storage_src_next(dl_doc *doc, const dl_storage_src *cur, dl_storage_src *out);
/* The image format libvirt uses: the one written, else "raw" for a disk (qemu's default) that
 * is not of type volume; NULL when unknown. */
const char *dl_storage_src_format(const dl_storage_src *s);
/* virDomainDiskGetSource: the path of the source (file, dev, dir, name, path by type); NULL
 * when it has none. */
const char *dl_storage_src_path(dl_doc *doc, const dl_storage_src *s);
/* The <auth> and <encryption> libvirt keeps: the one in <source>, else the one beside it. */
const xmlNode *dl_storage_src_auth(const dl_storage_src *s);
const xmlNode *dl_storage_src_encryption(const dl_storage_src *s);

#endif
