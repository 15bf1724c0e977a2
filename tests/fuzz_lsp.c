/* fuzz_lsp.c - libFuzzer target: each input is the whole byte stream of one language-server session */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <libxml/parser.h>

#include "confset.h"
#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* --lsp --no-config: the defaults, never a file read from disk. */
static int setup(dl_config *c, const char *file, void *data, char **error)
{
	(void)c, (void)file, (void)data;
	*error = NULL;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	if (!sink) {
		xmlInitParser();
		sink = fopen("/dev/null", "w");
	}
	if (size == 0)
		return 0; /* fmemopen refuses an empty buffer; an empty session is EOF at once anyway */
	/* The input ends, the stream reaches EOF: every session ends, with or without exit. */
	FILE *in = fmemopen((void *)data, size, "rb");
	if (!in)
		return 0;
	dl_confset configs;
	dl_confset_init(&configs, NULL, true, setup, NULL);
	dl_lsp_serve(in, sink, &configs);
	dl_confset_release(&configs);
	fclose(in);
	return 0;
}
