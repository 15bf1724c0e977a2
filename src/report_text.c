/* report_text.c - the default output: gcc-style lines that editors and problem matchers read */

#include <stdlib.h>
#include <string.h>
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

static void put_ulong(FILE *out, unsigned long v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n > 0)
		putc(tmp[--n], out);
}

/* FILE:LINE:COL: KIND: MESSAGE [RULE], written piece by piece: it runs for every line of output. */
static void line_out(dl_reporter *r, const char *path, dl_loc loc, const char *kind,
		     const char *colour, const char *message, const char *rule, bool plain)
{
	FILE *out = r->out;
	char *escaped = !plain && dl_escape_needed(message) ? dl_escape_text(message) : NULL;
	if (r->color)
		fputs(BOLD, out);
	fputs(path, out);
	putc(':', out);
	put_ulong(out, loc.line);
	putc(':', out);
	put_ulong(out, loc.col);
	putc(':', out);
	if (r->color) {
		fputs(RESET " ", out);
		fputs(colour, out);
	} else {
		putc(' ', out);
	}
	fputs(kind, out);
	putc(':', out);
	if (r->color)
		fputs(RESET, out);
	putc(' ', out);
	fputs(escaped ? escaped : message, out);
	if (rule) {
		fputs(" [", out);
		fputs(rule, out);
		putc(']', out);
	}
	putc('\n', out);
	free(escaped);
}

/*
 * The source line, then a caret under the column. Tabs stay tabs, in the line and under it,
 * so the caret lines up; anything else escaped takes as many columns as its escape.
 */
static void source_out(dl_reporter *r, const char *source, unsigned long col)
{
	FILE *out = r->out;
	putc(' ', out);
	for (const char *p = source; *p;) {
		size_t n = strcspn(p, "\t");
		char *piece = xmalloc(n + 1);
		memcpy(piece, p, n);
		piece[n] = '\0';
		char *text = dl_escape_text(piece);
		fputs(text, out);
		free(text);
		free(piece);
		p += n;
		if (*p == '\t')
			putc(*p++, out);
	}
	fputs("\n ", out);
	for (size_t i = 0, n; i + 1 < col && source[i]; i += n) {
		if (source[i] == '\t') {
			putc('\t', out);
			n = 1;
			continue;
		}
		for (size_t width = dl_escape_width(source + i, &n); width > 0; width--)
			putc(' ', out);
	}
	fputs(CARET_COLOUR "^" RESET "\n", out);
}

static void text_file(dl_reporter *r, const dl_file_result *f)
{
	char *path = dl_escape_text(f->path); /* once per file */
	if (f->status == DL_FILE_UNREADABLE) {
		char *why = dl_escape_text(f->error);
		fprintf(stderr, "domlint: %s: %s\n", path, why);
		free(why);
		free(path);
		return;
	}
	for (size_t i = 0; i < f->diags.n; i++) {
		const dl_diag *d = &f->diags.v[i];
		line_out(r, path, d->loc, dl_severity_name(d->severity),
			 severity_colour[d->severity], d->message, dl_rules[d->rule].name, false);
		if (r->color && d->source)
			source_out(r, d->source, d->source_col);
		if (d->related_message)
			line_out(r, path, d->related_loc, "note", NOTE_COLOUR, d->related_message,
				 NULL, false);
	}
	for (size_t i = 0; i < f->nnotes; i++) {
		bool plain;
		char *text = dl_report_guest_note(&f->notes[i], &plain);
		line_out(r, path, f->notes[i].loc, "note", NOTE_COLOUR, text, NULL, plain);
		free(text);
	}
	free(path);
}

const dl_format dl_format_text = { "text", NULL, text_file, NULL };
