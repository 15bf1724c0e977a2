/* zpci_duplicate_uid.c - two devices of one domain must not share a zPCI uid */
#include "zpci_clash.h"

void dl_rule_zpci_duplicate_uid(dl_ctx *ctx)
{
	dl_zpci_report_duplicates(ctx, DL_RULE_ZPCI_DUPLICATE_UID, DL_ZPCI_UID);
}
