/* check_guestaddr.c - the guest-address notes as data: which devices get one, and what each holds */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_fixture.h"
#include "check_suites.h"
#include "guestaddr.h"
#include "report.h"

/* Like testdata/fidelity/s390x-auto-ccw-devices.xml: CCW, zPCI and an AP matrix, all filled in by libvirt. */
static const char
	s390x[] = "<domain type='qemu'>\n"
		  "  <name>t1</name>\n"
		  "  <os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\n"
		  "  <devices>\n"
		  "    <disk type='file' device='disk'><source file='/tmp/a.img'/><target "
		  "dev='vda' bus='virtio'/></disk>\n"
		  "    <interface type='user'><model type='rtl8139'/></interface>\n"
		  "    <hostdev mode='subsystem' type='mdev' model='vfio-ap'><source><address "
		  "uuid='c2177883-f1bb-47f0-914d-32a22e3a8805'/></source></hostdev>\n"
		  "    <hostdev mode='subsystem' type='pci' managed='yes'><source><address "
		  "domain='0x0002' bus='0x06' slot='0x00' function='0x0'/></source></hostdev>\n"
		  "  </devices>\n"
		  "</domain>\n";

/* q35: an address on a bus the file gives, one on a bus libvirt adds, one libvirt assigns. */
static const char
	q35[] = "<domain type='kvm'>\n"
		"  <os><type arch='x86_64' machine='pc-q35-8.2'>hvm</type></os>\n"
		"  <devices>\n"
		"    <controller type='pci' index='0' model='pcie-root'/>\n"
		"    <controller type='pci' index='1' model='pcie-root-port'/>\n"
		"    <hostdev mode='subsystem' type='pci'><source><address domain='0x0000' "
		"bus='0x06' slot='0x00' function='0x0'/></source>\n"
		"      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' "
		"function='0x0'/></hostdev>\n"
		"    <hostdev mode='subsystem' type='pci'><source><address domain='0x0000' "
		"bus='0x07' slot='0x00' function='0x0'/></source>\n"
		"      <address type='pci' domain='0x0000' bus='0x05' slot='0x00' "
		"function='0x0'/></hostdev>\n"
		"    <hostdev mode='subsystem' type='pci'><source><address domain='0x0000' "
		"bus='0x08' slot='0x00' function='0x0'/></source></hostdev>\n"
		"  </devices>\n"
		"</domain>\n";

static dl_guest_note *notes;
static size_t nnotes;

static void setup(void)
{
	fixture_setup();
	notes = NULL;
	nnotes = 0;
}

static void teardown(void)
{
	dl_guest_notes_free(notes, nnotes);
	fixture_teardown();
}

static void build_notes(const char *xml, bool all)
{
	dl_model *m = build(xml);
	notes = dl_guest_notes_build(built_doc(), m, all, NULL, &nnotes);
}

START_TEST(test_s390x_every_device)
{
	build_notes(s390x, true);
	ck_assert_uint_eq(nnotes, 4);
	const dl_guest_note *disk = &notes[0], *nic = &notes[1], *ap = &notes[2],
			    *hostdev = &notes[3];
	ck_assert_str_eq(disk->device, "disk vda");
	ck_assert_int_eq(disk->kind, DL_GUEST_CCW);
	ck_assert(disk->known && disk->ccw_auto);
	ck_assert_uint_eq(disk->cssid, 0xfe);
	ck_assert_uint_eq(disk->devno, 0);
	ck_assert_str_eq(disk->guest, "0.0.0000"); /* the guest sees cssid 0xfe as 0 */
	ck_assert_loc(disk->loc, 5, 5);

	ck_assert_int_eq(nic->kind, DL_GUEST_ZPCI);
	ck_assert(nic->known && nic->uid_auto && nic->fid_auto);
	ck_assert_uint_eq(nic->uid, 1);
	ck_assert_uint_eq(nic->fid, 0);
	ck_assert_str_eq(nic->guest, "0001:00:00.0");

	ck_assert_int_eq(ap->kind, DL_GUEST_AP);
	ck_assert(!ap->known);
	ck_assert_ptr_null(ap->unknown);

	ck_assert_str_eq(hostdev->device, "hostdev 0002:06:00.0");
	ck_assert_int_eq(hostdev->kind, DL_GUEST_ZPCI);
	ck_assert_uint_eq(hostdev->uid, 2);
	ck_assert_uint_eq(hostdev->fid, 1);
	ck_assert_str_eq(hostdev->guest, "0002:00:00.0");
	ck_assert_loc(hostdev->end, 8, 146); /* its closing tag's '>' */
}
END_TEST

/* By default: passed-through devices, and the ones whose zPCI ids libvirt fills in. */
START_TEST(test_s390x_passthrough)
{
	build_notes(s390x, false);
	ck_assert_uint_eq(nnotes, 3);
	ck_assert_str_eq(notes[0].device, "interface");
	ck_assert_int_eq(notes[1].kind, DL_GUEST_AP);
	ck_assert_str_eq(notes[2].device, "hostdev 0002:06:00.0");
}
END_TEST

START_TEST(test_q35_buses)
{
	build_notes(q35, false);
	ck_assert_uint_eq(nnotes, 3);
	ck_assert_int_eq(notes[0].kind, DL_GUEST_PCI);
	ck_assert(notes[0].known);
	ck_assert_str_eq(notes[0].guest, "0000:01:00.0");
	ck_assert(!notes[1].known);
	ck_assert_str_eq(notes[1].unknown, "libvirt adds the bus and may move the device");
	ck_assert(!notes[2].known); /* neither known nor unknown: libvirt assigns it */
	ck_assert_ptr_null(notes[2].unknown);
}
END_TEST

START_TEST(test_no_device_no_notes)
{
	build_notes("<domain type='kvm'><devices/></domain>", true);
	ck_assert_uint_eq(nnotes, 0);
	ck_assert_ptr_null(notes);
}
END_TEST

/* With a host: each PCI hostdev's note names its host function; the other notes do not. */
START_TEST(test_host_function)
{
	dl_host_pci pci[2] = { { .domain = 0,
				 .bus = 6,
				 .text = "0000:06:00.0",
				 .vendor_id = 0x8086,
				 .device_id = 0x1521,
				 .iommu_group = -1 },
			       { .domain = 2,
				 .bus = 6,
				 .text = "0002:06:00.0",
				 .vendor_id = 0x15b3,
				 .device_id = 0x1004,
				 .iommu_group = -1 } };
	pci[0].name = "Intel Corporation I350 Gigabit Network Connection";
	pci[1].name = "Mellanox Technologies MT27500/MT27520 Family [ConnectX-3/ConnectX-3 Pro "
		      "Virtual Function]";
	pci[1].driver = "vfio-pci";
	dl_host host = { .root = "/", .pci = pci, .npci = 2 };
	dl_model *m = build(s390x);
	notes = dl_guest_notes_build(built_doc(), m, true, &host, &nnotes);
	ck_assert_uint_eq(nnotes, 4);
	ck_assert(!notes[0].host_checked); /* a disk */
	ck_assert_ptr_null(dl_report_guest_host(&notes[0]));
	ck_assert(!notes[2].host_checked); /* an mdev */
	const dl_guest_note *n = &notes[3];
	ck_assert(n->host_checked && n->host_present);
	ck_assert_str_eq(n->host_name, pci[1].name);
	ck_assert_str_eq(n->host_driver, "vfio-pci");
	char *text = dl_report_guest_note(n, NULL);
	ck_assert_str_eq(text,
			 "hostdev 0002:06:00.0 (Mellanox Technologies MT27500/MT27520 Family "
			 "[ConnectX-3/ConnectX-3 Pro Virtual Function], driver vfio-pci) -> "
			 "guest 0002:00:00.0 (zpci uid 0x0002 (auto), fid 0x00000001 (auto))");
	free(text);
	dl_guest_notes_free(notes, nnotes);

	/* unbound, then not on the host, then a function pci.ids does not know */
	pci[1].driver = NULL;
	m = build(s390x);
	notes = dl_guest_notes_build(built_doc(), m, false, &host, &nnotes);
	text = dl_report_guest_host(&notes[2]);
	ck_assert_str_eq(text, "Mellanox Technologies MT27500/MT27520 Family "
			       "[ConnectX-3/ConnectX-3 Pro Virtual Function], no driver");
	free(text);
	dl_guest_notes_free(notes, nnotes);
	host.npci = 1;
	m = build(s390x);
	notes = dl_guest_notes_build(built_doc(), m, false, &host, &nnotes);
	ck_assert(notes[2].host_checked && !notes[2].host_present);
	ck_assert_ptr_null(notes[2].host_name);
	text = dl_report_guest_note(&notes[2], NULL);
	ck_assert_str_eq(text, "hostdev 0002:06:00.0 (not on the host) -> guest 0002:00:00.0 (zpci "
			       "uid 0x0002 (auto), fid 0x00000001 (auto))");
	free(text);
	dl_guest_notes_free(notes, nnotes);
	dl_host_pci unknown = pci[1];
	unknown.name = NULL;
	unknown.driver = "mlx4_core";
	host.pci = &unknown;
	m = build(s390x);
	notes = dl_guest_notes_build(built_doc(), m, false, &host, &nnotes);
	text = dl_report_guest_host(&notes[2]);
	ck_assert_str_eq(text, "device 15b3:1004, driver mlx4_core");
	free(text);
}
END_TEST

Suite *guestaddr_suite(void)
{
	Suite *s = suite_create("guestaddr");
	TCase *tc = tcase_create("notes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_s390x_every_device);
	tcase_add_test(tc, test_s390x_passthrough);
	tcase_add_test(tc, test_q35_buses);
	tcase_add_test(tc, test_no_device_no_notes);
	tcase_add_test(tc, test_host_function);
	suite_add_tcase(s, tc);
	return s;
}
