/* check_fix.c - applying fixes (dl_fix_apply, fixrun.c) and the zpci-unpinned pin fix through dl_fix_buffer */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_suites.h"
#include "config.h"
#include "fix.h"
#include "fixrun.h"
#include "xmalloc.h"

/* ---- dl_fix_apply and dl_fix_valid on hand-made findings ---- */

static dl_diags diags;

static void diags_setup(void)
{
	memset(&diags, 0, sizeof diags);
}

static void diags_teardown(void)
{
	dl_diags_release(&diags);
}

/* A finding with a fix (unsafe or not) of no edits yet: add them with dl_fix_edit. */
static dl_fix *finding(bool unsafe)
{
	dl_diag *d = dl_diags_add(&diags, DL_RULE_ADDRESS_OCTAL, DL_SEV_WARNING, (dl_loc){ 1, 1 },
				  xstrdup("a finding"));
	return dl_diag_fix(d, unsafe, "a fix");
}

/* The text fixed at level, "" for NULL; *applied the fixes taken. Caller frees. */
static char *apply(const char *text, dl_fix_level level, size_t *applied)
{
	size_t len = 0;
	char *out = dl_fix_apply(text, strlen(text), &diags, level, &len, applied);
	if (out)
		ck_assert_uint_eq(len, strlen(out));
	return out ? out : xstrdup("");
}

#define ck_assert_applied(text, level, want, want_n)                                               \
	do {                                                                                       \
		size_t _n;                                                                         \
		char *_out = apply((text), (level), &_n);                                          \
		ck_assert_str_eq(_out, (want));                                                    \
		ck_assert_uint_eq(_n, (want_n));                                                   \
		free(_out);                                                                        \
	} while (0)

START_TEST(test_apply_by_place_not_finding_order)
{
	dl_fix_edit(finding(false), 4, 5, "E");
	dl_fix_edit(finding(false), 0, 1, "A");
	ck_assert_applied("abcdef", DL_FIXES_SAFE, "AbcdEf", 2);
}
END_TEST

START_TEST(test_apply_nothing)
{
	size_t n = 7, len = 7;
	ck_assert_ptr_null(dl_fix_apply("abc", 3, &diags, DL_FIXES_UNSAFE, &len, &n));
	ck_assert_uint_eq(n, 0);
	finding(false); /* a fix without edits applies to nothing */
	ck_assert_ptr_null(dl_fix_apply("abc", 3, &diags, DL_FIXES_UNSAFE, &len, &n));
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_apply_overlap_waits)
{
	dl_fix_edit(finding(false), 1, 4, "X");
	dl_fix_edit(finding(false), 2, 3, "Y"); /* inside the first: the next pass */
	ck_assert_applied("abcdef", DL_FIXES_SAFE, "aXef", 1);
}
END_TEST

START_TEST(test_apply_fix_whole_or_not_at_all)
{
	dl_fix *f = finding(false);
	dl_fix_edit(f, 0, 1, "A");
	dl_fix_edit(f, 4, 5, "E");
	dl_fix_edit(finding(false), 2, 3, "C"); /* between the first fix's edits */
	ck_assert_applied("abcdef", DL_FIXES_SAFE, "AbcdEf", 1);
}
END_TEST

START_TEST(test_apply_insertions_at_one_place)
{
	dl_fix_edit(finding(false), 3, 3, "X");
	dl_fix_edit(finding(false), 3, 3, "Y"); /* no order between the two: the next pass */
	ck_assert_applied("abcdef", DL_FIXES_SAFE, "abcXdef", 1);
}
END_TEST

START_TEST(test_apply_insertion_after_replacement)
{
	dl_fix_edit(finding(false), 3, 3, "I"); /* where the replacement ends: after it */
	dl_fix_edit(finding(false), 1, 3, "R");
	ck_assert_applied("abcdef", DL_FIXES_SAFE, "aRIdef", 2);
}
END_TEST

START_TEST(test_apply_replacement_after_insertion)
{
	dl_fix_edit(finding(false), 3, 3, "X");
	dl_fix_edit(finding(false), 3, 4, "D");
	ck_assert_applied("abcdef", DL_FIXES_SAFE, "abcXDef", 2);
}
END_TEST

START_TEST(test_apply_unsafe_only_when_asked)
{
	dl_fix_edit(finding(true), 0, 1, "A");
	dl_fix_edit(finding(false), 5, 6, "F");
	ck_assert_applied("abcdef", DL_FIXES_SAFE, "abcdeF", 1);
	ck_assert_applied("abcdef", DL_FIXES_UNSAFE, "AbcdeF", 2);
}
END_TEST

START_TEST(test_apply_not_suppressed)
{
	dl_fix_edit(finding(false), 0, 1, "A");
	diags.v[0].suppressed = true;
	ck_assert_applied("abcdef", DL_FIXES_UNSAFE, "", 0);
}
END_TEST

START_TEST(test_valid)
{
	dl_fix *f = finding(false);
	ck_assert(!dl_fix_valid(f, 6)); /* no edits */
	ck_assert(!dl_fix_valid(NULL, 6));
	dl_fix_edit(f, 0, 1, "A");
	dl_fix_edit(f, 6, 6, "!"); /* an insertion at the very end */
	ck_assert(dl_fix_valid(f, 6));
	ck_assert(!dl_fix_valid(f, 5));     /* out of range for a shorter text */
	dl_fix_edit(NULL, 0, 1, "nothing"); /* a rule that is off: no fix, no crash */
	ck_assert_ptr_null(dl_diag_fix(NULL, false, "off"));
}
END_TEST

/* A fix of two edits [s1, e1) and [s2, e2) on a text of len bytes: valid? */
static bool valid2(size_t s1, size_t e1, size_t s2, size_t e2, size_t len)
{
	dl_fix *f = finding(false);
	dl_fix_edit(f, s1, e1, "x");
	dl_fix_edit(f, s2, e2, "y");
	return dl_fix_valid(f, len);
}

START_TEST(test_valid_rejects)
{
	ck_assert(valid2(0, 1, 1, 2, 6));  /* touching is apart */
	ck_assert(!valid2(5, 9, 0, 0, 6)); /* past the end */
	ck_assert(!valid2(0, 1, 7, 7, 6)); /* an insertion past the end */
	ck_assert(!valid2(3, 2, 4, 4, 6)); /* start after end */
	ck_assert(!valid2(1, 3, 2, 4, 6)); /* overlapping */
	ck_assert(!valid2(4, 5, 0, 1, 6)); /* not sorted */
	ck_assert(!valid2(2, 2, 2, 2, 6)); /* two insertions at one place */
	ck_assert(!valid2(2, 2, 2, 3, 6)); /* an insertion and a replacement at one place */
}
END_TEST

/* ---- the zpci-unpinned fix, linted and applied as --unsafe-fixes does ---- */

#define DOMAIN(devices)                                                                            \
	"<domain type='kvm'>\n"                                                                    \
	"  <name>z</name>\n"                                                                       \
	"  <memory unit='MiB'>2048</memory>\n"                                                     \
	"  <os>\n"                                                                                 \
	"    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>\n"                            \
	"  </os>\n"                                                                                \
	"  <devices>\n" devices "  </devices>\n"                                                   \
	"</domain>\n"

#define SOURCE(slot)                                                                               \
	"      <source>\n"                                                                         \
	"        <address domain='0x0001' bus='0x00' slot='" slot "' function='0x0'/>\n"           \
	"      </source>\n"

#define HOSTDEV(slot, guest)                                                                       \
	"    <hostdev mode='subsystem' type='pci' managed='yes'>\n" SOURCE(slot) guest             \
		"    </hostdev>\n"

static size_t count_rule(const dl_diags *d, dl_rule_id rule)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].rule == rule;
	return n;
}

/*
 * xml fixed at level, with zpci-unpinned enabled (or not): the fixed text, or NULL when
 * nothing changed. Checks that the fixed text has no zpci-unpinned finding left, and that fixing
 * it again changes nothing. Caller frees.
 */
static char *pin(const char *xml, dl_fix_level level, bool enable)
{
	dl_config c;
	dl_config_init(&c);
	if (enable)
		dl_config_enable(&c, UINT64_C(1) << DL_RULE_ZPCI_UNPINNED, true);
	dl_file_result r;
	dl_fix_buffer(&c, "t.xml", xml, strlen(xml), true, level, &r);
	char *fixed = r.fixed ? xstrndup(r.fixed, r.fixed_len) : NULL;
	if (fixed) {
		ck_assert_uint_eq(count_rule(&r.diags, DL_RULE_ZPCI_UNPINNED), 0);
		dl_file_result again;
		dl_fix_buffer(&c, "t.xml", fixed, strlen(fixed), true, level, &again);
		ck_assert_ptr_null(again.fixed);
		ck_assert_uint_eq(again.nfixed, 0);
		dl_file_result_release(&again);
	}
	dl_file_result_release(&r);
	dl_config_release(&c);
	return fixed;
}

#define ck_assert_pinned(xml, want)                                                                \
	do {                                                                                       \
		char *_got = pin((xml), DL_FIXES_UNSAFE, true);                                    \
		ck_assert_ptr_nonnull(_got);                                                       \
		ck_assert_str_eq(_got, (want));                                                    \
		free(_got);                                                                        \
	} while (0)

#define ck_assert_untouched(xml, level, enable)                                                    \
	do {                                                                                       \
		char *_got = pin((xml), (level), (enable));                                        \
		ck_assert_ptr_null(_got);                                                          \
	} while (0)

START_TEST(test_pin_uid_only)
{
	ck_assert_pinned(DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <zpci uid='0x0005'/>\n"
						"      </address>\n")),
				DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <zpci uid='0x0005' fid='0x00000000'/>\n"
						"      </address>\n")));
}
END_TEST

START_TEST(test_pin_fid_only_keeps_quotes)
{
	ck_assert_pinned(DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <zpci fid=\"0x00000007\" />\n"
						"      </address>\n")),
				DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <zpci fid=\"0x00000007\" uid=\"0x0001\" />\n"
						"      </address>\n")));
}
END_TEST

START_TEST(test_pin_empty_zpci)
{
	ck_assert_pinned(DOMAIN(HOSTDEV("0x00", "      <address type=\"pci\"><zpci/></address>\n")),
				DOMAIN(HOSTDEV("0x00", "      <address type=\"pci\"><zpci uid=\"0x0001\" "
						"fid=\"0x00000000\"/></address>\n")));
}
END_TEST

START_TEST(test_pin_into_self_closing_address)
{
	ck_assert_pinned(DOMAIN(HOSTDEV("0x00", "      <address type='pci' />\n")),
				DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <zpci uid='0x0001' fid='0x00000000'/>\n"
						"      </address>\n")));
}
END_TEST

START_TEST(test_pin_first_in_address)
{
	ck_assert_pinned(DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <!-- a note -->\n"
						"      </address>\n")),
				DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <zpci uid='0x0001' fid='0x00000000'/>\n"
						"        <!-- a note -->\n"
						"      </address>\n")));
	ck_assert_pinned(DOMAIN(HOSTDEV("0x00", "      <address type='pci'></address>\n")),
				DOMAIN(HOSTDEV("0x00", "      <address type='pci'>\n"
						"        <zpci uid='0x0001' fid='0x00000000'/>\n"
						"      </address>\n")));
}
END_TEST

START_TEST(test_pin_new_address_last)
{
	/* the second hostdev holds uid 1 and fid 0: the first one gets uid 2 and fid 1 */
	ck_assert_pinned(DOMAIN(HOSTDEV("0x00", "      <driver name='vfio'/>\n")
				HOSTDEV("0x01", "      <address type='pci'><zpci uid='0x0001' "
						"fid='0x00000000'/></address>\n")),
					DOMAIN(HOSTDEV("0x00", "      <driver name='vfio'/>\n"
						"      <address type='pci'>\n"
						"        <zpci uid='0x0002' fid='0x00000001'/>\n"
						"      </address>\n")
				HOSTDEV("0x01", "      <address type='pci'><zpci uid='0x0001' "
						"fid='0x00000000'/></address>\n")));
}
END_TEST

START_TEST(test_pin_self_closing_device)
{
	/* libvirt's device order: the sound card before the watchdog */
	ck_assert_pinned(DOMAIN("    <watchdog model='i6300esb' action='reset'/>\n"
				"    <sound model='ich6'/>\n"),
				DOMAIN("    <watchdog model='i6300esb' action='reset'>\n"
				"      <address type='pci'>\n"
				"        <zpci uid='0x0002' fid='0x00000001'/>\n"
				"      </address>\n"
				"    </watchdog>\n"
				"    <sound model='ich6'>\n"
				"      <address type='pci'>\n"
				"        <zpci uid='0x0001' fid='0x00000000'/>\n"
				"      </address>\n"
				"    </sound>\n"));
}
END_TEST

START_TEST(test_pin_one_line_device)
{
	ck_assert_pinned(DOMAIN("    <hostdev mode='subsystem' type='pci'><source><address domain='0x0001' "
				"bus='0x00' slot='0x00' function='0x0'/></source></hostdev>\n"),
				DOMAIN("    <hostdev mode='subsystem' type='pci'><source><address domain='0x0001' "
				"bus='0x00' slot='0x00' function='0x0'/></source><address type='pci'>"
				"<zpci uid='0x0001' fid='0x00000000'/></address></hostdev>\n"));
}
END_TEST

START_TEST(test_pin_crlf_tabs)
{
	const char *in = "<domain type=\"kvm\">\r\n"
			 "\t<os>\r\n"
			 "\t\t<type arch=\"s390x\" machine=\"s390-ccw-virtio\">hvm</type>\r\n"
			 "\t</os>\r\n"
			 "\t<devices>\r\n"
			 "\t\t<hostdev mode=\"subsystem\" type=\"pci\">\r\n"
			 "\t\t\t<source><address domain=\"0x0001\" bus=\"0\" slot=\"0\" "
			 "function=\"0\"/></source>\r\n"
			 "\t\t\t<address type=\"pci\"/>\r\n"
			 "\t\t</hostdev>\r\n"
			 "\t\t<hostdev mode=\"subsystem\" type=\"pci\">\r\n"
			 "\t\t\t<source><address domain=\"0x0001\" bus=\"0\" slot=\"1\" "
			 "function=\"0\"/></source>\r\n"
			 "\t\t</hostdev>\r\n"
			 "\t</devices>\r\n"
			 "</domain>\r\n";
	const char *want = "<domain type=\"kvm\">\r\n"
			   "\t<os>\r\n"
			   "\t\t<type arch=\"s390x\" machine=\"s390-ccw-virtio\">hvm</type>\r\n"
			   "\t</os>\r\n"
			   "\t<devices>\r\n"
			   "\t\t<hostdev mode=\"subsystem\" type=\"pci\">\r\n"
			   "\t\t\t<source><address domain=\"0x0001\" bus=\"0\" slot=\"0\" "
			   "function=\"0\"/></source>\r\n"
			   "\t\t\t<address type=\"pci\">\r\n"
			   "\t\t\t\t<zpci uid=\"0x0001\" fid=\"0x00000000\"/>\r\n"
			   "\t\t\t</address>\r\n"
			   "\t\t</hostdev>\r\n"
			   "\t\t<hostdev mode=\"subsystem\" type=\"pci\">\r\n"
			   "\t\t\t<source><address domain=\"0x0001\" bus=\"0\" slot=\"1\" "
			   "function=\"0\"/></source>\r\n"
			   "\t\t\t<address type=\"pci\">\r\n"
			   "\t\t\t\t<zpci uid=\"0x0002\" fid=\"0x00000001\"/>\r\n"
			   "\t\t\t</address>\r\n"
			   "\t\t</hostdev>\r\n"
			   "\t</devices>\r\n"
			   "</domain>\r\n";
	ck_assert_pinned(in, want);
}
END_TEST

#define UNPINNED DOMAIN(HOSTDEV("0x00", "      <address type='pci'/>\n"))

START_TEST(test_pin_unsafe_only)
{
	ck_assert_untouched(UNPINNED, DL_FIXES_SAFE, true);
}
END_TEST

START_TEST(test_pin_off_by_default)
{
	dl_config c;
	dl_config_init(&c);
	ck_assert_int_eq(c.severity[DL_RULE_ZPCI_UNPINNED], DL_SEV_OFF);
	dl_config_enable(&c, UINT64_C(1) << DL_RULE_ZPCI_UNPINNED, true);
	ck_assert_int_eq(c.severity[DL_RULE_ZPCI_UNPINNED], DL_SEV_WARNING);
	dl_config_release(&c);
	ck_assert_untouched(UNPINNED, DL_FIXES_UNSAFE, false);
}
END_TEST

START_TEST(test_pin_not_ccw)
{
	/* on s390x a virtio disk without an address gets a CCW one: no zPCI ids, no PCI address */
	ck_assert_untouched(DOMAIN("    <disk type='file' device='disk'>\n"
				   "      <source file='/d.qcow2'/>\n"
				   "      <target dev='vda' bus='virtio'/>\n"
				   "    </disk>\n"),
				   DL_FIXES_UNSAFE, true);
}
END_TEST

START_TEST(test_pin_not_on_clash)
{
	/* the first one's fid is filled with 0, which the second one gives: libvirt rejects it */
	ck_assert_untouched(DOMAIN(HOSTDEV("0x00", "      <address type='pci'><zpci uid='0x0002'/></address>\n")
				   HOSTDEV("0x01", "      <address type='pci'><zpci uid='0x0001' "
						   "fid='0x00000000'/></address>\n")
				   HOSTDEV("0x02", "")),
							   DL_FIXES_UNSAFE, true);
}
END_TEST

Suite *fix_suite(void)
{
	Suite *s = suite_create("fix");
	TCase *apply_case = tcase_create("apply");
	tcase_add_checked_fixture(apply_case, diags_setup, diags_teardown);
	tcase_add_test(apply_case, test_apply_by_place_not_finding_order);
	tcase_add_test(apply_case, test_apply_nothing);
	tcase_add_test(apply_case, test_apply_overlap_waits);
	tcase_add_test(apply_case, test_apply_fix_whole_or_not_at_all);
	tcase_add_test(apply_case, test_apply_insertions_at_one_place);
	tcase_add_test(apply_case, test_apply_insertion_after_replacement);
	tcase_add_test(apply_case, test_apply_replacement_after_insertion);
	tcase_add_test(apply_case, test_apply_unsafe_only_when_asked);
	tcase_add_test(apply_case, test_apply_not_suppressed);
	tcase_add_test(apply_case, test_valid);
	tcase_add_test(apply_case, test_valid_rejects);
	suite_add_tcase(s, apply_case);

	TCase *pin_case = tcase_create("zpci-unpinned");
	tcase_add_test(pin_case, test_pin_uid_only);
	tcase_add_test(pin_case, test_pin_fid_only_keeps_quotes);
	tcase_add_test(pin_case, test_pin_empty_zpci);
	tcase_add_test(pin_case, test_pin_into_self_closing_address);
	tcase_add_test(pin_case, test_pin_first_in_address);
	tcase_add_test(pin_case, test_pin_new_address_last);
	tcase_add_test(pin_case, test_pin_self_closing_device);
	tcase_add_test(pin_case, test_pin_one_line_device);
	tcase_add_test(pin_case, test_pin_crlf_tabs);
	tcase_add_test(pin_case, test_pin_unsafe_only);
	tcase_add_test(pin_case, test_pin_off_by_default);
	tcase_add_test(pin_case, test_pin_not_ccw);
	tcase_add_test(pin_case, test_pin_not_on_clash);
	suite_add_tcase(s, pin_case);
	return s;
}
