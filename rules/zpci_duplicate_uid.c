/* zpci_duplicate_uid.c - two devices of one domain must not share a zPCI uid */
#include "zpci_clash.h"

void dl_rule_zpci_duplicate_uid_device(dl_ctx *ctx, const dl_device *dev)
{
	dl_zpci_report_duplicate(ctx, dev, DL_RULE_ZPCI_DUPLICATE_UID, DL_ZPCI_UID);
}
