/* report_json.c - the json format: one document, written file by file so memory stays flat */
#include "report_json.h"

#include <stdlib.h>

#include "escape.h"
#include "fix.h"
#include "report.h"
#include "rule.h"

json_object *dl_json_string(const char *s)
{
	char *valid = dl_escape_utf8(s);
	json_object *o = json_object_new_string(valid);
	free(valid);
	return o;
}

const char *dl_json_text(json_object *obj)
{
	return json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
							   JSON_C_TO_STRING_NOSLASHESCAPE);
}

static void add_loc(json_object *o, dl_loc loc)
{
	json_object_object_add(o, "line", json_object_new_int64((int64_t)loc.line));
	json_object_object_add(o, "column", json_object_new_int64((int64_t)loc.col));
}

json_object *dl_json_guest_note(const dl_guest_note *n)
{
	json_object *o = json_object_new_object();
	add_loc(o, n->loc);
	json_object_object_add(o, "device", dl_json_string(n->device));
	json_object_object_add(o, "guest", n->known ? json_object_new_string(n->guest) : NULL);
	json_object *zpci = NULL;
	if (n->kind == DL_GUEST_ZPCI && n->known) {
		zpci = json_object_new_object();
		json_object_object_add(zpci, "uid", json_object_new_int64(n->uid));
		json_object_object_add(zpci, "fid", json_object_new_int64(n->fid));
		json_object_object_add(zpci, "uid_auto", json_object_new_boolean(n->uid_auto));
		json_object_object_add(zpci, "fid_auto", json_object_new_boolean(n->fid_auto));
	}
	json_object_object_add(o, "zpci", zpci);
	if (n->kind == DL_GUEST_CCW && n->known) {
		json_object *ccw = json_object_new_object();
		json_object_object_add(ccw, "cssid", json_object_new_int64(n->cssid));
		json_object_object_add(ccw, "ssid", json_object_new_int64(n->ssid));
		json_object_object_add(ccw, "devno", json_object_new_int64(n->devno));
		json_object_object_add(ccw, "auto", json_object_new_boolean(n->ccw_auto));
		json_object_object_add(o, "ccw", ccw);
	}
	json_object_object_add(o, "unknown",
			       n->unknown ? json_object_new_string(n->unknown) : NULL);
	if (n->host_checked) { /* --host: the host function, as lspci names it */
		json_object *host = json_object_new_object();
		json_object_object_add(host, "present", json_object_new_boolean(n->host_present));
		json_object_object_add(host, "name",
				       n->host_name ? dl_json_string(n->host_name) : NULL);
		json_object_object_add(host, "driver",
				       n->host_driver ? dl_json_string(n->host_driver) : NULL);
		json_object_object_add(o, "host", host);
	}
	char *text = dl_report_guest_note(n, NULL);
	json_object_object_add(o, "text", dl_json_string(text));
	free(text);
	return o;
}

/*
 * A fix as ruff's JSON has it, in domlint's own field names: "applicability", the title as
 * "message", and each edit's place both as line and byte column (exclusive end) and as byte offsets.
 */
static json_object *fix_object(const dl_fix *fix)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "applicability",
			       json_object_new_string(fix->unsafe ? "unsafe" : "safe"));
	json_object_object_add(o, "message", dl_json_string(fix->title));
	json_object *edits = json_object_new_array();
	for (size_t i = 0; i < fix->n; i++) {
		const dl_edit *e = &fix->edits[i];
		json_object *edit = json_object_new_object();
		add_loc(edit, e->start_loc);
		json_object_object_add(edit, "end_line",
				       json_object_new_int64((int64_t)e->end_loc.line));
		json_object_object_add(edit, "end_column",
				       json_object_new_int64((int64_t)e->end_loc.col));
		json_object_object_add(edit, "offset", json_object_new_int64((int64_t)e->start));
		json_object_object_add(edit, "end_offset", json_object_new_int64((int64_t)e->end));
		json_object_object_add(edit, "content", dl_json_string(e->text));
		json_object_array_add(edits, edit);
	}
	json_object_object_add(o, "edits", edits);
	return o;
}

static json_object *diag_object(const dl_diag *d)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "rule", json_object_new_string(dl_rules[d->rule].name));
	json_object_object_add(o, "severity",
			       json_object_new_string(dl_severity_name(d->severity)));
	add_loc(o, d->loc);
	json_object_object_add(o, "message", dl_json_string(d->message));
	json_object *related = json_object_new_array();
	if (d->related_message) {
		json_object *r = json_object_new_object();
		add_loc(r, d->related_loc);
		json_object_object_add(r, "message", dl_json_string(d->related_message));
		json_object_array_add(related, r);
	}
	json_object_object_add(o, "related", related);
	if (d->fix)
		json_object_object_add(o, "fix", fix_object(d->fix));
	if (d->suppressed)
		json_object_object_add(o, "justification",
				       d->justification ? dl_json_string(d->justification) : NULL);
	return o;
}

static void json_begin(dl_reporter *r)
{
	fprintf(r->out, "{\"version\":\"%s\",\"tool\":\"domlint\",\"files\":[", DL_VERSION);
}

static void json_file(dl_reporter *r, const dl_file_result *f)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "path", dl_json_string(f->path));
	json_object_object_add(o, "status",
			       json_object_new_string(f->status == DL_FILE_UNREADABLE ?
							      "unreadable" :
							      "linted"));
	if (f->error)
		json_object_object_add(o, "error", dl_json_string(f->error));
	json_object *diags = json_object_new_array();
	for (size_t i = 0; i < f->diags.n; i++)
		json_object_array_add(diags, diag_object(&f->diags.v[i]));
	json_object_object_add(o, "diagnostics", diags);
	json_object *suppressed = json_object_new_array();
	for (size_t i = 0; i < f->suppressed.n; i++)
		json_object_array_add(suppressed, diag_object(&f->suppressed.v[i]));
	json_object_object_add(o, "suppressed", suppressed);
	json_object *addrs = json_object_new_array();
	for (size_t i = 0; i < f->nnotes; i++)
		json_object_array_add(addrs, dl_json_guest_note(&f->notes[i]));
	json_object_object_add(o, "addresses", addrs);
	fprintf(r->out, "%s%s", r->nfiles++ ? "," : "", dl_json_text(o));
	json_object_put(o);
}

static void json_end(dl_reporter *r, const dl_totals *t)
{
	json_object *s = json_object_new_object();
	json_object_object_add(s, "files", json_object_new_int64((int64_t)t->files));
	json_object_object_add(s, "errors",
			       json_object_new_int64((int64_t)t->by_severity[DL_SEV_ERROR]));
	json_object_object_add(s, "warnings",
			       json_object_new_int64((int64_t)t->by_severity[DL_SEV_WARNING]));
	json_object_object_add(s, "info",
			       json_object_new_int64((int64_t)t->by_severity[DL_SEV_INFO]));
	json_object_object_add(s, "skipped", json_object_new_int64((int64_t)t->skipped));
	json_object_object_add(s, "excluded", json_object_new_int64((int64_t)t->excluded));
	json_object_object_add(s, "unreadable", json_object_new_int64((int64_t)t->unreadable));
	if (t->baseline_read || t->baseline_written) {
		json_object *b = json_object_new_object();
		if (t->baseline_read) {
			json_object_object_add(b, "hidden",
					       json_object_new_int64((int64_t)t->baseline_hidden));
			json_object_object_add(b, "stale",
					       json_object_new_int64((int64_t)t->baseline_stale));
		}
		if (t->baseline_written)
			json_object_object_add(b, "written",
					       json_object_new_int64((int64_t)t->baseline_size));
		json_object_object_add(s, "baseline", b);
	}
	fprintf(r->out, "],\"summary\":%s}\n", dl_json_text(s));
	json_object_put(s);
}

const dl_format dl_format_json = { "json", json_begin, json_file, json_end };
