/* host_mdev_device_api_mismatch.c - an mdev hostdev whose model is not the host mediated device's device_api */
#include <string.h>

#include "../src/config.h"
#include "../src/host.h"
#include "../src/hostdev.h"
#include "../src/rule.h"

/* The device APIs libvirt knows (virMediatedDeviceModel). */
static bool known_api(const char *api)
{
	return strcmp(api, "vfio-pci") == 0 || strcmp(api, "vfio-ccw") == 0 ||
	       strcmp(api, "vfio-ap") == 0;
}

/*
 * virMediatedDeviceCheckModel (src/util/virmdev.c): the mdev's mdev_type/device_api must be a
 * device API libvirt knows, and the hostdev's model.
 */
void dl_rule_host_mdev_device_api_mismatch_device(dl_ctx *ctx, const dl_device *dev)
{
	/* a model libvirt refuses at define is hostdev-invalid's */
	if (dev->kind != DL_DEV_HOSTDEV || dev->hostdev != DL_HOSTDEV_MDEV || !dev->model ||
	    !known_api(dev->model))
		return;
	dl_hostdev_id id;
	dl_hostdev_id_read(ctx->doc, dev, &id);
	if (id.kind != DL_HOSTDEV_ID_MDEV)
		return;
	char uuid[DL_UUID_TEXT_MAX];
	dl_uuid_format(uuid, id.uuid);
	const dl_host_mdev *m = dl_host_mdev_find(ctx->config->host, uuid);
	if (!m || !m->device_api || strcmp(m->device_api, dev->model) == 0)
		return;
	dl_loc loc = dl_doc_attr_loc(ctx->doc, dev->node, "model");
	if (!known_api(m->device_api))
		dl_report(ctx, DL_RULE_HOST_MDEV_DEVICE_API_MISMATCH, loc,
			  "model='%s', but the host's mediated device %s has device API '%s', "
			  "which libvirt cannot pass through (\"internal error: device API '%s' "
			  "not supported yet\")",
			  dev->model, uuid, m->device_api, m->device_api);
	else
		dl_report(ctx, DL_RULE_HOST_MDEV_DEVICE_API_MISMATCH, loc,
			  "model='%s', but the host's mediated device %s%s%s%s has device API "
			  "'%s': set model='%s', or name the mediated device meant (\"internal "
			  "error: invalid device API '%s' for device /sys/bus/mdev/devices/%s: "
			  "device only supports '%s'\")",
			  dev->model, uuid, m->type ? " (type " : "", m->type ? m->type : "",
			  m->type ? ")" : "", m->device_api, m->device_api, dev->model, uuid,
			  m->device_api);
}
