/* check_model.c - the domain model: architecture, which devices, managed, comments, labels, addresses */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_suites.h"
#include "check_fixture.h"
#include "model.h"

#define S390X_OS "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>"
#define X86_OS "<os><type arch='x86_64' machine='q35'>hvm</type></os>"

/* ---- architecture ---- */

START_TEST(test_arch_from_type_arch)
{
	dl_model *m = build("<domain type='kvm'>\n"
			    "  <os>\n"
			    "    <type arch='x86_64' machine='s390-ccw-virtio'>hvm</type>\n"
			    "  </os>\n"
			    "  <devices><emulator>/usr/bin/qemu-system-s390x</emulator></devices>\n"
			    "</domain>");
	/* the explicit arch wins over machine and emulator */
	ck_assert_str_eq(m->arch, "x86_64");
	ck_assert(!m->s390x);
	ck_assert_loc(m->arch_loc, 3, 11);
	ck_assert_uint_eq(npci(m), 0);
}
END_TEST

START_TEST(test_arch_s390x_from_type_arch)
{
	dl_model *m = build("<domain>" S390X_OS "</domain>");
	ck_assert_str_eq(m->arch, "s390x");
	ck_assert(m->s390x);
}
END_TEST

START_TEST(test_arch_from_machine)
{
	dl_model
		*m = build("<domain type='kvm'>\n"
			   "  <os><type machine='s390-ccw-virtio'>hvm</type></os>\n"
			   "  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>\n"
			   "</domain>");
	ck_assert_str_eq(m->arch, "s390x");
	ck_assert(m->s390x);
	ck_assert_loc(m->arch_loc, 2, 13);
	m = build("<domain><os><type machine='s390-ccw-virtio-rhel7.6.0'>hvm</type></os></domain>");
	ck_assert_str_eq(m->arch, "s390x");
	m = build("<domain><os><type machine='pc-q35-7.2'>hvm</type></os></domain>");
	ck_assert_str_eq(m->arch, "x86_64");
	ck_assert(!m->s390x);
}
END_TEST

START_TEST(test_arch_from_emulator)
{
	dl_model *m = build("<domain type='kvm'>\n"
			    "  <os><type>hvm</type></os>\n"
			    "  <devices>\n"
			    "    <emulator>/usr/bin/qemu-system-s390x</emulator>\n"
			    "  </devices>\n"
			    "</domain>");
	ck_assert_str_eq(m->arch, "s390x");
	ck_assert(m->s390x);
	ck_assert_loc(m->arch_loc, 4, 5);
	/* an unknown machine falls through to the emulator too */
	m = build("<domain><os><type machine='virt'>hvm</type></os>"
		  "<devices><emulator>/usr/libexec/qemu-system-aarch64</emulator></devices></"
		  "domain>");
	ck_assert_str_eq(m->arch, "aarch64");
	ck_assert(!m->s390x);
}
END_TEST

START_TEST(test_arch_unknown)
{
	dl_model
		*m = build("<domain><devices><emulator>/usr/bin/kvm</emulator></devices></domain>");
	ck_assert_ptr_null(m->arch);
	ck_assert(!m->s390x);
	m = build("<domain><os><type machine='virt'>hvm</type></os></domain>");
	ck_assert_ptr_null(m->arch);
	ck_assert(!m->s390x);
	/* qemu-system-s390 (31-bit) is not s390x */
	m = build("<domain><devices><emulator>/usr/bin/qemu-system-s390</emulator></devices></"
		  "domain>");
	ck_assert_ptr_null(m->arch);
	ck_assert(!m->s390x);
	m = build("<domain/>");
	ck_assert_ptr_null(m->arch);
	ck_assert_uint_eq(npci(m), 0);
}
END_TEST

/* ---- which devices enter the model ---- */

static const char devices_xml[] =
	"<domain type='kvm'>" X86_OS "\n"
	"<devices>\n"
	"  <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
	"  <disk type='file' device='disk'>\n" /* in: PCI guest address */
	"    <target dev='vda' bus='virtio'/>\n"
	"    <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>\n"
	"  </disk>\n"
	"  <disk type='file' device='disk'>\n" /* out: ccw address */
	"    <target dev='vdb' bus='virtio'/>\n"
	"    <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>\n"
	"  </disk>\n"
	"  <disk type='file' device='cdrom'><target dev='sda' bus='sata'/></disk>\n" /* out */
	"  <controller type='pci' index='0' model='pci-root'/>\n"                    /* out */
	"  <controller type='pci' index='1' model='pci-bridge'/>\n"                  /* in */
	"  <controller type='usb' index='0'/>\n"                                     /* out */
	"  <interface type='network'><source network='default'/></interface>\n"      /* out */
	"  <interface type='hostdev' managed='yes'>\n"                               /* in */
	"    <mac address='52:54:00:6d:90:02'/>\n"
	"    <source><address type='pci' domain='0x0000' bus='0x03' slot='0x00' "
	"function='0x1'/></source>\n"
	"  </interface>\n"
	"  <hostdev mode='subsystem' type='usb'>\n" /* out */
	"    <source><vendor id='0x1234'/><product id='0xbeef'/></source>\n"
	"  </hostdev>\n"
	"  <hostdev mode='subsystem' type='pci' managed='yes'>\n" /* in */
	"    <source><address domain='0x0002' bus='0x06' slot='0x00' function='0x0'/></source>\n"
	"  </hostdev>\n"
	"  <memballoon model='virtio'>\n" /* in: PCI guest address */
	"    <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n"
	"  </memballoon>\n"
	"</devices>\n"
	"</domain>\n";

START_TEST(test_devices_in_model)
{
	dl_model *m = build(devices_xml);
	ck_assert_str_eq(m->arch, "x86_64");
	ck_assert_uint_eq(npci(m), 5);
	static const char *const labels[] = { "disk vda", "controller pci.1",
					      "interface hostdev 0000:03:00.1",
					      "hostdev 0002:06:00.0", "memballoon" };
	static const dl_dev_kind kinds[] = { DL_DEV_DISK, DL_DEV_CONTROLLER, DL_DEV_INTERFACE,
					     DL_DEV_HOSTDEV, DL_DEV_MEMBALLOON };
	static const bool pci_hostdev[] = { false, false, true, true, false };
	static const unsigned long lines[] = { 4, 14, 17, 24, 27 };
	for (size_t i = 0; i < 5; i++) {
		const dl_device *d = pci_dev(m, i);
		ck_assert_str_eq(d->label, labels[i]);
		ck_assert_int_eq(d->kind, kinds[i]);
		ck_assert_int_eq(d->pci_hostdev, pci_hostdev[i]);
		ck_assert(i == 0 || d->index > pci_dev(m, i - 1)->index);
		ck_assert(!d->implicit);
		ck_assert_ptr_nonnull(d->node);
		ck_assert_loc(d->loc, lines[i], 3);
	}
	ck_assert_str_eq(pci_dev(m, 0)->element, "disk");
	ck_assert_str_eq(pci_dev(m, 4)->element, "memballoon");
	/* the hostdevs have a source address, the others none */
	ck_assert(pci_dev(m, 2)->source.present);
	ck_assert(pci_dev(m, 3)->source.present);
	ck_assert(!pci_dev(m, 0)->source.present);
	/* libvirt's iteration order: disks, nets, ..., hostdevs, ..., controllers, ... memballoon */
	const dl_device *disk = pci_dev(m, 0), *ctl = pci_dev(m, 1), *net = pci_dev(m, 2),
			*hd = pci_dev(m, 3), *balloon = pci_dev(m, 4);
	ck_assert_int_lt(disk->order_class, net->order_class);
	ck_assert_int_lt(net->order_class, hd->order_class);
	ck_assert_int_lt(hd->order_class, ctl->order_class);
	ck_assert_int_lt(ctl->order_class, balloon->order_class);
}
END_TEST

START_TEST(test_hostdev_kinds)
{
	dl_model *m =
		build("<domain>" X86_OS "<devices>"
		      "<hostdev type='pci'><source><address bus='1'/></source></hostdev>"
		      "<hostdev mode='capabilities' type='pci'><source/></hostdev>"
		      "<hostdev mode='subsystem' type='scsi'><source/></hostdev>"
		      "<hostdev mode='subsystem' type='mdev'><source/>"
		      "<address type='pci' slot='3'/></hostdev>"
		      "<interface type='hostdev'><source><address type='usb' bus='1' device='2'/>"
		      "</source></interface>"
		      "<interface type='hostdev'><source><address type='pci' "
		      "bus='2'/></source></interface>"
		      "<interface type='hostdev'><source><address bus='3'/></source></interface>"
		      "<interface type='hostdev'><source><vendor id='0x1'/><product "
		      "id='0x2'/></source></interface>"
		      "</devices></domain>");
	/*
	 * mode absent means subsystem; a non-PCI hostdev enters only through its PCI guest
	 * address; an interface's source needs a type ("missing source address type"), and a
	 * <vendor> makes it USB
	 */
	ck_assert_uint_eq(npci(m), 3);
	ck_assert_str_eq(pci_dev(m, 0)->label, "hostdev 0000:01:00.0");
	ck_assert(pci_dev(m, 0)->pci_hostdev);
	ck_assert(!pci_dev(m, 1)->pci_hostdev);
	ck_assert_int_eq(pci_dev(m, 1)->kind, DL_DEV_HOSTDEV);
	ck_assert(!pci_dev(m, 1)->source.present);
	ck_assert(pci_dev(m, 2)->pci_hostdev);
	ck_assert_int_eq(pci_dev(m, 2)->kind, DL_DEV_INTERFACE);
	ck_assert_str_eq(pci_dev(m, 2)->label, "interface hostdev 0000:02:00.0");
}
END_TEST

/* ---- managed ---- */

START_TEST(test_managed_states)
{
	dl_model *m = build("<domain>" X86_OS "<devices>\n"
			    "<hostdev mode='subsystem' type='pci'><source><address "
			    "bus='1'/></source></hostdev>\n"
			    "<hostdev mode='subsystem' type='pci' managed='yes'><source><address "
			    "bus='2'/></source></hostdev>\n"
			    "<hostdev mode='subsystem' type='pci' managed='no'><source><address "
			    "bus='3'/></source></hostdev>\n"
			    "<hostdev mode='subsystem' type='pci' managed='on'><source><address "
			    "bus='4'/></source></hostdev>\n"
			    "<hostdev mode='subsystem' type='pci' managed=''><source><address "
			    "bus='5'/></source></hostdev>\n"
			    "<hostdev mode='subsystem' type='pci' managed='YES'><source><address "
			    "bus='6'/></source></hostdev>\n"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 6);
	ck_assert_int_eq(pci_dev(m, 0)->managed_state, DL_MANAGED_ABSENT);
	ck_assert_ptr_null(pci_dev(m, 0)->managed);
	ck_assert_int_eq(pci_dev(m, 1)->managed_state, DL_MANAGED_YES);
	ck_assert_str_eq(pci_dev(m, 1)->managed, "yes");
	ck_assert_int_eq(pci_dev(m, 2)->managed_state, DL_MANAGED_NO);
	ck_assert_int_eq(pci_dev(m, 3)->managed_state, DL_MANAGED_INVALID);
	ck_assert_str_eq(pci_dev(m, 3)->managed, "on");
	ck_assert_int_eq(pci_dev(m, 4)->managed_state, DL_MANAGED_INVALID);
	ck_assert_int_eq(pci_dev(m, 5)->managed_state, DL_MANAGED_INVALID);
	/* the position of managed, or of the element when it is absent */
	ck_assert_loc(dl_doc_attr_loc(built_doc(), pci_dev(m, 0)->node, "managed"), 2, 1);
	ck_assert_loc(dl_doc_attr_loc(built_doc(), pci_dev(m, 1)->node, "managed"), 3, 38);
}
END_TEST

/* ---- comments ---- */

static bool has_comment(const dl_device *d, const char *text)
{
	for (size_t i = 0; i < d->ncomments; i++)
		if (d->comments[i]->type == XML_COMMENT_NODE &&
		    strcmp((const char *)d->comments[i]->content, text) == 0)
			return true;
	return false;
}

START_TEST(test_comments)
{
	dl_model *m = build("<domain>" X86_OS "<devices>\n"
			    "  <!--separated-->\n"
			    "  <controller type='usb'/>\n"
			    "  <!--run a-->\n"
			    "\n"
			    "  <!--run b-->\n"
			    "  <hostdev mode='subsystem' type='pci'>\n"
			    "    <!--inside-->\n"
			    "    <source><!--deep--><address bus='1'/></source>\n"
			    "  </hostdev>\n"
			    "  <hostdev mode='subsystem' type='pci'>\n"
			    "    <source><address bus='2'/></source>\n"
			    "  </hostdev>\n"
			    "  <!--after-->\n"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 2);
	const dl_device *a = by_label(m, "hostdev 0000:01:00.0");
	ck_assert_uint_eq(a->ncomments, 4);
	ck_assert(has_comment(a, "run a"));
	ck_assert(has_comment(a, "run b"));
	ck_assert(has_comment(a, "inside"));
	ck_assert(has_comment(a, "deep"));
	ck_assert(!has_comment(a, "separated"));
	ck_assert(!has_comment(a, "after"));
	/* the second hostdev follows an element: nothing before it is its own */
	const dl_device *b = by_label(m, "hostdev 0000:02:00.0");
	ck_assert_uint_eq(b->ncomments, 0);
}
END_TEST

/* ---- labels ---- */

START_TEST(test_labels)
{
	dl_model *m = build("<domain>" S390X_OS "<devices>"
			    "<hostdev mode='subsystem' type='pci'><source>"
			    "<address domain='0x0002' bus='0x06' slot='0x00' "
			    "function='0x0'/></source></hostdev>"
			    "<hostdev mode='subsystem' type='pci'><source>"
			    "<address domain='0xffff' bus='255' slot='037' "
			    "function='7'/></source></hostdev>"
			    "<hostdev mode='subsystem' type='pci'><source/></hostdev>"
			    "<hostdev mode='subsystem' type='pci'><source><address domain='0x0002' "
			    "bus='1f'/>"
			    "</source></hostdev>"
			    "<disk type='file'><target dev='vda'/><address type='pci'/></disk>"
			    "<disk type='file'><address type='pci'/></disk>"
			    "<controller type='pci' index='1' model='pci-bridge'/>"
			    "<controller type='pci' index='0x2' model='pci-bridge'/>"
			    "<controller type='pci' model='pci-bridge'/>"
			    "<interface type='virtio'><mac address='52:54:00:00:00:01'/>"
			    "<address type='pci'/></interface>"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 10);
	ck_assert_str_eq(pci_dev(m, 0)->label, "hostdev 0002:06:00.0");
	ck_assert_str_eq(pci_dev(m, 1)->label, "hostdev ffff:ff:1f.7");
	ck_assert_str_eq(pci_dev(m, 2)->label, "hostdev (no source address)");
	/* a malformed address is shown as written, absent parts as 0 */
	ck_assert_str_eq(pci_dev(m, 3)->label, "hostdev 0002:'1f':00.0");
	ck_assert_str_eq(pci_dev(m, 4)->label, "disk vda");
	ck_assert_str_eq(pci_dev(m, 5)->label, "disk");
	ck_assert_str_eq(pci_dev(m, 6)->label, "controller pci.1");
	/* libvirt reads a controller index as a decimal number only: '0x2' is no index */
	ck_assert_str_eq(pci_dev(m, 7)->label, "controller pci");
	ck_assert_str_eq(pci_dev(m, 8)->label, "controller pci");
	ck_assert_str_eq(pci_dev(m, 9)->label, "interface 52:54:00:00:00:01");
}
END_TEST

/* ---- addresses ---- */

START_TEST(test_guest_address_fields)
{
	dl_model *m = build("<domain>" S390X_OS "<devices>\n"
			    "<hostdev mode='subsystem' type='pci'>\n"
			    "  <source><address domain='0x0002' bus='0x06' slot='0x00' "
			    "function='0x0'/></source>\n"
			    "  <address type='pci' domain='0x0000' bus='0x00' slot='010' "
			    "function='0x7'\n"
			    "           multifunction='on'>\n"
			    "    <zpci uid='0x0019' fid='0x0000001f'/>\n"
			    "  </address>\n"
			    "</hostdev>\n"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 1);
	const dl_device *d = pci_dev(m, 0);
	const dl_addr *g = &d->guest;
	ck_assert(g->present);
	ck_assert_ptr_nonnull(g->node);
	ck_assert_loc(g->loc, 4, 3);
	ck_assert_str_eq(g->type, "pci");
	ck_assert_str_eq(g->domain.raw, "0x0000");
	ck_assert_int_eq(g->domain.num.status, DL_NUM_OK);
	ck_assert_uint_eq(g->domain.num.value, 0);
	ck_assert_str_eq(g->slot.raw, "010");
	ck_assert_int_eq(g->slot.num.status, DL_NUM_OK);
	ck_assert_uint_eq(g->slot.num.value, 8);
	ck_assert(g->slot.num.octal);
	ck_assert_loc(dl_field_loc(built_doc(), &g->slot), 4, 50);
	ck_assert_uint_eq(g->function.num.value, 7);
	ck_assert_str_eq(g->multifunction, "on");
	ck_assert_loc(dl_doc_attr_loc(built_doc(), g->node, "multifunction"), 5, 12);
	ck_assert(g->has_zpci);
	ck_assert_ptr_nonnull(g->zpci_node);
	ck_assert_loc(g->zpci_loc, 6, 5);
	ck_assert_str_eq(g->uid.raw, "0x0019");
	ck_assert_int_eq(g->uid.num.status, DL_NUM_OK);
	ck_assert_uint_eq(g->uid.num.value, 25);
	ck_assert_loc(dl_field_loc(built_doc(), &g->uid), 6, 11);
	ck_assert_str_eq(g->fid.raw, "0x0000001f");
	ck_assert_uint_eq(g->fid.num.value, 31);
	ck_assert_loc(dl_field_loc(built_doc(), &g->fid), 6, 24);
	/* the host address is read on its own */
	const dl_addr *s = &d->source;
	ck_assert(s->present);
	ck_assert_ptr_null(s->type);
	ck_assert(!s->has_zpci);
	ck_assert_uint_eq(s->domain.num.value, 2);
	ck_assert_uint_eq(s->bus.num.value, 6);
	/* the explicit ids are what libvirt uses */
	ck_assert(d->uid.known);
	ck_assert(!d->uid.automatic);
	ck_assert_uint_eq(d->uid.value, 25);
	ck_assert(d->fid.known);
	ck_assert_uint_eq(d->fid.value, 31);
	dl_field_ref refs[DL_DEVICE_MAX_FIELDS];
	ck_assert_uint_eq(dl_device_fields(d, refs), 10);
	ck_assert_ptr_eq(refs[0].field, &s->domain);
	ck_assert_ptr_eq(refs[8].field, &g->uid);
	ck_assert_ptr_eq(refs[9].field, &g->fid);
	ck_assert(dl_device_is_zpci(m, d));
}
END_TEST

START_TEST(test_guest_address_absent_fields)
{
	dl_model *m = build("<domain>" X86_OS "<devices>\n"
			    "<disk type='file'><target dev='vda'/>\n"
			    "  <address type='pci' slot='1f'><zpci fid='5'/></address></disk>\n"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 1);
	const dl_addr *g = &pci_dev(m, 0)->guest;
	ck_assert_ptr_null(g->domain.raw);
	ck_assert_int_eq(g->domain.num.status, DL_NUM_ABSENT);
	ck_assert_loc(dl_field_loc(built_doc(), &g->domain), 3, 3); /* the element's position */
	ck_assert_int_eq(g->slot.num.status, DL_NUM_SYNTAX);
	ck_assert_ptr_null(g->multifunction);
	ck_assert(g->has_zpci);
	ck_assert_ptr_null(g->uid.raw);
	ck_assert_int_eq(g->uid.num.status, DL_NUM_ABSENT);
	ck_assert_uint_eq(g->fid.num.value, 5);
	dl_field_ref refs[DL_DEVICE_MAX_FIELDS];
	ck_assert_uint_eq(dl_device_fields(pci_dev(m, 0), refs), 6);
	ck_assert_str_eq(refs[0].what, "guest PCI domain");
	ck_assert(!dl_addr_is_valid_number(g));
	/* not s390x, but a <zpci> is given */
	ck_assert(dl_device_is_zpci(m, pci_dev(m, 0)));
}
END_TEST

static dl_addr addr_of(const char *domain, const char *bus, const char *slot, const char *function)
{
	dl_addr a;
	memset(&a, 0, sizeof a);
	a.present = true;
	a.domain.raw = domain;
	a.domain.num = dl_num_parse(domain);
	a.bus.raw = bus;
	a.bus.num = dl_num_parse(bus);
	a.slot.raw = slot;
	a.slot.num = dl_num_parse(slot);
	a.function.raw = function;
	a.function.num = dl_num_parse(function);
	return a;
}

START_TEST(test_addr_is_empty)
{
	dl_addr a = addr_of(NULL, NULL, NULL, NULL);
	ck_assert(dl_addr_is_empty(&a));
	ck_assert(dl_addr_is_valid_number(&a));
	a = addr_of("0x0000", "0x00", "0x00", "0x0");
	ck_assert(dl_addr_is_empty(&a));
	a = addr_of("0", "00", NULL, "9"); /* the function does not count */
	ck_assert(dl_addr_is_empty(&a));
	a = addr_of(NULL, NULL, "0x01", NULL);
	ck_assert(!dl_addr_is_empty(&a));
	a = addr_of(NULL, "1", NULL, NULL);
	ck_assert(!dl_addr_is_empty(&a));
	a = addr_of("0x0001", NULL, NULL, NULL);
	ck_assert(!dl_addr_is_empty(&a));
	a = addr_of(NULL, "zz", NULL, NULL); /* not a number: not the all-zero form */
	ck_assert(!dl_addr_is_empty(&a));
	ck_assert(!dl_addr_is_valid_number(&a));
	a = addr_of(NULL, NULL, NULL, "08");
	ck_assert(dl_addr_is_empty(&a));
	ck_assert(!dl_addr_is_valid_number(&a));
	a = addr_of("0x100000000", NULL, NULL, NULL);
	ck_assert(!dl_addr_is_empty(&a));
	ck_assert(!dl_addr_is_valid_number(&a));
}
END_TEST

START_TEST(test_addr_is_empty_from_model)
{
	dl_model *
		m = build("<domain>" X86_OS "<devices>"
			  "<hostdev type='pci'><source><address/></source><address "
			  "type='pci'/></hostdev>"
			  "<hostdev type='pci'><source><address slot='2'/></source>"
			  "<address type='pci' domain='0' bus='0' slot='0' function='3'/></hostdev>"
			  "<hostdev type='pci'><source><address bus='3'/></source>"
			  "<address type='pci' slot='0x03'/></hostdev>"
			  "</devices></domain>");
	ck_assert_uint_eq(npci(m), 3);
	ck_assert(dl_addr_is_empty(&pci_dev(m, 0)->guest));
	ck_assert(dl_addr_is_empty(&pci_dev(m, 0)->source));
	ck_assert(dl_addr_is_empty(&pci_dev(m, 1)->guest));
	ck_assert(!dl_addr_is_empty(&pci_dev(m, 1)->source));
	ck_assert(!dl_addr_is_empty(&pci_dev(m, 2)->guest));
}
END_TEST

START_TEST(test_zpci_capable)
{
	dl_model *m = build("<domain>" S390X_OS "<devices>"
			    "<hostdev type='pci'><source><address bus='1'/></source></hostdev>"
			    "<hostdev type='pci'><source><address bus='2'/></source>"
			    "<address type='unassigned'/></hostdev>"
			    "<serial type='pty'><address type='pci' slot='3'><zpci "
			    "uid='7'/></address></serial>"
			    "<controller type='pci' index='1' model='pci-bridge'/>"
			    "<disk type='file'><target dev='vda'/><address type='pci'/></disk>"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 5);
	ck_assert(by_label(m, "hostdev 0000:01:00.0")->zpci_capable);
	/* an unassigned hostdev has no guest PCI address */
	ck_assert(!by_label(m, "hostdev 0000:02:00.0")->zpci_capable);
	/* chr devices keep a <zpci> but never reserve it */
	const dl_device *serial = by_label(m, "serial");
	ck_assert(!serial->zpci_capable);
	ck_assert(!serial->uid.known);
	ck_assert(by_label(m, "controller pci.1")->zpci_capable);
	ck_assert(by_label(m, "disk vda")->zpci_capable);
}
END_TEST

START_TEST(test_no_implicit_controller_on_x86)
{
	dl_model *m = build("<domain>" X86_OS "<devices>"
			    "<hostdev type='pci'><source><address bus='1'/></source>"
			    "<address type='pci' bus='0x02' slot='1'/></hostdev>"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 1);
	ck_assert(!pci_dev(m, 0)->uid.known);
	ck_assert(!pci_dev(m, 0)->fid.known);
	ck_assert(!dl_device_is_zpci(m, pci_dev(m, 0)));
}
END_TEST

START_TEST(test_implicit_controllers_fill_gaps)
{
	/* buses 1..3 referenced; pci.2 is in the file, so pci.1 and pci.3 are added */
	dl_model *m = build("<domain>" S390X_OS "<devices>\n"
			    "<controller type='pci' index='0' model='pci-root'/>\n"
			    "<controller type='pci' index='2' model='pci-bridge'/>\n"
			    "<hostdev type='pci'><source><address bus='1'/></source>\n"
			    "  <address type='pci' bus='0x03' slot='1'/></hostdev>\n"
			    "</devices></domain>");
	ck_assert_uint_eq(npci(m), 4);
	ck_assert(!pci_dev(m, 0)->implicit);
	ck_assert(!pci_dev(m, 1)->implicit);
	const dl_device *c1 = pci_dev(m, 2), *c3 = pci_dev(m, 3);
	ck_assert(c1->implicit);
	ck_assert(c3->implicit);
	ck_assert_ptr_null(c1->node);
	ck_assert_int_eq(c1->kind, DL_DEV_CONTROLLER);
	ck_assert_str_eq(c1->label, "controller pci.1");
	ck_assert_str_eq(c3->label, "controller pci.3");
	for (size_t i = 0; i < c1->index; i++) /* implicit devices come last */
		ck_assert(!m->devices[i].implicit);
	/* reported where the bus is referenced */
	ck_assert_loc(c1->loc, 5, 23);
	ck_assert(c1->zpci_capable);
}
END_TEST

Suite *model_suite(void)
{
	Suite *s = suite_create("model");
	TCase *tc = tcase_create("arch");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_arch_from_type_arch);
	tcase_add_test(tc, test_arch_s390x_from_type_arch);
	tcase_add_test(tc, test_arch_from_machine);
	tcase_add_test(tc, test_arch_from_emulator);
	tcase_add_test(tc, test_arch_unknown);
	suite_add_tcase(s, tc);

	tc = tcase_create("devices");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_devices_in_model);
	tcase_add_test(tc, test_hostdev_kinds);
	tcase_add_test(tc, test_managed_states);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_zpci_capable);
	tcase_add_test(tc, test_no_implicit_controller_on_x86);
	tcase_add_test(tc, test_implicit_controllers_fill_gaps);
	suite_add_tcase(s, tc);

	tc = tcase_create("addresses");
	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_guest_address_fields);
	tcase_add_test(tc, test_guest_address_absent_fields);
	tcase_add_test(tc, test_addr_is_empty);
	tcase_add_test(tc, test_addr_is_empty_from_model);
	suite_add_tcase(s, tc);
	return s;
}
