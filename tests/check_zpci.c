/* check_zpci.c - the zPCI uid/fid prediction (libvirt-semantics.md section 4), on models built as the pipeline builds them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_suites.h"
#include "check_fixture.h"
#include "model.h"

/* The uid and fid libvirt gives dev: known, these values, and whether it fills them in. */
#define ck_assert_ids(dev, u, ua, f, fa)                                                           \
	do {                                                                                       \
		const dl_device *_d = (dev);                                                       \
		ck_assert_msg(_d->uid.known && _d->fid.known, "%s: uid/fid unknown", _d->label);   \
		ck_assert_msg(_d->uid.value == (u) && _d->fid.value == (f),                        \
			      "%s: uid/fid %u/%u, expected %u/%u", _d->label, _d->uid.value,       \
			      _d->fid.value, (unsigned)(u), (unsigned)(f));                        \
		ck_assert_msg(_d->uid.automatic == (ua) && _d->fid.automatic == (fa),              \
			      "%s: automatic %d/%d, expected %d/%d", _d->label, _d->uid.automatic, \
			      _d->fid.automatic, (ua), (fa));                                      \
	} while (0)

#define ck_assert_no_clash(dev)                                                                    \
	do {                                                                                       \
		const dl_device *_d = (dev);                                                       \
		ck_assert_msg(!_d->uid.clash && !_d->fid.clash, "%s: unexpected clash",            \
			      _d->label);                                                          \
	} while (0)

#define DOMAIN_S390X(devices)                                                                      \
	"<domain type='kvm'>\n"                                                                    \
	"  <os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\n"                     \
	"  <devices>\n"                                                                            \
	"    <emulator>/usr/bin/qemu-system-s390x</emulator>\n"                                    \
	"    <controller type='pci' index='0' model='pci-root'/>\n" devices "  </devices>\n"       \
	"</domain>\n"

/* A PCI hostdev passing through host 0000:BB:00.0, labelled "hostdev 0000:BB:00.0". */
#define HOSTDEV(bus, guest)                                                                        \
	"    <hostdev mode='subsystem' type='pci'>\n"                                              \
	"      <source><address domain='0x0000' bus='" bus                                         \
	"' slot='0x00' function='0x0'/></source>\n"                                                \
	"      " guest "\n"                                                                        \
	"    </hostdev>\n"
#define ZPCI(attrs) "<address type='pci'><zpci " attrs "/></address>"

START_TEST(test_single_device_automatic)
{
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", "")));
	ck_assert(m->s390x);
	ck_assert_uint_eq(npci(m), 1);
	ck_assert_ids(pci_dev(m, 0), 1, true, 0, true);
	ck_assert_no_clash(pci_dev(m, 0));
}
END_TEST

START_TEST(test_two_devices_automatic)
{
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", "") HOSTDEV("0x02", "<address type='pci'/>")));
	ck_assert_uint_eq(npci(m), 2);
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 1, true, 0, true);
	ck_assert_ids(by_label(m, "hostdev 0000:02:00.0"), 2, true, 1, true);
	ck_assert_no_clash(pci_dev(m, 0));
	ck_assert_no_clash(pci_dev(m, 1));
}
END_TEST

START_TEST(test_empty_zpci_is_assigned)
{
	/* <zpci/> gives neither half: the device waits for the assign pass like one without it */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("")) HOSTDEV("0x02", ZPCI("fid='0'"))));
	ck_assert_ids(by_label(m, "hostdev 0000:02:00.0"), 1, true, 0, false);
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 2, true, 1, true);
	ck_assert_no_clash(pci_dev(m, 0));
	ck_assert_no_clash(pci_dev(m, 1));
}
END_TEST

START_TEST(test_uid_only)
{
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("uid='5'"))));
	ck_assert_ids(pci_dev(m, 0), 5, false, 0, true);
	/* libvirt's autogenerate-fids fixture: uids 1 and 5 get fids 0 and 1 */
	m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("uid='0x0001'")) HOSTDEV("0x02", ZPCI("uid='0x0005'"))));
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 1, false, 0, true);
	ck_assert_ids(by_label(m, "hostdev 0000:02:00.0"), 5, false, 1, true);
	ck_assert_no_clash(pci_dev(m, 0));
	ck_assert_no_clash(pci_dev(m, 1));
}
END_TEST

START_TEST(test_fid_only)
{
	/* libvirt's autogenerate-uids fixture: fids 0 and 0x1f get uids 1 and 2 */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("fid='0'"))
						 HOSTDEV("0x02", ZPCI("fid='0x1f'"))));
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 1, true, 0, false);
	ck_assert_ids(by_label(m, "hostdev 0000:02:00.0"), 2, true, 31, false);
	ck_assert_no_clash(pci_dev(m, 0));
	ck_assert_no_clash(pci_dev(m, 1));
}
END_TEST

START_TEST(test_autofill_conflict)
{
	/* the first gets fid 0 filled in at once; the second then asks for fid 0 itself */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("uid='1'"))
						 HOSTDEV("0x02", ZPCI("fid='0'"))));
	const dl_device *first = by_label(m, "hostdev 0000:01:00.0");
	const dl_device *second = by_label(m, "hostdev 0000:02:00.0");
	ck_assert_ids(first, 1, false, 0, true);
	ck_assert_no_clash(first);
	ck_assert_uint_eq(second->fid.value, 0);
	ck_assert(!second->fid.automatic);
	ck_assert_ptr_eq(second->fid.clash, first);
	ck_assert(first->fid.automatic); /* what makes it an autofill conflict */
	ck_assert_ptr_null(second->uid.clash);
	ck_assert_uint_eq(second->uid.value, 2);
	ck_assert(second->uid.automatic);
}
END_TEST

START_TEST(test_autofill_reverse_order)
{
	/* the device giving fid 0 (and its uid) first: the uid-only one then gets fid 1 */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x02", ZPCI("uid='2' fid='0'"))
						 HOSTDEV("0x01", ZPCI("uid='1'"))));
	const dl_device *fid0 = by_label(m, "hostdev 0000:02:00.0");
	const dl_device *uid1 = by_label(m, "hostdev 0000:01:00.0");
	ck_assert_ids(fid0, 2, false, 0, false);
	ck_assert_ids(uid1, 1, false, 1, true);
	ck_assert_no_clash(fid0);
	ck_assert_no_clash(uid1);
}
END_TEST

START_TEST(test_autofill_reverse_order_fid_only)
{
	/*
	 * Both halves partial in the reverse order: the fid-only device is visited first and
	 * gets uid 1 filled in (virDomainZPCIAddressEnsureAddr: AssignUid, AssignFid, then
	 * Reserve), so the uid='1' device after it fails with "zPCI uid 1 is already reserved".
	 * The order only helps when the first device gives the half it leaves free for the other.
	 */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x02", ZPCI("fid='0'"))
						 HOSTDEV("0x01", ZPCI("uid='1'"))));
	const dl_device *fid0 = by_label(m, "hostdev 0000:02:00.0");
	const dl_device *uid1 = by_label(m, "hostdev 0000:01:00.0");
	ck_assert_ids(fid0, 1, true, 0, false);
	ck_assert_no_clash(fid0);
	ck_assert_uint_eq(uid1->uid.value, 1);
	ck_assert_ptr_eq(uid1->uid.clash, fid0);
	ck_assert_uint_eq(uid1->fid.value, 1);
	ck_assert(uid1->fid.automatic);
	ck_assert_ptr_null(uid1->fid.clash);
}
END_TEST

START_TEST(test_duplicate_uid)
{
	/* libvirt's hostdev-vfio-zpci-duplicate: both halves given twice */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("uid='0x1234' fid='0x00001234'"))
						 HOSTDEV("0x02", ZPCI("uid='0x1234' fid='0x00001234'"))));
	const dl_device *first = by_label(m, "hostdev 0000:01:00.0");
	const dl_device *later = by_label(m, "hostdev 0000:02:00.0");
	ck_assert_no_clash(first);
	ck_assert_ptr_eq(later->uid.clash, first);
	ck_assert_ptr_eq(later->fid.clash, first);
	ck_assert_uint_eq(later->uid.value, 0x1234);
	ck_assert(!first->uid.automatic);
	/* only the uid given twice */
	m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("uid='0x1234' fid='1'"))
				       HOSTDEV("0x02", ZPCI("uid='0x1234' fid='2'"))));
	first = by_label(m, "hostdev 0000:01:00.0");
	later = by_label(m, "hostdev 0000:02:00.0");
	ck_assert_no_clash(first);
	ck_assert_ptr_eq(later->uid.clash, first);
	ck_assert_ptr_null(later->fid.clash);
	/* the same value written differently is the same value */
	m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("uid='4660' fid='1'"))
				       HOSTDEV("0x02", ZPCI("uid='011064' fid='2'"))));
	ck_assert_ptr_eq(by_label(m, "hostdev 0000:02:00.0")->uid.clash,
			 by_label(m, "hostdev 0000:01:00.0"));
}
END_TEST

START_TEST(test_disks_visited_before_hostdevs)
{
	/* the hostdev comes first in the file, but libvirt reserves the disk's uid first */
	dl_model *m =
		build(DOMAIN_S390X(
		HOSTDEV("0x01", ZPCI("uid='0x0002' fid='1'"))
		"    <disk type='file' device='disk'>\n"
		"      <target dev='vda' bus='virtio'/>\n"
		"      <address type='pci'><zpci uid='0x0002'/></address>\n"
		"    </disk>\n"));
	const dl_device *hostdev = by_label(m, "hostdev 0000:01:00.0");
	const dl_device *disk = by_label(m, "disk vda");
	ck_assert_uint_lt(hostdev->index, disk->index);
	ck_assert_ids(disk, 2, false, 0, true);
	ck_assert_no_clash(disk);
	ck_assert_ptr_eq(hostdev->uid.clash, disk);
	ck_assert_ptr_null(hostdev->fid.clash);
	ck_assert_uint_eq(hostdev->fid.value, 1);
}
END_TEST

START_TEST(test_assign_after_collect)
{
	/* devices without <zpci> get what the collect pass left, whatever their place in the file */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", "") HOSTDEV("0x02", ZPCI("uid='1' fid='0'"))
						 HOSTDEV("0x03", ZPCI("uid='3'")) HOSTDEV("0x04", "")));
	ck_assert_ids(by_label(m, "hostdev 0000:02:00.0"), 1, false, 0, false);
	ck_assert_ids(by_label(m, "hostdev 0000:03:00.0"), 3, false, 1, true);
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 2, true, 2, true);
	ck_assert_ids(by_label(m, "hostdev 0000:04:00.0"), 4, true, 3, true);
	for (size_t i = 0; i < npci(m); i++)
		ck_assert_no_clash(pci_dev(m, i));
}
END_TEST

START_TEST(test_x86_no_assign_pass)
{
	dl_model *m = build("<domain type='kvm'>\n"
			    "  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n"
			    "  <devices>\n" HOSTDEV("0x01", "")
							    HOSTDEV("0x02", "<address type='pci' slot='3'/>") "  </devices>\n"
										  "</domain>\n");
	ck_assert(!m->s390x);
	ck_assert_uint_eq(npci(m), 2);
	for (size_t i = 0; i < 2; i++) {
		ck_assert(!pci_dev(m, i)->uid.known);
		ck_assert(!pci_dev(m, i)->fid.known);
		ck_assert(!pci_dev(m, i)->uid.automatic);
		ck_assert(!dl_device_is_zpci(m, pci_dev(m, i)));
	}
}
END_TEST

START_TEST(test_implicit_bridge_boundaries)
{
	/* libvirt's hostdev-vfio-zpci-boundaries: pci.1=2/1 hostdev0=65535/4294967295 hostdev1=1/0 */
	dl_model *m = build(DOMAIN_S390X(
		HOSTDEV("0x00", "<address type='pci' domain='0x0000' bus='0x01' slot='0x1f' function='0x0'>"
				"<zpci uid='0xffff' fid='0xffffffff'/></address>")
			HOSTDEV("0x01", ZPCI("uid='0x0001' fid='0x00000000'"))));
	ck_assert_uint_eq(npci(m), 3);
	const dl_device *h0 = by_label(m, "hostdev 0000:00:00.0");
	const dl_device *h1 = by_label(m, "hostdev 0000:01:00.0");
	const dl_device *bridge = by_label(m, "controller pci.1");
	ck_assert_ids(h0, 0xffff, false, 0xffffffffu, false);
	ck_assert_ids(h1, 1, false, 0, false);
	ck_assert(bridge->implicit);
	ck_assert_ptr_null(bridge->node);
	for (size_t i = 0; i < bridge->index; i++) /* implicit devices come last */
		ck_assert(!m->devices[i].implicit);
	ck_assert_ids(bridge, 2, true, 1, true);
	for (size_t i = 0; i < npci(m); i++)
		ck_assert_no_clash(pci_dev(m, i));
}
END_TEST

START_TEST(test_implicit_bridge_after_all_real_devices)
{
	/* a real device without zpci, after the one that needs bus 1, still comes before pci.1 */
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", "<address type='pci' bus='0x01' slot='0x01'/>")
						 HOSTDEV("0x02", "")));
	ck_assert_uint_eq(npci(m), 3);
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 1, true, 0, true);
	ck_assert_ids(by_label(m, "hostdev 0000:02:00.0"), 2, true, 1, true);
	ck_assert_ids(by_label(m, "controller pci.1"), 3, true, 2, true);
	/* with pci.1 in the file, nothing is added */
	m = build(DOMAIN_S390X("    <controller type='pci' index='1' model='pci-bridge'/>\n"
			       HOSTDEV("0x01", "<address type='pci' bus='0x01' slot='0x01'/>")));
	ck_assert_uint_eq(npci(m), 2);
	ck_assert(!pci_dev(m, 0)->implicit);
	ck_assert(!pci_dev(m, 1)->implicit);
	/* hostdevs before controllers in libvirt's order */
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 1, true, 0, true);
	ck_assert_ids(by_label(m, "controller pci.1"), 2, true, 1, true);
}
END_TEST

START_TEST(test_s390x_devices_libvirt_puts_on_pci)
{
	/* virtio devices go on CCW; a non-virtio NIC, an i6300esb and a qemu-xhci go on PCI */
	dl_model *m =
		build(DOMAIN_S390X("    <controller type='usb' model='qemu-xhci'/>\n"
					 "    <controller type='usb' index='1'/>\n"
					 "    <interface type='user'><model type='e1000'/></interface>\n"
					 "    <interface type='user'><model type='virtio'/></interface>\n"
					 "    <interface type='user'/>\n"
					 "    <watchdog model='i6300esb'/>\n"
					 "    <disk type='file'><target dev='vda' bus='virtio'/></disk>\n"
					 HOSTDEV("0x01", "")));
	ck_assert_uint_eq(npci(m), 4);
	ck_assert_ids(by_label(m, "interface"), 1, true, 0, true);
	ck_assert_ids(by_label(m, "hostdev 0000:01:00.0"), 2, true, 1, true);
	ck_assert_ids(by_label(m, "controller usb"), 3, true, 2, true);
	ck_assert_ids(by_label(m, "watchdog"), 4, true, 3, true);
}
END_TEST

START_TEST(test_controllers_by_index)
{
	dl_model *m =
		build(DOMAIN_S390X("    <controller type='pci' index='2' model='pci-bridge'/>\n"
					 "    <controller type='pci' index='1' model='pci-bridge'/>\n"));
	ck_assert_uint_eq(npci(m), 2);
	ck_assert_ids(by_label(m, "controller pci.1"), 1, true, 0, true);
	ck_assert_ids(by_label(m, "controller pci.2"), 2, true, 1, true);
}
END_TEST

START_TEST(test_invalid_uid_stays_unknown)
{
	dl_model *m = build(DOMAIN_S390X(HOSTDEV("0x01", ZPCI("uid='0x0000' fid='5'"))
						 HOSTDEV("0x02", ZPCI("uid='0x10000'"))
						 HOSTDEV("0x03", ZPCI("uid='1f' fid='6'"))
						 HOSTDEV("0x04", ZPCI("uid='7' fid='-1'"))
						 HOSTDEV("0x05", ZPCI("uid='0'")) HOSTDEV("0x06", "")));
	static const char *const bad[] = { "hostdev 0000:01:00.0", "hostdev 0000:02:00.0",
					   "hostdev 0000:03:00.0", "hostdev 0000:04:00.0",
					   "hostdev 0000:05:00.0" };
	for (size_t i = 0; i < 5; i++) {
		const dl_device *d = by_label(m, bad[i]);
		ck_assert_msg(!d->uid.known, "%s: uid known", bad[i]);
		ck_assert_msg(!d->fid.known, "%s: fid known", bad[i]);
		ck_assert_no_clash(d);
	}
	/* nothing was reserved for them */
	ck_assert_ids(by_label(m, "hostdev 0000:06:00.0"), 1, true, 0, true);
}
END_TEST

START_TEST(test_chr_zpci_never_reserved)
{
	dl_model *m = build(DOMAIN_S390X("    <serial type='pty'><address type='pci' slot='2'>"
					 "<zpci uid='1' fid='0'/></address></serial>\n"
					 HOSTDEV("0x01", ZPCI("uid='1' fid='0'"))));
	const dl_device *h = by_label(m, "hostdev 0000:01:00.0");
	ck_assert_ids(h, 1, false, 0, false);
	ck_assert_no_clash(h);
	ck_assert(!by_label(m, "serial")->uid.known);
}
END_TEST

START_TEST(test_3000_devices_linear)
{
	enum { N = 3000 };
	static const char head[] = DOMAIN_S390X("");
	size_t cap = sizeof head + (size_t)N * 200;
	char *xml = malloc(cap);
	ck_assert_ptr_nonnull(xml);
	const char *tail = strstr(head, "  </devices>");
	size_t len = (size_t)(tail - head);
	memcpy(xml, head, len);
	for (unsigned i = 0; i < N; i++)
		len += (size_t)snprintf(xml + len, cap - len,
					"<hostdev mode='subsystem' type='pci'><source><address "
					"domain='0x%04x' bus='0x00' slot='0x00' "
					"function='0x0'/></source></hostdev>\n",
					i);
	strcpy(xml + len, tail);
	dl_model *m = build_owned(xml);
	ck_assert_uint_eq(npci(m), N);
	size_t wrong = 0;
	for (size_t i = 0; i < N; i++) {
		const dl_device *d = pci_dev(m, i);
		if (!d->uid.known || !d->fid.known || d->uid.value != i + 1 || d->fid.value != i ||
		    d->uid.clash || d->fid.clash)
			wrong++;
	}
	ck_assert_uint_eq(wrong, 0);
	ck_assert_str_eq(pci_dev(m, N - 1)->label, "hostdev 0bb7:00:00.0");
}
END_TEST

Suite *zpci_suite(void)
{
	Suite *s = suite_create("zpci");
	TCase *tc = tcase_create("collect");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_uid_only);
	tcase_add_test(tc, test_fid_only);
	tcase_add_test(tc, test_autofill_conflict);
	tcase_add_test(tc, test_autofill_reverse_order);
	tcase_add_test(tc, test_autofill_reverse_order_fid_only);
	tcase_add_test(tc, test_duplicate_uid);
	tcase_add_test(tc, test_disks_visited_before_hostdevs);
	tcase_add_test(tc, test_invalid_uid_stays_unknown);
	tcase_add_test(tc, test_chr_zpci_never_reserved);
	suite_add_tcase(s, tc);

	tc = tcase_create("assign");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_single_device_automatic);
	tcase_add_test(tc, test_two_devices_automatic);
	tcase_add_test(tc, test_empty_zpci_is_assigned);
	tcase_add_test(tc, test_assign_after_collect);
	tcase_add_test(tc, test_x86_no_assign_pass);
	tcase_add_test(tc, test_implicit_bridge_boundaries);
	tcase_add_test(tc, test_implicit_bridge_after_all_real_devices);
	tcase_add_test(tc, test_controllers_by_index);
	tcase_add_test(tc, test_s390x_devices_libvirt_puts_on_pci);
	tcase_add_test(tc, test_3000_devices_linear);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
