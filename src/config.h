/* config.h - what a run is asked to do: rule severities, the bind-note pattern, the fail level */
#ifndef DL_CONFIG_H
#define DL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "ruleid.h"
#include "severity.h"

/* The default bind-note pattern: words that say how a device is bound to vfio-pci by hand. */
/* Whole words only: "bind" inside "managed-no-bind-note" (a rule's name) is no note. */
#define DL_BIND_NOTE_DEFAULT                                                                       \
	"(?<![\\w-])(vfio[-_]pci|driverctl|driver_override|nodedev-detach|nodedev-reattach|"       \
	"bind|binds|bound|rebind|unbind|detach|detached)(?![\\w-])"

/* Inputs above this many bytes are refused rather than parsed, unless --max-file-size says otherwise. */
#define DL_MAX_FILE_SIZE_DEFAULT ((size_t)64 * 1024 * 1024)

/* --fail-on=never: a level no finding reaches. */
#define DL_FAIL_NEVER (DL_SEV_ERROR + 1)

/* The configuration file's name, searched from each linted file's directory upward. */
#define DL_CONFIG_NAME ".domlint.conf"

/* Which guest addresses are reported: --addresses, [output] addresses. */
typedef enum {
	DL_ADDRESSES_NONE,
	DL_ADDRESSES_PASSTHROUGH, /* passed-through devices and predicted zPCI ids (the default) */
	DL_ADDRESSES_ALL,         /* every PCI and CCW device */
} dl_addresses;

typedef struct dl_config {
	dl_severity severity[DL_RULE_COUNT];
	pcre2_code *bind_note; /* owned; matched case-insensitively */
	char *bind_note_text;  /* owned: its source, for --show-config */
	int fail_on;           /* a dl_severity, or DL_FAIL_NEVER */
	dl_addresses addresses;
	bool addresses_set;   /* given by [output] or the command line, not the default */
	bool source_lines;    /* keep each finding's source line (text output on a terminal) */
	size_t max_file_size; /* bytes; larger inputs are refused unread */
	struct dl_exclude {
		pcre2_code *re; /* owned */
		char *text;     /* owned: its source, for --show-config */
	} * exclude;            /* owned: [paths] exclude patterns */
	size_t nexclude, exclude_cap;
	char *base_dir;      /* owned: absolute directory of the config file; NULL without one */
	bool schema_enabled; /* [schema] enabled, or --schema */
	char *schema_path;   /* owned: [schema] path or --schema=PATH; NULL: the default */
	struct dl_schema *schema; /* owned: compiled by dl_config_load_schema when enabled */
	char *baseline_path;      /* owned: [baseline] file, absolute; NULL without one */
	bool require_reason;      /* [suppressions] require-reason: a directive must say why */
	const struct dl_host
		*host; /* --host: the host that will run the guest; NULL: none. Borrowed */
} dl_config;

/* Defaults: every rule at its table severity, the default bind-note pattern. */
void dl_config_init(dl_config *c);
void dl_config_release(dl_config *c);
/* "error", "warning", "info" or "never" into a fail_on level; 0, or -1 for another word. */
int dl_fail_on_parse(const char *s, int *out);
/* "none", "passthrough" or "all"; 0, or -1 for another word. */
int dl_addresses_parse(const char *s, dl_addresses *out);
const char *dl_addresses_name(dl_addresses a);
const char *dl_fail_on_name(int fail_on);

/* Turn the rules in set (a bit per dl_rule_id) on at their default severity, or off. */
void dl_config_enable(dl_config *c, uint64_t set, bool enable);
/* Set the severity of the rules in set. */
void dl_config_set_severity(dl_config *c, uint64_t set, dl_severity s);
/* Compile pattern as the bind note; 0, or -1 with *error set (caller frees). */
int dl_config_set_bind_note(dl_config *c, const char *pattern, char **error);
/*
 * Read an INI-style configuration file into c: [rules] RULE = LEVEL, [bind-note] pattern,
 * [paths] exclude (repeatable), [schema] enabled and path, [output] fail-on and addresses,
 * [baseline] file, [suppressions] require-reason.
 * Returns 0, or -1 with *error = "FILE:LINE: what" (caller frees).
 */
int dl_config_load_file(dl_config *c, const char *path, char **error);
/* The nearest DL_CONFIG_NAME from directory start (NULL: the current one) upward (caller frees), or NULL. */
char *dl_config_find(const char *start);
/*
 * Is path excluded by [paths]? Patterns see it relative to the config file's directory; one too
 * costly to judge (see dl_config_bind_note) does not exclude.
 */
bool dl_config_excluded(const dl_config *c, const char *path);

/* Compile the schema if enabled; 0, or -1 with *error set (caller frees). */
int dl_config_load_schema(dl_config *c, char **error);

/* Write c as a configuration file would give it (every section, every rule). */
void dl_config_print(const dl_config *c, FILE *out);

/*
 * Does text contain a bind note? 1 yes, 0 no, -1 cannot tell: the pattern needs more than a
 * bounded amount of backtracking on text (the bound keeps a bad pattern from costing seconds).
 */
int dl_config_bind_note(const dl_config *c, const char *text);

#endif
