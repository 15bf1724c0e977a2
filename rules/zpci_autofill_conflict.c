/* zpci_autofill_conflict.c - libvirt fills a missing uid/fid with a value a later device gives */
#include "zpci_clash.h"

static void check(dl_ctx *ctx, const dl_device *dev, dl_zpci_half half)
{
	static const char *const name[] = { "uid", "fid" };
	const dl_zpci_id *id = dl_zpci_half_id(dev, half);
	if (!id->clash || !dl_zpci_half_id(id->clash, half)->automatic)
		return;
	const dl_device *filled = id->clash;
	char value[16];
	dl_zpci_half_format(value, half, id->value);
	/* libvirt prints the clashing number in octal */
	dl_diag *d = dl_report(ctx, DL_RULE_ZPCI_AUTOFILL_CONFLICT,
			       dl_field_loc(ctx->doc, dl_zpci_half_field(dev, half)),
			       "zpci %s %s is taken before this device is reached: libvirt fills "
			       "the missing %s "
			       "of the %s at line %lu with the lowest free value, %s, so virsh "
			       "define fails "
			       "(\"zPCI %s %o is already reserved\"); give that device its %s "
			       "explicitly",
			       name[half], value, name[half], filled->element, filled->loc.line,
			       value, name[half], id->value, name[half]);
	dl_diag_relate(d, filled->guest.zpci_loc, "this <zpci> gives no %s, so libvirt fills in %s",
		       name[half], value);
}

void dl_rule_zpci_autofill_conflict_device(dl_ctx *ctx, const dl_device *dev)
{
	check(ctx, dev, DL_ZPCI_UID);
	check(ctx, dev, DL_ZPCI_FID);
}
