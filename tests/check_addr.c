/* check_addr.c - typed addresses read as libvirt reads them: the type, each type's fields, their bases */
#include <check.h>
#include <string.h>

#include "check_fixture.h"
#include "check_suites.h"

#define DOMAIN(devices)                                                                            \
	"<domain><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>" devices            \
	"</devices></domain>"

/* The guest address of the only device of the file (libvirt's own come after it). */
static const dl_addr *only_addr(const dl_model *m)
{
	ck_assert_uint_ge(m->ndevices, 1);
	for (size_t i = 1; i < m->ndevices; i++)
		ck_assert(m->devices[i].implicit);
	return &m->devices[0].guest;
}

START_TEST(test_types)
{
	static const struct {
		const char *xml;
		dl_addr_type kind;
	} cases[] = {
		{ DOMAIN("<disk><address type='pci'/></disk>"), DL_ADDR_PCI },
		  { DOMAIN("<disk><address type='drive'/></disk>"), DL_ADDR_DRIVE },
		    { DOMAIN("<disk><address type='virtio-serial'/></disk>"),
			     DL_ADDR_VIRTIO_SERIAL },
		      { DOMAIN("<disk><address type='ccid'/></disk>"), DL_ADDR_CCID },
			{ DOMAIN("<disk><address type='usb'/></disk>"), DL_ADDR_USB },
			  { DOMAIN("<disk><address type='spapr-vio'/></disk>"), DL_ADDR_SPAPRVIO },
			    { DOMAIN("<disk><address type='virtio-s390'/></disk>"),
				     DL_ADDR_VIRTIO_S390 },
			      { DOMAIN("<disk><address type='ccw'/></disk>"), DL_ADDR_CCW },
				{ DOMAIN("<disk><address type='virtio-mmio'/></disk>"),
					 DL_ADDR_VIRTIO_MMIO },
				  { DOMAIN("<disk><address type='isa'/></disk>"), DL_ADDR_ISA },
				    { DOMAIN("<disk><address type='dimm'/></disk>"), DL_ADDR_DIMM },
				      { DOMAIN("<disk><address type='unassigned'/></disk>"),
					       DL_ADDR_UNASSIGNED },
					{ DOMAIN("<disk><address/></disk>"), DL_ADDR_NO_TYPE },
					  { DOMAIN("<disk><address type='PCI'/></disk>"),
						   DL_ADDR_UNKNOWN },
					    { DOMAIN("<disk><address type='none'/></disk>"),
						     DL_ADDR_UNKNOWN },
					      { DOMAIN("<disk/>"), DL_ADDR_NONE },
					    };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const dl_addr *a = only_addr(build(cases[i].xml));
		ck_assert_msg(a->kind == cases[i].kind, "%s: kind %d, expected %d", cases[i].xml,
			      a->kind, cases[i].kind);
		ck_assert(a->present == (cases[i].kind != DL_ADDR_NONE));
	}
	ck_assert_str_eq(dl_addr_type_name(DL_ADDR_VIRTIO_SERIAL), "virtio-serial");
}
END_TEST

START_TEST(test_drive_fields_are_decimal)
{
	const dl_addr *a = only_addr(build(DOMAIN("<disk><address type='drive' controller='01' bus='+2' target='0x3'/></disk>")));
	ck_assert_uint_eq(a->nfields, 4);
	ck_assert_int_eq(a->drive.controller.base, 10);
	ck_assert_int_eq(a->drive.controller.num.status, DL_NUM_OK);
	ck_assert_uint_eq(a->drive.controller.num.value, 1); /* not octal */
	ck_assert(!a->drive.controller.num.octal);
	ck_assert_uint_eq(a->drive.bus.num.value, 2);
	ck_assert_int_eq(a->drive.target.num.status, DL_NUM_SYNTAX); /* no hex in base 10 */
	ck_assert_int_eq(a->drive.unit.num.status, DL_NUM_ABSENT);
	ck_assert_uint_eq(dl_field_value(&a->drive.unit, 7), 7);
}
END_TEST

START_TEST(test_ccw_fields_take_base_0)
{
	const dl_addr *a = only_addr(build(DOMAIN("<disk><address type='ccw' cssid='0xfe' ssid='0' devno='010'/></disk>")));
	ck_assert_uint_eq(a->ccw.cssid.num.value, 0xfe);
	ck_assert_uint_eq(a->ccw.ssid.num.value, 0);
	ck_assert_uint_eq(a->ccw.devno.num.value, 8);
	ck_assert(a->ccw.devno.num.octal);
}
END_TEST

START_TEST(test_spapr_reg_is_64_bit_hex)
{
	const dl_addr *a = only_addr(build(DOMAIN("<disk><address type='spapr-vio' reg='0x0000000100000000'/></disk>")));
	ck_assert_int_eq(a->spaprvio.reg.num.status, DL_NUM_OK);
	ck_assert(a->spaprvio.reg.num.wide == 0x100000000ULL);
	a = only_addr(build(DOMAIN("<disk><address type='spapr-vio' reg='2000'/></disk>")));
	ck_assert(a->spaprvio.reg.num.wide == 0x2000); /* hex even without 0x */
}
END_TEST

START_TEST(test_usb_port_is_a_path)
{
	const dl_addr
		*a = only_addr(build(DOMAIN("<input type='tablet' bus='usb'>"
						  "<address type='usb' bus='0' port='1.2.3'/></input>")));
	ck_assert_str_eq(a->usb_port, "1.2.3");
	ck_assert_uint_eq(a->usb.bus.num.value, 0);
}
END_TEST

START_TEST(test_zpci_last_child_wins)
{
	const dl_addr
		*a = only_addr(build(DOMAIN("<disk><address type='pci'><zpci uid='1' fid='2'/>"
						  "<zpci uid='3'/></address></disk>")));
	ck_assert(a->has_zpci);
	ck_assert_uint_eq(a->uid.num.value, 3);
	ck_assert_int_eq(a->fid.num.status, DL_NUM_ABSENT);
	/* no zpci outside a PCI address */
	a = only_addr(build(DOMAIN("<disk><address type='ccw'><zpci uid='1'/></address></disk>")));
	ck_assert(!a->has_zpci);
}
END_TEST

START_TEST(test_scsi_hostdev_source)
{
	dl_model *m = build(DOMAIN("<hostdev mode='subsystem' type='scsi'><source>"
				   "<adapter name='scsi_host0'/><address bus='0x1' target='010' unit='5'/>"
				   "</source></hostdev>"));
	const dl_addr *s = &m->devices[0].source;
	ck_assert_int_eq(s->kind, DL_ADDR_SCSI_SOURCE);
	ck_assert_uint_eq(s->scsi.bus.num.value, 1);
	ck_assert_uint_eq(s->scsi.target.num.value, 8);
	ck_assert(s->scsi.unit.num.wide == 5);
}
END_TEST

START_TEST(test_usb_hostdev_source)
{
	/* virDomainHostdevSubsysUSBDefParseXML: bus, device and both ids in base 0 */
	dl_model
		*m = build(DOMAIN("<hostdev mode='subsystem' type='usb'><source><vendor id='0403'/>"
				   "<product id='0x6001'/><address bus='001' device='010'/></source></hostdev>"));
	const dl_device *d = &m->devices[0];
	ck_assert_int_eq(d->source.kind, DL_ADDR_USB_SOURCE);
	ck_assert_uint_eq(d->source.usbsrc.bus.num.value, 1);
	ck_assert_uint_eq(d->source.usbsrc.device.num.value, 8);
	ck_assert_uint_eq(d->usb_vendor.num.value, 0x103);
	ck_assert_uint_eq(d->usb_product.num.value, 0x6001);
	dl_field_ref refs[DL_DEVICE_MAX_FIELDS];
	ck_assert_uint_eq(dl_device_fields(d, refs), 4);
	ck_assert_str_eq(refs[1].what, "host USB device");
	ck_assert_str_eq(refs[2].what, "host USB vendor id");
	for (size_t i = 0; i < 4; i++)
		ck_assert(refs[i].host);
	/* an <interface type='hostdev'> whose source address is usb reads the same way */
	m = build(DOMAIN("<interface type='hostdev'><source><address type='usb' bus='2' device='3'/>"
			 "</source></interface>"));
	ck_assert_int_eq(m->devices[0].source.kind, DL_ADDR_USB_SOURCE);
	ck_assert(m->devices[0].usb_vendor.raw == NULL);
}
END_TEST

START_TEST(test_nvme_disk_source)
{
	/* virDomainDiskSourceNVMeParse: a host PCI address, only with <source type='pci'> */
	dl_model *m = build(DOMAIN("<disk type='nvme'><source type='pci' namespace='1'>"
				   "<address domain='0' bus='010' slot='0' function='0'/></source>"
				   "<address type='pci' slot='010'/></disk>"));
	const dl_device *d = &m->devices[0];
	ck_assert_int_eq(d->source.kind, DL_ADDR_PCI);
	ck_assert_uint_eq(d->source.bus.num.value, 8);
	ck_assert(!d->pci_hostdev);
	dl_field_ref refs[DL_DEVICE_MAX_FIELDS];
	ck_assert_uint_eq(dl_device_fields(d, refs), 8);
	ck_assert(refs[1].host && strcmp(refs[1].what, "host PCI bus") == 0);
	ck_assert(!refs[6].host && strcmp(refs[6].what, "guest PCI slot") == 0);
	m = build(DOMAIN("<disk type='file'><source type='pci'><address bus='1'/></source></disk>"));
	ck_assert(!m->devices[0].source.present);
}
END_TEST

START_TEST(test_namespaced_attributes_count)
{
	const dl_addr *
		a = only_addr(build("<domain xmlns:n='urn:n'><os><type arch='s390x'>hvm</type></os>"
				    "<devices><disk><address n:type='pci'><n:zpci n:uid='5'/>"
				    "</address></disk></devices></domain>"));
	ck_assert_int_eq(a->kind, DL_ADDR_PCI);
	ck_assert(a->has_zpci);
	ck_assert_uint_eq(a->uid.num.value, 5);
}
END_TEST

START_TEST(test_device_fields_ranges)
{
	dl_model *m = build(DOMAIN("<disk><address type='ccw' cssid='0xff' ssid='4' devno='0x10000'/></disk>"));
	dl_field_ref refs[DL_DEVICE_MAX_FIELDS];
	size_t n = dl_device_fields(&m->devices[0], refs);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(refs[0].what, "CCW cssid");
	ck_assert(refs[0].range_checked);
	ck_assert(refs[0].max == 0xfe);
	ck_assert(refs[1].max == 3);
	ck_assert(refs[2].max == 0xffff);
	/* drive fields have no range libvirt checks */
	m = build(DOMAIN("<disk><address type='drive' unit='99'/></disk>"));
	n = dl_device_fields(&m->devices[0], refs);
	ck_assert_uint_eq(n, 4);
	ck_assert(!refs[3].range_checked);
}
END_TEST

Suite *addr_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc = tcase_create("read");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_types);
	tcase_add_test(tc, test_drive_fields_are_decimal);
	tcase_add_test(tc, test_ccw_fields_take_base_0);
	tcase_add_test(tc, test_spapr_reg_is_64_bit_hex);
	tcase_add_test(tc, test_usb_port_is_a_path);
	tcase_add_test(tc, test_zpci_last_child_wins);
	tcase_add_test(tc, test_scsi_hostdev_source);
	tcase_add_test(tc, test_usb_hostdev_source);
	tcase_add_test(tc, test_nvme_disk_source);
	tcase_add_test(tc, test_namespaced_attributes_count);
	tcase_add_test(tc, test_device_fields_ranges);
	suite_add_tcase(s, tc);
	return s;
}
