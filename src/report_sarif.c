/* report_sarif.c - SARIF 2.1.0 for GitHub code scanning: rule metadata, results and their fixes, notifications */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "fix.h"
#include "report.h"
#include "report_json.h"
#include "rule.h"
#include "ruledocs.h"
#include "xmalloc.h"

static const char *sarif_level(dl_severity s)
{
	return s == DL_SEV_ERROR ? "error" : s == DL_SEV_WARNING ? "warning" : "note";
}

static json_object *text_object(const char *key, const char *text)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, key, dl_json_string(text));
	return o;
}

static json_object *rule_object(dl_rule_id id)
{
	const dl_rule *rule = &dl_rules[id];
	json_object *o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_string(rule->name));
	json_object_object_add(o, "shortDescription", text_object("text", rule->summary));
	json_object_object_add(o, "fullDescription", text_object("text", rule->summary));
	for (const dl_rule_doc *d = dl_rule_docs; d->name; d++) {
		if (strcmp(d->name, rule->name) != 0)
			continue;
		json_object *help = text_object("text", d->text);
		json_object_object_add(help, "markdown", dl_json_string(d->text));
		json_object_object_add(o, "help", help);
	}
	json_object *conf = json_object_new_object();
	json_object_object_add(conf, "level",
			       json_object_new_string(sarif_level(rule->default_severity)));
	if (dl_rule_opt_in(id)) /* its level is the one it gets when turned on */
		json_object_object_add(conf, "enabled", json_object_new_boolean(0));
	json_object_object_add(o, "defaultConfiguration", conf);
	const char *fix = dl_rule_fix_kind(id);
	if (fix) {
		/* the fixes its findings may carry: "safe", "unsafe" or "safe and unsafe" */
		json_object *props = json_object_new_object();
		json_object_object_add(props, "fixable", json_object_new_string(fix));
		json_object_object_add(o, "properties", props);
	}
	return o;
}

/* The file at path as an artifact location: a URI reference (file:// when absolute). */
static json_object *artifact_location(const char *path)
{
	char *encoded = dl_escape_uri(path);
	char *uri = path[0] == '/' ? xasprintf("file://%s", encoded) : xstrdup(encoded);
	json_object *artifact = json_object_new_object();
	json_object_object_add(artifact, "uri", dl_json_string(uri));
	free(uri);
	free(encoded);
	return artifact;
}

/* A region from start, to end (exclusive) when end is not NULL: domlint's lines and byte columns. */
static json_object *region(const dl_loc *start, const dl_loc *end)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "startLine", json_object_new_int64((int64_t)start->line));
	json_object_object_add(o, "startColumn", json_object_new_int64((int64_t)start->col));
	if (end) {
		json_object_object_add(o, "endLine", json_object_new_int64((int64_t)end->line));
		json_object_object_add(o, "endColumn", json_object_new_int64((int64_t)end->col));
	}
	return o;
}

/* A physical location: the file and, when loc is not NULL, the place in it. */
static json_object *location(const char *path, const dl_loc *loc)
{
	json_object *physical = json_object_new_object();
	json_object_object_add(physical, "artifactLocation", artifact_location(path));
	if (loc)
		json_object_object_add(physical, "region", region(loc, NULL));
	json_object *o = json_object_new_object();
	json_object_object_add(o, "physicalLocation", physical);
	return o;
}

/*
 * SARIF 2.1.0 3.55: a fix, its edits as replacements in the result's file. Each deleted region
 * also gives its bytes (byteOffset, byteLength), which columns counted in other units cannot
 * blur. SARIF has no word for an unsafe fix: the description says so, and
 * properties.applicability is "safe" or "unsafe", as in the json format.
 */
static json_object *fix_object(const char *path, const dl_fix *fix)
{
	json_object *replacements = json_object_new_array();
	for (size_t i = 0; i < fix->n; i++) {
		const dl_edit *e = &fix->edits[i];
		json_object *deleted = region(&e->start_loc, &e->end_loc);
		json_object_object_add(deleted, "byteOffset",
				       json_object_new_int64((int64_t)e->start));
		json_object_object_add(deleted, "byteLength",
				       json_object_new_int64((int64_t)(e->end - e->start)));
		json_object *r = json_object_new_object();
		json_object_object_add(r, "deletedRegion", deleted);
		json_object_object_add(r, "insertedContent", text_object("text", e->text));
		json_object_array_add(replacements, r);
	}
	json_object *change = json_object_new_object();
	json_object_object_add(change, "artifactLocation", artifact_location(path));
	json_object_object_add(change, "replacements", replacements);
	json_object *changes = json_object_new_array();
	json_object_array_add(changes, change);
	json_object *o = json_object_new_object();
	char *text = fix->unsafe ? xasprintf("%s (unsafe fix: it changes what libvirt does; "
					     "domlint applies it only with --unsafe-fixes)",
					     fix->title) :
				   xstrdup(fix->title);
	json_object_object_add(o, "description", text_object("text", text));
	free(text);
	json_object_object_add(o, "artifactChanges", changes);
	json_object *props = json_object_new_object();
	json_object_object_add(props, "applicability",
			       json_object_new_string(fix->unsafe ? "unsafe" : "safe"));
	json_object_object_add(o, "properties", props);
	return o;
}

static json_object *result_object(const char *path, const dl_diag *d)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "ruleId", json_object_new_string(dl_rules[d->rule].name));
	json_object_object_add(o, "ruleIndex", json_object_new_int(d->rule));
	json_object_object_add(o, "level", json_object_new_string(sarif_level(d->severity)));
	json_object_object_add(o, "message", text_object("text", d->message));
	json_object *locations = json_object_new_array();
	json_object_array_add(locations, location(path, &d->loc));
	json_object_object_add(o, "locations", locations);
	if (d->related_message) {
		json_object *related = location(path, &d->related_loc);
		json_object_object_add(related, "id", json_object_new_int(0));
		json_object_object_add(related, "message", text_object("text", d->related_message));
		json_object *list = json_object_new_array();
		json_object_array_add(list, related);
		json_object_object_add(o, "relatedLocations", list);
	}
	if (d->fix) {
		json_object *fixes = json_object_new_array();
		json_object_array_add(fixes, fix_object(path, d->fix));
		json_object_object_add(o, "fixes", fixes);
	}
	if (d->suppressed) {
		/* SARIF 2.1.0 3.27.23 and 3.35: silenced in the source, by a domlint-disable comment */
		json_object *suppression = json_object_new_object();
		json_object_object_add(suppression, "kind", json_object_new_string("inSource"));
		if (d->justification)
			json_object_object_add(suppression, "justification",
					       dl_json_string(d->justification));
		json_object *list = json_object_new_array();
		json_object_array_add(list, suppression);
		json_object_object_add(o, "suppressions", list);
	}
	return o;
}

static void sarif_begin(dl_reporter *r)
{
	json_object *driver = json_object_new_object();
	json_object_object_add(driver, "name", json_object_new_string("domlint"));
	json_object_object_add(driver, "version", json_object_new_string(DL_VERSION));
	json_object_object_add(driver, "semanticVersion", json_object_new_string(DL_VERSION));
	json_object *rules = json_object_new_array();
	for (int i = 0; i < DL_RULE_COUNT; i++)
		json_object_array_add(rules, rule_object(i));
	json_object_object_add(driver, "rules", rules);
	json_object *tool = json_object_new_object();
	json_object_object_add(tool, "driver", driver);
	fprintf(r->out,
		"{\"$schema\":\"https://json.schemastore.org/"
		"sarif-2.1.0.json\",\"version\":\"2.1.0\","
		"\"runs\":[{\"tool\":%s,\"results\":[",
		dl_json_text(tool));
	json_object_put(tool);
}

static void sarif_file(dl_reporter *r, const dl_file_result *f)
{
	if (f->status == DL_FILE_UNREADABLE) {
		json_object *n = json_object_new_object();
		json_object_object_add(n, "level", json_object_new_string("error"));
		char *text = xasprintf("%s: %s", f->path, f->error);
		json_object_object_add(n, "message", text_object("text", text));
		free(text);
		json_object *locations = json_object_new_array();
		json_object_array_add(locations, location(f->path, NULL));
		json_object_object_add(n, "locations", locations);
		dl_reporter_defer(r, xstrdup(dl_json_text(n)));
		json_object_put(n);
		return;
	}
	for (size_t i = 0; i < f->diags.n; i++) {
		json_object *o = result_object(f->path, &f->diags.v[i]);
		fprintf(r->out, "%s%s", r->nfiles++ ? "," : "", dl_json_text(o));
		json_object_put(o);
	}
	for (size_t i = 0; i < f->suppressed.n; i++) {
		json_object *o = result_object(f->path, &f->suppressed.v[i]);
		fprintf(r->out, "%s%s", r->nfiles++ ? "," : "", dl_json_text(o));
		json_object_put(o);
	}
}

static void sarif_end(dl_reporter *r, const dl_totals *t)
{
	fprintf(r->out,
		"],\"invocations\":[{\"executionSuccessful\":%s,\"toolExecutionNotifications\":[",
		t->unreadable ? "false" : "true");
	for (size_t i = 0; i < r->ndeferred; i++)
		fprintf(r->out, "%s%s", i ? "," : "", r->deferred[i]);
	fprintf(r->out, "]}]}]}\n");
}

const dl_format dl_format_sarif = { "sarif", sarif_begin, sarif_file, sarif_end };
