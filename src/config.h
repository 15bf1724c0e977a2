/* config.h - what a run is asked to do: rule severities, the bind-note pattern, the fail level */
#ifndef DL_CONFIG_H
#define DL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "diag.h"
#include "rule.h"

/* The default bind-note pattern: words that say how a device is bound to vfio-pci by hand. */
/* Whole words only: "bind" inside "managed-no-bind-note" (a rule's name) is no note. */
#define DL_BIND_NOTE_DEFAULT                                                                 \
	"(?<![\\w-])(vfio[-_]pci|driverctl|driver_override|nodedev-detach|nodedev-reattach|" \
	"bind|binds|bound|rebind|unbind|detach|detached)(?![\\w-])"

/* Inputs above this many bytes are refused rather than parsed, unless --max-file-size says otherwise. */
#define DL_MAX_FILE_SIZE_DEFAULT ((size_t)64 * 1024 * 1024)

/* --fail-on=never: a level no finding reaches. */
#define DL_FAIL_NEVER (DL_SEV_ERROR + 1)

/* The configuration file's name, searched from the current directory upward. */
#define DL_CONFIG_NAME ".domlint.conf"

typedef struct dl_config {
	dl_severity severity[DL_RULE_COUNT];
	pcre2_code *bind_note; /* owned; matched case-insensitively */
	int fail_on;           /* a dl_severity, or DL_FAIL_NEVER */
	bool addresses;        /* report guest addresses */
	bool source_lines;     /* keep each finding's source line (text output on a terminal) */
	size_t max_file_size;  /* bytes; larger inputs are refused unread */
	pcre2_code **exclude;  /* owned: [paths] exclude patterns */
	size_t nexclude, exclude_cap;
	char *base_dir;        /* owned: absolute directory of the config file; NULL without one */
	bool schema_enabled;   /* [schema] enabled, or --schema */
	char *schema_path;     /* owned: [schema] path or --schema=PATH; NULL: the default */
	struct dl_schema *schema; /* owned: compiled by dl_config_load_schema when enabled */
	bool require_reason;   /* [suppressions] require-reason: a directive must say why */
} dl_config;

/* Defaults: every rule at its table severity, the default bind-note pattern. */
void dl_config_init(dl_config *c);
void dl_config_release(dl_config *c);
/* Turn the rules in set (a bit per dl_rule_id) on at their default severity, or off. */
void dl_config_enable(dl_config *c, uint64_t set, bool enable);
/* Set the severity of the rules in set. */
void dl_config_set_severity(dl_config *c, uint64_t set, dl_severity s);
/* Compile pattern as the bind note; 0, or -1 with *error set (caller frees). */
int dl_config_set_bind_note(dl_config *c, const char *pattern, char **error);
/*
 * Read an INI-style configuration file into c: [rules] RULE = LEVEL, [bind-note] pattern,
 * [paths] exclude (repeatable), [schema] enabled and path, [suppressions] require-reason.
 * Returns 0, or -1 with *error = "FILE:LINE: what" (caller frees).
 */
int dl_config_load_file(dl_config *c, const char *path, char **error);
/* The nearest DL_CONFIG_NAME from directory start (NULL: the current one) upward (caller frees), or NULL. */
char *dl_config_find(const char *start);
/* Is path excluded by [paths]? Patterns see it relative to the config file's directory. */
bool dl_config_excluded(const dl_config *c, const char *path);

/* Compile the schema if enabled; 0, or -1 with *error set (caller frees). */
int dl_config_load_schema(dl_config *c, char **error);

/* Does text contain a bind note? */
bool dl_config_is_bind_note(const dl_config *c, const char *text);

#endif
