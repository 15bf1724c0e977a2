/* main.c - the command line: turns argv into a configuration and runs the pipeline */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "rule.h"
#include "ruledocs.h"
#include "run.h"
#include "xmalloc.h"

#ifndef DL_VERSION
#define DL_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"Usage: domlint [OPTION]... [PATH]...\n"
	"Lint libvirt domain XML for PCI passthrough mistakes and print each device's\n"
	"guest PCI address. PATH is a file, a directory (every *.xml below it) or -.\n"
	"\n"
	"  -f, --format=FMT          output format: text (the default)\n"
	"  -e, --enable=RULE[,RULE]  turn rules on at their default severity\n"
	"  -d, --disable=RULE[,RULE] turn rules off\n"
	"      --severity=RULE=LEVEL set a rule's severity: error, warning, info, off\n"
	"      --fail-on=LEVEL       exit 1 on findings at or above LEVEL: error (default),\n"
	"                            warning, info, never\n"
	"      --no-addresses        do not print guest PCI addresses\n"
	"      --stdin-filename=NAME name used for - in reports\n"
	"      --list-rules          list the rules with their default severity\n"
	"      --explain=RULE        print a rule's documentation\n"
	"      --version             print the version\n"
	"  -h, --help                print this help\n"
	"\n"
	"Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;\n"
	"2 an input could not be read; 3 bad usage. The worst wins.\n";

enum { OPT_SEVERITY = 256, OPT_FAIL_ON, OPT_NO_ADDRESSES, OPT_STDIN_FILENAME, OPT_LIST_RULES,
       OPT_EXPLAIN, OPT_VERSION };

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "enable", required_argument, NULL, 'e' },
	{ "disable", required_argument, NULL, 'd' },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "no-addresses", no_argument, NULL, OPT_NO_ADDRESSES },
	{ "stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

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

static int find_rule(const char *name)
{
	int id = dl_rule_find(name);
	if (id < 0)
		usage_error("unknown rule '%s' (see --list-rules)", name);
	return id;
}

/* --enable / --disable take comma-separated lists. */
static int set_rules(dl_config *c, const char *list, bool enable)
{
	char *copy = xstrdup(list), *save = NULL;
	int rc = 0;
	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		int id = find_rule(name);
		if (id < 0) {
			rc = -1;
			break;
		}
		if (!enable)
			c->severity[id] = DL_SEV_OFF;
		else if (c->severity[id] == DL_SEV_OFF)
			c->severity[id] = dl_rules[id].default_severity;
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
	int id = find_rule(name);
	free(name);
	if (id < 0)
		return -1;
	dl_severity s;
	if (dl_severity_parse(eq + 1, &s) < 0)
		return usage_error("unknown level '%s' (error, warning, info, off)", eq + 1), -1;
	c->severity[id] = s;
	return 0;
}

static int set_fail_on(dl_config *c, const char *arg)
{
	dl_severity s;
	if (strcmp(arg, "never") == 0)
		c->fail_on = DL_FAIL_NEVER;
	else if (dl_severity_parse(arg, &s) == 0 && s != DL_SEV_OFF)
		c->fail_on = (int)s;
	else
		return usage_error("unknown --fail-on level '%s' (error, warning, info, never)", arg), -1;
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
	if (find_rule(name) < 0)
		return DL_EXIT_USAGE;
	for (const dl_rule_doc *d = dl_rule_docs; d->name; d++)
		if (strcmp(d->name, name) == 0) {
			fputs(d->text, stdout);
			return DL_EXIT_OK;
		}
	return usage_error("no documentation for rule '%s'", name);
}

int main(int argc, char **argv)
{
	dl_config config;
	dl_config_init(&config);
	dl_run_opts opts = { 0 };
	int status = -1, c;
	while (status < 0 && (c = getopt_long(argc, argv, "f:e:d:h", long_options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "text") != 0)
				status = usage_error("unknown format '%s' (this version has: text)", optarg);
			break;
		case 'e':
		case 'd':
			if (set_rules(&config, optarg, c == 'e') < 0)
				status = DL_EXIT_USAGE;
			break;
		case OPT_SEVERITY:
			if (set_severity(&config, optarg) < 0)
				status = DL_EXIT_USAGE;
			break;
		case OPT_FAIL_ON:
			if (set_fail_on(&config, optarg) < 0)
				status = DL_EXIT_USAGE;
			break;
		case OPT_NO_ADDRESSES:
			config.addresses = false;
			break;
		case OPT_STDIN_FILENAME:
			opts.stdin_filename = optarg;
			break;
		case OPT_LIST_RULES:
			list_rules();
			status = DL_EXIT_OK;
			break;
		case OPT_EXPLAIN:
			status = explain(optarg);
			break;
		case OPT_VERSION:
			printf("domlint %s\n", DL_VERSION);
			status = DL_EXIT_OK;
			break;
		case 'h':
			fputs(usage_text, stdout);
			status = DL_EXIT_OK;
			break;
		default:
			fputs("Try 'domlint --help' for more information.\n", stderr);
			status = DL_EXIT_USAGE;
		}
	}
	if (status < 0 && optind >= argc)
		status = usage_error("%s", "no input: give files, directories, or - for standard input");
	if (status < 0)
		status = dl_run(&config, &opts, argv + optind, argc - optind);
	dl_config_release(&config);
	return status;
}
