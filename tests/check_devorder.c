/* check_devorder.c - libvirt's device order (disk and controller insertion, primary video) and what the zPCI fill-in makes of it */
#include <check.h>

#include "check_fixture.h"
#include "check_suites.h"
#include "devorder.h"

#define DOMAIN_S390X(devices)                                                                      \
	"<domain type='kvm'>\n"                                                                    \
	"  <os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\n"                     \
	"  <devices>\n" devices "  </devices>\n"                                                   \
	"</domain>\n"

/* A virtio disk with target dev and a PCI address of its own, so it takes zPCI ids. */
#define DISK(dev, bus)                                                                             \
	"<disk type='file'><target dev='" dev "' bus='" bus "'/><address type='pci'/></disk>\n"

START_TEST(test_disk_name_index)
{
	ck_assert_int_eq(dl_disk_name_index("vda"), 0);
	ck_assert_int_eq(dl_disk_name_index("sdz"), 25);
	ck_assert_int_eq(dl_disk_name_index("hdaa"), 26);
	ck_assert_int_eq(dl_disk_name_index("xvdb"), 1);
	ck_assert_int_eq(dl_disk_name_index("ubdc"), 2);
	ck_assert_int_eq(dl_disk_name_index("vdb3"), 1); /* partition digits are ignored */
	ck_assert_int_eq(dl_disk_name_index("vd"), -1);
	ck_assert_int_eq(dl_disk_name_index("nvme0n1"), -1);
	ck_assert_int_eq(dl_disk_name_index("vdb-x"), -1);
	ck_assert_int_eq(dl_disk_name_index(NULL), -1);
}
END_TEST

START_TEST(test_disks_sorted_by_target_within_bus)
{
	/* virDomainDiskInsert: vdb written first still comes after vda */
	dl_model *m = build(DOMAIN_S390X(DISK("vdb", "virtio") DISK("vda", "virtio")));
	const dl_device *vda = by_label(m, "disk vda"), *vdb = by_label(m, "disk vdb");
	ck_assert_uint_lt(vda->order_key, vdb->order_key);
	ck_assert_uint_eq(vda->uid.value, 1);
	ck_assert_uint_eq(vdb->uid.value, 2);
}
END_TEST

START_TEST(test_disks_grouped_by_bus_in_order_of_first_appearance)
{
	dl_model *m = build(DOMAIN_S390X(DISK("vdb", "virtio") DISK("sda", "scsi") DISK("vda", "virtio")));
	const dl_device *vda = by_label(m, "disk vda"), *vdb = by_label(m, "disk vdb"),
			*sda = by_label(m, "disk sda");
	ck_assert_uint_lt(vda->order_key, vdb->order_key);
	ck_assert_uint_lt(vdb->order_key, sda->order_key);
}
END_TEST

START_TEST(test_controller_without_index_keeps_its_place)
{
	/* an index-less controller stays ahead of one with index 0 written after it */
	dl_model *m = build(DOMAIN_S390X("<controller type='virtio-serial'><address type='pci'/></controller>\n"
					 "<controller type='virtio-serial' index='0'><address type='pci'/></controller>\n"));
	const dl_device *first = pci_dev(m, 0), *second = pci_dev(m, 1);
	ck_assert_int_eq(first->ctrl_idx, -1);
	ck_assert_uint_lt(first->order_key, second->order_key);
	ck_assert_uint_eq(first->uid.value, 1);
}
END_TEST

START_TEST(test_controllers_sorted_by_index_within_type)
{
	dl_model
		*m = build(DOMAIN_S390X("<controller type='pci' index='3' model='pci-bridge'/>\n"
					 "<controller type='virtio-serial' index='0'><address type='pci'/></controller>\n"
					 "<controller type='pci' index='1' model='pci-bridge'/>\n"));
	const dl_device *p1 = by_label(m, "controller pci.1"),
			*p3 = by_label(m, "controller pci.3"),
			*vs = by_label(m, "controller virtio-serial.0");
	ck_assert_uint_lt(p1->order_key, p3->order_key);
	ck_assert_uint_lt(p3->order_key, vs->order_key); /* grouped by type: pci came first */
	ck_assert_uint_eq(p1->uid.value, 1);
	ck_assert_uint_eq(p3->uid.value, 2);
	ck_assert_uint_eq(vs->uid.value, 3);
}
END_TEST

START_TEST(test_controller_index_is_decimal)
{
	dl_model *m = build(DOMAIN_S390X("<controller type='pci' index='010' model='pci-bridge'/>\n"
					 "<controller type='pci' index='0x2' model='pci-bridge'/>\n"));
	ck_assert_int_eq(pci_dev(m, 0)->ctrl_idx, 10);
	ck_assert_int_eq(pci_dev(m, 1)->ctrl_idx, -1);
}
END_TEST

START_TEST(test_primary_video_first)
{
	dl_model *m = build(DOMAIN_S390X("<video><model type='virtio'/><address type='pci'/></video>\n"
					 "<video><model type='virtio' primary='yes'/><address type='pci'/></video>\n"));
	const dl_device *a = pci_dev(m, 0), *b = pci_dev(m, 1);
	ck_assert(b->primary);
	ck_assert_uint_lt(b->order_key, a->order_key);
	ck_assert_uint_eq(b->uid.value, 1);
	ck_assert_uint_eq(a->uid.value, 2);
}
END_TEST

Suite *devorder_suite(void)
{
	Suite *s = suite_create("devorder");
	TCase *tc = tcase_create("order");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_disk_name_index);
	tcase_add_test(tc, test_disks_sorted_by_target_within_bus);
	tcase_add_test(tc, test_disks_grouped_by_bus_in_order_of_first_appearance);
	tcase_add_test(tc, test_controller_without_index_keeps_its_place);
	tcase_add_test(tc, test_controllers_sorted_by_index_within_type);
	tcase_add_test(tc, test_controller_index_is_decimal);
	tcase_add_test(tc, test_primary_video_first);
	suite_add_tcase(s, tc);
	return s;
}
