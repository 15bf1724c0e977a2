/* main.c - the command line: turns argv into a configuration and runs the pipeline */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>
#include <libxml/parser.h>

#include "config.h"
#include "escape.h"
#include "host.h"
#include "confset.h"
#include "lsp.h"
#include "report.h"
#include "rule.h"
#include "ruledocs.h"
#include "rulesel.h"
#include "run.h"
#include "text.h"
#include "xmalloc.h"

static const char usage_text[] =
	"Usage: domlint [OPTION]... [PATH]...\n"
	"   or: domlint --lsp [OPTION]...\n"
	"Lint libvirt domain XML for PCI passthrough mistakes and print each device's\n"
	"guest PCI address. PATH is a file, a directory (every *.xml below it) or -.\n"
	"\n"
	"  -f, --format=FMT          output format: text (default), json, sarif, github\n"
	"  -c, --config=FILE         read FILE, not the .domlint.conf nearest each file\n"
	"      --no-config           read no configuration file\n"
	"  -e, --enable=RULE[,RULE]  turn rules on at their default severity\n"
	"  -d, --disable=RULE[,RULE] turn rules off\n"
	"      --severity=RULE=LEVEL set a rule's severity: error, warning, info, off\n"
	"      --fail-on=LEVEL       exit 1 on findings at or above LEVEL: error (default),\n"
	"                            warning, info, never\n"
	"      --addresses=WHICH     guest addresses to print: passthrough (default: passed-\n"
	"                            through devices and predicted zPCI ids), all, none\n"
	"      --no-addresses        the same as --addresses=none\n"
	"      --stdin-filename=NAME name used for - in reports and [paths] matching\n"
	"  -j, --jobs=N              lint N files at once; the output stays in input order\n"
	"      --follow-symlinks     walk into symlinked directories below a PATH too\n"
	"      --no-gitignore        walk files that .gitignore ignores too\n"
	"      --max-file-size=SIZE  refuse larger inputs (bytes, or with K, M, G); default 64M\n"
	"      --show-config=PATH    print the settings PATH is linted with, and their file\n"
	"      --baseline=FILE       report only findings FILE does not hold\n"
	"      --write-baseline=FILE record every finding in FILE (and exit 0 on findings)\n"
	"      --fix                 apply the safe fixes in place and report what remains\n"
	"                            (for -, print the fixed text to standard output)\n"
	"      --diff                print the fixes as a unified diff and change nothing;\n"
	"                            exit 1 when there is one\n"
	"      --unsafe-fixes        with --fix or --diff, apply the unsafe fixes too\n"
	"      --schema[=PATH]       also validate against libvirt's RelaxNG domain schema\n"
	"                            (default /usr/share/libvirt/schemas/domain.rng)\n"
	"      --host[=ROOT]         also check each domain against the host that will run it:\n"
	"                            its PCI devices, vfio-pci, IOMMU groups, mdevs and\n"
	"                            bindings, read from ROOT/sys, ROOT/etc, ... (default /)\n"
	"      --color=WHEN          colour and source lines: auto (default), always, never\n"
	"      --lsp                 serve the Language Server Protocol on standard input/output\n"
	"      --list-rules          list the rules with their default severity\n"
	"      --explain=RULE        print a rule's documentation\n"
	"      --version             print the version\n"
	"  -h, --help                print this help\n"
	"\n"
	"Exit status: 0 nothing at or above --fail-on; 1 findings at or above it (with\n"
	"--diff: a diff printed); 2 an input could not be read (or, with --fix,\n"
	"written); 3 bad usage or a bad configuration file. The worst wins.\n";

enum {
	OPT_SEVERITY = 256,
	OPT_FAIL_ON,
	OPT_NO_ADDRESSES,
	OPT_STDIN_FILENAME,
	OPT_LIST_RULES,
	OPT_EXPLAIN,
	OPT_VERSION,
	OPT_NO_CONFIG,
	OPT_COLOR,
	OPT_MAX_FILE_SIZE,
	OPT_SCHEMA,
	OPT_LSP,
	OPT_HOST,
	OPT_ADDRESSES,
	OPT_SHOW_CONFIG,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_FOLLOW_SYMLINKS,
	OPT_NO_GITIGNORE,
	OPT_FIX,
	OPT_DIFF,
	OPT_UNSAFE_FIXES
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "config", required_argument, NULL, 'c' },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "enable", required_argument, NULL, 'e' },
	{ "disable", required_argument, NULL, 'd' },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "no-addresses", no_argument, NULL, OPT_NO_ADDRESSES },
	{ "addresses", required_argument, NULL, OPT_ADDRESSES },
	{ "show-config", required_argument, NULL, OPT_SHOW_CONFIG },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "jobs", required_argument, NULL, 'j' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "follow-symlinks", no_argument, NULL, OPT_FOLLOW_SYMLINKS },
	{ "no-gitignore", no_argument, NULL, OPT_NO_GITIGNORE },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE },
	{ "schema", optional_argument, NULL, OPT_SCHEMA },
	{ "lsp", no_argument, NULL, OPT_LSP },
	{ "host", optional_argument, NULL, OPT_HOST },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "unsafe-fixes", no_argument, NULL, OPT_UNSAFE_FIXES },
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
	bool fail_on_set;
	dl_addresses addresses;
	bool addresses_set;
	const char *show_config; /* --show-config PATH */
	bool list_rules;
	size_t max_file_size; /* 0: the default */
	bool schema;
	const char *schema_path;
	bool lsp;
	const char *host; /* --host: the root of the host to check against; NULL: no host check */
} cli;

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Is path the root of a host (it has sys/bus/pci), not a directory of domains? */
static bool looks_like_root(const char *path)
{
	char *pci = xasprintf("%s/sys/bus/pci", path);
	struct stat st;
	bool root = stat(pci, &st) == 0 && S_ISDIR(st.st_mode);
	free(pci);
	return root;
}

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
	if (dl_fail_on_parse(arg, out) < 0)
		return usage_error("unknown --fail-on level '%s' (error, warning, info, never)",
				   arg),
		       -1;
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
		return usage_error("--max-file-size takes a size such as 64M, 512K or 1048576, not "
				   "'%s'",
				   arg),
		       -1;
	*out = (size_t)(n << shift);
	return 0;
}

static int list_rules(const dl_format *format)
{
	if (format == &dl_format_text) {
		int width = 0; /* the longest name: the columns line up */
		for (int i = 0; i < DL_RULE_COUNT; i++)
			if ((int)strlen(dl_rules[i].name) > width)
				width = (int)strlen(dl_rules[i].name);
		for (int i = 0; i < DL_RULE_COUNT; i++) {
			const char *fix = dl_rule_fix_kind(i);
			printf("%-*s %-8s %s%s%s%s%s\n", width, dl_rules[i].name,
			       dl_severity_name(dl_rules[i].default_severity),
			       dl_rule_opt_in(i) ? "(opt-in) " : "", fix ? "(fix: " : "",
			       fix ? fix : "", fix ? ") " : "", dl_rules[i].summary);
		}
		return DL_EXIT_OK;
	}
	if (format != &dl_format_json)
		return usage_error("--list-rules prints text or json, not %s", format->name);
	json_object *root = json_object_new_object(), *rules = json_object_new_array();
	json_object_object_add(root, "tool", json_object_new_string("domlint"));
	json_object_object_add(root, "version", json_object_new_string(DL_VERSION));
	for (int i = 0; i < DL_RULE_COUNT; i++) {
		json_object *r = json_object_new_object();
		json_object_object_add(r, "name", json_object_new_string(dl_rules[i].name));
		json_object_object_add(
			r, "default_severity",
			json_object_new_string(dl_severity_name(dl_rules[i].default_severity)));
		json_object_object_add(r, "summary", json_object_new_string(dl_rules[i].summary));
		json_object_object_add(r, "opt_in", json_object_new_boolean(dl_rule_opt_in(i)));
		const char *fix = dl_rule_fix_kind(i);
		json_object_object_add(r, "fix", fix ? json_object_new_string(fix) : NULL);
		json_object_array_add(rules, r);
	}
	json_object_object_add(root, "rules", rules);
	puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							  JSON_C_TO_STRING_SPACED |
							  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return DL_EXIT_OK;
}

static int explain(const char *name)
{
	if (dl_rule_find(name) == DL_RULE_NONE) {
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
				return usage_error("unknown format '%s' (%s)", optarg,
						   dl_format_names);
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
			c->addresses = DL_ADDRESSES_NONE;
			c->addresses_set = true;
			break;
		case OPT_ADDRESSES:
			if (dl_addresses_parse(optarg, &c->addresses) < 0)
				return usage_error("--addresses takes passthrough, all or none, "
						   "not '%s'",
						   optarg);
			c->addresses_set = true;
			break;
		case OPT_SHOW_CONFIG:
			c->show_config = optarg;
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
		case OPT_BASELINE:
			c->run.baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			c->run.write_baseline = optarg;
			break;
		case OPT_SCHEMA:
			c->schema = true;
			c->schema_path = optarg;
			/* "--schema X.rng vm.xml" would lint the schema as a domain */
			if (!optarg && optind < argc && dl_text_ends_with(argv[optind], ".rng"))
				return usage_error("--schema takes its path only as --schema=PATH: "
						   "'%s' would "
						   "be linted as a domain; write --schema=%s",
						   argv[optind], argv[optind]);
			break;
		case OPT_HOST:
			c->host = optarg ? optarg : "/";
			/* "--host /mnt/h vm.xml" would walk a host's root for domains */
			if (!optarg && optind < argc && looks_like_root(argv[optind]))
				return usage_error("--host takes its root only as --host=ROOT: "
						   "'%s' "
						   "would be linted as an input; write --host=%s",
						   argv[optind], argv[optind]);
			break;
		case OPT_FIX:
			if (c->run.fix != DL_FIX_DIFF) /* --diff wins: it changes nothing */
				c->run.fix = DL_FIX_WRITE;
			break;
		case OPT_DIFF:
			c->run.fix = DL_FIX_DIFF;
			break;
		case OPT_UNSAFE_FIXES:
			c->run.fix_level = DL_FIXES_UNSAFE;
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
				return usage_error("--color takes auto, always or never, not '%s'",
						   optarg);
			c->color = optarg;
			break;
		case OPT_LIST_RULES:
			c->list_rules = true; /* after the loop: --format may follow */
			break;
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
	if (c->list_rules)
		return list_rules(c->run.format);
	if (c->show_config && (c->lsp || optind < argc))
		return usage_error("--show-config takes one PATH and lints nothing");
	if (c->lsp && optind < argc)
		return usage_error("--lsp takes no PATH: the editor sends the documents");
	if (c->lsp && (c->run.baseline || c->run.write_baseline))
		return usage_error("--lsp shows every finding: a baseline is for command-line "
				   "runs");
	if (c->lsp && c->run.fix != DL_FIX_NONE)
		return usage_error("--lsp gives fixes as code actions: --fix and --diff are for "
				   "command-line runs");
	if (c->run.fix != DL_FIX_NONE && c->run.write_baseline)
		return usage_error("--write-baseline records findings as they are: not with --fix "
				   "or --diff");
	if (!c->lsp && !c->show_config && optind >= argc)
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
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM"),
		   *emacs = getenv("INSIDE_EMACS");
	return !(no_color && *no_color) && !(emacs && *emacs) && isatty(STDOUT_FILENO) &&
	       !(term && strcmp(term, "dumb") == 0);
}

/*
 * The configuration of files under one configuration file (NULL: none): defaults, the file,
 * then the command line. 0, or -1 with *error set (NULL when a usage error was printed).
 */
static int setup_config(dl_config *config, const char *file, void *data, char **error)
{
	const cli *c = data;
	*error = NULL;
	if (file && dl_config_load_file(config, file, error) < 0)
		return -1;
	for (size_t i = 0; i < c->nops; i++) {
		const rule_op *op = &c->ops[i];
		if ((op->opt == OPT_SEVERITY ? set_severity(config, op->arg) :
					       set_rules(config, op->arg, op->opt == 'e')) < 0)
			return -1;
	}
	if (c->fail_on_set)
		config->fail_on = c->fail_on;
	if (c->addresses_set) {
		config->addresses = c->addresses;
		config->addresses_set = true;
	}
	/* a GitHub step shows 10 annotations: notices for addresses only when asked for */
	if (c->run.format == &dl_format_github && !config->addresses_set)
		config->addresses = DL_ADDRESSES_NONE;
	if (c->max_file_size)
		config->max_file_size = c->max_file_size;
	config->source_lines = c->run.color;
	if (c->schema) {
		config->schema_enabled = true;
		if (c->schema_path) {
			free(config->schema_path);
			config->schema_path = xstrdup(c->schema_path);
		}
	}
	return dl_config_load_schema(config, error);
}

/*
 * Load the configuration of the current directory, so that a bad configuration file or rule
 * option stops the run before any output. -1 to go on, or DL_EXIT_USAGE.
 */
static int check_config(dl_confset *set)
{
	const dl_config *config;
	char *error = NULL;
	if (dl_confset_for_dir(set, NULL, &config, NULL, &error) == 0)
		return -1;
	if (error)
		fprintf(stderr, "domlint: %s\n", error);
	free(error);
	return DL_EXIT_USAGE;
}

/* The [baseline] file of the current directory's configuration, or NULL. */
static const char *run_baseline(dl_confset *set)
{
	const dl_config *config;
	char *error = NULL;
	dl_confset_for_dir(set, NULL, &config, NULL, &error); /* loaded by check_config already */
	free(error);
	return config->baseline_path;
}

/* --show-config PATH: the settings a file at PATH (or in directory PATH) is linted with. */
static int show_config(dl_confset *set, const char *path)
{
	struct stat st;
	bool dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	const dl_config *config;
	const char *file;
	char *error = NULL;
	int rc = dir ? dl_confset_for_dir(set, path, &config, &file, &error) :
		       dl_confset_for_path(set, path, &config, &file, &error);
	if (rc < 0) {
		if (error)
			fprintf(stderr, "domlint: %s\n", error);
		free(error);
		return DL_EXIT_USAGE;
	}
	printf("# the settings for %s%s\n", path, dir ? " (a directory: its files)" : "");
	if (file)
		printf("# from %s%s, then the command line\n", file, set->forced ? " (-c)" : "");
	else
		printf("# from no configuration file (%s), then the command line\n",
		       set->none ? "--no-config" : "none found from its directory upward");
	if (!dir)
		printf("# excluded by [paths]: %s\n",
		       dl_config_excluded(config, path) ? "yes" : "no");
	dl_config_print(config, stdout);
	return DL_EXIT_OK;
}

/* --host: read the host before any file, so an unreadable one stops the run. -1 to go on. */
static int load_host(const char *root, dl_host **host)
{
	char *error = NULL;
	if (dl_host_load(root, host, &error) == 0)
		return -1;
	char *shown = dl_escape_text(error), *shown_root = dl_escape_text(root);
	fprintf(stderr, "domlint: --host=%s: %s\n", shown_root, shown);
	free(shown_root);
	free(shown);
	free(error);
	return DL_EXIT_UNREADABLE;
}

int main(int argc, char **argv)
{
	xmlInitParser();
	cli c = { .color = "auto", .run = { .format = &dl_format_text, .jobs = 1 } };
	int status = parse_args(&c, argc, argv);
	c.run.color = !c.lsp && c.run.format == &dl_format_text && want_color(c.color);
	dl_confset configs;
	dl_confset_init(&configs, c.config_path, c.no_config, setup_config, &c);
	dl_host *host = NULL;
	if (status < 0 && c.host && !c.show_config)
		status = load_host(c.host, &host);
	configs.host = host;
	if (status < 0)
		status = check_config(&configs);
	if (status < 0 && c.show_config) {
		status = show_config(&configs, c.show_config);
	} else if (status < 0 && c.lsp) {
		status = dl_lsp_serve(stdin, stdout, &configs);
	} else if (status < 0) {
		if (!c.run.baseline) /* the current directory's configuration: one baseline a run */
			c.run.baseline = run_baseline(&configs);
		status = dl_run(&configs, &c.run, argv + optind, argc - optind);
	}
	dl_confset_release(&configs);
	dl_host_free(host);
	free(c.ops);
	xmlCleanupParser();
	return status;
}
