/* devorder.h - libvirt's device order: the order its address and zPCI fill-in visits devices */
#ifndef DL_DEVORDER_H
#define DL_DEVORDER_H

#include "model.h"

/*
 * libvirt's index of a disk target name (virDiskNameToIndex): "vda" 0, "sdz" 25,
 * "hdaa" 26; trailing digits ignored; -1 when it is no disk name.
 */
long dl_disk_name_index(const char *name);

/*
 * Set order_class and order_key of every device of m as libvirt orders them while
 * parsing: classes as virDomainDeviceInfoIterateFlags visits them; disks as
 * virDomainDiskInsert places them (grouped by the bus as written, sorted by target),
 * the primary video first, controllers as virDomainControllerInsertPreAlloced places
 * them (grouped by type, sorted by index; one without index stays behind those before it).
 */
void dl_devorder_apply(dl_model *m);

/*
 * qsort comparator over const dl_device pointers: libvirt's order (order_class, then
 * order_key), document order for ties. The order its fill-ins and reservations meet devices in.
 */
int dl_devorder_cmp(const void *a, const void *b);

#endif
