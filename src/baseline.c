/* baseline.c - a baseline: the findings a repository already had, recorded once and hidden afterwards */
/* realpath is XSI, beyond the POSIX base the build asks for; glibc gives it with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include "baseline.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "escape.h"
#include "path.h"
#include "rule.h"
#include "xmalloc.h"

/* A baseline file larger than this is refused rather than read (about a million findings). */
#define DL_BASELINE_MAX_SIZE ((size_t)256 * 1024 * 1024)

typedef struct entry {
	char *path, *rule, *message; /* owned: the fingerprint */
	size_t count;                /* identical findings recorded */
	size_t matched;              /* findings it hid in this run */
	bool linted;                 /* its file was filtered in this run */
} entry;

struct dl_baseline {
	char *path; /* owned: as given */
	char *dir; /* owned: absolute directory of path, symbolic links resolved; entries start here */
	entry *v;
	size_t n, cap;
	bool settled; /* sorted, identical entries merged: what lookups and writing need */
};

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* The length of the keyword at p after which a number is a position, or 0. */
static size_t position_word(const char *message, const char *p)
{
	static const char *const words[] = { "columns", "column", "lines", "line" };
	if (p > message && word_char(p[-1]))
		return 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i]);
		if (strncasecmp(p, words[i], n) == 0 && !word_char(p[n]))
			return n;
	}
	return 0;
}

char *dl_baseline_normalise(const char *message)
{
	/* never longer: each run of digits becomes one N */
	char *out = xmalloc(strlen(message) + 1), *w = out;
	for (const char *p = message; *p;) {
		size_t word = position_word(message, p);
		if (word == 0) {
			*w++ = *p++;
			continue;
		}
		size_t blanks = strspn(p + word, " ");
		if (blanks == 0 || !isdigit((unsigned char)p[word + blanks])) {
			memcpy(w, p, word);
			w += word;
			p += word;
			continue;
		}
		memcpy(w, p, word + blanks);
		w += word + blanks;
		p += word + blanks;
		/* "9", "9:5", "3-5": every number of the position */
		for (;;) {
			*w++ = 'N';
			p += strspn(p, "0123456789");
			if ((*p == ':' || *p == '-') && isdigit((unsigned char)p[1]))
				*w++ = *p++;
			else
				break;
		}
	}
	*w = '\0';
	return out;
}

/* The fingerprint of a message: valid UTF-8 (as JSON keeps it), positions out. */
static char *fingerprint(const char *message)
{
	char *valid = dl_escape_utf8(message);
	char *out = dl_baseline_normalise(valid);
	free(valid);
	return out;
}

/*
 * path absolute, with the symbolic links of its directory resolved where that exists, and its
 * own name kept (a linked file is known by the name it has in the tree); caller frees.
 */
static char *resolved(const char *path)
{
	char *abs = dl_path_absolute(path);
	char *slash = strrchr(abs, '/');
	if (slash == abs)
		return abs;
	*slash = '\0';
	char *dir = realpath(abs, NULL);
	char *out = !dir                  ? xasprintf("%s/%s", abs, slash + 1) :
		    strcmp(dir, "/") == 0 ? xasprintf("/%s", slash + 1) :
					    xasprintf("%s/%s", dir, slash + 1);
	free(dir);
	free(abs);
	return out;
}

static dl_baseline *create(const char *path)
{
	dl_baseline *b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->dir = resolved(path);
	char *slash = strrchr(b->dir, '/');
	slash[slash == b->dir ? 1 : 0] = '\0';
	return b;
}

void dl_baseline_free(dl_baseline *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].path);
		free(b->v[i].rule);
		free(b->v[i].message);
	}
	free(b->v);
	free(b->dir);
	free(b->path);
	free(b);
}

const char *dl_baseline_path(const dl_baseline *b)
{
	return b->path;
}

/* Takes ownership of path, rule and message. */
static void add(dl_baseline *b, char *path, char *rule, char *message, size_t count)
{
	xgrow((void **)&b->v, &b->cap, b->n + 1, sizeof *b->v);
	b->v[b->n++] = (entry){ path, rule, message, count, 0, false };
	b->settled = false;
}

static int compare_keys(const char *path, const char *rule, const char *message, const entry *e)
{
	int c = strcmp(path, e->path);
	if (c == 0)
		c = strcmp(rule, e->rule);
	return c ? c : strcmp(message, e->message);
}

static int by_key(const void *a, const void *b)
{
	const entry *x = a;
	return compare_keys(x->path, x->rule, x->message, b);
}

/* Sort, and fold identical fingerprints into one entry with their counts added. */
static void settle(dl_baseline *b)
{
	if (b->settled)
		return;
	if (b->n > 1)
		qsort(b->v, b->n, sizeof *b->v, by_key);
	size_t kept = 0;
	for (size_t i = 0; i < b->n; i++) {
		entry *e = &b->v[i];
		if (kept > 0 && by_key(&b->v[kept - 1], e) == 0) {
			b->v[kept - 1].count += e->count;
			free(e->path);
			free(e->rule);
			free(e->message);
		} else {
			b->v[kept++] = *e;
		}
	}
	b->n = kept;
	b->settled = true;
}

/* The first entry for path (b settled): where that file's entries start, or b->n. */
static size_t first_of(const dl_baseline *b, const char *path)
{
	size_t lo = 0, hi = b->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(b->v[mid].path, path) >= 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The entry in [lo, hi) with this rule and message, or NULL. */
static entry *find(dl_baseline *b, size_t lo, size_t hi, const char *path, const char *rule,
		   const char *message)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_keys(path, rule, message, &b->v[mid]);
		if (c == 0)
			return &b->v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* A linted file's path as entries hold it: relative to the baseline's directory, valid UTF-8. */
static char *entry_path(const dl_baseline *b, const char *path)
{
	char *abs = resolved(path);
	char *rel = dl_path_relative(b->dir, abs);
	char *valid = dl_escape_utf8(rel);
	free(rel);
	free(abs);
	return valid;
}

size_t dl_baseline_filter(dl_baseline *b, dl_file_result *r)
{
	settle(b);
	char *path = entry_path(b, r->path);
	size_t lo = first_of(b, path), hi = lo;
	for (; hi < b->n && strcmp(b->v[hi].path, path) == 0; hi++)
		b->v[hi].linted = true;
	size_t kept = 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		dl_diag *d = &r->diags.v[i];
		entry *e = NULL;
		if (lo < hi) {
			char *message = fingerprint(d->message);
			e = find(b, lo, hi, path, dl_rules[d->rule].name, message);
			free(message);
		}
		if (e && e->matched < e->count) {
			e->matched++;
			dl_diag_release(d);
		} else {
			r->diags.v[kept++] = *d;
		}
	}
	size_t hidden = r->diags.n - kept;
	r->diags.n = kept;
	free(path);
	return hidden;
}

size_t dl_baseline_stale(const dl_baseline *b)
{
	size_t stale = 0;
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].linted)
			stale += b->v[i].count - b->v[i].matched;
	return stale;
}

void dl_baseline_record(dl_baseline *b, const dl_file_result *r)
{
	if (r->diags.n == 0)
		return;
	char *path = entry_path(b, r->path);
	for (size_t i = 0; i < r->diags.n; i++) {
		const dl_diag *d = &r->diags.v[i];
		add(b, xstrdup(path), xstrdup(dl_rules[d->rule].name), fingerprint(d->message), 1);
	}
	free(path);
}

size_t dl_baseline_size(const dl_baseline *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++)
		n += b->v[i].count;
	return n;
}

dl_baseline *dl_baseline_new(const char *path, char **error)
{
	dl_baseline *b = create(path);
	struct stat st;
	if (stat(b->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*error = xasprintf("%s: cannot write the baseline: no directory %s", path, b->dir);
		dl_baseline_free(b);
		return NULL;
	}
	return b;
}

/* The whole file at path, NUL-terminated, its length in *len; NULL with *error set. */
static char *read_file(const char *path, size_t *len, char **error)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*error = xasprintf("%s: cannot read the baseline: %s", path, strerror(errno));
		return NULL;
	}
	char *text = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		xgrow((void **)&text, &cap, n + 65536, 1);
		size_t got = fread(text + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0 || n > DL_BASELINE_MAX_SIZE)
			break;
	}
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err || n > DL_BASELINE_MAX_SIZE) {
		*error = err ? xasprintf("%s: cannot read the baseline: %s", path, strerror(err)) :
			       xasprintf("%s: cannot read the baseline: larger than %zu MiB", path,
					 DL_BASELINE_MAX_SIZE >> 20);
		free(text);
		return NULL;
	}
	text[n] = '\0';
	*len = n;
	return text;
}

static const char *string_field(json_object *o, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string) ?
		       json_object_get_string(v) :
		       NULL;
}

/* Take the findings of a parsed baseline into b; NULL, or what is wrong (caller frees). */
static char *take(dl_baseline *b, json_object *root)
{
	json_object *version, *findings;
	if (!json_object_is_type(root, json_type_object))
		return xasprintf("not a JSON object");
	if (!json_object_object_get_ex(root, "version", &version) ||
	    !json_object_is_type(version, json_type_int))
		return xasprintf("no \"version\" number");
	if (json_object_get_int64(version) != DL_BASELINE_VERSION)
		return xasprintf("version %s, and this domlint reads version %d (write it again "
				 "with "
				 "--write-baseline)",
				 json_object_to_json_string(version), DL_BASELINE_VERSION);
	if (!json_object_object_get_ex(root, "findings", &findings) ||
	    !json_object_is_type(findings, json_type_array))
		return xasprintf("no \"findings\" array");
	size_t n = json_object_array_length(findings);
	for (size_t i = 0; i < n; i++) {
		json_object *f = json_object_array_get_idx(findings, i), *count;
		const char *path = NULL, *rule = NULL, *message = NULL;
		if (json_object_is_type(f, json_type_object)) {
			path = string_field(f, "path");
			rule = string_field(f, "rule");
			message = string_field(f, "message");
		}
		if (!path || !rule || !message)
			return xasprintf("finding %zu lacks a \"path\", \"rule\" or \"message\" "
					 "string",
					 i + 1);
		int64_t times = 1;
		if (json_object_object_get_ex(f, "count", &count)) {
			times = json_object_is_type(count, json_type_int) ?
					json_object_get_int64(count) :
					0;
			if (times < 1)
				return xasprintf("finding %zu: \"count\" is not a number from 1 up",
						 i + 1);
		}
		/* normalised again, so an entry written by hand with a line number still matches */
		add(b, xstrdup(path), xstrdup(rule), fingerprint(message), (size_t)times);
	}
	return NULL;
}

dl_baseline *dl_baseline_load(const char *path, char **error)
{
	size_t len;
	char *text = read_file(path, &len, error);
	if (!text)
		return NULL;
	json_tokener *tok = json_tokener_new();
	json_object *root = json_tokener_parse_ex(tok, text,
						  (int)(len < INT32_MAX ? len : INT32_MAX));
	enum json_tokener_error jerr = json_tokener_get_error(tok);
	size_t end = json_tokener_get_parse_end(tok);
	char *why = NULL;
	if (jerr == json_tokener_continue)
		why = xasprintf("not JSON: it ends too early");
	else if (!root || jerr != json_tokener_success)
		why = xasprintf("not JSON at byte %zu: %s", end, json_tokener_error_desc(jerr));
	else if (text[end + strspn(text + end, " \t\r\n")] != '\0')
		why = xasprintf("not JSON: something follows the object at byte %zu", end);
	json_tokener_free(tok);
	free(text);
	dl_baseline *b = create(path);
	if (!why)
		why = take(b, root);
	json_object_put(root);
	if (why) {
		*error = xasprintf("%s: not a domlint baseline: %s", path, why);
		free(why);
		dl_baseline_free(b);
		return NULL;
	}
	settle(b);
	return b;
}

static json_object *to_json(const dl_baseline *b)
{
	json_object *findings = json_object_new_array_ext((int)b->n);
	for (size_t i = 0; i < b->n; i++) {
		const entry *e = &b->v[i];
		json_object *o = json_object_new_object();
		json_object_object_add(o, "path", json_object_new_string(e->path));
		json_object_object_add(o, "rule", json_object_new_string(e->rule));
		json_object_object_add(o, "message", json_object_new_string(e->message));
		json_object_object_add(o, "count", json_object_new_int64((int64_t)e->count));
		json_object_array_add(findings, o);
	}
	json_object *root = json_object_new_object();
	json_object_object_add(root, "version", json_object_new_int(DL_BASELINE_VERSION));
	json_object_object_add(root, "tool", json_object_new_string("domlint"));
	json_object_object_add(root, "findings", findings);
	return root;
}

/* Write text to a new file beside the baseline, then rename it over the baseline. */
static int replace(const char *path, const char *text, char **error)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1) :
			    xasprintf(".%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*error = xasprintf("%s: cannot write the baseline: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes it private; a baseline is shared like any file in the repository */
	mode_t mask = umask(0);
	umask(mask);
	errno = 0;
	FILE *f = fdopen(fd, "w");
	int err = 0;
	if (!f) {
		err = errno;
		close(fd);
	} else {
		if (fchmod(fd, 0666 & ~mask) != 0 || fputs(text, f) == EOF ||
		    fputc('\n', f) == EOF || fflush(f) != 0 || fsync(fd) != 0)
			err = errno ? errno : EIO;
		if (fclose(f) != 0 && !err)
			err = errno;
	}
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		unlink(tmp);
		*error = xasprintf("%s: cannot write the baseline: %s", path, strerror(err));
	}
	free(tmp);
	return err ? -1 : 0;
}

int dl_baseline_write(dl_baseline *b, char **error)
{
	settle(b);
	json_object *root = to_json(b);
	int rc = replace(b->path,
			 json_object_to_json_string_ext(root,
							JSON_C_TO_STRING_PRETTY |
								JSON_C_TO_STRING_SPACED |
								JSON_C_TO_STRING_NOSLASHESCAPE),
			 error);
	json_object_put(root);
	return rc;
}
