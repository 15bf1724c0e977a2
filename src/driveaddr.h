/* driveaddr.h - the drive address (controller, bus, target, unit) libvirt gives a disk or SCSI hostdev */
#ifndef DL_DRIVEADDR_H
#define DL_DRIVEADDR_H

#include <stdbool.h>

#include "model.h"

typedef struct dl_drive_addr {
	unsigned int controller, bus, target, unit;
	bool derived; /* computed from a disk's target name, not written in the file */
} dl_drive_addr;

/*
 * The drive address libvirt uses for dev: an explicit <address type='drive'> (disk or SCSI
 * hostdev), or for a disk on an ide, fdc, scsi or sata bus without an <address>, the one
 * virDomainDiskDefAssignAddress derives from its target name. False when it has none, or
 * when a field does not parse (another rule reports that).
 */
bool dl_drive_addr_of(const dl_device *dev, dl_drive_addr *out);

#endif
