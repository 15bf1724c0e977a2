/* check_gitls.c - reading git's ls-files -z answer: what a walk asks of it */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_suites.h"
#include "gitls.h"

/* A copy of git's output, as dl_gitls_parse takes ownership of it. */
static void parse(dl_gitls *g, const char *out, size_t len)
{
	char *buf = malloc(len + 1);
	memcpy(buf, out, len);
	buf[len] = '\0';
	dl_gitls_parse(g, buf, len);
}

START_TEST(test_files_and_directories)
{
	static const char out[] = "vms/b.xml\0a.xml\0sub/\0vms/deep/c.xml\0vms-old/x.xml\0";
	dl_gitls g;
	parse(&g, out, sizeof out - 1);
	ck_assert_uint_eq(g.n, 5);
	ck_assert(dl_gitls_has(&g, "a.xml"));
	ck_assert(dl_gitls_has(&g, "vms/b.xml"));
	ck_assert(dl_gitls_has(&g, "sub")); /* a nested repository, without its '/' */
	ck_assert(!dl_gitls_has(&g, "sub/"));
	ck_assert(!dl_gitls_has(&g, "vms"));
	ck_assert(!dl_gitls_has(&g, "b.xml"));
	ck_assert(dl_gitls_has_below(&g, "vms"));
	ck_assert(dl_gitls_has_below(&g, "vms/deep"));
	ck_assert(dl_gitls_has_below(&g, "vms-old"));
	ck_assert(!dl_gitls_has_below(&g, "vm"));  /* a prefix of a name is not a directory */
	ck_assert(!dl_gitls_has_below(&g, "sub")); /* git looked no further */
	ck_assert(!dl_gitls_has_below(&g, "a.xml"));
	ck_assert(!dl_gitls_has_below(&g, "vms/deep/c.xml"));
	dl_gitls_release(&g);
}
END_TEST

START_TEST(test_empty_and_cut_short)
{
	dl_gitls g;
	dl_gitls_parse(&g, NULL, 0);
	ck_assert_uint_eq(g.n, 0);
	ck_assert(!dl_gitls_has(&g, "a.xml"));
	ck_assert(!dl_gitls_has_below(&g, "a"));
	dl_gitls_release(&g);
	/* a last path with no NUL after it is not trusted */
	static const char out[] = "a.xml\0b.x";
	parse(&g, out, sizeof out - 1);
	ck_assert_uint_eq(g.n, 1);
	ck_assert(dl_gitls_has(&g, "a.xml"));
	ck_assert(!dl_gitls_has(&g, "b.x"));
	dl_gitls_release(&g);
}
END_TEST

Suite *gitls_suite(void)
{
	Suite *s = suite_create("gitls");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_files_and_directories);
	tcase_add_test(tc, test_empty_and_cut_short);
	suite_add_tcase(s, tc);
	return s;
}
