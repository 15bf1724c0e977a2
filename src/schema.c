/* schema.c - validation against libvirt's RelaxNG domain schema, compiled once per run */
/* realpath is XSI, beyond the POSIX base the build asks for; glibc gives it with _DEFAULT_SOURCE */
#define _DEFAULT_SOURCE
#include "schema.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/entities.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/uri.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>

#include "readfile.h"
#include "path.h"
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
	/* where the schema's parts may come from (real paths; NULL: nowhere): its own directory
	 * and below, and libvirt's schema directory, which a repository's schema may extend */
	char *home, *libvirt;
} compile_errors;

static void keep_first(compile_errors *errs, char *message)
{
	if (errs->first) {
		free(message);
		return;
	}
	size_t n = strlen(message);
	while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' '))
		message[--n] = '\0';
	errs->first = message;
}

static void on_compile_error(void *data, xmlErrorPtr e)
{
	if (e && e->message)
		keep_first(data, xstrdup(e->message));
}

static void ignore_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/*
 * A schema may come from the repository being linted ([schema] path), and RelaxNG's include
 * and externalRef name more files, or URLs. libxml2 2.9 loads those with the network allowed,
 * so while a schema compiles every load goes through local_only: local regular files only,
 * read non-blocking-checked first (a FIFO would hang the run); http, ftp and any other scheme
 * are refused. Other loads (documents, which load nothing external) are left as they were.
 */
static _Thread_local compile_errors *compiling;
static xmlExternalEntityLoader previous_loader;
static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

/* The local path a URL or path names, or NULL for another scheme (caller frees). */
static char *local_path(const char *url)
{
	const char *p = url;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	       *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || p == url)
		return xstrdup(url); /* no scheme: a path */
	if (strncasecmp(url, "file://", 7) != 0)
		return NULL;
	const char *path = url + 7;
	if (strncasecmp(path, "localhost/", 10) == 0)
		path += 9;
	if (*path != '/')
		return NULL; /* file://host/...: another machine */
	char *unescaped = xmlURIUnescapeString(path, 0, NULL);
	if (!unescaped)
		return NULL;
	char *copy = xstrdup(unescaped);
	xmlFree(unescaped);
	return copy;
}

/* The real path of the directory file is in, or NULL. */
static char *real_dir(const char *file)
{
	char *dir = dl_path_dir(file);
	char *real = realpath(dir, NULL);
	free(dir);
	return real;
}

static xmlParserInputPtr local_only(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	compile_errors *errs = compiling;
	if (!errs || !url)
		return previous_loader(url, id, ctxt);
	char *path = local_path(url);
	if (!path) {
		keep_first(errs,
			   xasprintf("refused to load %s: domlint never uses the network, and "
				     "loads a schema's parts only from local files",
				     url));
		return NULL;
	}
	/* judged before anything is opened: a name outside is refused whatever it is */
	char *real = realpath(path, NULL);
	if (real && !(errs->home && dl_path_within(real, errs->home)) &&
	    !(errs->libvirt && dl_path_within(real, errs->libvirt))) {
		keep_first(errs,
			   xasprintf("refused to load %s: a schema's parts are loaded only from "
				     "its own directory and below, and from libvirt's schemas",
				     path));
		free(real);
		free(path);
		return NULL;
	}
	free(real);
	dl_readfile_status status;
	int err;
	int fd = dl_readfile_open(path, NULL, &status, &err);
	if (fd < 0) {
		keep_first(errs, status == DL_READFILE_CANNOT_OPEN ?
					 xasprintf("cannot open %s: %s", path, strerror(err)) :
					 xasprintf("%s: not a regular file (a schema is read only "
						   "from one)",
						   path));
		free(path);
		return NULL;
	}
	close(fd);
	free(path);
	return xmlNoNetExternalEntityLoader(url, id, ctxt);
}

static void install_loader(void)
{
	previous_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(local_only);
}

static xmlRelaxNGPtr compile(const char *path, char **error)
{
	pthread_once(&loader_once, install_loader);
	compile_errors errs = { NULL, real_dir(path), real_dir(DL_SCHEMA_DEFAULT_PATH) };
	xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewParserCtxt(path);
	if (!p) {
		*error = xasprintf("%s: cannot create a RelaxNG parser", path);
		free(errs.home);
		free(errs.libvirt);
		return NULL;
	}
	/* the parsers of included files report to the thread's handlers: to errs, not stderr */
	xmlStructuredErrorFunc old_serror = xmlStructuredError;
	void *old_sdata = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_error = xmlGenericError;
	void *old_data = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&errs, on_compile_error);
	xmlSetGenericErrorFunc(NULL, ignore_generic_error);
	xmlRelaxNGSetParserStructuredErrors(p, on_compile_error, &errs);
	compiling = &errs;
	xmlRelaxNGPtr rng = xmlRelaxNGParse(p);
	compiling = NULL;
	xmlSetStructuredErrorFunc(old_sdata, old_serror);
	xmlSetGenericErrorFunc(old_data, old_error);
	xmlRelaxNGFreeParserCtxt(p);
	if (!rng) {
		*error = xasprintf("%s: not a usable RelaxNG schema: %s", path,
				   errs.first ? errs.first : "it does not compile");
	}
	free(errs.first);
	free(errs.home);
	free(errs.libvirt);
	return rng;
}

dl_schema *dl_schema_load(const char *path, char **error)
{
	/* libxml2 would wait on a FIFO named by [schema] path: only a regular file goes to it */
	dl_readfile_status status;
	int err;
	int fd = dl_readfile_open(path, NULL, &status, &err);
	if (fd < 0 && status == DL_READFILE_CANNOT_OPEN) {
		*error = err == ENOENT ?
				 xasprintf("%s: no schema there (install libvirt's schemas, e.g. "
					   "Debian's libvirt0, or give --schema=PATH)",
					   path) :
				 xasprintf("%s: cannot open the schema: %s", path, strerror(err));
		return NULL;
	}
	if (fd < 0) {
		*error = xasprintf("%s: not a regular file (a schema is read only from one)", path);
		return NULL;
	}
	close(fd);
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

static void ignore_error(void *data, xmlErrorPtr e)
{
	(void)data;
	(void)e;
}

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

static xmlRelaxNGPtr borrow(dl_schema *s)
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
	}
	return rng;
}

static void give_back(dl_schema *s, xmlRelaxNGPtr rng)
{
	pthread_mutex_lock(&s->lock);
	xgrow((void **)&s->idle, &s->idle_cap, s->nidle + 1, sizeof *s->idle);
	s->idle[s->nidle++] = rng;
	pthread_mutex_unlock(&s->lock);
}

/* 0 valid, 1 invalid, -1 could not run; errors to v when given. */
static int validate_with(xmlRelaxNGPtr rng, xmlDoc *doc, validation *v)
{
	xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(rng);
	int rc = -1;
	if (vctxt) {
		if (v)
			xmlRelaxNGSetValidStructuredErrors(vctxt, on_validity_error, v);
		else
			xmlRelaxNGSetValidStructuredErrors(vctxt, ignore_error, NULL);
		rc = xmlRelaxNGValidateDoc(vctxt, doc);
		xmlRelaxNGFreeValidCtxt(vctxt);
	}
	return rc < 0 ? -1 : rc == 0 ? 0 : 1;
}

/*
 * libxml2 2.9's RelaxNG checks take time quadratic in an attribute value's length (12 s for the
 * entity-expanded value of a 20 KB file). No value of a domain comes near this long, so a
 * document holding a longer one is not validated, and says so: never a silent pass.
 */
#define MAX_VALUE_LEN 65536

/*
 * The length of text (len bytes of an entity's replacement text, or of an attribute's text) with
 * its entity references expanded, counted without building it (libxml2 builds it in quadratic
 * time), and counting up to just past limit: each reference counts at least one byte, so the
 * work stays within limit steps whatever the nesting.
 */
static size_t expanded_len(xmlDoc *doc, const char *text, size_t len, size_t limit, int depth)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n <= limit;) {
		const char *semi = text[i] == '&' && text[i + 1] != '#' ?
					   memchr(text + i, ';', len - i) :
					   NULL;
		if (!semi) {
			n++;
			i++;
			continue;
		}
		char *name = xstrndup(text + i + 1, (size_t)(semi - text - i - 1));
		xmlEntityPtr ent = xmlGetDocEntity(doc, (const xmlChar *)name);
		free(name);
		n++;
		if (ent && ent->content && depth < 16)
			n += expanded_len(doc, (const char *)ent->content,
					  strlen((const char *)ent->content), limit - n + 1,
					  depth + 1);
		i = (size_t)(semi - text) + 1;
	}
	return n;
}

static size_t attr_len(xmlDoc *doc, const xmlAttr *a, size_t limit)
{
	size_t n = 0;
	for (const xmlNode *c = a->children; c && n <= limit; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content)
			n += strlen((const char *)c->content);
		else if (c->type == XML_ENTITY_REF_NODE) {
			xmlEntityPtr ent = xmlGetDocEntity(doc, c->name);
			n++;
			if (ent && ent->content)
				n += expanded_len(doc, (const char *)ent->content,
						  strlen((const char *)ent->content), limit - n + 1,
						  1);
		}
	}
	return n;
}

/* How many attributes are longer than MAX_VALUE_LEN once expanded; each to fn when given. */
static int too_long_values(xmlDoc *doc, dl_schema_error_fn *fn, void *data)
{
	int found = 0;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root; n;) {
		if (n->type == XML_ELEMENT_NODE)
			for (xmlAttr *a = n->properties; a; a = a->next) {
				if (attr_len(doc, a, MAX_VALUE_LEN) <= MAX_VALUE_LEN)
					continue;
				found++;
				if (fn) {
					char *msg = xasprintf("attribute %s is longer than %d "
							      "bytes once its "
							      "entities are expanded, the most "
							      "domlint validates: "
							      "the document was not checked "
							      "against the schema",
							      (const char *)a->name, MAX_VALUE_LEN);
					fn(data, n, (int)xmlGetLineNo(n), msg);
					free(msg);
				}
			}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = !n || n == root ? NULL : n->next;
	}
	return found;
}

int dl_schema_validate(dl_schema *s, xmlDoc *doc, dl_schema_error_fn *fn, void *data)
{
	if (too_long_values(doc, fn, data) > 0)
		return 1;
	xmlRelaxNGPtr rng = borrow(s);
	if (!rng)
		return -1;
	validation v = { fn, data, 0 };
	int rc = validate_with(rng, doc, &v);
	give_back(s, rng);
	return rc;
}

/* Each node of the copy points, through _private, at its original. */
static void pair_nodes(xmlNode *copy, const xmlNode *orig)
{
	while (copy && orig) {
		copy->_private = (void *)orig;
		if (copy->type == XML_ELEMENT_NODE) {
			xmlAttr *ca = copy->properties;
			const xmlAttr *oa = orig->properties;
			for (; ca && oa; ca = ca->next, oa = oa->next)
				ca->_private = (void *)oa;
			pair_nodes(copy->children, orig->children);
		}
		copy = copy->next;
		orig = orig->next;
	}
}

static xmlNode *child_element(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !c->ns &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* Does the document pass once node (an attribute or element) is taken out? */
static bool passes_without(xmlRelaxNGPtr rng, xmlDoc *doc, xmlNode *node)
{
	xmlNode *parent = node->parent, *prev = node->prev, *next = node->next;
	xmlUnlinkNode(node);
	bool ok = validate_with(rng, doc, NULL) == 0;
	if (node->type == XML_ATTRIBUTE_NODE)
		xmlAddChild(parent, node);
	else if (prev)
		xmlAddNextSibling(prev, node);
	else if (next)
		xmlAddPrevSibling(next, node);
	else
		xmlAddChild(parent, node);
	return ok;
}

typedef struct culprits {
	xmlNode **elements; /* in document order */
	xmlAttr **attrs;
	size_t nelements, nattrs, elements_cap, attrs_cap;
} culprits;

/* Is a an ancestor of b? */
static bool contains(const xmlNode *a, const xmlNode *b)
{
	for (b = b ? b->parent : NULL; b; b = b->parent)
		if (a == b)
			return true;
	return false;
}

/*
 * The attributes and elements of one failing device whose removal alone makes it pass.
 * Only the most precise are reported: attributes when any is at fault, else the
 * innermost elements, else the device itself.
 */
static int narrow(xmlRelaxNGPtr rng, xmlDoc *doc, xmlNode *device, dl_schema_culprit_fn *fn,
		  void *data)
{
	culprits c = { 0 };
	for (xmlNode *n = device; n;) {
		if (n->type == XML_ELEMENT_NODE) {
			/* re-adding moves an attribute to the end: walk a snapshot */
			size_t count = 0;
			for (xmlAttr *a = n->properties; a; a = a->next)
				count++;
			xmlAttr **list = xmalloc((count ? count : 1) * sizeof *list);
			count = 0;
			for (xmlAttr *a = n->properties; a; a = a->next)
				list[count++] = a;
			for (size_t i = 0; i < count; i++)
				if (passes_without(rng, doc, (xmlNode *)list[i])) {
					xgrow((void **)&c.attrs, &c.attrs_cap, c.nattrs + 1,
					      sizeof *c.attrs);
					c.attrs[c.nattrs++] = list[i];
				}
			free(list);
			if (n != device && passes_without(rng, doc, n)) {
				xgrow((void **)&c.elements, &c.elements_cap, c.nelements + 1,
				      sizeof *c.elements);
				c.elements[c.nelements++] = n;
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != device && !n->next)
			n = n->parent;
		n = n == device ? NULL : n->next;
	}
	int found = 0;
	if (c.nattrs) {
		for (size_t i = 0; i < c.nattrs; i++, found++)
			fn(data, c.attrs[i]->parent->_private, c.attrs[i]->_private);
	} else {
		for (size_t i = 0; i < c.nelements; i++) {
			bool outer = i + 1 < c.nelements &&
				     contains(c.elements[i], c.elements[i + 1]);
			if (!outer && ++found)
				fn(data, c.elements[i]->_private, NULL);
		}
	}
	if (!found) {
		fn(data, device->_private, NULL);
		found = 1;
	}
	free(c.attrs);
	free(c.elements);
	return found;
}

int dl_schema_locate(dl_schema *s, xmlDoc *doc, dl_schema_culprit_fn *fn, void *data)
{
	if (too_long_values(doc, NULL, NULL) > 0)
		return 0; /* validate said why */
	xmlRelaxNGPtr rng = borrow(s);
	if (!rng)
		return 0;
	xmlDoc *copy = xmlCopyDoc(doc, 1);
	xmlNode *devices = copy ? child_element(xmlDocGetRootElement(copy), "devices") : NULL;
	int found = 0;
	if (devices) {
		pair_nodes(xmlDocGetRootElement(copy), xmlDocGetRootElement(doc));
		/* take every device out, then put them back one at a time */
		xmlNode *detached = NULL, **tail = &detached;
		while (devices->children) {
			xmlNode *c = devices->children;
			xmlUnlinkNode(c);
			*tail = c;
			tail = &c->next;
		}
		if (validate_with(rng, copy, NULL) == 0) {
			for (xmlNode *c = detached, *next; c; c = next) {
				next = c->next;
				if (c->type != XML_ELEMENT_NODE)
					continue;
				c->next = NULL;
				xmlAddChild(devices, c);
				if (validate_with(rng, copy, NULL) != 0)
					found += narrow(rng, copy, c, fn, data);
				xmlUnlinkNode(c);
				c->next = next;
			}
		}
		xmlFreeNodeList(detached);
	}
	xmlFreeDoc(copy);
	give_back(s, rng);
	return found;
}
