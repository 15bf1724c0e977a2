/* lsp.c - domlint as a language server: findings as you type, guest addresses on hover, fixes */
#include "lsp.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fix.h"
#include "fixrun.h"
#include "host.h"
#include "lint.h"
#include "lsp_transport.h"
#include "report.h"
#include "report_json.h"
#include "rule.h"
#include "starttag.h"
#include "xmalloc.h"

/* JSON-RPC and LSP error codes */
#define PARSE_ERROR -32700
#define INVALID_REQUEST -32600
#define METHOD_NOT_FOUND -32601
#define INVALID_PARAMS -32602
#define SERVER_NOT_INITIALIZED -32002

/*
 * A message body may be twice --max-file-size, plus this for the JSON around the document:
 * room for a document of that size as editors send it (UTF-8 as it is, a newline or quote as
 * two bytes). Only a client that writes most characters as six-byte \u escapes needs more,
 * and gets an error response naming the limit.
 */
#define BODY_SLACK ((size_t)1 << 20)

/*
 * The configurations cached, per directory and per configuration file, before all are
 * dropped (an editor works in a few directories; a client could name thousands).
 */
#define CONFIG_DIRS_MAX 1024
#define CONFIG_FILES_MAX 16

typedef struct lsp_doc {
	char *uri;
	char *text; /* NULL when over --max-file-size (refused, as on the command line) or lost */
	size_t len; /* bytes: the text may hold NUL bytes */
	int64_t version;
	size_t *lines; /* byte offset of each line's start; NULL without text */
	size_t nlines;
	const char *
		lost; /* why a change could not be applied: the text is unknown until a whole one comes */
	bool told; /* the user was shown why the document is not linted */
} lsp_doc;

typedef struct server {
	FILE *out;
	dl_confset *configs; /* borrowed: as the command line finds them, per directory */
	dl_host *host; /* owned: initializationOptions.host's host, the configurations' from then */
	const dl_host
		*given_host; /* the configurations' host before (--host), put back at the end */
	lsp_doc *docs;
	size_t ndocs, docs_cap;
	bool initialized, shutdown;
} server;

/* ---- small JSON helpers ---- */

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;
	return o && json_object_is_type(o, json_type_object) &&
			       json_object_object_get_ex(o, key, &v) ?
		       v :
		       NULL;
}

/* A string member and its length; NUL bytes (\u0000) may be inside. */
static const char *get_text(json_object *o, const char *key, size_t *len)
{
	json_object *v = get(o, key);
	if (!v || !json_object_is_type(v, json_type_string))
		return NULL;
	*len = (size_t)json_object_get_string_len(v);
	return json_object_get_string(v);
}

/* A string member that is a C string: one holding a NUL byte is no URI or method, so absent. */
static const char *get_string(json_object *o, const char *key)
{
	size_t len;
	const char *v = get_text(o, key, &len);
	return v && strlen(v) == len ? v : NULL;
}

static bool get_int(json_object *o, const char *key, int64_t *out)
{
	json_object *v = get(o, key);
	if (!v || !json_object_is_type(v, json_type_int))
		return false;
	*out = json_object_get_int64(v);
	return true;
}

static void send_message(server *s, json_object *msg)
{
	json_object_object_add(msg, "jsonrpc", json_object_new_string("2.0"));
	dl_lsp_write(s->out, msg);
	json_object_put(msg);
}

static void respond(server *s, json_object *id, json_object *result)
{
	json_object *msg = json_object_new_object();
	json_object_object_add(msg, "id", json_object_get(id));
	json_object_object_add(msg, "result", result);
	send_message(s, msg);
}

static void respond_error(server *s, json_object *id, int code, const char *message)
{
	json_object *msg = json_object_new_object();
	json_object *err = json_object_new_object();
	json_object_object_add(err, "code", json_object_new_int(code));
	json_object_object_add(err, "message", dl_json_string(message));
	json_object_object_add(msg, "id", json_object_get(id));
	json_object_object_add(msg, "error", err);
	send_message(s, msg);
}

static void notify(server *s, const char *method, json_object *params)
{
	json_object *msg = json_object_new_object();
	json_object_object_add(msg, "method", json_object_new_string(method));
	json_object_object_add(msg, "params", params);
	send_message(s, msg);
}

static void log_message(server *s, int type, const char *text)
{
	json_object *params = json_object_new_object();
	json_object_object_add(params, "type", json_object_new_int(type));
	json_object_object_add(params, "message", dl_json_string(text));
	notify(s, "window/logMessage", params);
}

/* ---- documents, paths, configuration ---- */

static void index_lines(lsp_doc *d)
{
	size_t cap = 0;
	d->nlines = 0;
	xgrow((void **)&d->lines, &cap, 1, sizeof *d->lines);
	d->lines[d->nlines++] = 0;
	for (size_t i = 0; i < d->len; i++)
		if (d->text[i] == '\n' ||
		    (d->text[i] == '\r' && (i + 1 >= d->len || d->text[i + 1] != '\n'))) {
			xgrow((void **)&d->lines, &cap, d->nlines + 1, sizeof *d->lines);
			d->lines[d->nlines++] = i + 1;
		}
}

static lsp_doc *find_doc(server *s, const char *uri)
{
	for (size_t i = 0; uri && i < s->ndocs; i++)
		if (strcmp(s->docs[i].uri, uri) == 0)
			return &s->docs[i];
	return NULL;
}

static void drop_doc(server *s, lsp_doc *d)
{
	free(d->uri);
	free(d->text);
	free(d->lines);
	*d = s->docs[--s->ndocs];
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 :
				      -1;
}

/* The file system path of a file: URI, percent-decoded; NULL for other schemes. Caller frees. */
static char *uri_path(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *p = uri + 7;
	if (*p != '/')
		p = strchr(p, '/'); /* file://host/path */
	if (!p)
		return NULL;
	char *path = xmalloc(strlen(p) + 1), *w = path;
	for (; *p; p++) {
		if (*p == '%' && hex_digit(p[1]) >= 0 && hex_digit(p[2]) >= 0) {
			*w++ = (char)(hex_digit(p[1]) * 16 + hex_digit(p[2]));
			p += 2;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return path;
}

/* The configuration for a document (path NULL: one without a file), as for a file linted there. */
static const dl_config *config_for(server *s, const char *path)
{
	const dl_config *config;
	char *error = NULL;
	/* on a bad configuration, the defaults from now on: lint rather than not at all */
	if (dl_confset_for_path(s->configs, path, &config, NULL, &error) < 0)
		log_message(s, 1, error ? error : "bad configuration");
	free(error);
	return config;
}

static size_t max_file_size(server *s, const lsp_doc *d)
{
	char *path = uri_path(d->uri);
	size_t max = config_for(s, path)->max_file_size;
	free(path);
	return max;
}

static void forget_text(lsp_doc *d)
{
	free(d->text);
	free(d->lines);
	d->text = NULL;
	d->lines = NULL;
	d->nlines = 0;
}

/*
 * Make text (len bytes, owned; NUL-terminated) the document's, or, when it is over
 * --max-file-size, only its length: a refused document keeps neither its text nor its index.
 */
static void adopt_text(server *s, lsp_doc *d, char *text, size_t len)
{
	forget_text(d);
	d->len = len;
	d->lost = NULL;
	d->told = false;
	if (len > max_file_size(s, d)) {
		free(text);
		return;
	}
	d->text = text;
	index_lines(d);
}

/* The same for a copy of text, the document's whole text as the editor sends it. */
static void set_text(server *s, lsp_doc *d, const char *text, size_t len)
{
	if (len > max_file_size(s, d)) { /* not even copied */
		adopt_text(s, d, NULL, len);
		return;
	}
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	adopt_text(s, d, copy, len);
}

/* A change could not be applied: from now on the text is unknown, until a whole text comes. */
static void lose_text(lsp_doc *d, const char *why)
{
	forget_text(d);
	d->lost = why;
	d->told = false;
}

/* The configuration a document at path is linted with (a shallow copy). */
static dl_config lint_config(server *s, const char *path)
{
	/* every guest address: hover needs them, whatever --addresses says for reports */
	dl_config config = *config_for(s, path);
	config.addresses = DL_ADDRESSES_ALL;
	return config;
}

static void lint(server *s, const lsp_doc *d, dl_file_result *r)
{
	char *path = uri_path(d->uri);
	dl_config config = lint_config(s, path);
	dl_lint_buffer(&config, path ? path : d->uri, d->text, d->len, true, r);
	free(path);
}

/* Whether a document is linted: as a file on the command line, not when excluded or too large. */
typedef enum { LINT_OK, LINT_EXCLUDED, LINT_TOO_LARGE, LINT_LOST } lint_verdict;

static lint_verdict can_lint(server *s, const lsp_doc *d, size_t *max)
{
	char *path = uri_path(d->uri);
	const dl_config *config = config_for(s, path);
	bool excluded = path && dl_config_excluded(config, path);
	free(path);
	if (max)
		*max = config->max_file_size;
	return excluded ? LINT_EXCLUDED : d->lost ? LINT_LOST : !d->text ? LINT_TOO_LARGE : LINT_OK;
}

/* ---- positions: domlint's 1-based line and byte column, LSP's 0-based line and UTF-16 units ---- */

static size_t offset_of(const lsp_doc *d, dl_loc loc)
{
	if (loc.line == 0 || loc.line > d->nlines)
		return loc.line == 0 ? 0 : d->len;
	size_t start = d->lines[loc.line - 1];
	size_t off = start + (loc.col > 0 ? loc.col - 1 : 0);
	return off > d->len ? d->len : off;
}

/* The length of the UTF-8 sequence a byte starts (a stray byte counts as one). */
static size_t utf8_bytes(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static json_object *position(const lsp_doc *d, size_t off)
{
	size_t line = 0, lo = 0, hi = d->nlines;
	while (hi - lo > 1) { /* the last line starting at or before off */
		size_t mid = (lo + hi) / 2;
		if (d->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	line = lo;
	int64_t units = 0;
	for (size_t i = d->lines[line]; i < off && i < d->len;) {
		size_t n = utf8_bytes((unsigned char)d->text[i]);
		units += n == 4 ? 2 : 1; /* beyond the BMP: a surrogate pair */
		i += n;
	}
	json_object *p = json_object_new_object();
	json_object_object_add(p, "line", json_object_new_int64((int64_t)line));
	json_object_object_add(p, "character", json_object_new_int64(units));
	return p;
}

/* The byte offset of an LSP position, or (size_t)-1 when it is outside the document. */
static size_t offset_at(const lsp_doc *d, json_object *pos)
{
	int64_t line, character;
	if (!get_int(pos, "line", &line) || !get_int(pos, "character", &character) || line < 0 ||
	    character < 0 || (size_t)line >= d->nlines)
		return (size_t)-1;
	size_t i = d->lines[line];
	size_t end = (size_t)line + 1 < d->nlines ? d->lines[line + 1] : d->len;
	/* a character past the end of the line means the end of the line, not the next one */
	while (end > i && (d->text[end - 1] == '\n' || d->text[end - 1] == '\r'))
		end--;
	for (int64_t units = 0; i < end && units < character;) {
		size_t n = utf8_bytes((unsigned char)d->text[i]);
		units += n == 4 ? 2 : 1; /* beyond the BMP: a surrogate pair */
		i += n;
	}
	return i > d->len ? d->len : i;
}

/* Where the token at off ends: a tag's name, an attribute with its quoted value, else a name or one byte. */
static size_t token_end(const lsp_doc *d, size_t off)
{
	const char *t = d->text;
	if (off < d->len && t[off] == '<')
		return d->len - off > 3 && memcmp(t + off + 1, "!--", 3) == 0 ?
			       off + 4 :
			       dl_tag_name_end(t, d->len, off);
	size_t pos = off;
	dl_tag_attr a;
	if (dl_tag_next_attr(t, d->len, &pos, &a) && a.name == off)
		return a.end;
	size_t i = off;
	while (i < d->len && dl_tag_name_char(t[i]))
		i++;
	return i > off ? i : off + 1 <= d->len ? off + 1 : off;
}

static json_object *range(const lsp_doc *d, size_t start, size_t end)
{
	json_object *r = json_object_new_object();
	json_object_object_add(r, "start", position(d, start));
	json_object_object_add(r, "end", position(d, end));
	return r;
}

static json_object *loc_range(const lsp_doc *d, dl_loc loc)
{
	size_t start = offset_of(d, loc);
	return range(d, start, token_end(d, start));
}

/* ---- diagnostics ---- */

static json_object *diagnostic(const lsp_doc *d, const dl_diag *x)
{
	static const int severity[] = { 4, 3, 2, 1 }; /* off (unused), info, warning, error */
	json_object *o = json_object_new_object();
	json_object_object_add(o, "range", loc_range(d, x->loc));
	json_object_object_add(o, "severity", json_object_new_int(severity[x->severity]));
	json_object_object_add(o, "code", json_object_new_string(dl_rules[x->rule].name));
	json_object_object_add(o, "source", json_object_new_string("domlint"));
	json_object_object_add(o, "message", dl_json_string(x->message));
	if (x->related_message) {
		json_object *where = json_object_new_object();
		json_object_object_add(where, "uri", dl_json_string(d->uri));
		json_object_object_add(where, "range", loc_range(d, x->related_loc));
		json_object *info = json_object_new_object();
		json_object_object_add(info, "location", where);
		json_object_object_add(info, "message", dl_json_string(x->related_message));
		json_object *list = json_object_new_array();
		json_object_array_add(list, info);
		json_object_object_add(o, "relatedInformation", list);
	}
	return o;
}

static void show_message(server *s, const char *text)
{
	json_object *params = json_object_new_object();
	json_object_object_add(params, "type", json_object_new_int(1));
	json_object_object_add(params, "message", dl_json_string(text));
	notify(s, "window/showMessage", params);
}

static void publish(server *s, lsp_doc *d)
{
	json_object *list = json_object_new_array();
	size_t max = 0;
	lint_verdict verdict = can_lint(s, d, &max);
	if (verdict == LINT_EXCLUDED) {
		; /* excluded by [paths]: no findings, as on the command line */
	} else if (verdict == LINT_TOO_LARGE || verdict == LINT_LOST) {
		/* said where the user looks, once: not again at each keystroke */
		char *why = verdict == LINT_LOST ?
				    xasprintf("%s: %s; not linted until the editor sends the whole "
					      "text (reopen it)",
					      d->uri, d->lost) :
				    /* the same refusal as for a file on the command line */
				    xasprintf("%s is larger than %zu bytes (--max-file-size): not "
					      "linted",
					      d->uri, max);
		if (!d->told)
			show_message(s, why);
		d->told = true;
		free(why);
	} else {
		dl_file_result r;
		lint(s, d, &r);
		for (size_t i = 0; i < r.diags.n; i++)
			json_object_array_add(list, diagnostic(d, &r.diags.v[i]));
		dl_file_result_release(&r);
	}
	json_object *params = json_object_new_object();
	json_object_object_add(params, "uri", dl_json_string(d->uri));
	json_object_object_add(params, "version", json_object_new_int64(d->version));
	json_object_object_add(params, "diagnostics", list);
	notify(s, "textDocument/publishDiagnostics", params);
}

static void clear(server *s, const char *uri)
{
	json_object *params = json_object_new_object();
	json_object_object_add(params, "uri", dl_json_string(uri));
	json_object_object_add(params, "diagnostics", json_object_new_array());
	notify(s, "textDocument/publishDiagnostics", params);
}

/* ---- hover: the guest address of the device under the cursor ---- */

static bool within(dl_loc a, dl_loc b, dl_loc c)
{
	bool after = a.line < b.line || (a.line == b.line && a.col <= b.col);
	bool before = b.line < c.line || (b.line == c.line && b.col <= c.col);
	return after && before;
}

/*
 * The guest address of a device as hover markdown: dev (the device's label in bold, with --host
 * the host function after it), the address, then what it is made of.
 */
static char *guest_text(const dl_guest_note *n, const char *dev)
{
	if (n->kind == DL_GUEST_AP)
		return xasprintf("%s → no guest address: an AP matrix device; the guest finds "
				 "its crypto adapters on the AP bus",
				 dev);
	if (n->kind == DL_GUEST_CCW && n->known)
		return xasprintf("%s → guest CCW device `%s` (`/sys/bus/ccw/devices/%s`)\n\n"
				 "CCW address `%x.%x.%04x`%s",
				 dev, n->guest, n->guest, n->cssid, n->ssid, n->devno,
				 n->ccw_auto ?
					 " (auto): libvirt assigns it when the domain is defined" :
					 "");
	if (n->kind == DL_GUEST_CCW)
		return xasprintf("%s → guest CCW address unknown: %s", dev,
				 n->unknown ? n->unknown : "?");
	if (n->kind == DL_GUEST_ZPCI && n->known)
		return xasprintf("%s → guest PCI address `%s`\n\nzPCI uid `0x%04x`%s, fid "
				 "`0x%08x`%s%s",
				 dev, n->guest, n->uid, n->uid_auto ? " (auto)" : "", n->fid,
				 n->fid_auto ? " (auto)" : "",
				 n->uid_auto || n->fid_auto ? "\n\n(auto): libvirt assigns it when "
							      "the domain is defined" :
							      "");
	if (n->known)
		return xasprintf("%s → guest PCI address `%s`", dev, n->guest);
	if (n->unknown)
		return xasprintf("%s → guest PCI address unknown: %s", dev, n->unknown);
	return xasprintf("%s → guest PCI address assigned by libvirt", dev);
}

static char *hover_text(const dl_guest_note *n)
{
	char *host = dl_report_guest_host(n);
	/* "**hostdev 0002:06:00.0** (Mellanox ..., driver vfio-pci) → ..." */
	char *dev = host ? xasprintf("**%s** (%s)", n->device, host) :
			   xasprintf("**%s**", n->device);
	char *text = guest_text(n, dev);
	free(dev);
	free(host);
	return text;
}

static json_object *hover(server *s, const lsp_doc *d, json_object *pos)
{
	size_t off = offset_at(d, pos);
	if (off == (size_t)-1 || can_lint(s, d, NULL) != LINT_OK)
		return NULL;
	size_t line = 0;
	while (line + 1 < d->nlines && d->lines[line + 1] <= off)
		line++;
	dl_loc at = { line + 1, off - d->lines[line] + 1 };
	dl_file_result r;
	lint(s, d, &r);
	json_object *result = NULL;
	for (size_t i = 0; i < r.nnotes && !result; i++) {
		const dl_guest_note *n = &r.notes[i];
		if (!within(n->loc, at, n->end))
			continue;
		char *text = hover_text(n);
		json_object *contents = json_object_new_object();
		json_object_object_add(contents, "kind", json_object_new_string("markdown"));
		json_object_object_add(contents, "value", dl_json_string(text));
		free(text);
		result = json_object_new_object();
		json_object_object_add(result, "contents", contents);
		json_object_object_add(result, "range", loc_range(d, n->loc));
	}
	dl_file_result_release(&r);
	return result;
}

/* ---- code actions: each finding's fix, and all the safe ones at once ---- */

#define FIX_ALL_KIND "source.fixAll.domlint"

/*
 * Does the client want actions of kind? Each entry of context.only is a kind or a parent of
 * kinds ("source" covers "source.fixAll.domlint"); without only, every kind is wanted.
 */
static bool wanted(json_object *only, const char *kind)
{
	if (!only || !json_object_is_type(only, json_type_array))
		return true;
	for (size_t i = 0; i < json_object_array_length(only); i++) {
		json_object *o = json_object_array_get_idx(only, i);
		if (!json_object_is_type(o, json_type_string))
			continue;
		const char *k = json_object_get_string(o);
		size_t n = strlen(k);
		if (n > 0 && strncmp(kind, k, n) == 0 && (kind[n] == '\0' || kind[n] == '.'))
			return true;
	}
	return false;
}

static json_object *text_edit(const lsp_doc *d, size_t start, size_t end, const char *text)
{
	json_object *edit = json_object_new_object();
	json_object_object_add(edit, "range", range(d, start, end));
	json_object_object_add(edit, "newText", dl_json_string(text));
	return edit;
}

/* A code action of kind that makes the edits (a list) in document d. */
static json_object *action(const lsp_doc *d, const char *title, const char *kind,
			   json_object *edits)
{
	json_object *changes = json_object_new_object();
	json_object_object_add(changes, d->uri, edits);
	json_object *workspace_edit = json_object_new_object();
	json_object_object_add(workspace_edit, "changes", changes);
	json_object *a = json_object_new_object();
	json_object_object_add(a, "title", dl_json_string(title));
	json_object_object_add(a, "kind", json_object_new_string(kind));
	json_object_object_add(a, "edit", workspace_edit);
	return a;
}

/* The quick fix of finding x: one text edit per edit of its fix. */
static json_object *quick_fix(const lsp_doc *d, const dl_diag *x)
{
	const dl_fix *fix = x->fix;
	json_object *edits = json_object_new_array();
	for (size_t k = 0; k < fix->n; k++)
		json_object_array_add(edits, text_edit(d, fix->edits[k].start, fix->edits[k].end,
						       fix->edits[k].text));
	/* an unsafe fix changes what libvirt does: the title says so before the user picks it */
	char *title = fix->unsafe ?
			      xasprintf("(unsafe: changes what libvirt does) %s", fix->title) :
			      xstrdup(fix->title);
	json_object *a = action(d, title, "quickfix", edits);
	free(title);
	json_object *diags = json_object_new_array();
	json_object_array_add(diags, diagnostic(d, x));
	json_object_object_add(a, "diagnostics", diags);
	json_object_object_add(a, "isPreferred", json_object_new_boolean(!fix->unsafe));
	return a;
}

/* Is off inside a UTF-8 sequence or a CR LF, where no LSP position can point? */
static bool mid_character(const char *t, size_t len, size_t off)
{
	return off > 0 && off < len &&
	       (((unsigned char)t[off] & 0xc0) == 0x80 || (t[off - 1] == '\r' && t[off] == '\n'));
}

/*
 * Every safe fix, applied pass after pass as --fix does, as one edit of the part that changes
 * (the common start and end trimmed, so the editor keeps the cursor and the undo step is small).
 * NULL when nothing changes.
 */
static json_object *fix_all(server *s, const lsp_doc *d)
{
	char *path = uri_path(d->uri);
	dl_config config = lint_config(s, path);
	dl_file_result r;
	dl_fix_buffer(&config, path ? path : d->uri, d->text, d->len, true, DL_FIXES_SAFE, &r);
	free(path);
	json_object *a = NULL;
	if (r.fixed) {
		const char *t = d->text, *f = r.fixed;
		size_t len = d->len, flen = r.fixed_len, pre = 0, post = 0;
		while (pre < len && pre < flen && t[pre] == f[pre])
			pre++;
		/* cppcheck-suppress knownConditionTrueFalse ; pre < len when the texts differ */
		while (post < len - pre && post < flen - pre &&
		       t[len - 1 - post] == f[flen - 1 - post])
			post++;
		/* whole characters on both sides, in both texts */
		while (mid_character(t, len, pre) || mid_character(f, flen, pre))
			pre--;
		while (post > 0 &&
		       (mid_character(t, len, len - post) || mid_character(f, flen, flen - post)))
			post--;
		char *middle = xstrndup(f + pre, flen - post - pre);
		json_object *edits = json_object_new_array();
		json_object_array_add(edits, text_edit(d, pre, len - post, middle));
		free(middle);
		a = action(d, "Fix all domlint safe fixes", FIX_ALL_KIND, edits);
	}
	dl_file_result_release(&r);
	return a;
}

static json_object *code_actions(server *s, const lsp_doc *d, json_object *params)
{
	json_object *actions = json_object_new_array();
	json_object *want = get(params, "range");
	json_object *only = get(get(params, "context"), "only");
	size_t from = offset_at(d, get(want, "start")), to = offset_at(d, get(want, "end"));
	/* edits and titles are C strings: a text with a NUL byte gets none (libxml2 refuses it anyway) */
	if (from == (size_t)-1 || to == (size_t)-1 || can_lint(s, d, NULL) != LINT_OK ||
	    memchr(d->text, '\0', d->len))
		return actions;
	/* whole lines: editors ask with the cursor's position, often at the start of a line */
	while (from > 0 && d->text[from - 1] != '\n')
		from--;
	while (to < d->len && d->text[to] != '\n')
		to++;
	bool any_safe = false;
	dl_file_result r;
	lint(s, d, &r);
	for (size_t i = 0; i < r.diags.n; i++) {
		const dl_diag *x = &r.diags.v[i];
		if (!x->fix || x->fix->n == 0)
			continue;
		any_safe |= !x->fix->unsafe;
		/* the finding's place, and what its fix changes (the tag it underlines may span lines) */
		size_t start = offset_of(d, x->loc), end = token_end(d, start);
		if (x->fix->edits[0].start < start)
			start = x->fix->edits[0].start;
		if (x->fix->edits[x->fix->n - 1].end > end)
			end = x->fix->edits[x->fix->n - 1].end;
		/* a span that ends where the lines asked about start does not reach them */
		bool touches = start <= to && (end > from || (end == from && start == end));
		if (!touches || !wanted(only, "quickfix"))
			continue;
		json_object_array_add(actions, quick_fix(d, x));
	}
	dl_file_result_release(&r);
	json_object *all = any_safe && wanted(only, FIX_ALL_KIND) ? fix_all(s, d) : NULL;
	if (all)
		json_object_array_add(actions, all);
	return actions;
}

/* ---- dispatch ---- */

static json_object *capabilities(void)
{
	json_object *sync = json_object_new_object();
	json_object_object_add(sync, "openClose", json_object_new_boolean(1));
	json_object_object_add(sync, "change",
			       json_object_new_int(1)); /* full text (edits are applied too) */
	json_object *save = json_object_new_object();
	json_object_object_add(save, "includeText", json_object_new_boolean(0));
	json_object_object_add(sync, "save", save);
	json_object *kinds = json_object_new_array();
	json_object_array_add(kinds, json_object_new_string("quickfix"));
	json_object_array_add(kinds, json_object_new_string(FIX_ALL_KIND));
	json_object *actions = json_object_new_object();
	json_object_object_add(actions, "codeActionKinds", kinds);
	json_object *caps = json_object_new_object();
	json_object_object_add(caps, "textDocumentSync", sync);
	json_object_object_add(caps, "hoverProvider", json_object_new_boolean(1));
	json_object_object_add(caps, "codeActionProvider", actions);
	json_object *info = json_object_new_object();
	json_object_object_add(info, "name", json_object_new_string("domlint"));
	json_object_object_add(info, "version", json_object_new_string(DL_VERSION));
	json_object *result = json_object_new_object();
	json_object_object_add(result, "capabilities", caps);
	json_object_object_add(result, "serverInfo", info);
	return result;
}

static void did_open(server *s, json_object *params)
{
	json_object *td = get(params, "textDocument");
	const char *uri = get_string(td, "uri");
	size_t len;
	const char *text = get_text(td, "text", &len);
	if (!uri || !text)
		return;
	lsp_doc *d = find_doc(s, uri);
	if (!d) {
		xgrow((void **)&s->docs, &s->docs_cap, s->ndocs + 1, sizeof *s->docs);
		d = &s->docs[s->ndocs++];
		memset(d, 0, sizeof *d);
		d->uri = xstrdup(uri);
	}
	d->version = 0;
	get_int(td, "version", &d->version);
	set_text(s, d, text, len);
	publish(s, d);
}

/*
 * Replace bytes start..end of the text with text (len bytes); a result over --max-file-size
 * keeps only its length.
 */
static void edit_text(server *s, lsp_doc *d, size_t start, size_t end, const char *text, size_t len)
{
	size_t new_len = d->len - (end - start) + len;
	if (new_len > max_file_size(s, d)) {
		adopt_text(s, d, NULL, new_len);
		return;
	}
	char *t = xmalloc(new_len + 1);
	memcpy(t, d->text, start);
	memcpy(t + start, text, len);
	memcpy(t + start + len, d->text + end, d->len - end);
	t[new_len] = '\0';
	adopt_text(s, d, t, new_len);
}

/*
 * Apply a didChange's changes in order: a change with a range is an edit of the text as the
 * changes before it left it (positions as for hover), one without is the whole text. A change
 * that cannot be applied (no text, a range outside the document or backwards) loses the text
 * rather than guess it. Each edit copies the text, so a message may copy at most
 * CHANGE_WORK_MIN bytes plus CHANGE_WORK_FACTOR times what it started with and what it sent:
 * the work stays linear in the input, and more changes than that lose the text too.
 */
#define CHANGE_WORK_MIN ((size_t)64 << 20)
#define CHANGE_WORK_FACTOR 16

static void did_change(server *s, json_object *params)
{
	json_object *td = get(params, "textDocument");
	lsp_doc *d = find_doc(s, get_string(td, "uri"));
	json_object *changes = get(params, "contentChanges");
	if (!d || !changes || !json_object_is_type(changes, json_type_array))
		return; /* never opened (or refused unread): nothing to change, nothing to open */
	get_int(td, "version", &d->version);
	size_t budget = CHANGE_WORK_MIN + CHANGE_WORK_FACTOR * d->len, work = 0;
	for (size_t i = 0; i < json_object_array_length(changes); i++) {
		json_object *change = json_object_array_get_idx(changes, i);
		json_object *where = get(change, "range");
		size_t len;
		const char *text = get_text(change, "text", &len);
		if (!text) {
			lose_text(d, "a change without its text");
			break;
		}
		if (!where) {
			set_text(s, d, text, len);
			continue;
		}
		if (!d->text)
			continue; /* an edit of a text not kept (too large, or lost) */
		size_t start = offset_at(d, get(where, "start")),
		       end = offset_at(d, get(where, "end"));
		if (start == (size_t)-1 || end == (size_t)-1 || start > end) {
			lose_text(d, "a change's range is not in the document");
			break;
		}
		budget += CHANGE_WORK_FACTOR * len;
		work += d->len - (end - start) + len;
		if (work > budget) {
			lose_text(d, "too many changes in one message");
			break;
		}
		edit_text(s, d, start, end, text, len);
	}
	publish(s, d);
}

/*
 * initializationOptions.host: a root ("/", or a copy of a host) to check domains against, as
 * --host=ROOT does; absent or null: as the command line says. A host that cannot be read is
 * shown to the user, and the server runs without it.
 */
static void load_host(server *s, json_object *params)
{
	json_object *options = get(params, "initializationOptions");
	if (!get(options, "host"))
		return;
	const char *root = get_string(options, "host");
	if (!root) {
		show_message(s, "domlint: initializationOptions.host is not a path (a string): "
				"the host is not checked");
		return;
	}
	dl_host *host = NULL;
	char *error = NULL;
	if (dl_host_load(root, &host, &error) < 0) {
		char *why = xasprintf("domlint: %s: the host is not checked",
				      error ? error : "cannot read the host");
		show_message(s, why);
		free(why);
		free(error);
		return;
	}
	s->host = host;
	s->given_host = s->configs->host;
	dl_confset_clear(s->configs); /* every configuration from now on gets the host */
	s->configs->host = host;
}

/* Handle one request (id set) or notification; false once the client said exit. */
static bool handle(server *s, json_object *msg, int *status)
{
	const char *method = get_string(msg, "method");
	json_object *id = get(msg, "id");
	bool request = json_object_object_get_ex(msg, "id", NULL);
	json_object *params = get(msg, "params");
	if (!method) {
		if (request)
			respond_error(s, id, INVALID_REQUEST, "a request needs a method");
		return true; /* a response to us: domlint sends no requests */
	}
	if (strcmp(method, "exit") == 0) {
		*status = s->shutdown ? 0 : 1;
		return false;
	}
	if (strcmp(method, "initialize") == 0) {
		bool first = !s->initialized;
		s->initialized = true;
		if (request)
			respond(s, id, capabilities());
		if (first) /* told after the answer, when the client shows messages */
			load_host(s, params);
		return true;
	}
	if (!s->initialized) {
		if (request)
			respond_error(s, id, SERVER_NOT_INITIALIZED, "initialize first");
		return true;
	}
	if (s->shutdown && request) {
		respond_error(s, id, INVALID_REQUEST, "the server is shutting down");
		return true;
	}
	const char *uri = get_string(get(params, "textDocument"), "uri");
	lsp_doc *d = find_doc(s, uri);
	bool answered = false;
	if (strcmp(method, "shutdown") == 0) {
		s->shutdown = true;
	} else if (strcmp(method, "textDocument/didOpen") == 0) {
		did_open(s, params);
	} else if (strcmp(method, "textDocument/didChange") == 0) {
		did_change(s, params);
	} else if (strcmp(method, "textDocument/didSave") == 0) {
		dl_confset_clear(s->configs); /* a saved .domlint.conf takes effect */
		if (d)
			publish(s, d);
	} else if (strcmp(method, "textDocument/didClose") == 0) {
		if (d) {
			clear(s, d->uri);
			drop_doc(s, d);
		}
	} else if (strcmp(method, "textDocument/hover") == 0 ||
		   strcmp(method, "textDocument/codeAction") == 0) {
		answered = true;
		if (!request)
			; /* a request sent as a notification: nobody waits for the answer */
		else if (!d)
			respond_error(s, id, INVALID_PARAMS, "unknown document: open it first");
		else if (strcmp(method, "textDocument/hover") == 0)
			respond(s, id, hover(s, d, get(params, "position")));
		else
			respond(s, id, code_actions(s, d, params));
	} else if (strcmp(method, "initialized") != 0 && strncmp(method, "$/", 2) != 0) {
		answered = true;
		if (request)
			respond_error(s, id, METHOD_NOT_FOUND, "method not supported by domlint");
	}
	/* shutdown, and notifications sent with an id, get an empty result; true notifications nothing */
	if (request && !answered)
		respond(s, id, NULL);
	return true;
}

int dl_lsp_serve(FILE *in, FILE *out, dl_confset *configs)
{
	server s = { .out = out, .configs = configs };
	/* --max-file-size is the command line's alone: the current directory's configuration has it */
	size_t max_file = config_for(&s, NULL)->max_file_size;
	size_t max = max_file > (SIZE_MAX - BODY_SLACK) / 2 ? SIZE_MAX : max_file * 2 + BODY_SLACK;
	int status = 1; /* the stream ended without exit */
	for (bool go = true; go;) {
		/* between messages no configuration is in use: the cache may be dropped */
		dl_confset_bound(configs, CONFIG_DIRS_MAX, CONFIG_FILES_MAX);
		char *body = NULL;
		size_t len = 0;
		dl_lsp_read_status st = dl_lsp_read(in, max, &body, &len);
		if (st == DL_LSP_EOF)
			break;
		if (st == DL_LSP_BAD_FRAME) {
			respond_error(&s, NULL, PARSE_ERROR,
				      "a message needs a Content-Length header");
			continue;
		}
		if (st == DL_LSP_TOO_LARGE) {
			char *why = xasprintf("message too large: %zu bytes, over the limit of %zu "
					      "(twice --max-file-size, plus 1 MiB): not read",
					      len, max);
			respond_error(&s, NULL, INVALID_REQUEST, why);
			free(why);
			continue;
		}
		json_object *msg;
		dl_lsp_parse_status parsed = dl_lsp_parse(body, len, &msg);
		free(body);
		if (parsed == DL_LSP_TOO_COMPLEX)
			respond_error(&s, NULL, INVALID_REQUEST,
				      "message too complex: its JSON has too many "
				      "objects, arrays or values: not parsed");
		else if (parsed != DL_LSP_PARSED)
			respond_error(&s, NULL, PARSE_ERROR, "not valid JSON");
		else if (!json_object_is_type(msg, json_type_object))
			respond_error(&s, NULL, INVALID_REQUEST, "a message is a JSON object");
		else
			go = handle(&s, msg, &status);
		json_object_put(msg);
	}
	while (s.ndocs)
		drop_doc(&s, &s.docs[0]);
	free(s.docs);
	if (s.host) { /* the configurations as the command line made them, before it is freed */
		dl_confset_clear(configs);
		configs->host = s.given_host;
		dl_host_free(s.host);
	}
	dl_lint_thread_done();
	return status;
}
