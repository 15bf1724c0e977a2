/* check_readfile.c - reading a whole file: the size limit at its edge, and what is refused unread */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "check_suites.h"
#include "readfile.h"
#include "xmalloc.h"

static char dir[64];
static char *buf;
static size_t cap;

static void setup(void)
{
	strcpy(dir, "/tmp/check_readfile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	buf = NULL;
	cap = 0;
}

static void teardown(void)
{
	char *p = xasprintf("%s/fifo", dir);
	unlink(p);
	free(p);
	p = xasprintf("%s/file", dir);
	unlink(p);
	free(p);
	rmdir(dir);
	free(buf);
}

/* dir/file holding n bytes of 'x'; its path, to free. */
static char *file_of(size_t n)
{
	char *path = xasprintf("%s/file", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++)
		putc('x', f);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

START_TEST(test_whole_file_terminated)
{
	char *path = file_of(5000);
	size_t len = 0;
	int error = -1;
	ck_assert_int_eq(dl_readfile(path, 5000, &buf, &cap, &len, &error), DL_READFILE_OK);
	ck_assert_uint_eq(len, 5000);
	ck_assert_uint_eq(strlen(buf), 5000); /* NUL right after the last byte */
	/* the same buffer again, for a smaller file */
	free(path);
	path = file_of(3);
	ck_assert_int_eq(dl_readfile(path, 5000, &buf, &cap, &len, &error), DL_READFILE_OK);
	ck_assert_uint_eq(len, 3);
	ck_assert_str_eq(buf, "xxx");
	free(path);
}
END_TEST

START_TEST(test_empty_file)
{
	char *path = file_of(0);
	size_t len = 1;
	int error = 0;
	ck_assert_int_eq(dl_readfile(path, 10, &buf, &cap, &len, &error), DL_READFILE_OK);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(buf, "");
	free(path);
}
END_TEST

START_TEST(test_one_byte_over_the_limit)
{
	char *path = file_of(1025);
	size_t len = 0;
	int error = 0;
	ck_assert_int_eq(dl_readfile(path, 1024, &buf, &cap, &len, &error), DL_READFILE_TOO_LARGE);
	ck_assert_int_eq(dl_readfile(path, 1025, &buf, &cap, &len, &error), DL_READFILE_OK);
	ck_assert_uint_eq(len, 1025);
	free(path);
}
END_TEST

START_TEST(test_missing_file)
{
	char *path = xasprintf("%s/none", dir);
	size_t len = 0;
	int error = 0;
	ck_assert_int_eq(dl_readfile(path, 10, &buf, &cap, &len, &error), DL_READFILE_CANNOT_OPEN);
	ck_assert_int_eq(error, ENOENT);
	free(path);
}
END_TEST

START_TEST(test_directory_refused)
{
	size_t len = 0;
	int error = 0;
	ck_assert_int_eq(dl_readfile(dir, 10, &buf, &cap, &len, &error), DL_READFILE_DIRECTORY);
}
END_TEST

/* A FIFO with no writer: opened without blocking, and refused unread (the test would hang). */
START_TEST(test_fifo_refused)
{
	char *path = xasprintf("%s/fifo", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	size_t len = 0;
	int error = 0;
	ck_assert_int_eq(dl_readfile(path, 10, &buf, &cap, &len, &error), DL_READFILE_NOT_REGULAR);
	dl_readfile_status status;
	ck_assert_int_eq(dl_readfile_open(path, NULL, &status, &error), -1);
	ck_assert_int_eq(status, DL_READFILE_NOT_REGULAR);
	free(path);
}
END_TEST

START_TEST(test_input_reasons)
{
	char *path = file_of(2 * 1024 * 1024 + 1);
	size_t len = 0;
	char *why = NULL;
	ck_assert_ptr_null(dl_readfile_input(path, 2 * 1024 * 1024, &len, &why));
	ck_assert_str_eq(why, "larger than 2 MiB (--max-file-size), not linted");
	free(why);
	ck_assert_ptr_null(dl_readfile_input(path, 1000, &len, &why));
	ck_assert_str_eq(why, "larger than 1000 bytes (--max-file-size), not linted");
	free(why);
	ck_assert_ptr_null(dl_readfile_input(dir, 1000, &len, &why));
	ck_assert_str_eq(why, "is a directory");
	free(why);
	const char *text = dl_readfile_input(path, 4 * 1024 * 1024, &len, &why);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(len, 2 * 1024 * 1024 + 1);
	dl_readfile_input_done(); /* a buffer that grew past 1 MiB is let go */
	dl_readfile_thread_done();
	free(path);
}
END_TEST

Suite *readfile_suite(void)
{
	Suite *s = suite_create("readfile");
	TCase *tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_whole_file_terminated);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_one_byte_over_the_limit);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_directory_refused);
	tcase_add_test(tc, test_fifo_refused);
	tcase_add_test(tc, test_input_reasons);
	suite_add_tcase(s, tc);
	return s;
}
