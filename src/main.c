/* main.c - the command line: turns argv into a configuration and runs the pipeline */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "config.h"
#include "lsp.h"
#include "report.h"
#include "rule.h"
#include "ruledocs.h"
#include "rulesel.h"
#include "run.h"
#include "xmalloc.h"

static const char usage_text[] =
	"Usage: domlint [OPTION]... [PATH]...\n"
	"   or: domlint --lsp [OPTION]...\n"
	"Lint libvirt domain XML for PCI passthrough mistakes and print each device's\n"
	"guest PCI address. PATH is a file, a directory (every *.xml below it) or -.\n"
	"\n"
	"  -f, --format=FMT          output format: text (default), json, sarif, github\n"
	"  -c, --config=FILE         read FILE, not the nearest .domlint.conf upward\n"
	"      --no-config           read no configuration file\n"
	"  -e, --enable=RULE[,RULE]  turn rules on at their default severity\n"
	"  -d, --disable=RULE[,RULE] turn rules off\n"
	"      --severity=RULE=LEVEL set a rule's severity: error, warning, info, off\n"
	"      --fail-on=LEVEL       exit 1 on findings at or above LEVEL: error (default),\n"
	"                            warning, info, never\n"
	"      --no-addresses        do not print guest PCI addresses\n"
	"      --stdin-filename=NAME name used for - in reports and [paths] matching\n"
	"  -j, --jobs=N              lint N files at once; the output stays in input order\n"
	"      --follow-symlinks     walk into symlinked directories below a PATH too\n"
	"      --no-gitignore        walk files that .gitignore ignores too\n"
	"      --max-file-size=SIZE  refuse larger inputs (bytes, or with K, M, G); default 64M\n"
	"      --schema[=PATH]       also validate against libvirt's RelaxNG domain schema\n"
	"                            (default /usr/share/libvirt/schemas/domain.rng)\n"
	"      --color=WHEN          colour and source lines: auto (default), always, never\n"
	"      --lsp                 serve the Language Server Protocol on standard input/output\n"
	"      --list-rules          list the rules with their default severity\n"
	"      --explain=RULE        print a rule's documentation\n"
	"      --version             print the version\n"
	"  -h, --help                print this help\n"
	"\n"
	"Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;\n"
	"2 an input could not be read; 3 bad usage or a bad configuration file.\n"
	"The worst wins.\n";

enum { OPT_SEVERITY = 256, OPT_FAIL_ON, OPT_NO_ADDRESSES, OPT_STDIN_FILENAME, OPT_LIST_RULES,
       OPT_EXPLAIN, OPT_VERSION, OPT_NO_CONFIG, OPT_COLOR, OPT_MAX_FILE_SIZE,
       OPT_SCHEMA, OPT_LSP, OPT_FOLLOW_SYMLINKS, OPT_NO_GITIGNORE };

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "config", required_argument, NULL, 'c' },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "enable", required_argument, NULL, 'e' },
	{ "disable", required_argument, NULL, 'd' },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "no-addresses", no_argument, NULL, OPT_NO_ADDRESSES },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "jobs", required_argument, NULL, 'j' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "follow-symlinks", no_argument, NULL, OPT_FOLLOW_SYMLINKS },
	{ "no-gitignore", no_argument, NULL, OPT_NO_GITIGNORE },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "schema", optional_argument, NULL, OPT_SCHEMA },
	{ "lsp", no_argument, NULL, OPT_LSP },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Rule options are kept in order and applied after the configuration file. */
typedef struct rule_op {
	int opt; /* 'e', 'd' or OPT_SEVERITY */
	const char *arg;
} rule_op;

typedef struct cli {
	rule_op *ops;
	size_t nops, ops_cap;
	const char *config_path;
	bool no_config;
	const char *color; /* auto, always, never */
	dl_run_opts run;
	int fail_on;
	bool fail_on_set, no_addresses;
	size_t max_file_size; /* 0: the default */
	bool schema;
	const char *schema_path;
	bool lsp;
} cli;

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("domlint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'domlint --help' for more information.\n", stderr);
	return DL_EXIT_USAGE;
}

/* The rules a name, "all" or glob selects; -1 after a usage message. */
static int select_rules(const char *pattern, uint64_t *set)
{
	char *error = NULL;
	if (dl_rulesel_parse(pattern, set, &error) == 0)
		return 0;
	usage_error("%s", error);
	free(error);
	return -1;
}

/* --enable / --disable take comma-separated lists of names, "all" or globs. */
static int set_rules(dl_config *c, const char *list, bool enable)
{
	char *copy = xstrdup(list), *save = NULL;
	int rc = 0;
	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		uint64_t set;
		if (select_rules(name, &set) < 0) {
			rc = -1;
			break;
		}
		dl_config_enable(c, set, enable);
		/* the schema rule has nothing to check until validation is on: naming it turns it on */
		if (enable && strcmp(name, "schema") == 0)
			c->schema_enabled = true;
	}
	free(copy);
	return rc;
}

static int set_severity(dl_config *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq)
		return usage_error("--severity takes RULE=LEVEL, not '%s'", arg), -1;
	char *name = xstrdup(arg);
	name[eq - arg] = '\0';
	uint64_t set;
	int rc = select_rules(name, &set);
	free(name);
	if (rc < 0)
		return -1;
	dl_severity s;
	if (dl_severity_parse(eq + 1, &s) < 0)
		return usage_error("unknown level '%s' (error, warning, info, off)", eq + 1), -1;
	dl_config_set_severity(c, set, s);
	return 0;
}

static int parse_fail_on(const char *arg, int *out)
{
	dl_severity s;
	if (strcmp(arg, "never") == 0)
		*out = DL_FAIL_NEVER;
	else if (dl_severity_parse(arg, &s) == 0 && s != DL_SEV_OFF)
		*out = (int)s;
	else
		return usage_error("unknown --fail-on level '%s' (error, warning, info, never)", arg), -1;
	return 0;
}

static int parse_jobs(const char *arg, unsigned *out)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || n < 1 || n > 256)
		return usage_error("--jobs takes a number from 1 to 256, not '%s'", arg), -1;
	*out = (unsigned)n;
	return 0;
}

/* "1048576", "512K", "64M", "1G" */
static int parse_size(const char *arg, size_t *out)
{
	char *end;
	unsigned long long n = strtoull(arg, &end, 10);
	unsigned shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
	if (shift)
		end++;
	if (*arg < '0' || *arg > '9' || *end != '\0' || n == 0 || n > (1ULL << 40) >> shift)
		return usage_error("--max-file-size takes a size such as 64M, 512K or 1048576, not '%s'", arg), -1;
	*out = (size_t)(n << shift);
	return 0;
}

static void list_rules(void)
{
	for (int i = 0; i < DL_RULE_COUNT; i++)
		printf("%-26s %-8s %s\n", dl_rules[i].name,
		       dl_severity_name(dl_rules[i].default_severity), dl_rules[i].summary);
}

static int explain(const char *name)
{
	if (dl_rule_find(name) < 0) {
		const char *near = dl_rule_suggest(name);
		return near ? usage_error("unknown rule '%s'; did you mean '%s'?", name, near) :
			      usage_error("unknown rule '%s' (see --list-rules)", name);
	}
	for (const dl_rule_doc *d = dl_rule_docs; d->name; d++)
		if (strcmp(d->name, name) == 0) {
			fputs(d->text, stdout);
			return DL_EXIT_OK;
		}
	return usage_error("no documentation for rule '%s'", name);
}

/* Parse argv into c; returns -1 to go on, or the exit status of an action (--help...). */
static int parse_args(cli *c, int argc, char **argv)
{
	int opt;
	while ((opt = getopt_long(argc, argv, "f:c:e:d:j:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'f':
			c->run.format = dl_format_find(optarg);
			if (!c->run.format)
				return usage_error("unknown format '%s' (%s)", optarg, dl_format_names);
			break;
		case 'c':
			c->config_path = optarg;
			break;
		case OPT_NO_CONFIG:
			c->no_config = true;
			break;
		case 'e':
		case 'd':
		case OPT_SEVERITY:
			xgrow((void **)&c->ops, &c->ops_cap, c->nops + 1, sizeof *c->ops);
			c->ops[c->nops++] = (rule_op){ opt, optarg };
			break;
		case OPT_FAIL_ON:
			if (parse_fail_on(optarg, &c->fail_on) < 0)
				return DL_EXIT_USAGE;
			c->fail_on_set = true;
			break;
		case OPT_NO_ADDRESSES:
			c->no_addresses = true;
			break;
		case OPT_STDIN_FILENAME:
			c->run.stdin_filename = optarg;
			break;
		case 'j':
			if (parse_jobs(optarg, &c->run.jobs) < 0)
				return DL_EXIT_USAGE;
			break;
		case OPT_LSP:
			c->lsp = true;
			break;
		case OPT_SCHEMA:
			c->schema = true;
			c->schema_path = optarg;
			break;
		case OPT_FOLLOW_SYMLINKS:
			c->run.walk.follow_symlinks = true;
			break;
		case OPT_NO_GITIGNORE:
			c->run.walk.no_gitignore = true;
			break;
		case OPT_MAX_FILE_SIZE:
			if (parse_size(optarg, &c->max_file_size) < 0)
				return DL_EXIT_USAGE;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "always") != 0 &&
			    strcmp(optarg, "never") != 0)
				return usage_error("--color takes auto, always or never, not '%s'", optarg);
			c->color = optarg;
			break;
		case OPT_LIST_RULES:
			list_rules();
			return DL_EXIT_OK;
		case OPT_EXPLAIN:
			return explain(optarg);
		case OPT_VERSION:
			printf("domlint %s\n", DL_VERSION);
			return DL_EXIT_OK;
		case 'h':
			fputs(usage_text, stdout);
			return DL_EXIT_OK;
		default:
			fputs("Try 'domlint --help' for more information.\n", stderr);
			return DL_EXIT_USAGE;
		}
	}
	if (c->lsp && optind < argc)
		return usage_error("--lsp takes no PATH: the editor sends the documents");
	if (!c->lsp && optind >= argc)
		return usage_error("no input: give files, directories, or - for standard input");
	return -1;
}

/* NO_COLOR (no-color.org), TERM=dumb and INSIDE_EMACS turn auto off; --color=always still wins. */
static bool want_color(const char *when)
{
	if (strcmp(when, "always") == 0)
		return true;
	if (strcmp(when, "never") == 0)
		return false;
	/* Emacs' M-x compile gives a pseudo-terminal but parses plain lines: INSIDE_EMACS says so. */
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM"), *emacs = getenv("INSIDE_EMACS");
	return !(no_color && *no_color) && !(emacs && *emacs) && isatty(STDOUT_FILENO) &&
	       !(term && strcmp(term, "dumb") == 0);
}

/*
 * Defaults, then the nearest configuration file from dir (NULL: the current directory),
 * then the command line. 0, or -1 with *error set (NULL when a usage error was printed).
 */
static int configure_in(dl_config *config, const cli *c, const char *dir, char **error)
{
	*error = NULL;
	char *path = c->config_path ? xstrdup(c->config_path) : c->no_config ? NULL : dl_config_find(dir);
	int rc = path ? dl_config_load_file(config, path, error) : 0;
	free(path);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < c->nops; i++) {
		const rule_op *op = &c->ops[i];
		if ((op->opt == OPT_SEVERITY ? set_severity(config, op->arg) :
					       set_rules(config, op->arg, op->opt == 'e')) < 0)
			return -1;
	}
	if (c->fail_on_set)
		config->fail_on = c->fail_on;
	if (c->no_addresses)
		config->addresses = false;
	if (c->max_file_size)
		config->max_file_size = c->max_file_size;
	if (c->schema) {
		config->schema_enabled = true;
		if (c->schema_path) {
			free(config->schema_path);
			config->schema_path = xstrdup(c->schema_path);
		}
	}
	return dl_config_load_schema(config, error);
}

static int configure(dl_config *config, const cli *c)
{
	char *error = NULL;
	if (configure_in(config, c, NULL, &error) == 0)
		return -1;
	if (error)
		fprintf(stderr, "domlint: %s\n", error);
	free(error);
	return DL_EXIT_USAGE;
}

/* The language server's configuration for a document's directory. */
static int lsp_configure(dl_config *config, const char *dir, void *data, char **error)
{
	dl_config_init(config);
	return configure_in(config, data, dir, error);
}

int main(int argc, char **argv)
{
	xmlInitParser();
	cli c = { .color = "auto", .run = { .format = &dl_format_text, .jobs = 1 } };
	dl_config config;
	dl_config_init(&config);
	int status = parse_args(&c, argc, argv);
	if (status < 0)
		status = configure(&config, &c);
	if (status < 0 && c.lsp) {
		status = dl_lsp_serve(stdin, stdout, lsp_configure, &c);
	} else if (status < 0) {
		c.run.color = c.run.format == &dl_format_text && want_color(c.color);
		config.source_lines = c.run.color;
		status = dl_run(&config, &c.run, argv + optind, argc - optind);
	}
	free(c.ops);
	dl_config_release(&config);
	xmlCleanupParser();
	return status;
}
