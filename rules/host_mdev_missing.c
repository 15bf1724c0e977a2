/* host_mdev_missing.c - a mediated device the host does not have: libvirt refuses to start the guest */
#include "../src/config.h"
#include "../src/host.h"
#include "../src/hostdev.h"
#include "../src/rule.h"

/* virMediatedDeviceNew (src/util/virmdev.c): /sys/bus/mdev/devices/<uuid> must exist. */
void dl_rule_host_mdev_missing_device(dl_ctx *ctx, const dl_device *dev)
{
	if (dev->kind != DL_DEV_HOSTDEV || dev->hostdev != DL_HOSTDEV_MDEV)
		return;
	dl_hostdev_id id;
	dl_hostdev_id_read(ctx->doc, dev, &id);
	if (id.kind != DL_HOSTDEV_ID_MDEV) /* no uuid libvirt reads: hostdev-invalid says so */
		return;
	char uuid[DL_UUID_TEXT_MAX];
	dl_uuid_format(uuid, id.uuid);
	if (dl_host_mdev_find(ctx->config->host, uuid))
		return;
	dl_report(ctx, DL_RULE_HOST_MDEV_MISSING, dl_doc_attr_loc(ctx->doc, id.at, id.at_attr),
		  "mediated device %s does not exist on the host (no /sys/bus/mdev/devices/%s): "
		  "create it before the guest starts, or the start fails with \"device not found: "
		  "mediated device '%s' not found\"",
		  uuid, uuid, uuid);
}
