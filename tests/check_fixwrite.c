/* check_fixwrite.c - writing a fixed file back: the replace itself, and each case that must lose nothing */
#define _DEFAULT_SOURCE /* mkdtemp, realpath */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "check_suites.h"
#include "fixwrite.h"
#include "xmalloc.h"

#define OLD "<domain type='kvm'>\n  <name>old</name>\n</domain>\n"
#define NEW "<domain type='kvm'>\n  <name>new</name>\n</domain>\n"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/check_fixwrite.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Removes path and all below it; a directory a test locked is unlocked first. */
static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		if (d) {
			for (struct dirent *e; (e = readdir(d));) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				char *p = xasprintf("%s/%s", path, e->d_name);
				remove_tree(p);
				free(p);
			}
			closedir(d);
		}
	}
	remove(path);
}

static void teardown(void)
{
	dl_fixwrite_before_rename = NULL;
	remove_tree(dir);
}

/* dir/name, to free. */
static char *in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void make_file(const char *path, const char *content, mode_t mode)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(content, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
}

/* The content of path, to free. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char *buf = xmalloc(4096);
	size_t n = fread(buf, 1, 4095, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void assert_content(const char *path, const char *want)
{
	char *got = slurp(path);
	ck_assert_str_eq(got, want);
	free(got);
}

/* How many entries d holds: a temporary file left behind shows as one too many. */
static size_t entries(const char *d)
{
	DIR *h = opendir(d);
	ck_assert_ptr_nonnull(h);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(h));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(h);
	return n;
}

/* dl_fixwrite of path, from OLD to NEW, expecting want; its error (or NULL) to free; *note to free. */
static char *fix(const char *path, dl_fixwrite_status want, char **note)
{
	char *error, *n;
	dl_fixwrite_status got = dl_fixwrite(path, OLD, strlen(OLD), NEW, strlen(NEW), &n, &error);
	ck_assert_msg(got == want, "status %d, expected %d (error: %s)", (int)got, (int)want,
		      error ? error : "none");
	ck_assert_msg((got == DL_FIXWRITE_OK) == (error == NULL), "error '%s' with status %d",
		      error ? error : "none", (int)got);
	if (note)
		*note = n;
	else {
		ck_assert_msg(n == NULL, "unexpected note: %s", n);
		free(n);
	}
	return error;
}

START_TEST(test_plain_replace)
{
	char *path = in_dir("vm.xml");
	make_file(path, OLD, 0640);
	ck_assert_ptr_null(fix(path, DL_FIXWRITE_OK, NULL));
	assert_content(path, NEW);
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_uint_eq(st.st_uid, geteuid());
	ck_assert_uint_eq(entries(dir), 1); /* no temporary file left */
	/* shorter, then empty: nothing of the old text stays behind */
	char *note, *error;
	ck_assert_int_eq(dl_fixwrite(path, NEW, strlen(NEW), "<x/>", 4, &note, &error),
			 DL_FIXWRITE_OK);
	ck_assert_ptr_null(note);
	ck_assert_ptr_null(error);
	assert_content(path, "<x/>");
	ck_assert_int_eq(dl_fixwrite(path, "<x/>", 4, "", 0, &note, &error), DL_FIXWRITE_OK);
	assert_content(path, "");
	ck_assert_uint_eq(entries(dir), 1);
	free(path);
}
END_TEST

/* The longest name a directory takes: the temporary name keeps only part of it, so it fits too. */
START_TEST(test_long_name)
{
	char name[256];
	memset(name, 'a', 251);
	strcpy(name + 251, ".xml");
	char *path = in_dir(name);
	make_file(path, OLD, 0644);
	ck_assert_ptr_null(fix(path, DL_FIXWRITE_OK, NULL));
	assert_content(path, NEW);
	ck_assert_uint_eq(entries(dir), 1);
	free(path);
}
END_TEST

/* A name without a directory: the temporary file goes in the current one. */
START_TEST(test_relative_path)
{
	char *path = in_dir("vm.xml");
	make_file(path, OLD, 0600);
	int here = open(".", O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(here, 0);
	ck_assert_int_eq(chdir(dir), 0);
	char *error = fix("vm.xml", DL_FIXWRITE_OK, NULL);
	ck_assert_int_eq(fchdir(here), 0);
	close(here);
	ck_assert_ptr_null(error);
	assert_content(path, NEW);
	ck_assert_uint_eq(entries(dir), 1);
	free(path);
}
END_TEST

START_TEST(test_symlink_fixes_its_target)
{
	char *target = in_dir("real.xml"), *link = in_dir("link.xml");
	make_file(target, OLD, 0644);
	ck_assert_int_eq(symlink("real.xml", link), 0);
	char *note;
	ck_assert_ptr_null(fix(link, DL_FIXWRITE_OK, &note));
	assert_content(target, NEW);
	struct stat st;
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode)); /* the link is still a link, to the same name */
	char to[64];
	ssize_t n = readlink(link, to, sizeof to - 1);
	ck_assert_int_eq(n, 8);
	to[n] = '\0';
	ck_assert_str_eq(to, "real.xml");
	char *real = realpath(target, NULL);
	char *want = xasprintf("%s is a symlink: fixed its target %s", link, real);
	ck_assert_ptr_nonnull(note);
	ck_assert_str_eq(note, want);
	ck_assert_uint_eq(entries(dir), 2);
	free(want);
	free(real);
	free(note);
	free(target);
	free(link);
}
END_TEST

START_TEST(test_dangling_symlink)
{
	char *link = in_dir("link.xml");
	ck_assert_int_eq(symlink("gone.xml", link), 0);
	char *error = fix(link, DL_FIXWRITE_FAILED, NULL);
	char *want = xasprintf("%s is a symlink that cannot be followed: No such file or "
			       "directory; not fixed",
			       link);
	ck_assert_str_eq(error, want);
	struct stat st;
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_uint_eq(entries(dir), 1); /* nothing created where it points */
	free(want);
	free(error);
	free(link);
}
END_TEST

START_TEST(test_missing_file)
{
	char *path = in_dir("none.xml");
	char *error = fix(path, DL_FIXWRITE_FAILED, NULL);
	char *want = xasprintf("%s: not fixed: cannot stat it: No such file or directory", path);
	ck_assert_str_eq(error, want);
	ck_assert_uint_eq(entries(dir), 0);
	free(want);
	free(error);
	free(path);
}
END_TEST

/* Even root, who could write it, leaves a file without any write bit alone. */
START_TEST(test_read_only)
{
	char *path = in_dir("vm.xml");
	make_file(path, OLD, 0444);
	char *error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	char *want = xasprintf("%s: read-only (mode 0444), not fixed", path);
	ck_assert_str_eq(error, want);
	assert_content(path, OLD);
	ck_assert_uint_eq(entries(dir), 1);
	free(want);
	free(error);
	free(path);
}
END_TEST

/* A symlink's message names both, and a refused target is left as it is. */
START_TEST(test_symlink_to_read_only)
{
	char *target = in_dir("real.xml"), *link = in_dir("link.xml");
	make_file(target, OLD, 0400);
	ck_assert_int_eq(symlink(target, link), 0);
	char *error = fix(link, DL_FIXWRITE_REFUSED, NULL);
	char *real = realpath(target, NULL);
	char *want = xasprintf("%s (a symlink to %s): read-only (mode 0400), not fixed", link,
			       real);
	ck_assert_str_eq(error, want);
	assert_content(target, OLD);
	free(want);
	free(real);
	free(error);
	free(target);
	free(link);
}
END_TEST

START_TEST(test_changed_since_read)
{
	char *path = in_dir("vm.xml");
	make_file(path, OLD "<!-- edited -->\n", 0644);
	char *error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	char *want = xasprintf("%s: changed since it was read; not fixed, run again", path);
	ck_assert_str_eq(error, want);
	assert_content(path, OLD "<!-- edited -->\n");
	free(error);
	/* the same length, other bytes; and shorter */
	make_file(path, "<domain type='kvm'>\n  <name>odl</name>\n</domain>\n", 0644);
	error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	ck_assert_str_eq(error, want);
	free(error);
	make_file(path, "<domain/>", 0644);
	error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	ck_assert_str_eq(error, want);
	assert_content(path, "<domain/>");
	ck_assert_uint_eq(entries(dir), 1);
	free(want);
	free(error);
	free(path);
}
END_TEST

/* An editor saving while the fixed text is being written: its save wins, and is kept. */
static void concurrent_edit(const char *path)
{
	FILE *f = fopen(path, "a");
	if (f) {
		fputs("<!-- saved meanwhile -->\n", f);
		fclose(f);
	}
}

static void concurrent_remove(const char *path)
{
	unlink(path);
}

START_TEST(test_changed_while_fixing)
{
	char *path = in_dir("vm.xml");
	make_file(path, OLD, 0644);
	dl_fixwrite_before_rename = concurrent_edit;
	char *error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	dl_fixwrite_before_rename = NULL;
	char *want = xasprintf("%s: changed since it was read; not fixed, run again", path);
	ck_assert_str_eq(error, want);
	assert_content(path, OLD "<!-- saved meanwhile -->\n");
	ck_assert_uint_eq(entries(dir), 1); /* the temporary file is gone */
	free(error);
	/* removed meanwhile: not brought back */
	make_file(path, OLD, 0644);
	dl_fixwrite_before_rename = concurrent_remove;
	error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	dl_fixwrite_before_rename = NULL;
	ck_assert_str_eq(error, want);
	ck_assert_uint_eq(entries(dir), 0);
	free(want);
	free(error);
	free(path);
}
END_TEST

START_TEST(test_hard_links)
{
	char *path = in_dir("vm.xml"), *other = in_dir("copy.xml");
	make_file(path, OLD, 0644);
	ck_assert_int_eq(link(path, other), 0);
	char *error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	char *want = xasprintf("%s has 2 hard links: not fixed, to keep them one file", path);
	ck_assert_str_eq(error, want);
	assert_content(path, OLD);
	struct stat a, b;
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(stat(other, &b), 0);
	ck_assert(a.st_ino == b.st_ino); /* still one file */
	ck_assert_uint_eq(entries(dir), 2);
	free(want);
	free(error);
	free(other);
	free(path);
}
END_TEST

/* A directory or a FIFO is refused at once: nothing opens the FIFO, so nothing waits for a writer. */
START_TEST(test_not_a_regular_file)
{
	char *sub = in_dir("sub"), *fifo = in_dir("fifo");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	ck_assert_int_eq(mkfifo(fifo, 0644), 0);
	char *error = fix(sub, DL_FIXWRITE_REFUSED, NULL);
	char *want = xasprintf("%s: a directory, not fixed", sub);
	ck_assert_str_eq(error, want);
	free(want);
	free(error);
	error = fix(fifo, DL_FIXWRITE_REFUSED, NULL);
	want = xasprintf("%s: not a regular file, not fixed", fifo);
	ck_assert_str_eq(error, want);
	free(want);
	free(error);
	/* and through a symlink */
	char *link = in_dir("link");
	ck_assert_int_eq(symlink("fifo", link), 0);
	error = fix(link, DL_FIXWRITE_REFUSED, NULL);
	ck_assert_ptr_nonnull(strstr(error, "not a regular file, not fixed"));
	ck_assert_uint_eq(entries(dir), 3);
	free(error);
	free(link);
	free(fifo);
	free(sub);
}
END_TEST

/* A name with an escape sequence in it is shown escaped, never sent to the terminal raw. */
START_TEST(test_path_escaped)
{
	char *path = in_dir("evil\033[2J\n.xml");
	make_file(path, OLD, 0444);
	char *error = fix(path, DL_FIXWRITE_REFUSED, NULL);
	char *want = xasprintf("%s/evil\\x1b[2J\\x0a.xml: read-only (mode 0444), not fixed", dir);
	ck_assert_str_eq(error, want);
	free(want);
	free(error);
	char *link = in_dir("link\033.xml");
	ck_assert_int_eq(symlink("evil\033[2J\n.xml", link), 0);
	ck_assert_int_eq(chmod(path, 0644), 0);
	char *note;
	ck_assert_ptr_null(fix(link, DL_FIXWRITE_OK, &note));
	ck_assert_ptr_null(strchr(note, '\033'));
	ck_assert_ptr_null(strchr(note, '\n'));
	ck_assert_ptr_nonnull(strstr(note, "link\\x1b.xml is a symlink: fixed its target "));
	ck_assert_ptr_nonnull(strstr(note, "evil\\x1b[2J\\x0a.xml"));
	assert_content(path, NEW);
	free(note);
	free(link);
	free(path);
}
END_TEST

/*
 * The directory refuses a new file: the temporary file cannot be made, and the file stays as
 * it was. Permission bits do not stop root, so as root the writer runs in a child as nobody,
 * which also shows another user's file, writable only by its owner, refused.
 */
#define NOBODY 65534

static int locked_case(const char *path, const char *others)
{
	char *note, *error;
	dl_fixwrite_status st = dl_fixwrite(path, OLD, strlen(OLD), NEW, strlen(NEW), &note,
					    &error);
	char *want = xasprintf("%s: not fixed: cannot create a temporary file in its directory: "
			       "Permission denied",
			       path);
	int bad = st != DL_FIXWRITE_FAILED || note || !error || strcmp(error, want) != 0;
	if (bad)
		fprintf(stderr, "locked directory: status %d, error '%s'\n", (int)st,
			error ? error : "none");
	free(want);
	free(error);
	free(note);
	if (others) {
		st = dl_fixwrite(others, OLD, strlen(OLD), NEW, strlen(NEW), &note, &error);
		want = xasprintf("%s: not writable by this user (mode 0644, owner uid 0), not "
				 "fixed",
				 others);
		if (st != DL_FIXWRITE_REFUSED || !error || strcmp(error, want) != 0) {
			fprintf(stderr, "another user's file: status %d, error '%s'\n", (int)st,
				error ? error : "none");
			bad = 1;
		}
		free(want);
		free(error);
		free(note);
	}
	return bad;
}

START_TEST(test_directory_not_writable)
{
	char *locked = in_dir("locked");
	ck_assert_int_eq(mkdir(locked, 0755), 0);
	char *path = xasprintf("%s/vm.xml", locked), *others = xasprintf("%s/root.xml", locked);
	make_file(path, OLD, 0644);
	if (geteuid() != 0) {
		ck_assert_int_eq(chmod(locked, 0555), 0);
		ck_assert_int_eq(locked_case(path, NULL), 0);
	} else {
		make_file(others, OLD, 0644);
		ck_assert_int_eq(chown(dir, NOBODY, NOBODY), 0);
		ck_assert_int_eq(chown(locked, NOBODY, NOBODY), 0);
		ck_assert_int_eq(chown(path, NOBODY, NOBODY), 0);
		ck_assert_int_eq(chmod(locked, 0555), 0);
		fflush(NULL);
		pid_t pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			int bad = setgid(NOBODY) != 0 || setuid(NOBODY) != 0 ||
				  locked_case(path, others);
			/* ended by exec: valgrind follows a fork, and would count the copied test run as leaks */
			execl(bad ? "/bin/false" : "/bin/true", bad ? "false" : "true",
			      (char *)NULL);
			_exit(2);
		}
		int status;
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "the child as nobody: status %d", status);
		assert_content(others, OLD);
	}
	assert_content(path, OLD);
	ck_assert_uint_eq(entries(locked), geteuid() == 0 ? 2 : 1); /* no temporary file */
	free(others);
	free(path);
	free(locked);
}
END_TEST

Suite *fixwrite_suite(void)
{
	Suite *s = suite_create("fixwrite");
	TCase *tc = tcase_create("replace");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_plain_replace);
	tcase_add_test(tc, test_long_name);
	tcase_add_test(tc, test_relative_path);
	tcase_add_test(tc, test_symlink_fixes_its_target);
	tcase_add_test(tc, test_dangling_symlink);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_read_only);
	tcase_add_test(tc, test_symlink_to_read_only);
	tcase_add_test(tc, test_changed_since_read);
	tcase_add_test(tc, test_changed_while_fixing);
	tcase_add_test(tc, test_hard_links);
	tcase_add_test(tc, test_not_a_regular_file);
	tcase_add_test(tc, test_path_escaped);
	tcase_add_test(tc, test_directory_not_writable);
	suite_add_tcase(s, tc);
	return s;
}
