/* zpci_clash.h - shared by the rules that read the zPCI prediction's reservation clashes */
#ifndef DL_ZPCI_CLASH_H
#define DL_ZPCI_CLASH_H

#include "../src/rule.h"

typedef enum { DL_ZPCI_UID, DL_ZPCI_FID } dl_zpci_half;

/* The uid or fid half of a device's prediction, and of its <zpci> attribute. */
const dl_zpci_id *dl_zpci_half_id(const dl_device *dev, dl_zpci_half half);
const dl_field *dl_zpci_half_field(const dl_device *dev, dl_zpci_half half);
/* "0x0001" for a uid, "0x00000000" for a fid, into buf (>= 16 bytes). */
const char *dl_zpci_half_format(char *buf, dl_zpci_half half, unsigned value);

/*
 * When dev and an explicit device before it in libvirt's order share a value (the holder's
 * value is its own, not filled in by libvirt), report it as rule, at the later of the two in
 * the file.
 */
void dl_zpci_report_duplicate(dl_ctx *ctx, const dl_device *dev, dl_rule_id rule,
			      dl_zpci_half half);

#endif
