/* fuzz_domlint.c - libFuzzer target: bytes through loading, the model, every rule and every format, and fixing */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "config.h"
#include "fixrun.h"
#include "lint.h"
#include "report.h"
#include "rule.h"

static const dl_format *const formats[] = { &dl_format_text, &dl_format_json, &dl_format_sarif,
					    &dl_format_github };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static dl_config config;
	static FILE *sink;
	if (!sink) {
		xmlInitParser();
		dl_config_init(&config);
		config.source_lines = true;          /* exercise the source-line pass too */
		config.addresses = DL_ADDRESSES_ALL; /* and the guest address of every device */
		config.severity[DL_RULE_ZPCI_UNPINNED] = DL_SEV_WARNING; /* every fix there is */
		sink = fopen("/dev/null", "w");
	}
	/* Every input both as a named file and as one found by a walk. */
	for (int named = 0; named < 2; named++) {
		dl_file_result r;
		dl_lint_buffer(&config, "fuzz,:\"input\n.xml", (const char *)data, size, named, &r);
		for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
			dl_reporter rep;
			dl_reporter_init(&rep, formats[f], sink, f == 0);
			dl_totals t = { .files = 1 };
			if (rep.format->begin)
				rep.format->begin(&rep);
			if (r.status != DL_FILE_SKIPPED)
				rep.format->file(&rep, &r);
			if (rep.format->end)
				rep.format->end(&rep, &t);
			dl_reporter_release(&rep);
		}
		dl_file_result_release(&r);
	}
	/* Fixing, pass after pass, with the unsafe fixes: the edits of every rule on any text. */
	dl_file_result fixed;
	dl_fix_buffer(&config, "fuzz.xml", (const char *)data, size, true, DL_FIXES_UNSAFE, &fixed);
	if (fixed.fixed && !fixed.well_formed)
		abort(); /* fixrun keeps only texts that parse */
	dl_file_result_release(&fixed);
	return 0;
}
