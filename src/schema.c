/* schema.c - validation against libvirt's RelaxNG domain schema, compiled once per run */
#include "schema.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "xmalloc.h"

/*
 * libxml2 does not promise that one compiled xmlRelaxNG may be used by two validations at
 * once, so idle copies wait in a pool and each validation takes one.
 */
struct dl_schema {
	char *path;
	pthread_mutex_t lock;
	xmlRelaxNGPtr *idle;
	size_t nidle, idle_cap;
};

typedef struct compile_errors {
	char *first; /* the first error message */
} compile_errors;

static void on_compile_error(void *data, xmlErrorPtr e)
{
	compile_errors *errs = data;
	if (!errs->first && e && e->message) {
		errs->first = xstrdup(e->message);
		size_t n = strlen(errs->first);
		while (n > 0 && errs->first[n - 1] == '\n')
			errs->first[--n] = '\0';
	}
}

static xmlRelaxNGPtr compile(const char *path, char **error)
{
	compile_errors errs = { NULL };
	xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewParserCtxt(path);
	if (!p) {
		*error = xasprintf("%s: cannot create a RelaxNG parser", path);
		return NULL;
	}
	xmlRelaxNGSetParserStructuredErrors(p, on_compile_error, &errs);
	xmlRelaxNGPtr rng = xmlRelaxNGParse(p);
	xmlRelaxNGFreeParserCtxt(p);
	if (!rng) {
		*error = xasprintf("%s: not a usable RelaxNG schema: %s", path,
				   errs.first ? errs.first : "it does not compile");
	}
	free(errs.first);
	return rng;
}

dl_schema *dl_schema_load(const char *path, char **error)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*error = xasprintf("%s: no schema there (install libvirt's schemas, e.g. Debian's libvirt0, or give --schema=PATH)",
				   path);
		return NULL;
	}
	fclose(f);
	xmlRelaxNGPtr rng = compile(path, error);
	if (!rng)
		return NULL;
	dl_schema *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	pthread_mutex_init(&s->lock, NULL);
	xgrow((void **)&s->idle, &s->idle_cap, 1, sizeof *s->idle);
	s->idle[s->nidle++] = rng;
	return s;
}

void dl_schema_free(dl_schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nidle; i++)
		xmlRelaxNGFree(s->idle[i]);
	free(s->idle);
	pthread_mutex_destroy(&s->lock);
	free(s->path);
	free(s);
}

typedef struct validation {
	dl_schema_error_fn *fn;
	void *data;
	int errors;
} validation;

static void on_validity_error(void *data, xmlErrorPtr e)
{
	validation *v = data;
	if (!e || !e->message)
		return;
	char *msg = xstrdup(e->message);
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	v->errors++;
	v->fn(v->data, e->node, e->line, msg);
	free(msg);
}

int dl_schema_validate(dl_schema *s, xmlDoc *doc, dl_schema_error_fn *fn, void *data)
{
	xmlRelaxNGPtr rng = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->nidle > 0)
		rng = s->idle[--s->nidle];
	pthread_mutex_unlock(&s->lock);
	if (!rng) {
		char *error = NULL;
		rng = compile(s->path, &error); /* it compiled once already */
		free(error);
		if (!rng)
			return -1;
	}
	xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(rng);
	validation v = { fn, data, 0 };
	int rc = -1;
	if (vctxt) {
		xmlRelaxNGSetValidStructuredErrors(vctxt, on_validity_error, &v);
		rc = xmlRelaxNGValidateDoc(vctxt, doc);
		xmlRelaxNGFreeValidCtxt(vctxt);
	}
	pthread_mutex_lock(&s->lock);
	xgrow((void **)&s->idle, &s->idle_cap, s->nidle + 1, sizeof *s->idle);
	s->idle[s->nidle++] = rng;
	pthread_mutex_unlock(&s->lock);
	return rc < 0 ? -1 : rc == 0 ? 0 : 1;
}
