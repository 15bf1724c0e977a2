/* zpci_duplicate_fid.c - two devices of one domain must not share a zPCI fid */
#include "zpci_clash.h"

void dl_rule_zpci_duplicate_fid(dl_ctx *ctx)
{
	dl_zpci_report_duplicates(ctx, DL_RULE_ZPCI_DUPLICATE_FID, DL_ZPCI_FID);
}
