/* zpci_duplicate_fid.c - two devices of one domain must not share a zPCI fid */
#include "zpci_clash.h"

void dl_rule_zpci_duplicate_fid_device(dl_ctx *ctx, const dl_device *dev)
{
	dl_zpci_report_duplicate(ctx, dev, DL_RULE_ZPCI_DUPLICATE_FID, DL_ZPCI_FID);
}
