/* ccw.c - predicts the CCW address libvirt gives each s390x device (qemuDomainAssignS390Addresses) */
#include "ccw.h"

#include <stdlib.h>
#include <string.h>

#include "devorder.h"
#include "text.h"
#include "u64map.h"
#include "xmalloc.h"

#define CCW_DEFAULT_CSSID 0xfeu

static bool virtio_model(const char *model)
{
	return dl_text_is(model, "virtio") || dl_text_is(model, "virtio-transitional") ||
	       dl_text_is(model, "virtio-non-transitional");
}

/* qemuDomainPrimeVirtioDeviceAddresses, and the vfio-ccw mdevs of virDomainHostdevDefPostParse. */
bool dl_ccw_wants(dl_doc *doc, const dl_device *dev)
{
	switch (dev->kind) {
	case DL_DEV_DISK:
		return dl_text_is(dev->disk_bus, "virtio");
	case DL_DEV_INTERFACE:
		/* no model is virtio on s390x */
		return !dl_text_is(dev->type, "hostdev") &&
		       (!dev->model || virtio_model(dev->model));
	case DL_DEV_VIDEO:
		return dl_text_is(dev->model, "virtio");
	case DL_DEV_INPUT:
		return dl_text_is(dl_doc_attr(doc, dev->node, "bus"), "virtio");
	case DL_DEV_CONTROLLER:
		return dl_text_is(dev->type, "virtio-serial") || dl_text_is(dev->type, "scsi");
	case DL_DEV_HOSTDEV:
		return dev->hostdev == DL_HOSTDEV_SCSI_HOST ||
		       (dev->hostdev == DL_HOSTDEV_MDEV && dl_text_is(dev->model, "vfio-ccw"));
	case DL_DEV_MEMBALLOON:
		return !dl_text_is(dev->model, "none");
	case DL_DEV_MEMORY:
		return dl_text_is(dev->model, "virtio-pmem") ||
		       dl_text_is(dev->model, "virtio-mem");
	case DL_DEV_RNG:
	case DL_DEV_FILESYSTEM:
	case DL_DEV_VSOCK:
		return true;
	default:
		return false;
	}
}

bool dl_ccw_is_complete(const dl_addr *a)
{
	if (a->kind != DL_ADDR_CCW)
		return false;
	for (size_t i = 0; i < a->nfields; i++)
		if (a->f[i].num.status != DL_NUM_OK)
			return false;
	return a->ccw.cssid.num.value <= CCW_DEFAULT_CSSID && a->ccw.ssid.num.value <= 3 &&
	       a->ccw.devno.num.value <= 0xffff;
}

static uint64_t key_of(unsigned int cssid, unsigned int ssid, unsigned int devno)
{
	return ((uint64_t)cssid << 32) | ((uint64_t)ssid << 16) | devno;
}

void dl_ccw_predict(dl_doc *doc, dl_model *m)
{
	if (!m->s390x)
		return;
	const dl_device **order = xcalloc(m->ndevices + 1, sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		dl_device *dev = &m->devices[i];
		const dl_addr *g = &dev->guest;
		if (dev->address_ignored)
			continue;
		if (g->present ? g->kind == DL_ADDR_CCW : dl_ccw_wants(doc, dev)) {
			dev->ccw = true;
			order[n++] = dev;
		}
	}
	if (n > 1)
		qsort(order, n, sizeof *order, dl_devorder_cmp);
	dl_u64map held;
	dl_u64map_init(&held);
	/* virDomainCCWAddressValidate: the written ones first (a clash is address-duplicate's) */
	for (size_t i = 0; i < n; i++) {
		dl_device *dev = (dl_device *)order[i];
		const dl_addr *g = &dev->guest;
		if (!dl_ccw_is_complete(g))
			continue; /* auto, or rejected by libvirt: nothing to reserve */
		dev->ccw_id = (dl_ccw_id){ true, false, g->ccw.cssid.num.value,
					   g->ccw.ssid.num.value, g->ccw.devno.num.value };
		dl_u64map_add(&held, key_of(dev->ccw_id.cssid, dev->ccw_id.ssid, dev->ccw_id.devno),
			      i);
	}
	/* virDomainCCWAddressAllocate: the rest from fe.0.0000 upward */
	unsigned int next = 0;
	for (size_t i = 0; i < n; i++) {
		dl_device *dev = (dl_device *)order[i];
		const dl_addr *g = &dev->guest;
		if (g->present && (g->ccw.cssid.raw || g->ccw.ssid.raw || g->ccw.devno.raw))
			continue; /* written, whole or in part */
		while (next <= 0xffff && dl_u64map_get(&held, key_of(CCW_DEFAULT_CSSID, 0, next)))
			next++;
		if (next > 0xffff)
			break; /* "There are no more free CCW devnos." (the next subchannel set is not modelled) */
		dev->ccw_id = (dl_ccw_id){ true, true, CCW_DEFAULT_CSSID, 0, next };
		dl_u64map_add(&held, key_of(CCW_DEFAULT_CSSID, 0, next), i);
	}
	dl_u64map_release(&held);
	free(order);
}
