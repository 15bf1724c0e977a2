/* fuzz_schema.c - libFuzzer target: bytes as a domain linted under --schema (libvirt's RelaxNG) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "config.h"
#include "lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static dl_config config;
	static int ready; /* 0 not yet, 1 schema loaded, -1 no schema: nothing to fuzz */
	if (!ready) {
		xmlInitParser();
		dl_config_init(&config);
		config.schema_enabled = true; /* the default path: make schema-deps installs it */
		char *error = NULL;
		ready = dl_config_load_schema(&config, &error) == 0 ? 1 : -1;
		if (ready < 0)
			fprintf(stderr, "fuzz_schema: no schema, nothing fuzzed: %s\n",
				error ? error : "?");
		free(error);
	}
	if (ready < 0)
		return 0;
	/* The whole schema path: validation, and the search for the culprit device and attribute. */
	dl_file_result r;
	dl_lint_buffer(&config, "fuzz.xml", (const char *)data, size, true, &r);
	dl_file_result_release(&r);
	return 0;
}
