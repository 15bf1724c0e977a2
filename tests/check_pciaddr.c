/* check_pciaddr.c - libvirt's number syntax (virStrToLong_uip, base 0), limits, PCI formatting and keys */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_suites.h"
#include "pciaddr.h"

typedef struct num_case {
	const char *in;
	dl_num_status status;
	unsigned int value; /* checked when status is DL_NUM_OK */
	bool octal;         /* checked when status is DL_NUM_OK */
} num_case;

static const num_case num_cases[] = {
	/* hex, both prefixes, both digit cases */
	{ "0x1f", DL_NUM_OK, 31, false },
	{ "0X1F", DL_NUM_OK, 31, false },
	{ "0x20", DL_NUM_OK, 32, false },
	{ "0x0", DL_NUM_OK, 0, false },
	{ "0x00000000", DL_NUM_OK, 0, false },
	/* octal with a leading 0 */
	{ "010", DL_NUM_OK, 8, true },
	{ "012", DL_NUM_OK, 10, true },
	{ "0010", DL_NUM_OK, 8, true },
	{ "07", DL_NUM_OK, 7, false },
	{ "0", DL_NUM_OK, 0, false },
	{ "00", DL_NUM_OK, 0, false },
	{ "08", DL_NUM_SYNTAX, 0, false },
	{ "09", DL_NUM_SYNTAX, 0, false },
	{ "018", DL_NUM_SYNTAX, 0, false },
	/* decimal, leading blanks and '+' */
	{ "5", DL_NUM_OK, 5, false },
	{ "255", DL_NUM_OK, 255, false },
	{ "+5", DL_NUM_OK, 5, false },
	{ " 5", DL_NUM_OK, 5, false },
	{ "\t+0x10", DL_NUM_OK, 16, false },
	{ "\n\v\f\r 7", DL_NUM_OK, 7, false },
	{ " +010", DL_NUM_OK, 8, true },
	/* rejected forms */
	{ "5x", DL_NUM_SYNTAX, 0, false },
	{ "", DL_NUM_SYNTAX, 0, false },
	{ " ", DL_NUM_SYNTAX, 0, false },
	{ "+", DL_NUM_SYNTAX, 0, false },
	{ "-1", DL_NUM_SYNTAX, 0, false },
	{ "-0", DL_NUM_SYNTAX, 0, false },
	{ " -0", DL_NUM_SYNTAX, 0, false },
	{ "+-5", DL_NUM_SYNTAX, 0, false },
	{ "++5", DL_NUM_SYNTAX, 0, false },
	{ "+ 5", DL_NUM_SYNTAX, 0, false },
	{ "1f", DL_NUM_SYNTAX, 0, false },
	{ "0x", DL_NUM_SYNTAX, 0, false },
	{ "0X", DL_NUM_SYNTAX, 0, false },
	{ "0xg", DL_NUM_SYNTAX, 0, false },
	{ "0x1g", DL_NUM_SYNTAX, 0, false },
	{ "0x-1", DL_NUM_SYNTAX, 0, false },
	{ "5 ", DL_NUM_SYNTAX, 0, false },
	{ "5\n", DL_NUM_SYNTAX, 0, false },
	{ "1e3", DL_NUM_SYNTAX, 0, false },
	{ "1.0", DL_NUM_SYNTAX, 0, false },
	/* the UINT_MAX boundary in every base */
	{ "4294967295", DL_NUM_OK, UINT32_MAX, false },
	{ "4294967296", DL_NUM_OVERFLOW, 0, false },
	{ "0xffffffff", DL_NUM_OK, UINT32_MAX, false },
	{ "0x100000000", DL_NUM_OVERFLOW, 0, false },
	{ "037777777777", DL_NUM_OK, UINT32_MAX, true },
	{ "040000000000", DL_NUM_OVERFLOW, 0, false },
	{ "18446744073709551615", DL_NUM_OVERFLOW, 0, false },
	{ "18446744073709551616", DL_NUM_OVERFLOW, 0, false },
	{ "99999999999999999999999999999", DL_NUM_OVERFLOW, 0, false },
	{ "0x10000000000000000", DL_NUM_OVERFLOW, 0, false },
};

static const char *status_name(dl_num_status s)
{
	switch (s) {
	case DL_NUM_ABSENT:
		return "ABSENT";
	case DL_NUM_OK:
		return "OK";
	case DL_NUM_SYNTAX:
		return "SYNTAX";
	case DL_NUM_OVERFLOW:
		return "OVERFLOW";
	}
	return "?";
}

START_TEST(test_num_parse_table)
{
	const num_case *c = &num_cases[_i];
	dl_num n = dl_num_parse(c->in);
	ck_assert_msg(n.status == c->status, "dl_num_parse(\"%s\"): status %s, expected %s", c->in,
		      status_name(n.status), status_name(c->status));
	if (c->status == DL_NUM_OK) {
		ck_assert_msg(n.value == c->value, "dl_num_parse(\"%s\"): value %u, expected %u",
			      c->in, n.value, c->value);
		ck_assert_msg(n.octal == c->octal, "dl_num_parse(\"%s\"): octal %d, expected %d",
			      c->in, n.octal, c->octal);
	}
}
END_TEST

START_TEST(test_num_parse_null_is_absent)
{
	dl_num n = dl_num_parse(NULL);
	ck_assert_int_eq(n.status, DL_NUM_ABSENT);
	ck_assert(!n.octal);
}
END_TEST

START_TEST(test_num_parse_octal_010_is_8)
{
	/* libvirt reads 010 as 8, the RNG as 10: the flag says the readings differ */
	dl_num n = dl_num_parse("010");
	ck_assert_int_eq(n.status, DL_NUM_OK);
	ck_assert_uint_eq(n.value, 8);
	ck_assert(n.octal);
	n = dl_num_parse("07");
	ck_assert_int_eq(n.status, DL_NUM_OK);
	ck_assert_uint_eq(n.value, 7);
	ck_assert(!n.octal);
}
END_TEST

/* A uid libvirt's qemuValidateDomainDeviceDefZPCIAddress accepts. */
static bool uid_in_range(const char *s)
{
	dl_num n = dl_num_parse(s);
	return n.status == DL_NUM_OK && n.value >= DL_ZPCI_UID_MIN && n.value <= DL_ZPCI_UID_MAX;
}

START_TEST(test_zpci_uid_limits)
{
	ck_assert_uint_eq(DL_ZPCI_UID_MIN, 1);
	ck_assert_uint_eq(DL_ZPCI_UID_MAX, 0xffff);
	ck_assert(!uid_in_range("0"));
	ck_assert(!uid_in_range("0x0000"));
	ck_assert(uid_in_range("1"));
	ck_assert(uid_in_range("0x0001"));
	ck_assert(uid_in_range("0xffff"));
	ck_assert(uid_in_range("65535"));
	ck_assert(!uid_in_range("0x10000"));
	ck_assert(!uid_in_range("65536"));
	ck_assert(!uid_in_range(NULL));
	ck_assert(!uid_in_range("-1"));
}
END_TEST

START_TEST(test_pci_limits)
{
	ck_assert_uint_eq(DL_PCI_BUS_MAX, 0xff);
	ck_assert_uint_eq(DL_PCI_SLOT_MAX, 0x1f);
	ck_assert_uint_eq(DL_PCI_FUNCTION_MAX, 7);
	/* the RNG's "1f" is rejected; "0x1f" is the last slot, "0x20" one past it */
	ck_assert_uint_eq(dl_num_parse("0x1f").value, DL_PCI_SLOT_MAX);
	ck_assert_uint_gt(dl_num_parse("0x20").value, DL_PCI_SLOT_MAX);
	ck_assert_uint_gt(dl_num_parse("0x100").value, DL_PCI_BUS_MAX);
	ck_assert_uint_gt(dl_num_parse("8").value, DL_PCI_FUNCTION_MAX);
}
END_TEST

START_TEST(test_pci_format)
{
	char buf[32];
	memset(buf, 'X', sizeof buf);
	dl_pci_format(buf, 2, 6, 0, 0);
	ck_assert_str_eq(buf, "0002:06:00.0");
	dl_pci_format(buf, 0, 0, 0x1f, 7);
	ck_assert_str_eq(buf, "0000:00:1f.7");
	dl_pci_format(buf, 0xffff, 0xff, 0x1f, 7);
	ck_assert_str_eq(buf, "ffff:ff:1f.7");
	/* a domain above 0xffff is valid on the host side and widens the field */
	dl_pci_format(buf, 0x10000, 1, 2, 3);
	ck_assert_str_eq(buf, "10000:01:02.3");
	memset(buf, 'X', sizeof buf);
	dl_pci_format(buf, 0xffffffffu, 0xff, 0x1f, 7);
	ck_assert_str_eq(buf, "ffffffff:ff:1f.7");
	/* nothing written past the 24 bytes the contract allows */
	ck_assert_int_eq(buf[24], 'X');
}
END_TEST

START_TEST(test_pci_key_distinct_fields)
{
	uint64_t base = dl_pci_key(2, 6, 0, 0);
	ck_assert_uint_eq(base, dl_pci_key(2, 6, 0, 0));
	uint64_t other[] = {
		dl_pci_key(2, 6, 0, 1),                                   /* function */
		dl_pci_key(2, 6, 0, 7),           dl_pci_key(2, 6, 1, 0), /* slot */
		dl_pci_key(2, 6, 0x1f, 0),        dl_pci_key(2, 7, 0, 0), /* bus */
		dl_pci_key(2, 0xff, 0, 0),        dl_pci_key(2, 0, 0, 0),
		dl_pci_key(3, 6, 0, 0), /* domain */
		dl_pci_key(0, 6, 0, 0),           dl_pci_key(0x10002, 6, 0, 0),
		dl_pci_key(0x80000002u, 6, 0, 0),
	};
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		ck_assert_msg(other[i] != base, "key %zu equals the base key", i);
		for (size_t j = i + 1; j < sizeof other / sizeof other[0]; j++)
			ck_assert_msg(other[i] != other[j], "keys %zu and %zu are equal", i, j);
	}
	/* fields never bleed into each other: swapping values gives another key */
	ck_assert_uint_ne(dl_pci_key(0, 1, 0, 0), dl_pci_key(0, 0, 1, 0));
	ck_assert_uint_ne(dl_pci_key(0, 0, 1, 0), dl_pci_key(0, 0, 0, 1));
	ck_assert_uint_ne(dl_pci_key(1, 0, 0, 0), dl_pci_key(0, 1, 0, 0));
	ck_assert_uint_ne(dl_pci_key(0xffffffffu, 0, 0, 0), dl_pci_key(0, 0xff, 0x1f, 7));
}
END_TEST

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

START_TEST(test_pci_key_all_valid_addresses_distinct)
{
	/* every valid bus/slot/function in three domains, including the full-width one */
	static const unsigned int domains[] = { 0, 1, 0xffffffffu };
	size_t n = 3 * (DL_PCI_BUS_MAX + 1) * (DL_PCI_SLOT_MAX + 1) * (DL_PCI_FUNCTION_MAX + 1);
	uint64_t *keys = malloc(n * sizeof *keys);
	ck_assert_ptr_nonnull(keys);
	size_t k = 0;
	for (size_t d = 0; d < 3; d++)
		for (unsigned int b = 0; b <= DL_PCI_BUS_MAX; b++)
			for (unsigned int s = 0; s <= DL_PCI_SLOT_MAX; s++)
				for (unsigned int f = 0; f <= DL_PCI_FUNCTION_MAX; f++)
					keys[k++] = dl_pci_key(domains[d], b, s, f);
	qsort(keys, n, sizeof *keys, cmp_u64);
	size_t dup = 0;
	for (size_t i = 1; i < n; i++)
		if (keys[i] == keys[i - 1])
			dup++;
	free(keys);
	ck_assert_uint_eq(k, n);
	ck_assert_uint_eq(dup, 0);
}
END_TEST

Suite *pciaddr_suite(void)
{
	Suite *s = suite_create("pciaddr");
	TCase *tc = tcase_create("num_parse");
	tcase_add_loop_test(tc, test_num_parse_table, 0,
			    (int)(sizeof num_cases / sizeof num_cases[0]));
	tcase_add_test(tc, test_num_parse_null_is_absent);
	tcase_add_test(tc, test_num_parse_octal_010_is_8);
	tcase_add_test(tc, test_zpci_uid_limits);
	tcase_add_test(tc, test_pci_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("pci");
	tcase_add_test(tc, test_pci_format);
	tcase_add_test(tc, test_pci_key_distinct_fields);
	tcase_add_test(tc, test_pci_key_all_valid_addresses_distinct);
	suite_add_tcase(s, tc);
	return s;
}
