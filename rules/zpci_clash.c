/* zpci_clash.c - shared by the rules that read the zPCI prediction's reservation clashes */
#include "zpci_clash.h"

#include <stdio.h>

static const char *const half_name[] = { "uid", "fid" };

const dl_zpci_id *dl_zpci_half_id(const dl_device *dev, dl_zpci_half half)
{
	return half == DL_ZPCI_UID ? &dev->uid : &dev->fid;
}

const dl_field *dl_zpci_half_field(const dl_device *dev, dl_zpci_half half)
{
	return half == DL_ZPCI_UID ? &dev->guest.uid : &dev->guest.fid;
}

const char *dl_zpci_half_format(char *buf, dl_zpci_half half, unsigned value)
{
	snprintf(buf, 16, half == DL_ZPCI_UID ? "0x%04x" : "0x%08x", value);
	return buf;
}

void dl_zpci_report_duplicate(dl_ctx *ctx, const dl_device *dev, dl_rule_id rule, dl_zpci_half half)
{
	const dl_zpci_id *id = dl_zpci_half_id(dev, half);
	if (!id->clash || dl_zpci_half_id(id->clash, half)->automatic)
		return;
	const dl_device *first = id->clash->index < dev->index ? id->clash : dev;
	const dl_device *later = first == dev ? id->clash : dev;
	char value[16];
	dl_zpci_half_format(value, half, id->value);
	dl_diag *d = dl_report(ctx, rule, dl_field_loc(ctx->doc, dl_zpci_half_field(later, half)),
			       "zpci %s %s is already used by the %s at line %lu", half_name[half],
			       value, first->element, first->loc.line);
	dl_diag_relate(d, dl_field_loc(ctx->doc, dl_zpci_half_field(first, half)),
		       "zpci %s %s first used here", half_name[half], value);
}
