/* hostdev_duplicate_source.c - one host device (PCI, USB, SCSI, vhost-scsi, mdev) can be passed through only once */
#include "pci_duplicate.h"

#include <stdlib.h>

#include "../src/hostdev.h"
#include "../src/u64map.h"
#include "../src/xmalloc.h"

static const dl_addr *host_source(const dl_device *dev)
{
	const dl_addr *s = &dev->source;
	return dev->pci_hostdev && s->present && dl_addr_is_valid_number(s) ? s : NULL;
}

static dl_loc id_loc(dl_ctx *ctx, const dl_hostdev_id *id)
{
	return id->at_attr ? dl_doc_attr_loc(ctx->doc, id->at, id->at_attr) :
			     dl_doc_elem_loc(ctx->doc, id->at);
}

/*
 * One device against the earlier ones (virDomainDefHostdevValidate compares each with every
 * later one): report the first earlier device it matches, then store it.
 */
static void check_one(dl_ctx *ctx, dl_u64map *seen, const dl_hostdev_id *ids, size_t i)
{
	const dl_model *m = ctx->model;
	const dl_hostdev_id *id = &ids[i];
	uint64_t keys[2];
	size_t nkeys = dl_hostdev_id_probe_keys(id, keys);
	for (size_t k = 0; k < nkeys; k++) {
		const size_t *first = dl_u64map_get(seen, keys[k]);
		if (!first || !dl_hostdev_id_match(&ids[*first], id))
			continue;
		const dl_device *f = &m->devices[*first];
		char text[DL_HOSTDEV_ID_TEXT_MAX];
		dl_hostdev_id_format(text, id);
		dl_diag *d = dl_report(ctx, DL_RULE_HOSTDEV_DUPLICATE_SOURCE, id_loc(ctx, id),
				       "%s is already passed through by the %s at line %lu "
				       "(\"Hostdev already exists in the domain configuration\")",
				       text, f->element, f->loc.line);
		dl_hostdev_id_format(text, &ids[*first]);
		dl_diag_relate(d, id_loc(ctx, &ids[*first]), "%s first passed through here", text);
		break;
	}
	dl_u64map_add(seen, dl_hostdev_id_store_key(id), i);
}

void dl_rule_hostdev_duplicate_source(dl_ctx *ctx)
{
	dl_report_pci_duplicates(ctx, DL_RULE_HOSTDEV_DUPLICATE_SOURCE, host_source,
				 "host PCI device", "passed through");
	const dl_model *m = ctx->model;
	bool others = false; /* most domains pass through PCI devices only: then allocate nothing */
	for (size_t i = 0; i < m->ndevices && !others; i++)
		others = m->devices[i].hostdev != DL_HOSTDEV_NONE &&
			 m->devices[i].hostdev != DL_HOSTDEV_PCI;
	if (!others)
		return;
	dl_hostdev_id *ids = xcalloc(m->ndevices, sizeof *ids);
	bool any = false;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *dev = &m->devices[i];
		if (dev->hostdev != DL_HOSTDEV_NONE && !dev->implicit) {
			dl_hostdev_id_read(ctx->doc, dev, &ids[i]);
			any |= ids[i].kind != DL_HOSTDEV_ID_NONE;
		}
	}
	if (any) {
		/* libvirt's order: the hostdevs of <interface type='hostdev'> first (USB matching is not symmetric) */
		dl_u64map seen;
		dl_u64map_init(&seen);
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < m->ndevices; i++)
				if (ids[i].kind != DL_HOSTDEV_ID_NONE &&
				    (m->devices[i].kind == DL_DEV_INTERFACE) == (pass == 0))
					check_one(ctx, &seen, ids, i);
		dl_u64map_release(&seen);
	}
	free(ids);
}
