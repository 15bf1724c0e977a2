/* config.c - what a run is asked to do: rule severities, the bind-note pattern, the fail level */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "path.h"
#include "readfile.h"
#include "rulesel.h"
#include "schema.h"
#include "xmalloc.h"

void dl_config_init(dl_config *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < DL_RULE_COUNT; i++)
		c->severity[i] = dl_rules[i].flags & DL_RULE_OFF_BY_DEFAULT ?
					 DL_SEV_OFF :
					 dl_rules[i].default_severity;
	c->fail_on = DL_SEV_ERROR;
	c->addresses = DL_ADDRESSES_PASSTHROUGH;
	c->max_file_size = DL_MAX_FILE_SIZE_DEFAULT;
	char *error = NULL;
	if (dl_config_set_bind_note(c, DL_BIND_NOTE_DEFAULT, &error) < 0)
		abort(); /* the built-in pattern always compiles */
}

void dl_config_release(dl_config *c)
{
	pcre2_code_free(c->bind_note);
	free(c->bind_note_text);
	for (size_t i = 0; i < c->nexclude; i++) {
		pcre2_code_free(c->exclude[i].re);
		free(c->exclude[i].text);
	}
	free(c->exclude);
	free(c->base_dir);
	free(c->schema_path);
	dl_schema_free(c->schema);
	free(c->baseline_path);
	memset(c, 0, sizeof *c);
}

int dl_fail_on_parse(const char *s, int *out)
{
	dl_severity level;
	if (strcmp(s, "never") == 0)
		*out = DL_FAIL_NEVER;
	else if (dl_severity_parse(s, &level) == 0 && level != DL_SEV_OFF)
		*out = (int)level;
	else
		return -1;
	return 0;
}

const char *dl_fail_on_name(int fail_on)
{
	return fail_on == DL_FAIL_NEVER ? "never" : dl_severity_name((dl_severity)fail_on);
}

static const char *const addresses_names[] = { "none", "passthrough", "all" };

int dl_addresses_parse(const char *s, dl_addresses *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, addresses_names[i]) == 0) {
			*out = (dl_addresses)i;
			return 0;
		}
	return -1;
}

const char *dl_addresses_name(dl_addresses a)
{
	return addresses_names[a];
}

void dl_config_enable(dl_config *c, uint64_t set, bool enable)
{
	for (int i = 0; i < DL_RULE_COUNT; i++)
		if (set & (UINT64_C(1) << i)) {
			if (!enable)
				c->severity[i] = DL_SEV_OFF;
			else if (c->severity[i] == DL_SEV_OFF)
				c->severity[i] = dl_rules[i].default_severity;
		}
}

void dl_config_set_severity(dl_config *c, uint64_t set, dl_severity s)
{
	for (int i = 0; i < DL_RULE_COUNT; i++)
		if (set & (UINT64_C(1) << i))
			c->severity[i] = s;
}

static pcre2_code *compile(const char *pattern, uint32_t flags, char **error)
{
	int code;
	PCRE2_SIZE offset;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       flags | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &offset,
				       NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		*error = xasprintf("bad pattern at offset %zu: %s", (size_t)offset,
				   (const char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* an optimisation only: failure is fine */
	return re;
}

/*
 * Patterns come from a repository's own configuration, so one may backtrack without end, e.g.
 * "(a+)+$": pcre2's default limit (10,000,000 steps) costs 50-75 ms a comment, and the language
 * server matches on every keystroke. A note or a path is short work for a sane pattern.
 */
#define MATCH_LIMIT 100000
#define DEPTH_LIMIT 10000

static pcre2_match_context *match_context;
static pthread_once_t match_context_once = PTHREAD_ONCE_INIT;

/* At exit: the context lives as long as the program, and is freed then, as everything is. */
static void free_match_context(void)
{
	pcre2_match_context_free(match_context);
	match_context = NULL;
}

static void make_match_context(void)
{
	match_context = pcre2_match_context_create(NULL);
	if (match_context) {
		atexit(free_match_context);
		pcre2_set_match_limit(match_context, MATCH_LIMIT);
		pcre2_set_depth_limit(match_context, DEPTH_LIMIT);
	}
}

/* 1 a match, 0 none, -1 cannot tell (the pattern is too costly on text, or memory ran out). */
static int match(const pcre2_code *re, const char *text)
{
	pthread_once(&match_context_once, make_match_context);
	if (!match_context)
		return -1;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md)
		return -1;
	int rc = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, match_context);
	pcre2_match_data_free(md);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

int dl_config_set_bind_note(dl_config *c, const char *pattern, char **error)
{
	pcre2_code *re = compile(pattern, PCRE2_CASELESS, error);
	if (!re)
		return -1;
	pcre2_code_free(c->bind_note);
	c->bind_note = re;
	free(c->bind_note_text);
	c->bind_note_text = xstrdup(pattern);
	return 0;
}

int dl_config_load_schema(dl_config *c, char **error)
{
	if (!c->schema_enabled || c->schema || c->severity[DL_RULE_SCHEMA] == DL_SEV_OFF)
		return 0;
	c->schema = dl_schema_load(c->schema_path ? c->schema_path : DL_SCHEMA_DEFAULT_PATH, error);
	if (!c->schema && *error) {
		/* the schema, and the names in its includes, may be a repository's own */
		char *raw = *error;
		*error = dl_escape_text(raw);
		free(raw);
	}
	return c->schema ? 0 : -1;
}

int dl_config_bind_note(const dl_config *c, const char *text)
{
	return match(c->bind_note, text);
}

char *dl_config_find(const char *start)
{
	char *dir = dl_path_absolute(start ? start : ".");
	for (;;) {
		char *candidate = xasprintf("%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/",
					    DL_CONFIG_NAME);
		if (access(candidate, F_OK) == 0) {
			free(dir);
			return candidate;
		}
		free(candidate);
		char *slash = strrchr(dir, '/');
		if (!slash || strcmp(dir, "/") == 0)
			break;
		slash[slash == dir ? 1 : 0] = '\0';
	}
	free(dir);
	return NULL;
}

bool dl_config_excluded(const dl_config *c, const char *path)
{
	if (c->nexclude == 0)
		return false;
	char *rel = c->base_dir ? dl_path_relative(c->base_dir, path) : xstrdup(path);
	bool excluded = false;
	for (size_t i = 0; i < c->nexclude && !excluded; i++)
		excluded = match(c->exclude[i].re, rel) == 1; /* cannot tell: linted */
	free(rel);
	return excluded;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* A value ends where a '#' or ';' after a blank starts a comment: "off  # noisy". */
static char *strip_comment(char *value)
{
	for (char *p = value; *p; p++)
		if ((*p == '#' || *p == ';') && p > value && (p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	return value;
}

/*
 * One "key = value" line of section; NULL, or what is wrong with it (caller frees). A message
 * may name the key but never quotes the value: the file may be a symlink to anything (a
 * .npmrc, say), and the message goes to CI logs.
 */
static char *apply_key(dl_config *c, const char *section, const char *key, const char *value)
{
	char *error = NULL;
	if (strcmp(section, "rules") == 0) {
		uint64_t set;
		dl_severity level;
		if (dl_rulesel_parse(key, &set, &error) < 0)
			return error;
		if (dl_severity_parse(value, &level) < 0)
			return xasprintf("unknown level for %s (error, warning, info, off)", key);
		dl_config_set_severity(c, set, level);
	} else if (strcmp(section, "bind-note") == 0 && strcmp(key, "pattern") == 0) {
		if (dl_config_set_bind_note(c, value, &error) < 0)
			return error;
	} else if (strcmp(section, "paths") == 0 && strcmp(key, "exclude") == 0) {
		pcre2_code *re = compile(value, 0, &error);
		if (!re)
			return error;
		xgrow((void **)&c->exclude, &c->exclude_cap, c->nexclude + 1, sizeof *c->exclude);
		c->exclude[c->nexclude++] = (struct dl_exclude){ re, xstrdup(value) };
	} else if (strcmp(section, "output") == 0 && strcmp(key, "fail-on") == 0) {
		if (dl_fail_on_parse(value, &c->fail_on) < 0)
			return xasprintf("unknown fail-on level (error, warning, info, never)");
	} else if (strcmp(section, "output") == 0 && strcmp(key, "addresses") == 0) {
		if (dl_addresses_parse(value, &c->addresses) < 0)
			return xasprintf("addresses is passthrough, all or none");
		c->addresses_set = true;
	} else if (strcmp(section, "schema") == 0 && strcmp(key, "enabled") == 0) {
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0)
			return xasprintf("enabled is true or false");
		c->schema_enabled = strcmp(value, "true") == 0;
	} else if (strcmp(section, "schema") == 0 && strcmp(key, "path") == 0) {
		free(c->schema_path);
		c->schema_path = xstrdup(value);
	} else if (strcmp(section, "baseline") == 0 && strcmp(key, "file") == 0) {
		free(c->baseline_path);
		c->baseline_path = xstrdup(value); /* made absolute once the file is read */
	} else if (strcmp(section, "suppressions") == 0 && strcmp(key, "require-reason") == 0) {
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0)
			return xasprintf("require-reason is true or false");
		c->require_reason = strcmp(value, "true") == 0;
	} else {
		return xasprintf("unknown key '%s' in [%s]", key, section);
	}
	return NULL;
}

/* Longer keys are not quoted back: no key is this long, and a line of secrets might be. */
#define MAX_KEY 64

static char *parse(dl_config *c, char *text)
{
	char section[32] = "";
	unsigned long line = 0;
	for (char *next = text; next;) {
		char *raw = next;
		next = strchr(raw, '\n');
		if (next)
			*next++ = '\0';
		line++;
		char *s = trim(raw);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		char *why = NULL;
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end || end[1] != '\0')
				why = xasprintf("a section header is [name]");
			*(end ? end : s) = '\0';
			const char *name = trim(s + 1);
			if (!why && strlen(name) >= sizeof section)
				why = xasprintf("unknown section (a name of %zu bytes)",
						strlen(name));
			if (!why && strcmp(name, "rules") != 0 && strcmp(name, "bind-note") != 0 &&
			    strcmp(name, "paths") != 0 && strcmp(name, "schema") != 0 &&
			    strcmp(name, "output") != 0 && strcmp(name, "baseline") != 0 &&
			    strcmp(name, "suppressions") != 0)
				why = xasprintf("unknown section [%s] (rules, bind-note, paths, "
						"schema, output, "
						"baseline, suppressions)",
						name);
			if (!why)
				snprintf(section, sizeof section, "%s", name);
		} else {
			char *eq = strchr(s, '=');
			if (!eq)
				why = xasprintf("expected 'key = value'");
			else {
				*eq = '\0';
				const char *key = trim(s), *value = trim(strip_comment(eq + 1));
				if (strlen(key) > MAX_KEY)
					why = xasprintf("a key of %zu bytes (no key is longer than "
							"%d)",
							strlen(key), MAX_KEY);
				else if (!section[0])
					why = xasprintf("'%s' stands before any [section]", key);
				else
					why = *value ? apply_key(c, section, key, value) :
						       xasprintf("'%s' has no value", key);
			}
		}
		if (why) {
			char *located = xasprintf("%lu: %s", line, why);
			free(why);
			return located;
		}
	}
	return NULL;
}

/* A configuration is small: one this large is a mistake, or not a configuration. */
#define MAX_CONFIG_SIZE ((size_t)1024 * 1024)

static char *read_error(const char *path, dl_readfile_status status, int err)
{
	switch (status) {
	case DL_READFILE_CANNOT_OPEN:
	case DL_READFILE_CANNOT_STAT:
		return xasprintf("%s: cannot open: %s", path, strerror(err));
	case DL_READFILE_DIRECTORY:
	case DL_READFILE_NOT_REGULAR:
		return xasprintf("%s: not a regular file (a configuration is read only from one)",
				 path);
	default:
		return xasprintf("%s: cannot read it, or larger than 1 MiB", path);
	}
}

int dl_config_load_file(dl_config *c, const char *path, char **error)
{
	char *text = NULL;
	size_t cap = 0, n = 0;
	int err = 0;
	dl_readfile_status status = dl_readfile(path, MAX_CONFIG_SIZE, &text, &cap, &n, &err);
	if (status != DL_READFILE_OK) {
		free(text);
		*error = read_error(path, status, err);
		return -1;
	}
	if (memchr(text, '\0', n)) {
		free(text);
		*error = xasprintf("%s:1: not a text file", path);
		return -1;
	}
	char *why = parse(c, text);
	free(text);
	if (why) {
		/* a key or section name quoted back cannot move the terminal's cursor either */
		char *located = xasprintf("%s:%s", path, why);
		*error = dl_escape_text(located);
		free(located);
		free(why);
		return -1;
	}
	char *abs = dl_path_absolute(path);
	char *slash = strrchr(abs, '/');
	slash[slash == abs ? 1 : 0] = '\0';
	free(c->base_dir);
	c->base_dir = abs;
	/* [baseline] file is relative to this file's directory, which is known only now */
	if (c->baseline_path && c->baseline_path[0] != '/') {
		char *joined = xasprintf("%s/%s", abs, c->baseline_path);
		free(c->baseline_path);
		c->baseline_path = dl_path_absolute(joined);
		free(joined);
	}
	return 0;
}

void dl_config_print(const dl_config *c, FILE *out)
{
	fputs("\n[rules]\n", out);
	for (int i = 0; i < DL_RULE_COUNT; i++)
		fprintf(out, "%s = %s\n", dl_rules[i].name, dl_severity_name(c->severity[i]));
	fprintf(out, "\n[bind-note]\npattern = %s\n", c->bind_note_text);
	fputs("\n[paths]\n", out);
	if (c->base_dir)
		fprintf(out, "# patterns match paths relative to %s\n", c->base_dir);
	for (size_t i = 0; i < c->nexclude; i++)
		fprintf(out, "exclude = %s\n", c->exclude[i].text);
	fprintf(out, "\n[schema]\nenabled = %s\n", c->schema_enabled ? "true" : "false");
	if (c->schema_path)
		fprintf(out, "path = %s\n", c->schema_path);
	fprintf(out, "\n[output]\nfail-on = %s\naddresses = %s\n", dl_fail_on_name(c->fail_on),
		dl_addresses_name(c->addresses));
	fputs("\n[baseline]\n", out);
	if (c->baseline_path)
		fprintf(out, "file = %s\n", c->baseline_path);
	fprintf(out, "\n[suppressions]\nrequire-reason = %s\n",
		c->require_reason ? "true" : "false");
}
