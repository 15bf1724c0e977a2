/* report_github.c - GitHub Actions workflow commands, one annotation per finding */
#include <stdlib.h>

#include "escape.h"
#include "report.h"
#include "rule.h"

static const char *github_level(dl_severity s)
{
	return s == DL_SEV_ERROR ? "error" : s == DL_SEV_WARNING ? "warning" : "notice";
}

static void github_file(dl_reporter *r, const dl_file_result *f)
{
	char *file = dl_escape_github(f->path, true);
	if (f->status == DL_FILE_UNREADABLE) {
		char *why = dl_escape_github(f->error, false);
		fprintf(r->out, "::error file=%s,title=domlint::%s\n", file, why);
		free(why);
		free(file);
		return;
	}
	for (size_t i = 0; i < f->diags.n; i++) {
		const dl_diag *d = &f->diags.v[i];
		char *message = dl_escape_github(d->message, false);
		fprintf(r->out, "::%s file=%s,line=%lu,col=%lu,title=%s::%s\n",
			github_level(d->severity), file, d->loc.line, d->loc.col,
			dl_rules[d->rule].name, message);
		free(message);
	}
	/*
	 * Guest addresses as notices: a plain log line could be read as a command (the runner
	 * trims leading blanks), a command of our own cannot.
	 */
	for (size_t i = 0; i < f->nnotes; i++) {
		char *line = dl_report_guest_note(&f->notes[i], NULL);
		char *text = dl_escape_github(line, false);
		free(line);
		fprintf(r->out, "::notice file=%s,line=%lu,col=%lu,title=guest PCI address::%s\n",
			file, f->notes[i].loc.line, f->notes[i].loc.col, text);
		free(text);
	}
	free(file);
}

const dl_format dl_format_github = { "github", NULL, github_file, NULL };
