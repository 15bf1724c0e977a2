/* check_baseline.c - the baseline's fingerprints (line numbers out), counts, stale entries, file errors */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "baseline.h"
#include "check_suites.h"
#include "xmalloc.h"

static void assert_normalised(const char *message, const char *want)
{
	char *got = dl_baseline_normalise(message);
	ck_assert_msg(strcmp(got, want) == 0, "'%s' normalised to '%s', expected '%s'", message,
		      got, want);
	free(got);
}

START_TEST(test_normalise_rule_messages)
{
	/* the shapes the rules and libxml2 write (grep -n "line %" in rules/ and src/) */
	assert_normalised("pci 0000:00:05.0 is already used by the hostdev at line 15",
			  "pci 0000:00:05.0 is already used by the hostdev at line N");
	assert_normalised("controller index '1' is already taken by the 'pci' controller at line "
			  "120: x",
			  "controller index '1' is already taken by the 'pci' controller at line "
			  "N: x");
	assert_normalised("a second <source> (the first is at line 7): bad (\"why\")",
			  "a second <source> (the first is at line N): bad (\"why\")");
	assert_normalised("not well-formed XML: Opening and ending tag mismatch: hostdev line 9 "
			  "and hostdevs",
			  "not well-formed XML: Opening and ending tag mismatch: hostdev line N "
			  "and hostdevs");
	assert_normalised("not well-formed XML: Premature end of data in tag hostdev line 9",
			  "not well-formed XML: Premature end of data in tag hostdev line N");
}
END_TEST

START_TEST(test_normalise_positions)
{
	assert_normalised("at line 12, column 4", "at line N, column N");
	assert_normalised("see line 9:5", "see line N:N");
	assert_normalised("lines 3-5 and 10", "lines N-N and 10");
	assert_normalised("Line 3", "Line N");
	assert_normalised("columns  44", "columns  N");
	assert_normalised("two findings at line 3 and line 40",
			  "two findings at line N and line N");
	assert_normalised("line 3-", "line N-");
}
END_TEST

START_TEST(test_normalise_leaves_other_numbers)
{
	const char *same[] = {
		"",
		"host PCI function '010' has a leading 0, so libvirt reads it as octal 8",
		"zpci uid 0x0010 is already used",
		"controller index '3' is out of range",
		"pipeline 3 and online 5 and multiline 7",
		"line-3 and line_4 and lineage 5",
		"line x, line, line",
		"line N already normalised",
		"cable 9 slot 0x05 line",
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		assert_normalised(same[i], same[i]);
}
END_TEST

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/check_baseline.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	DIR *d = opendir(dir);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = xasprintf("%s/%s", dir, e->d_name);
			remove(p);
			free(p);
		}
		closedir(d);
	}
	remove(dir);
}

/* A linted file at dir/name with the given findings (rule, message pairs; NULL ends). */
static dl_file_result linted(const char *name, ...)
{
	dl_file_result r = { 0 };
	r.path = xasprintf("%s/%s", dir, name);
	r.status = DL_FILE_LINTED;
	va_list ap;
	va_start(ap, name);
	for (unsigned long line = 1;; line++) {
		int rule = va_arg(ap, int);
		if (rule < 0)
			break;
		const char *message = va_arg(ap, const char *);
		dl_diags_add(&r.diags, rule, DL_SEV_ERROR, (dl_loc){ line, 1 }, xstrdup(message));
	}
	va_end(ap);
	return r;
}

static char *file_path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void write_text(const char *name, const char *text)
{
	char *p = file_path(name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static size_t files_in_dir(void)
{
	size_t n = 0;
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	for (struct dirent *e; (e = readdir(d));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* Record r into dir/b.json, written. */
static void write_baseline(dl_file_result *r, size_t want_size)
{
	char *path = file_path("b.json"), *error = NULL;
	dl_baseline *b = dl_baseline_new(path, &error);
	ck_assert_ptr_nonnull(b);
	dl_baseline_record(b, r);
	ck_assert_uint_eq(dl_baseline_size(b), want_size);
	ck_assert_int_eq(dl_baseline_write(b, &error), 0);
	ck_assert_ptr_null(error);
	dl_baseline_free(b);
	free(path);
}

static dl_baseline *load(void)
{
	char *path = file_path("b.json"), *error = NULL;
	dl_baseline *b = dl_baseline_load(path, &error);
	ck_assert_msg(b != NULL, "load failed: %s", error ? error : "?");
	free(path);
	return b;
}

START_TEST(test_counts_and_stale)
{
	dl_file_result r = linted("a.xml", DL_RULE_HOSTDEV_DUPLICATE_SOURCE,
				  "pci X is already used by the hostdev at line 3",
				  DL_RULE_HOSTDEV_DUPLICATE_SOURCE,
				  "pci X is already used by the hostdev at line 3",
				  DL_RULE_ADDRESS_OCTAL, "octal", -1);
	write_baseline(&r, 3);
	dl_file_result_release(&r);
	ck_assert_uint_eq(files_in_dir(), 1); /* the temporary file went */

	dl_baseline *b = load();
	/* lines moved: the two duplicates still match, a third identical one is new; octal is gone */
	r = linted("a.xml", DL_RULE_HOSTDEV_DUPLICATE_SOURCE,
		   "pci X is already used by the hostdev at line 30",
		   DL_RULE_HOSTDEV_DUPLICATE_SOURCE,
		   "pci X is already used by the hostdev at line 30",
		   DL_RULE_HOSTDEV_DUPLICATE_SOURCE,
		   "pci X is already used by the hostdev at line 30", DL_RULE_ADDRESS_DUPLICATE,
		   "octal", -1);
	ck_assert_uint_eq(dl_baseline_filter(b, &r), 2);
	ck_assert_uint_eq(r.diags.n, 2);
	ck_assert_int_eq(r.diags.v[0].rule, DL_RULE_HOSTDEV_DUPLICATE_SOURCE);
	ck_assert_uint_eq(r.diags.v[0].loc.line, 3); /* the first ones are the hidden ones */
	ck_assert_int_eq(r.diags.v[1].rule, DL_RULE_ADDRESS_DUPLICATE); /* another rule: new */
	ck_assert_uint_eq(dl_baseline_stale(b), 1);
	dl_file_result_release(&r);

	/* a file the baseline does not know: nothing hidden, nothing more stale */
	r = linted("other.xml", DL_RULE_ADDRESS_OCTAL, "octal", -1);
	ck_assert_uint_eq(dl_baseline_filter(b, &r), 0);
	ck_assert_uint_eq(r.diags.n, 1);
	ck_assert_uint_eq(dl_baseline_stale(b), 1);
	dl_file_result_release(&r);
	dl_baseline_free(b);
}
END_TEST

START_TEST(test_stale_only_for_linted_files)
{
	dl_file_result r = linted("a.xml", DL_RULE_ADDRESS_OCTAL, "octal", -1);
	dl_file_result s = linted("b.xml", DL_RULE_ADDRESS_OCTAL, "octal", -1);
	char *path = file_path("b.json"), *error = NULL;
	dl_baseline *b = dl_baseline_new(path, &error);
	dl_baseline_record(b, &r);
	dl_baseline_record(b, &s);
	ck_assert_int_eq(dl_baseline_write(b, &error), 0);
	dl_baseline_free(b);
	dl_file_result_release(&r);
	dl_file_result_release(&s);

	b = load();
	r = linted("a.xml", -1); /* fixed; b.xml not linted this time */
	ck_assert_uint_eq(dl_baseline_filter(b, &r), 0);
	ck_assert_uint_eq(dl_baseline_stale(b), 1);
	dl_file_result_release(&r);
	dl_baseline_free(b);
	free(path);
}
END_TEST

START_TEST(test_written_format)
{
	dl_file_result r = linted("a.xml", DL_RULE_ADDRESS_OCTAL, "z at line 4",
				  DL_RULE_ADDRESS_OCTAL, "a", -1);
	write_baseline(&r, 2);
	dl_file_result_release(&r);
	char *path = file_path("b.json");
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char text[1024];
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	free(path);
	/* sorted by path, rule, message; the path relative to the baseline's directory */
	const char *a = strstr(text, "\"message\": \"a\""),
		   *z = strstr(text, "\"message\": \"z at line N\"");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(z);
	ck_assert(a < z);
	ck_assert_ptr_nonnull(strstr(text, "\"version\": 1"));
	ck_assert_ptr_nonnull(strstr(text, "\"path\": \"a.xml\""));
	ck_assert_ptr_nonnull(strstr(text, "\"count\": 1"));
}
END_TEST

START_TEST(test_hand_written_entries)
{
	/* a line number left in by hand, and a repeated entry, still count */
	write_text("b.json", "{\"version\": 1, \"findings\": ["
			     "{\"path\": \"a.xml\", \"rule\": \"address-octal\", \"message\": \"x "
			     "at line 9\"},"
			     "{\"path\": \"a.xml\", \"rule\": \"address-octal\", \"message\": \"x "
			     "at line 2\", \"count\": 1}]}\n");
	dl_baseline *b = load();
	dl_file_result r = linted("a.xml", DL_RULE_ADDRESS_OCTAL, "x at line 5",
				  DL_RULE_ADDRESS_OCTAL, "x at line 6", DL_RULE_ADDRESS_OCTAL,
				  "x at line 7", -1);
	ck_assert_uint_eq(dl_baseline_filter(b, &r), 2);
	ck_assert_uint_eq(r.diags.n, 1);
	dl_file_result_release(&r);
	dl_baseline_free(b);
}
END_TEST

static void assert_load_fails(const char *text, const char *why)
{
	char *path = file_path("b.json"), *error = NULL;
	if (text)
		write_text("b.json", text);
	dl_baseline *b = dl_baseline_load(path, &error);
	ck_assert_ptr_null(b);
	ck_assert_ptr_nonnull(error);
	ck_assert_msg(strncmp(error, path, strlen(path)) == 0, "'%s' does not name the file",
		      error);
	ck_assert_msg(strstr(error, why), "'%s' does not say '%s'", error, why);
	free(error);
	free(path);
}

START_TEST(test_load_errors)
{
	assert_load_fails(NULL, "cannot read the baseline");
	assert_load_fails("", "ends too early");
	assert_load_fails("{\"version\": 1, \"findings\": [", "ends too early");
	assert_load_fails("{\"version\": 1, \"findings\": []} []", "something follows");
	assert_load_fails("not json", "not JSON");
	assert_load_fails("[]", "not a JSON object");
	assert_load_fails("{\"findings\": []}", "no \"version\"");
	assert_load_fails("{\"version\": 2, \"findings\": []}", "version 2");
	assert_load_fails("{\"version\": 1}", "no \"findings\" array");
	assert_load_fails("{\"version\": 1, \"findings\": [3]}", "finding 1 lacks");
	assert_load_fails("{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"r\"}]}",
			  "finding 1 lacks");
	assert_load_fails("{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"r\", "
			  "\"message\": \"m\", "
			  "\"count\": 0}]}",
			  "\"count\"");
	assert_load_fails("{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"r\", "
			  "\"message\": \"m\", "
			  "\"count\": \"2\"}]}",
			  "\"count\"");
}
END_TEST

START_TEST(test_new_needs_a_directory)
{
	char *path = xasprintf("%s/no/such/dir/b.json", dir), *error = NULL;
	ck_assert_ptr_null(dl_baseline_new(path, &error));
	ck_assert_ptr_nonnull(strstr(error, path));
	free(error);
	free(path);
}
END_TEST

Suite *baseline_suite(void)
{
	Suite *s = suite_create("baseline");
	TCase *tc = tcase_create("normalise");
	tcase_add_test(tc, test_normalise_rule_messages);
	tcase_add_test(tc, test_normalise_positions);
	tcase_add_test(tc, test_normalise_leaves_other_numbers);
	suite_add_tcase(s, tc);
	tc = tcase_create("file");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_counts_and_stale);
	tcase_add_test(tc, test_stale_only_for_linted_files);
	tcase_add_test(tc, test_written_format);
	tcase_add_test(tc, test_hand_written_entries);
	tcase_add_test(tc, test_load_errors);
	tcase_add_test(tc, test_new_needs_a_directory);
	suite_add_tcase(s, tc);
	return s;
}
