/* check_ccw.c - the CCW address libvirt gives each s390x device: written ones reserved first, then fe.0.N in libvirt's order */
#include <check.h>

#include "check_fixture.h"
#include "check_suites.h"

#define S390X(devices)                                                                             \
	"<domain><os><type arch='s390x' "                                                          \
	"machine='s390-ccw-virtio'>hvm</type></os><devices>" devices "</devices></domain>"
#define DISK(dev, addr) "<disk type='file'><target dev='" dev "' bus='virtio'/>" addr "</disk>"

#define ck_assert_ccw(d, want_devno, want_auto)                                                    \
	do {                                                                                       \
		const dl_device *_d = (d);                                                         \
		ck_assert_msg(_d->ccw && _d->ccw_id.known, "%s: no CCW address", _d->label);       \
		ck_assert_uint_eq(_d->ccw_id.cssid, 0xfe);                                         \
		ck_assert_uint_eq(_d->ccw_id.devno, (want_devno));                                 \
		ck_assert_int_eq(_d->ccw_id.automatic, (want_auto));                               \
	} while (0)

/* The implicit device of this kind libvirt adds; NULL when there is none. */
static const dl_device *implicit(const dl_model *m, dl_dev_kind kind)
{
	for (size_t i = 0; i < m->ndevices; i++)
		if (m->devices[i].implicit && m->devices[i].kind == kind)
			return &m->devices[i];
	return NULL;
}

START_TEST(test_disks_in_target_order_then_the_balloon)
{
	dl_model *m = build(S390X(DISK("vdb", "") DISK("vda", "")));
	ck_assert_ccw(by_label(m, "disk vda"), 0, true);
	ck_assert_ccw(by_label(m, "disk vdb"), 1, true);
	/* libvirt adds a virtio memballoon, which takes the next devno */
	ck_assert_ccw(implicit(m, DL_DEV_MEMBALLOON), 2, true);
}
END_TEST

START_TEST(test_written_addresses_first)
{
	dl_model *m = build(S390X(DISK("vda", "") DISK("vdb", "<address type='ccw' cssid='0xfe' ssid='0' devno='0'/>")
				  "<memballoon model='none'/>"));
	ck_assert_ccw(by_label(m, "disk vdb"), 0, false);
	ck_assert_ccw(by_label(m, "disk vda"), 1, true);
	ck_assert_ptr_null(implicit(m, DL_DEV_MEMBALLOON));
}
END_TEST

START_TEST(test_which_devices_get_ccw)
{
	dl_model *m = build(S390X("<interface type='user'/>"
				  "<interface type='user'><model type='e1000'/></interface>"
				  "<hostdev mode='subsystem' type='mdev' model='vfio-ccw'><source>"
				  "<address uuid='90c6c135-ad44-41d0-b1b7-bae47de48627'/></source></hostdev>"
				  "<hostdev mode='subsystem' type='mdev' model='vfio-ap'><source>"
				  "<address uuid='90c6c135-ad44-41d0-b1b7-bae47de48628'/></source></hostdev>"
				  "<channel type='pty'><target type='virtio' name='x'/></channel>"
				  "<memballoon model='virtio'/>"));
	/* interfaces first, then hostdevs, then libvirt's virtio-serial controller, then the balloon */
	ck_assert_ccw(&m->devices[0], 0, true); /* no model: virtio */
	ck_assert(!m->devices[1].ccw);          /* e1000: PCI */
	ck_assert_ccw(&m->devices[2], 1, true); /* vfio-ccw */
	ck_assert(!m->devices[3].ccw);          /* vfio-ap: no address */
	ck_assert(!m->devices[4].ccw);          /* the channel sits on virtio-serial */
	ck_assert_ccw(implicit(m, DL_DEV_CONTROLLER), 2, true);
	ck_assert_ccw(&m->devices[5], 3, true);
}
END_TEST

START_TEST(test_not_on_x86)
{
	dl_model *
		m = build("<domain><os><type arch='x86_64' "
			  "machine='q35'>hvm</type></os><devices>" DISK(
		"vda", "") "</devices></domain>");
	ck_assert(!m->devices[0].ccw);
	ck_assert_ptr_null(implicit(m, DL_DEV_MEMBALLOON));
}
END_TEST

Suite *ccw_suite(void)
{
	Suite *s = suite_create("ccw");
	TCase *tc = tcase_create("assign");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_disks_in_target_order_then_the_balloon);
	tcase_add_test(tc, test_written_addresses_first);
	tcase_add_test(tc, test_which_devices_get_ccw);
	tcase_add_test(tc, test_not_on_x86);
	suite_add_tcase(s, tc);
	return s;
}
