/* drive_address_duplicate.c - two disks, or a SCSI disk and SCSI hostdevs, at one drive address */
#include <stdlib.h>
#include <string.h>

#include "../src/driveaddr.h"
#include "../src/rule.h"
#include "../src/xmalloc.h"

typedef struct entry {
	const dl_device *dev;
	const char *bus; /* disk bus; "scsi" for hostdevs */
	dl_drive_addr a;
	unsigned long order; /* libvirt's order of disks (sorted) or hostdevs (file order) */
} entry;

static int cmp_addr(const entry *x, const entry *y)
{
	int c = strcmp(x->bus, y->bus);
	if (c)
		return c;
	const unsigned int kx[] = { x->a.controller, x->a.bus, x->a.target, x->a.unit };
	const unsigned int ky[] = { y->a.controller, y->a.bus, y->a.target, y->a.unit };
	for (size_t i = 0; i < 4; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return 0;
}

/* Address, then libvirt's order: the first of a group is the one libvirt names. */
static int cmp_entry(const void *p, const void *q)
{
	const entry *x = p, *y = q;
	int c = cmp_addr(x, y);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

#define ADDR_FMT "controller='%u' bus='%u' target='%u' unit='%u'"
#define ADDR_ARGS(a) (a).controller, (a).bus, (a).target, (a).unit

static const char *dst(const dl_device *d)
{
	return d->disk_dev ? d->disk_dev : "";
}

/* Where to point at a device's drive address: its <address>, or the <target> it comes from. */
static dl_loc where(dl_ctx *ctx, const entry *e)
{
	if (!e->a.derived)
		return e->dev->guest.loc;
	return e->dev->target_node ? dl_doc_elem_loc(ctx->doc, e->dev->target_node) : e->dev->loc;
}

static const char *how(const entry *e)
{
	return e->a.derived ? " (from its target name)" : "";
}

/* virDomainDefDuplicateDriveAddressesValidate, disks: same bus, same address. */
static void report_disks(dl_ctx *ctx, const entry *first, const entry *e)
{
	/* Point at the one whose <address> the user wrote, the later one when both are. */
	const entry *at = !e->a.derived || first->a.derived ? e : first;
	const entry *other = at == e ? first : e;
	dl_diag *d = dl_report(ctx, DL_RULE_DRIVE_ADDRESS_DUPLICATE, where(ctx, at),
			       "disk '%s'%s and disk '%s'%s are both at %s drive address " ADDR_FMT
			       " (\"Found duplicate drive address for disk with target name "
			       "'%s' " ADDR_FMT "\")",
			       dst(at->dev), how(at), dst(other->dev), how(other), first->bus,
			       ADDR_ARGS(e->a), dst(first->dev), ADDR_ARGS(first->a));
	dl_diag_relate(d, where(ctx, other), "disk '%s' is at that address", dst(other->dev));
}

/* virDomainDiskDefAssignAddress: a derived SCSI disk address that a SCSI hostdev holds. */
static void report_derived(dl_ctx *ctx, const entry *disk, const entry *hd)
{
	dl_diag *d = dl_report(ctx, DL_RULE_DRIVE_ADDRESS_DUPLICATE, where(ctx, disk),
			       "disk '%s' has no <address>: libvirt derives drive address " ADDR_FMT
			       " from its target name, which a SCSI hostdev holds (\"using disk "
			       "target name '%s' "
			       "conflicts with SCSI host device address controller='%u' bus='%u' "
			       "target='%u' unit='%u\")",
			       dst(disk->dev), ADDR_ARGS(disk->a), dst(disk->dev),
			       ADDR_ARGS(disk->a));
	dl_diag_relate(d, where(ctx, hd), "the SCSI hostdev at " ADDR_FMT, ADDR_ARGS(hd->a));
}

/* virDomainHostdevDefPostParse: a SCSI hostdev at a SCSI disk's explicit address. */
static void report_hostdev_disk(dl_ctx *ctx, const entry *hd, const entry *disk)
{
	dl_diag *d = dl_report(ctx, DL_RULE_DRIVE_ADDRESS_DUPLICATE, where(ctx, hd),
			       "SCSI hostdev at drive address " ADDR_FMT " which disk '%s' has "
			       "(\"SCSI host address " ADDR_FMT " in use by a SCSI disk\")",
			       ADDR_ARGS(hd->a), dst(disk->dev), ADDR_ARGS(hd->a));
	dl_diag_relate(d, where(ctx, disk), "disk '%s' is at that address", dst(disk->dev));
}

/* virDomainDefDuplicateDriveAddressesValidate, hostdevs (its message swaps controller and bus). */
static void report_hostdevs(dl_ctx *ctx, const entry *first, const entry *e)
{
	dl_diag *d = dl_report(ctx, DL_RULE_DRIVE_ADDRESS_DUPLICATE, where(ctx, e),
			       "two SCSI hostdevs at drive address " ADDR_FMT
			       " (\"SCSI host address "
			       "controller='%u' bus='%u' target='%u' unit='%u' in use by another "
			       "SCSI host device\")",
			       ADDR_ARGS(e->a), first->a.bus, first->a.controller, first->a.target,
			       first->a.unit);
	dl_diag_relate(d, where(ctx, first), "the other SCSI hostdev at that address");
}

/* The first entry of sorted v (n entries) whose address is not below key's. */
static size_t lower_bound(const entry *v, size_t n, const entry *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_addr(&v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Report every entry after the first of each group of equal addresses. */
static void each_duplicate(dl_ctx *ctx, const entry *v, size_t n,
			   void (*report)(dl_ctx *, const entry *, const entry *))
{
	for (size_t i = 1, first = 0; i < n; i++) {
		if (cmp_addr(&v[first], &v[i]) != 0)
			first = i;
		else
			report(ctx, &v[first], &v[i]);
	}
}

void dl_rule_drive_address_duplicate(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	entry *disks = xcalloc(m->ndevices + 1, sizeof *disks);
	entry *hds = xcalloc(m->ndevices + 1, sizeof *hds);
	size_t nd = 0, nh = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		entry e = { .dev = dev, .order = dev->order_key };
		if (dev->kind == DL_DEV_DISK && dev->disk_bus && dl_drive_addr_of(dev, &e.a)) {
			e.bus = dev->disk_bus;
			disks[nd++] = e;
		} else if (dev->kind == DL_DEV_HOSTDEV && dev->hostdev == DL_HOSTDEV_SCSI &&
			   dl_drive_addr_of(dev, &e.a)) {
			e.bus = "scsi";
			e.order = i;
			hds[nh++] = e;
		}
	}
	qsort(disks, nd, sizeof *disks, cmp_entry);
	qsort(hds, nh, sizeof *hds, cmp_entry);
	/* Post-parse, disks first: a derived SCSI disk address a hostdev holds. */
	for (size_t i = 0; i < nd; i++) {
		size_t h = lower_bound(hds, nh, &disks[i]);
		if (disks[i].a.derived && strcmp(disks[i].bus, "scsi") == 0 && h < nh &&
		    cmp_addr(&hds[h], &disks[i]) == 0)
			report_derived(ctx, &disks[i], &hds[h]);
	}
	/* Then each hostdev against the SCSI disks' written addresses. */
	for (size_t i = 0; i < nh; i++)
		for (size_t k = lower_bound(disks, nd, &hds[i]);
		     k < nd && cmp_addr(&disks[k], &hds[i]) == 0; k++)
			if (!disks[k].a.derived) {
				report_hostdev_disk(ctx, &hds[i], &disks[k]);
				break;
			}
	each_duplicate(ctx, disks, nd, report_disks);
	each_duplicate(ctx, hds, nh, report_hostdevs);
	free(disks);
	free(hds);
}
