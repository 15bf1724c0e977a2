/* report.c - the table of output formats and what they share */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const dl_format *const formats[] = { &dl_format_text, &dl_format_json, &dl_format_sarif,
					    &dl_format_github };

const char dl_format_names[] = "text, json, sarif, github";

const dl_format *dl_format_find(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

void dl_reporter_init(dl_reporter *r, const dl_format *format, FILE *out, bool color)
{
	memset(r, 0, sizeof *r);
	r->format = format;
	r->out = out;
	r->color = color;
}

void dl_reporter_release(dl_reporter *r)
{
	for (size_t i = 0; i < r->ndeferred; i++)
		free(r->deferred[i]);
	free(r->deferred);
	r->deferred = NULL;
	r->ndeferred = r->deferred_cap = 0;
}

void dl_reporter_defer(dl_reporter *r, char *text)
{
	xgrow((void **)&r->deferred, &r->deferred_cap, r->ndeferred + 1, sizeof *r->deferred);
	r->deferred[r->ndeferred++] = text;
}
