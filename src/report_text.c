/* report_text.c - the default output: gcc-style lines that editors and problem matchers read */
#include "report_text.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report.h"
#include "rule.h"
#include "xmalloc.h"

/* gcc's colours: bold locations, red errors, magenta warnings, cyan notes, green carets */
#define BOLD "\033[1m"
#define RESET "\033[m"
static const char *const severity_colour[] = { "", "\033[1;34m", "\033[1;35m", "\033[1;31m" };
#define NOTE_COLOUR "\033[1;36m"
#define CARET_COLOUR "\033[1;32m"

char *dl_guest_note_text(const dl_guest_note *n)
{
	if (n->zpci && n->known)
		return xasprintf("%s -> guest %s (zpci uid 0x%04x%s, fid 0x%08x%s)", n->device,
				 n->guest, n->uid, n->uid_auto ? " (auto)" : "", n->fid,
				 n->fid_auto ? " (auto)" : "");
	if (n->known)
		return xasprintf("%s -> guest %s", n->device, n->guest);
	if (n->unknown)
		return xasprintf("%s -> guest unknown (%s)", n->device, n->unknown);
	return xasprintf("%s -> guest address assigned by libvirt", n->device);
}

static void line_out(dl_reporter *r, const char *path, dl_loc loc, const char *kind,
		     const char *colour, const char *message, const char *rule)
{
	char *m = dl_escape_text(message);
	if (r->color)
		fprintf(r->out, BOLD "%s:%lu:%lu:" RESET " %s%s:" RESET " %s", path, loc.line, loc.col,
			colour, kind, m);
	else
		fprintf(r->out, "%s:%lu:%lu: %s: %s", path, loc.line, loc.col, kind, m);
	if (rule)
		fprintf(r->out, " [%s]", rule);
	fputc('\n', r->out);
	free(m);
}

/* The source line, then a caret under the column; tabs are copied so the caret lines up. */
static void source_out(dl_reporter *r, const char *source, unsigned long col)
{
	char *text = dl_escape_text(source);
	fprintf(r->out, " %s\n ", text);
	for (unsigned long i = 1; i < col && source[i - 1]; i++)
		fputc(source[i - 1] == '\t' ? '\t' : ' ', r->out);
	fprintf(r->out, CARET_COLOUR "^" RESET "\n");
	free(text);
}

static void text_file(dl_reporter *r, const dl_file_result *f)
{
	char *path = dl_escape_text(f->path);
	if (f->status == DL_FILE_UNREADABLE) {
		char *why = dl_escape_text(f->error);
		fprintf(stderr, "domlint: %s: %s\n", path, why);
		free(why);
		free(path);
		return;
	}
	for (size_t i = 0; i < f->diags.n; i++) {
		const dl_diag *d = &f->diags.v[i];
		line_out(r, path, d->loc, dl_severity_name(d->severity), severity_colour[d->severity],
			 d->message, dl_rules[d->rule].name);
		if (r->color && d->source)
			source_out(r, d->source, d->loc.col);
		if (d->related_message)
			line_out(r, path, d->related_loc, "note", NOTE_COLOUR, d->related_message, NULL);
	}
	for (size_t i = 0; i < f->nnotes; i++) {
		char *text = dl_guest_note_text(&f->notes[i]);
		line_out(r, path, f->notes[i].loc, "note", NOTE_COLOUR, text, NULL);
		free(text);
	}
	free(path);
}

const dl_format dl_format_text = { "text", NULL, text_file, NULL };
