/* check_u64map.c - the open-addressing map from 64-bit keys to indexes */
#include <stdint.h>

#include <check.h>

#include "check_suites.h"
#include "u64map.h"

static dl_u64map map;

static void setup(void)
{
	dl_u64map_init(&map);
}

static void teardown(void)
{
	dl_u64map_release(&map);
}

START_TEST(test_empty)
{
	ck_assert_uint_eq(map.count, 0);
	ck_assert_uint_eq(map.cap, 0);
	ck_assert_ptr_null(dl_u64map_get(&map, 0));
	ck_assert_ptr_null(dl_u64map_get(&map, 42));
	ck_assert_ptr_null(dl_u64map_get(&map, UINT64_MAX));
}
END_TEST

START_TEST(test_add_get)
{
	ck_assert(dl_u64map_add(&map, 7, 70));
	ck_assert(dl_u64map_add(&map, 8, 80));
	ck_assert_uint_eq(map.count, 2);
	const size_t *v = dl_u64map_get(&map, 7);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, 70);
	v = dl_u64map_get(&map, 8);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, 80);
	ck_assert_ptr_null(dl_u64map_get(&map, 9));
	ck_assert_ptr_null(dl_u64map_get(&map, 0));
}
END_TEST

START_TEST(test_duplicate_add_keeps_first)
{
	ck_assert(dl_u64map_add(&map, 0x0002060000ULL, 1));
	ck_assert(!dl_u64map_add(&map, 0x0002060000ULL, 2));
	ck_assert_uint_eq(map.count, 1);
	const size_t *v = dl_u64map_get(&map, 0x0002060000ULL);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, 1);
}
END_TEST

START_TEST(test_extreme_keys)
{
	ck_assert(dl_u64map_add(&map, 0, 100));
	ck_assert(dl_u64map_add(&map, UINT64_MAX, 200));
	ck_assert(dl_u64map_add(&map, UINT64_MAX - 1, 300));
	ck_assert(!dl_u64map_add(&map, 0, 1));
	ck_assert(!dl_u64map_add(&map, UINT64_MAX, 1));
	const size_t *v = dl_u64map_get(&map, 0);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, 100);
	v = dl_u64map_get(&map, UINT64_MAX);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, 200);
	v = dl_u64map_get(&map, UINT64_MAX - 1);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, 300);
	ck_assert_uint_eq(map.count, 3);
}
END_TEST

START_TEST(test_value_zero_and_max)
{
	ck_assert(dl_u64map_add(&map, 5, 0));
	ck_assert(dl_u64map_add(&map, 6, SIZE_MAX));
	const size_t *v = dl_u64map_get(&map, 5);
	ck_assert_ptr_nonnull(v); /* a stored 0 is not "absent" */
	ck_assert_uint_eq(*v, 0);
	v = dl_u64map_get(&map, 6);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, SIZE_MAX);
}
END_TEST

/* Keys shaped like dl_pci_key and zPCI ids: few differing bits, and sparse high ones. */
static uint64_t key_of(size_t i)
{
	return i % 3 == 0 ? (uint64_t)i : i % 3 == 1 ? (uint64_t)i << 32 : UINT64_MAX - (uint64_t)i;
}

START_TEST(test_growth_100000)
{
	const size_t n = 100000;
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(dl_u64map_add(&map, key_of(i), i), "add %zu failed", i);
	ck_assert_uint_eq(map.count, n);
	/* a power of two, at most half full */
	ck_assert_uint_eq(map.cap & (map.cap - 1), 0);
	ck_assert_uint_ge(map.cap, 2 * n);
	size_t wrong = 0, dup_accepted = 0, phantom = 0;
	for (size_t i = 0; i < n; i++) {
		const size_t *v = dl_u64map_get(&map, key_of(i));
		if (!v || *v != i)
			wrong++;
		if (dl_u64map_add(&map, key_of(i), i + 1))
			dup_accepted++;
	}
	/* keys never added: the gaps between the three shapes */
	for (size_t i = 0; i < 1000; i++) {
		if (dl_u64map_get(&map, ((uint64_t)(n + i) << 32) | 1))
			phantom++;
		if (dl_u64map_get(&map, (uint64_t)n * 4 + i))
			phantom++;
	}
	ck_assert_uint_eq(wrong, 0);
	ck_assert_uint_eq(dup_accepted, 0);
	ck_assert_uint_eq(phantom, 0);
	ck_assert_uint_eq(map.count, n);
}
END_TEST

START_TEST(test_release_and_reuse)
{
	for (size_t i = 0; i < 100; i++)
		ck_assert(dl_u64map_add(&map, i, i));
	dl_u64map_release(&map);
	ck_assert_uint_eq(map.count, 0);
	ck_assert_uint_eq(map.cap, 0);
	ck_assert_ptr_null(dl_u64map_get(&map, 1));
	ck_assert(dl_u64map_add(&map, 1, 11));
	const size_t *v = dl_u64map_get(&map, 1);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(*v, 11);
}
END_TEST

Suite *u64map_suite(void)
{
	Suite *s = suite_create("u64map");
	TCase *tc = tcase_create("map");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_add_get);
	tcase_add_test(tc, test_duplicate_add_keeps_first);
	tcase_add_test(tc, test_extreme_keys);
	tcase_add_test(tc, test_value_zero_and_max);
	tcase_add_test(tc, test_growth_100000);
	tcase_add_test(tc, test_release_and_reuse);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
