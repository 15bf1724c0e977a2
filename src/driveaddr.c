/* driveaddr.c - the drive address libvirt gives a disk or SCSI hostdev, explicit or derived from the disk's name */
#include "driveaddr.h"

#include <string.h>

#include "devorder.h"

static bool field_ok(const dl_field *f)
{
	return f->num.status == DL_NUM_OK || f->num.status == DL_NUM_ABSENT;
}

static bool explicit_addr(const dl_addr *a, dl_drive_addr *out)
{
	if (a->kind != DL_ADDR_DRIVE || !field_ok(&a->drive.controller) ||
	    !field_ok(&a->drive.bus) || !field_ok(&a->drive.target) || !field_ok(&a->drive.unit))
		return false;
	out->controller = (unsigned int)dl_field_value(&a->drive.controller, 0);
	out->bus = (unsigned int)dl_field_value(&a->drive.bus, 0);
	out->target = (unsigned int)dl_field_value(&a->drive.target, 0);
	out->unit = (unsigned int)dl_field_value(&a->drive.unit, 0);
	out->derived = false;
	return true;
}

static bool bus_is(const dl_device *dev, const char *bus)
{
	return dev->disk_bus && strcmp(dev->disk_bus, bus) == 0;
}

bool dl_drive_addr_of(const dl_device *dev, dl_drive_addr *out)
{
	if (dev->guest.present)
		return explicit_addr(&dev->guest, out);
	if (dev->kind != DL_DEV_DISK)
		return false;
	long idx = dl_disk_name_index(dev->disk_dev);
	/* A target with a partition number ("sda1") is rejected before any address is made. */
	if (idx < 0 || strpbrk(dev->disk_dev, "0123456789"))
		return false;
	unsigned long i = (unsigned long)idx;
	*out = (dl_drive_addr){ .derived = true };
	/* virDomainDiskDefAssignAddress; QEMU's SCSI bus is the narrow one: 7 units a controller */
	if (bus_is(dev, "scsi")) {
		out->controller = (unsigned int)(i / 7);
		out->unit = (unsigned int)(i % 7);
	} else if (bus_is(dev, "ide")) {
		out->controller = (unsigned int)(i / 4);
		out->bus = (unsigned int)((i % 4) / 2);
		out->unit = (unsigned int)(i % 2);
	} else if (bus_is(dev, "sata")) {
		out->controller = (unsigned int)(i / 6);
		out->unit = (unsigned int)(i % 6);
	} else if (bus_is(dev, "fdc")) {
		out->controller = (unsigned int)(i / 2);
		out->unit = (unsigned int)(i % 2);
	} else {
		return false;
	}
	return true;
}
