/* gen_corpus.c - writes the benchmark's deterministic libvirt domain XML corpora (bench/run.sh) */
/*
 * gen_corpus corpus DIR N   N domain files DIR/dom00000.xml.. of about 5 KB each: mostly s390x
 *                           (s390-ccw-virtio), some x86_64 (q35), 1 to 8 PCI hostdevs each, with
 *                           a realistic share of findings (duplicate uids, octal numbers,
 *                           unmanaged devices without a bind note, a few malformed values)
 * gen_corpus big FILE N     one s390x domain with N zPCI hostdevs, most without <zpci> so that
 *                           libvirt's uid/fid fill-in has to be predicted, all host addresses unique
 * gen_corpus suppressed FILE N
 *                           one s390x domain with N zPCI hostdevs that each set a guest bus and
 *                           slot (a target-address-explicit finding), all silenced: N/2 file-wide
 *                           directives, N/2 directives before <devices>, one before each device
 * gen_corpus oneline FILE N one s390x domain on one line with N hostdevs, two findings each (what
 *                           --color shows a window of)
 * gen_corpus tree DIR N     N directories DIR/dNNNNN/, each with one small domain and symbolic
 *                           links to DIR and to the next directory (a walk with --follow-symlinks
 *                           meets every directory three times and loops everywhere)
 *
 * The output depends only on the arguments: a fixed seed and our own PRNG (splitmix64), seeded
 * per file, so file k is the same whatever N is and on every libc. Prints nothing on success.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEED 0x646f6d6c696e7421ULL /* "domlint!" */
#define MAX_DEV 8

typedef struct {
	uint64_t s;
} prng;

static void prng_seed(prng *r, uint64_t seed)
{
	r->s = seed;
}

/* splitmix64 (Steele, Lea, Flood 2014): tiny, well mixed, identical everywhere. */
static uint64_t prng_next(prng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n); the modulo bias is irrelevant here and the result is deterministic. */
static unsigned rnd(prng *r, unsigned n)
{
	return (unsigned)(prng_next(r) % n);
}

/* True with probability num/den. */
static int chance(prng *r, unsigned num, unsigned den)
{
	return rnd(r, den) < num;
}

static const char *prog = "gen_corpus";

static void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* One hostdev, every attribute value as the text that goes into the file ("" = absent). */
typedef struct {
	char src_domain[16], src_bus[16], src_slot[16], src_function[16];
	char guest_domain[16], guest_bus[16], guest_slot[16], guest_function[16];
	char uid[16], fid[16];
	int has_guest;       /* an <address type='pci'> */
	int has_zpci;        /* a <zpci> inside it */
	const char *managed; /* "yes", "no" or NULL (absent) */
	int note;            /* bind note: 0 none, 1 comment before, 2 comment inside */
	const char *purpose; /* a comment before the device, or NULL */
} hostdev;

typedef struct {
	FILE *f;
	const char *path;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
}

static void out_open(out *o, const char *path)
{
	o->path = path;
	o->f = fopen(path, "w");
	if (!o->f)
		die("cannot write '%s': %s", path, strerror(errno));
}

static void out_close(out *o)
{
	int bad = ferror(o->f);
	if (fclose(o->f) != 0 || bad)
		die("cannot write '%s': %s", o->path, bad ? "write error" : strerror(errno));
}

static const char *const purposes[] = {
	"RoCE Express function for the database network",
	"NVMe passthrough for the data volume",
	"second RoCE port",
	"crypto adapter function",
	"ISM device for SMC-D",
	"Mellanox VF reserved for this guest",
	"scratch NVMe namespace",
	"migration network VF (do not share)",
};

static const char *const bind_notes[] = {
	"bound to vfio-pci by driverctl on every host boot",
	"host: virsh nodedev-detach before starting; see runbook",
	"driver_override set to vfio-pci by udev rule 99-vfio.rules",
	"pre-bound to vfio-pci in the initramfs",
};

static const char *const os_ids[] = {
	"http://redhat.com/rhel/9.2",         "http://ubuntu.com/ubuntu/22.04",
	"http://suse.com/sles/15.5",          "http://debian.org/debian/12",
	"http://fedoraproject.org/fedora/39",
};

static const char *const roles[] = { "db", "web", "batch", "mq", "cache", "build", "ci", "etl" };

static void put_uuid(out *o, prng *r)
{
	uint64_t a = prng_next(r), b = prng_next(r);
	put(o, "  <uuid>%08x-%04x-%04x-%04x-%012llx</uuid>\n", (unsigned)(a >> 32),
	    (unsigned)(a >> 16) & 0xffff, 0x4000 | ((unsigned)a & 0x0fff),
	    0x8000 | ((unsigned)(b >> 48) & 0x3fff), (unsigned long long)(b & 0xffffffffffffULL));
}

static void put_mac(out *o, prng *r)
{
	put(o, "      <mac address='52:54:00:%02x:%02x:%02x'/>\n", rnd(r, 256), rnd(r, 256),
	    rnd(r, 256));
}

static void put_attr(out *o, const char *name, const char *val)
{
	if (val[0])
		put(o, " %s='%s'", name, val);
}

static void put_hostdev(out *o, prng *r, const hostdev *h)
{
	if (h->purpose)
		put(o, "    <!-- %s -->\n", h->purpose);
	if (h->note == 1)
		put(o, "    <!-- %s -->\n", bind_notes[rnd(r, 4)]);
	put(o, "    <hostdev mode='subsystem' type='pci'");
	if (h->managed)
		put(o, " managed='%s'", h->managed);
	put(o, ">\n");
	if (h->note == 2)
		put(o, "      <!-- %s -->\n", bind_notes[rnd(r, 4)]);
	put(o, "      <driver name='vfio'/>\n      <source>\n        <address");
	put_attr(o, "domain", h->src_domain);
	put_attr(o, "bus", h->src_bus);
	put_attr(o, "slot", h->src_slot);
	put_attr(o, "function", h->src_function);
	put(o, "/>\n      </source>\n");
	if (h->has_guest) {
		put(o, "      <address type='pci'");
		put_attr(o, "domain", h->guest_domain);
		put_attr(o, "bus", h->guest_bus);
		put_attr(o, "slot", h->guest_slot);
		put_attr(o, "function", h->guest_function);
		if (h->has_zpci) {
			put(o, ">\n        <zpci");
			put_attr(o, "uid", h->uid);
			put_attr(o, "fid", h->fid);
			put(o, "/>\n      </address>\n");
		} else {
			put(o, "/>\n");
		}
	}
	put(o, "    </hostdev>\n");
}

/* The managed attribute and bind note of a device: mostly managed, some unmanaged with a note. */
static void pick_managed(prng *r, hostdev *h)
{
	unsigned m = rnd(r, 20);
	h->managed = m < 15 ? "yes" : m < 18 ? "no" : NULL;
	h->note = 0;
	if (!h->managed || strcmp(h->managed, "yes") != 0)
		h->note = chance(r, 7, 10) ? 1 + (int)rnd(r, 2) : 0;
	h->purpose = chance(r, 1, 4) ? purposes[rnd(r, 8)] : NULL;
}

/* Make one value of the domain malformed, the way people get them wrong. */
static void make_malformed(prng *r, hostdev *h, int s390)
{
	switch (rnd(r, s390 ? 5 : 3)) {
	case 0:
		strcpy(h->src_slot, "0x20"); /* slot > 0x1f */
		break;
	case 1:
		strcpy(h->src_bus, "0x1g"); /* trailing junk */
		break;
	case 2:
		strcpy(h->src_function, "8"); /* function > 7 */
		break;
	case 3:
		h->has_guest = h->has_zpci = 1;
		strcpy(h->uid, "0x0000"); /* uid 0 is rejected */
		break;
	default:
		h->has_guest = h->has_zpci = 1;
		strcpy(h->uid, "0x10000"); /* uid > 0xffff */
		break;
	}
}

static void gen_domain_file(const char *path, unsigned idx)
{
	prng r;
	prng_seed(&r, SEED ^ ((uint64_t)idx * 0xd1342543de82ef95ULL));
	out o;
	out_open(&o, path);

	int s390 = !chance(&r, 3, 20); /* 85 % s390x */
	unsigned ndev = 1 + rnd(&r, MAX_DEV);
	int dup_uid = s390 && chance(&r, 2, 17); /* 1 in 10 files overall */
	int octal = chance(&r, 1, 15);
	int malformed = chance(&r, 1, 40);
	int wrong_arch = !s390 && chance(&r, 1, 30);
	if (dup_uid && ndev < 2)
		ndev = 2;
	const char *role = roles[rnd(&r, 8)];
	unsigned vcpus = 1u << rnd(&r, 5);
	unsigned long mem_kib = (unsigned long)(1u << (1 + rnd(&r, 5))) * 1048576ul;

	hostdev devs[MAX_DEV];
	memset(devs, 0, sizeof devs);
	unsigned src_base = s390 ? 1 + rnd(&r, 0x200) : 0x17 + rnd(&r, 0x60);
	unsigned uid_base = 0x10 + rnd(&r, 0x400), fid_base = 0x10 + rnd(&r, 0x1000);
	for (unsigned i = 0; i < ndev; i++) {
		hostdev *h = &devs[i];
		pick_managed(&r, h);
		if (s390) {
			/* Every zPCI function is its own PCI domain on the host. */
			snprintf(h->src_domain, sizeof h->src_domain, "0x%04x", src_base + i);
			strcpy(h->src_bus, "0x00");
			strcpy(h->src_slot, "0x00");
			strcpy(h->src_function, "0x0");
			unsigned z = rnd(&r, 20);
			h->has_zpci = z < 14; /* 55 % both, 10 % uid, 5 % fid, 30 % none */
			h->has_guest = h->has_zpci;
			if (z < 13)
				snprintf(h->uid, sizeof h->uid, "0x%04x", uid_base + 3 * i);
			if (z < 11 || z == 13)
				snprintf(h->fid, sizeof h->fid, "0x%08x", fid_base + 5 * i);
			if (z == 13)
				h->has_zpci = h->has_guest = 1;
			if (h->has_zpci && chance(&r, 1, 16)) {
				strcpy(h->guest_domain, "0x0000");
				strcpy(h->guest_bus, "0x00");
				snprintf(h->guest_slot, sizeof h->guest_slot, "0x%02x", 1 + i);
				strcpy(h->guest_function, "0x0");
			}
		} else {
			strcpy(h->src_domain, "0x0000");
			snprintf(h->src_bus, sizeof h->src_bus, "0x%02x", src_base + 2 * i);
			strcpy(h->src_slot, "0x00");
			snprintf(h->src_function, sizeof h->src_function, "0x%x", rnd(&r, 2));
			if (chance(&r, 3, 5)) {
				h->has_guest = 1;
				strcpy(h->guest_domain, "0x0000");
				snprintf(h->guest_bus, sizeof h->guest_bus, "0x%02x", 9 + i);
				strcpy(h->guest_slot, "0x00");
				strcpy(h->guest_function, "0x0");
			}
		}
	}
	if (dup_uid) {
		/* A device copied from another one and not updated. */
		unsigned a = rnd(&r, ndev - 1), b = a + 1 + rnd(&r, ndev - 1 - a);
		for (unsigned k = 0; k < 2; k++) {
			hostdev *h = &devs[k ? b : a];
			if (!h->uid[0])
				snprintf(h->uid, sizeof h->uid, "0x%04x",
					 uid_base + 3 * (k ? b : a));
			if (!h->fid[0])
				snprintf(h->fid, sizeof h->fid, "0x%08x",
					 fid_base + 5 * (k ? b : a));
			h->has_zpci = h->has_guest = 1;
		}
		strcpy(devs[b].uid, devs[a].uid);
	}
	if (octal) {
		/* The same value written with a leading 0: libvirt reads it as octal. */
		hostdev *h = &devs[rnd(&r, ndev)];
		if (s390) {
			unsigned v = (unsigned)strtoul(h->src_domain, NULL, 16);
			snprintf(h->src_domain, sizeof h->src_domain, "0%o", v);
		} else {
			unsigned v = (unsigned)strtoul(h->src_bus, NULL, 16);
			snprintf(h->src_bus, sizeof h->src_bus, "0%o", v);
		}
	}
	if (malformed)
		make_malformed(&r, &devs[rnd(&r, ndev)], s390);
	if (wrong_arch) {
		/* A zpci copied from an s390x definition. */
		devs[0].has_guest = devs[0].has_zpci = 1;
		strcpy(devs[0].uid, "0x0001");
		strcpy(devs[0].fid, "0x00000000");
	}

	put(&o, "<!--\n  %s-%s-%05u: %s guest for the %s tier.\n", s390 ? "zguest" : "xguest", role,
	    idx, s390 ? "IBM Z" : "x86_64", role);
	put(&o, "  Generated by domlint's bench/gen_corpus; edits will be overwritten.\n-->\n");
	put(&o, "<domain type='kvm'>\n  <name>%s-%s-%05u</name>\n", s390 ? "zguest" : "xguest",
	    role, idx);
	put_uuid(&o, &r);
	put(&o, "  <title>%s %s node %u</title>\n", role, s390 ? "s390x" : "x86_64", idx);
	put(&o,
	    "  <metadata>\n"
	    "    <libosinfo:libosinfo "
	    "xmlns:libosinfo=\"http://libosinfo.org/xmlns/libvirt/domain/1.0\">\n"
	    "      <libosinfo:os id=\"%s\"/>\n"
	    "    </libosinfo:libosinfo>\n"
	    "  </metadata>\n",
	    os_ids[rnd(&r, 5)]);
	put(&o,
	    "  <description>%s workload, owner team-%s; PCI functions passed through with "
	    "VFIO.</description>\n",
	    role, roles[rnd(&r, 8)]);
	put(&o,
	    "  <memory unit='KiB'>%lu</memory>\n  <currentMemory unit='KiB'>%lu</currentMemory>\n",
	    mem_kib, mem_kib);
	put(&o, "  <vcpu placement='static'>%u</vcpu>\n", vcpus);
	put(&o, "  <resource>\n    <partition>/machine</partition>\n  </resource>\n");
	if (s390) {
		put(&o, "  <os>\n    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>\n"
			"    <boot dev='hd'/>\n  </os>\n");
		put(&o, "  <cpu mode='host-model' check='partial'/>\n");
		put(&o, "  <keywrap>\n    <cipher name='aes' state='on'/>\n"
			"    <cipher name='dea' state='off'/>\n  </keywrap>\n");
	} else {
		put(&o, "  <os>\n    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n"
			"    <boot dev='hd'/>\n  </os>\n");
		put(&o, "  <features>\n    <acpi/>\n    <apic/>\n    <vmport state='off'/>\n  "
			"</features>\n");
		put(&o, "  <cpu mode='host-passthrough' check='none' migratable='on'/>\n");
	}
	put(&o, "  <clock offset='utc'%s\n", s390 ? "/>" : ">");
	if (!s390)
		put(&o, "    <timer name='rtc' tickpolicy='catchup'/>\n"
			"    <timer name='pit' tickpolicy='delay'/>\n"
			"    <timer name='hpet' present='no'/>\n  </clock>\n");
	put(&o,
	    "  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n"
	    "  <on_crash>%s</on_crash>\n",
	    s390 ? "preserve" : "destroy");
	put(&o, "  <devices>\n    <emulator>/usr/bin/qemu-system-%s</emulator>\n",
	    s390 ? "s390x" : "x86_64");

	unsigned ndisks = 1 + rnd(&r, 4);
	for (unsigned d = 0; d < ndisks; d++) {
		if (d == 0)
			put(&o, "    <!-- system disk -->\n");
		put(&o,
		    "    <disk type='file' device='disk'>\n"
		    "      <driver name='qemu' type='qcow2' cache='none' io='native'/>\n"
		    "      <source file='/var/lib/libvirt/images/%s-%05u-%u.qcow2'/>\n"
		    "      <target dev='vd%c' bus='virtio'/>\n",
		    role, idx, d, 'a' + d);
		if (s390)
			put(&o,
			    "      <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x%04x'/>\n",
			    d);
		else
			put(&o,
			    "      <address type='pci' domain='0x0000' bus='0x%02x' slot='0x00' "
			    "function='0x0'/>\n",
			    5 + d);
		put(&o, "    </disk>\n");
	}
	if (s390) {
		put(&o, "    <controller type='pci' index='0' model='pci-root'/>\n");
	} else {
		put(&o, "    <controller type='usb' index='0' model='qemu-xhci' ports='15'>\n"
			"      <address type='pci' domain='0x0000' bus='0x02' slot='0x00' "
			"function='0x0'/>\n"
			"    </controller>\n"
			"    <controller type='pci' index='0' model='pcie-root'/>\n");
		unsigned nports = 8 + ndev;
		for (unsigned p = 0; p < nports; p++)
			put(&o,
			    "    <controller type='pci' index='%u' model='pcie-root-port'>\n"
			    "      <model name='pcie-root-port'/>\n"
			    "      <target chassis='%u' port='0x%x'/>\n"
			    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x%02x' "
			    "function='0x%x'%s/>\n"
			    "    </controller>\n",
			    p + 1, p + 1, 0x10 + p, 2 + p / 8, p % 8,
			    p % 8 ? "" : " multifunction='on'");
		put(&o, "    <controller type='sata' index='0'>\n"
			"      <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' "
			"function='0x2'/>\n"
			"    </controller>\n");
	}
	put(&o, "    <interface type='network'>\n");
	put_mac(&o, &r);
	put(&o, "      <source network='%s'/>\n      <model type='virtio'/>\n",
	    chance(&r, 1, 2) ? "default" : "prod-vlan");
	if (s390)
		put(&o, "      <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x%04x'/>\n",
		    0x10);
	else
		put(&o, "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' "
			"function='0x0'/>\n");
	put(&o, "    </interface>\n");

	for (unsigned i = 0; i < ndev; i++)
		put_hostdev(&o, &r, &devs[i]);

	if (s390) {
		put(&o, "    <console type='pty'>\n      <target type='sclp' port='0'/>\n    "
			"</console>\n");
	} else {
		put(&o, "    <serial type='pty'>\n      <target type='isa-serial' port='0'>\n"
			"        <model name='isa-serial'/>\n      </target>\n    </serial>\n"
			"    <console type='pty'>\n      <target type='serial' port='0'/>\n    "
			"</console>\n");
	}
	if (!s390)
		put(&o, "    <input type='tablet' bus='usb'>\n"
			"      <address type='usb' bus='0' port='1'/>\n    </input>\n"
			"    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>\n"
			"      <listen type='address' address='127.0.0.1'/>\n    </graphics>\n"
			"    <video>\n      <model type='virtio' heads='1' primary='yes'/>\n"
			"      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' "
			"function='0x0'/>\n"
			"    </video>\n");
	put(&o, "    <channel type='unix'>\n      <target type='virtio' "
		"name='org.qemu.guest_agent.0'/>\n"
		"    </channel>\n");
	put(&o, "    <memballoon model='virtio'>\n");
	if (s390)
		put(&o, "      <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x%04x'/>\n",
		    0x20);
	else
		put(&o, "      <address type='pci' domain='0x0000' bus='0x03' slot='0x00' "
			"function='0x0'/>\n");
	put(&o, "    </memballoon>\n");
	put(&o, "    <rng model='virtio'>\n      <backend model='random'>/dev/urandom</backend>\n");
	if (s390)
		put(&o, "      <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x%04x'/>\n",
		    0x21);
	else
		put(&o, "      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' "
			"function='0x0'/>\n");
	put(&o, "    </rng>\n");
	if (s390)
		put(&o, "    <watchdog model='diag288' action='poweroff'/>\n"
			"    <panic model='s390'/>\n");
	put(&o, "  </devices>\n</domain>\n");
	out_close(&o);
}

static void gen_big(const char *path, unsigned n)
{
	if (n > 0xffff - 0x100)
		die("big: at most %u devices (zpci uids are 16-bit)", 0xffff - 0x100);
	prng r;
	prng_seed(&r, SEED ^ 0xb16b16b16ULL);
	out o;
	out_open(&o, path);
	put(&o, "<!-- one s390x guest with %u zPCI functions (domlint benchmark) -->\n", n);
	put(&o, "<domain type='kvm'>\n  <name>zguest-big-%u</name>\n", n);
	put_uuid(&o, &r);
	put(&o, "  <memory unit='GiB'>256</memory>\n  <vcpu>64</vcpu>\n"
		"  <os>\n    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>\n  </os>\n"
		"  <devices>\n    <emulator>/usr/bin/qemu-system-s390x</emulator>\n"
		"    <controller type='pci' index='0' model='pci-root'/>\n");
	for (unsigned i = 0; i < n; i++) {
		hostdev h;
		memset(&h, 0, sizeof h);
		h.managed = chance(&r, 9, 10) ? "yes" : "no";
		h.note = strcmp(h.managed, "no") == 0 ? 1 : 0;
		h.purpose = NULL;
		/* Unique host addresses: each function its own host PCI domain. */
		snprintf(h.src_domain, sizeof h.src_domain, "0x%04x", 0x100 + i);
		strcpy(h.src_bus, "0x00");
		strcpy(h.src_slot, "0x00");
		strcpy(h.src_function, "0x0");
		/* One in ten gives uid and fid, above what the fill-in reaches: no clashes. */
		if (i % 10 == 0) {
			h.has_guest = h.has_zpci = 1;
			snprintf(h.uid, sizeof h.uid, "0x%04x", 0xffff - i / 10);
			snprintf(h.fid, sizeof h.fid, "0x%08x", 0x80000000u + i);
		}
		put_hostdev(&o, &r, &h);
	}
	put(&o, "    <memballoon model='none'/>\n  </devices>\n</domain>\n");
	out_close(&o);
}

/* The start of a small s390x domain, up to and including <devices>. */
static void put_s390x_head(out *o, const char *name, unsigned n, const char *sep)
{
	put(o,
	    "<domain type='kvm'>%s<name>%s-%u</name>%s<memory unit='GiB'>4</memory>%s"
	    "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>%s",
	    sep, name, n, sep, sep, sep);
}

/* A managed zPCI hostdev with host address 00NN:00:00.0 and guest address bus 1, slot i % 32. */
static void put_pinned_hostdev(out *o, unsigned i, const char *sep)
{
	put(o,
	    "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x%04x' "
	    "bus='0x00' slot='0x00' function='0x0'/></source><address type='pci' bus='0x%02x' "
	    "slot='0x%02x'><zpci uid='0x%04x' fid='0x%x'/></address></hostdev>%s",
	    0x100 + i, 1 + i / 32 % 254, i % 32, i + 1, i, sep);
}

static void gen_suppressed(const char *path, unsigned n)
{
	if (n > 254 * 32)
		die("suppressed: at most %u devices (guest buses 1-254, 32 slots each)", 254 * 32);
	out o;
	out_open(&o, path);
	put_s390x_head(&o, "suppressed", n, "\n");
	for (unsigned i = 0; i < n / 2; i++)
		put(&o, "<!-- domlint-disable-file target-address-explicit: pinned by the "
			"inventory -->\n");
	put(&o, "<devices>\n");
	for (unsigned i = 0; i < n; i++) {
		put(&o,
		    "<!-- domlint-disable target-address-explicit: slot %u of the inventory -->\n",
		    i);
		put_pinned_hostdev(&o, i, "\n");
	}
	put(&o, "</devices>\n</domain>\n");
	out_close(&o);
}

static void gen_oneline(const char *path, unsigned n)
{
	if (n > 0xfff0)
		die("oneline: at most %u devices (zpci uids are 16-bit)", 0xfff0);
	out o;
	out_open(&o, path);
	put_s390x_head(&o, "oneline", n, "");
	put(&o, "<devices>");
	for (unsigned i = 0; i < n; i++) /* uid 0 and a guest bus: two findings each */
		put(&o,
		    "<hostdev mode='subsystem' type='pci' managed='yes'><source><address "
		    "domain='0x%04x' bus='0x00' slot='0x00' function='0x0'/></source><address "
		    "type='pci' bus='0x01'><zpci uid='0x0000' fid='0x%x'/></address></hostdev>",
		    0x100 + i, i);
	put(&o, "</devices></domain>\n");
	out_close(&o);
}

static void gen_tree(const char *dir, unsigned n)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		die("cannot create '%s': %s", dir, strerror(errno));
	size_t len = strlen(dir) + 64;
	char *path = malloc(len), *target = malloc(len);
	if (!path || !target)
		die("out of memory");
	for (unsigned i = 0; i < n; i++) {
		snprintf(path, len, "%s/d%05u", dir, i);
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			die("cannot create '%s': %s", path, strerror(errno));
		snprintf(path, len, "%s/d%05u/guest.xml", dir, i);
		out o;
		out_open(&o, path);
		put_s390x_head(&o, "tree", i, "\n");
		put(&o, "<devices>\n");
		put_pinned_hostdev(&o, i % 0xfff0, "\n");
		put(&o, "</devices>\n</domain>\n");
		out_close(&o);
		snprintf(path, len, "%s/d%05u/top", dir, i);
		if (symlink("..", path) != 0 && errno != EEXIST)
			die("cannot create '%s': %s", path, strerror(errno));
		snprintf(path, len, "%s/d%05u/next", dir, i);
		snprintf(target, len, "../d%05u", (i + 1) % n);
		if (symlink(target, path) != 0 && errno != EEXIST)
			die("cannot create '%s': %s", path, strerror(errno));
	}
	free(path);
	free(target);
}

static unsigned parse_count(const char *s)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v > 1000000ul || s[0] == '-')
		die("N must be a number from 0 to 1000000, not '%s'", s);
	return (unsigned)v;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s corpus DIR N\n       %s big|suppressed|oneline FILE N\n       %s tree "
		"DIR N\n",
		prog, prog, prog);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc != 4)
		usage();
	unsigned n = parse_count(argv[3]);
	if (strcmp(argv[1], "corpus") == 0) {
		const char *dir = argv[2];
		if (mkdir(dir, 0777) != 0 && errno != EEXIST)
			die("cannot create '%s': %s", dir, strerror(errno));
		struct stat st;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			die("'%s' is not a directory", dir);
		size_t len = strlen(dir) + sizeof "/dom0000000.xml";
		char *path = malloc(len);
		if (!path)
			die("out of memory");
		for (unsigned i = 0; i < n; i++) {
			snprintf(path, len, "%s/dom%05u.xml", dir, i);
			gen_domain_file(path, i);
		}
		free(path);
	} else if (strcmp(argv[1], "big") == 0) {
		gen_big(argv[2], n);
	} else if (strcmp(argv[1], "suppressed") == 0) {
		gen_suppressed(argv[2], n);
	} else if (strcmp(argv[1], "oneline") == 0) {
		gen_oneline(argv[2], n);
	} else if (strcmp(argv[1], "tree") == 0) {
		gen_tree(argv[2], n);
	} else {
		usage();
	}
	return 0;
}
