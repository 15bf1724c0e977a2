/* disk_invalid.c - disk settings libvirt rejects at define: targets, device='lun', vendor/product, sharing */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/devorder.h"
#include "../src/diskdef.h"
#include "../src/rule.h"
#include "../src/text.h"
#include "../src/xmalloc.h"

#define R DL_RULE_DISK_INVALID

/*
 * virDiskNameParse: a known prefix, lower-case letters, then an optional partition number
 * that does not start with 0 (unless it is "0") and fits an int. Returns the disk's index, -1
 * when the name is refused; *partition is its partition.
 */
static long disk_name_parse(const char *name, long *partition)
{
	static const char *const prefix[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
	const char *p = NULL;
	for (size_t i = 0; !p && i < sizeof prefix / sizeof prefix[0]; i++)
		if (strncmp(name, prefix[i], strlen(prefix[i])) == 0)
			p = name + strlen(prefix[i]);
	if (!p || !islower((unsigned char)*p))
		return -1;
	/* libvirt's int wraps on long names; only the order of short ones matters here */
	unsigned long idx = 0;
	for (size_t i = 0; islower((unsigned char)*p); i++, p++)
		idx = (idx + (i < 1 ? 0 : 1)) * 26 + (unsigned long)(*p - 'a');
	size_t digits = strspn(p, "0123456789");
	if (p[digits])
		return -1;
	*partition = 0;
	if (digits > 1 && *p == '0')
		return -1;
	if (digits) {
		errno = 0;
		long v = strtol(p, NULL, 10);
		if (errno || v > INT_MAX)
			return -1;
		*partition = v;
	}
	return (long)(idx % LONG_MAX);
}

/* virDomainDiskDefValidate: a disk without target dev. */
static void check_missing_target(dl_ctx *ctx, const dl_device *d)
{
	dl_storage_src s;
	dl_storage_src_disk(ctx->doc, d->node, &s);
	char what[512];
	if (dl_text_is(s.type, "volume") && s.source) {
		const char *pool = dl_doc_attr(ctx->doc, s.source, "pool");
		const char *vol = dl_doc_attr(ctx->doc, s.source, "volume");
		snprintf(what, sizeof what, " pool = '%s', volume = '%s'", pool ? pool : "(null)",
			 vol ? vol : "(null)");
	} else {
		const char *path = dl_storage_src_path(ctx->doc, &s);
		snprintf(what, sizeof what, "%s%s", path ? " " : "", path ? path : "");
	}
	dl_report(ctx, R,
		  d->target_node ? dl_doc_attr_loc(ctx->doc, d->target_node, "dev") : d->loc,
		  "the disk has no <target dev>: libvirt refuses it (\"missing target information "
		  "for device%s\")",
		  what);
}

/* qemuValidateDomainDeviceDefDisk: the target name, and no partition in it. */
static void check_target_name(dl_ctx *ctx, const dl_device *d)
{
	long part = 0;
	dl_loc loc = dl_doc_attr_loc(ctx->doc, d->target_node, "dev");
	if (disk_name_parse(d->disk_dev, &part) < 0)
		dl_report(ctx, R, loc,
			  "disk target '%s' is not a disk name QEMU's driver reads (\"invalid disk "
			  "target '%s'\")",
			  d->disk_dev, d->disk_dev);
	else if (part != 0)
		dl_report(ctx, R, loc,
			  "disk target '%s' names a partition; a target is a whole disk (\"invalid "
			  "disk target '%s', partitions can't appear in disk targets\")",
			  d->disk_dev, d->disk_dev);
}

/* virDomainDiskDefSourceLUNValidate: device='lun' needs a block (or network, pool) source. */
static void check_lun(dl_ctx *ctx, const dl_device *d, const dl_storage_src *s)
{
	if (!dl_text_is(d->disk_device, "lun"))
		return;
	if (dl_text_is(s->type, "block") || dl_text_is(s->type, "network") ||
	    dl_text_is(s->type, "volume"))
		return;
	dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->node, "device"),
		  "device='lun' passes a host block device through, but the source is of type "
		  "'%s' (\"disk device='lun' is only valid for block type disk source\")",
		  s->type);
}

static bool has_text(const xmlNode *n)
{
	if (!n)
		return false;
	char *t = (char *)xmlNodeGetContent(n);
	bool r = t && *t;
	xmlFree(t);
	return r;
}

/* qemuValidateDomainDeviceDefDiskFrontend: vendor and product are SCSI inquiry data. */
static void check_vendor_product(dl_ctx *ctx, const dl_device *d)
{
	if (dl_text_is(d->disk_bus, "scsi"))
		return;
	const xmlNode *v = dl_doc_child(d->node, "vendor");
	const xmlNode *p = dl_doc_child(d->node, "product");
	const xmlNode *at = has_text(v) ? v : has_text(p) ? p : NULL;
	if (at)
		dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, at),
			  "<%s> is given for a disk on bus '%s'; only SCSI disks have a vendor and "
			  "product (\"Only scsi disk supports vendor and product\")",
			  (const char *)at->name, d->disk_bus ? d->disk_bus : "");
}

/* qemuValidateDomainDeviceDefDisk: <shareable/> needs a raw image unless read-only. */
static void check_shared(dl_ctx *ctx, const dl_device *d, const dl_storage_src *s)
{
	const xmlNode *sh = dl_doc_child(d->node, "shareable");
	if (!sh || dl_doc_child(d->node, "readonly"))
		return;
	const char *fmt = dl_storage_src_format(s);
	if (!fmt || dl_text_is(fmt, "raw") || dl_text_is(fmt, "none"))
		return;
	dl_diag *
		diag = dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, sh),
				 "disk '%s' is shared, but its format '%s' is not raw (\"shared "
				 "access for disk '%s' requires use of supported storage format\")",
				 d->disk_dev, fmt, d->disk_dev);
	dl_diag_relate(diag, dl_doc_attr_loc(ctx->doc, s->format_node, "type"),
		       "the format is given here");
}

/* A disk with its rank in libvirt's order (src/devorder.c: as virDomainDiskInsert places it). */
typedef struct ranked_disk {
	const dl_device *d;
	size_t rank;
} ranked_disk;

/* By target, then by rank: namesakes are neighbours, the earliest first. */
static int by_target(const void *a, const void *b)
{
	const ranked_disk *x = a, *y = b;
	int c = strcmp(x->d->disk_dev, y->d->disk_dev);
	return c ? c : (x->rank > y->rank) - (x->rank < y->rank);
}

/*
 * virDomainDefDuplicateDiskInfoValidate: two disks with one target. libvirt compares every pair
 * in its order and stops at the first: the earliest disk that has a namesake later, with the
 * first of those. Sorting by target finds it without comparing every pair.
 */
static void check_duplicates(dl_ctx *ctx, const dl_model *m)
{
	size_t n = 0;
	for (const dl_device *d = dl_model_first(m, DL_DEV_DISK); d; d = dl_model_next(m, d))
		n++;
	const dl_device **v = xmalloc((n ? n : 1) * sizeof *v);
	n = 0;
	for (const dl_device *d = dl_model_first(m, DL_DEV_DISK); d; d = dl_model_next(m, d))
		v[n++] = d;
	qsort(v, n, sizeof *v, dl_devorder_cmp);
	ranked_disk *pos = xmalloc((n ? n : 1) * sizeof *pos);
	for (size_t k = 0; k < n; k++)
		pos[k] = (ranked_disk){ v[k], k };
	qsort(pos, n, sizeof *pos, by_target);
	size_t best_i = n, best_j = n;
	for (size_t k = 0; k + 1 < n; k++) {
		if (strcmp(pos[k].d->disk_dev, pos[k + 1].d->disk_dev) != 0 ||
		    (k > 0 && strcmp(pos[k - 1].d->disk_dev, pos[k].d->disk_dev) == 0))
			continue; /* only the first two of a group of namesakes */
		if (pos[k].rank < best_i) {
			best_i = pos[k].rank;
			best_j = pos[k + 1].rank;
		}
	}
	free(pos);
	if (best_i < n) {
		const dl_device *a = v[best_i], *b = v[best_j];
		dl_storage_src sa, sb;
		dl_storage_src_disk(ctx->doc, a->node, &sa);
		dl_storage_src_disk(ctx->doc, b->node, &sb);
		const char *pa = dl_storage_src_path(ctx->doc, &sa);
		const char *pb = dl_storage_src_path(ctx->doc, &sb);
		const dl_device *later = a->index > b->index ? a : b;
		const dl_device *earlier = later == a ? b : a;
		dl_diag *d = dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, later->target_node, "dev"),
				       "two disks have target '%s' (\"target '%s' duplicated for "
				       "disk sources '%s' and '%s'\")",
				       a->disk_dev, a->disk_dev, pa ? pa : "<null>",
				       pb ? pb : "<null>");
		dl_diag_relate(d, dl_doc_attr_loc(ctx->doc, earlier->target_node, "dev"),
			       "the other disk with target '%s'", earlier->disk_dev);
	}
	free(v);
}

void dl_rule_disk_invalid(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	bool missing = false;
	for (const dl_device *d = dl_model_first(m, DL_DEV_DISK); d; d = dl_model_next(m, d)) {
		if (!d->node)
			continue;
		if (!d->disk_dev) {
			check_missing_target(ctx, d);
			missing = true;
			continue;
		}
		dl_storage_src s;
		dl_storage_src_disk(ctx->doc, d->node, &s);
		check_lun(ctx, d, &s);
		check_vendor_product(ctx, d);
		check_shared(ctx, d, &s);
		check_target_name(ctx, d);
	}
	if (!missing)
		check_duplicates(ctx, m);
}
