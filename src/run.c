/* run.c - a whole run: collect inputs, lint each file, report, summarise, pick the exit status */
#include "run.h"

#include <stdio.h>

#include "inputs.h"
#include "lint.h"
#include "report_text.h"
#include "xmalloc.h"

typedef struct totals {
	size_t files, skipped, unreadable;
	size_t by_severity[DL_SEV_ERROR + 1];
} totals;

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void summarise(const totals *t)
{
	fprintf(stderr, "domlint: %zu %s linted: %zu %s, %zu %s, %zu info", t->files,
		plural(t->files, "file", "files"), t->by_severity[DL_SEV_ERROR],
		plural(t->by_severity[DL_SEV_ERROR], "error", "errors"),
		t->by_severity[DL_SEV_WARNING],
		plural(t->by_severity[DL_SEV_WARNING], "warning", "warnings"),
		t->by_severity[DL_SEV_INFO]);
	if (t->skipped)
		fprintf(stderr, "; %zu skipped (not a domain, or not a regular file)", t->skipped);
	if (t->unreadable)
		fprintf(stderr, "; %zu unreadable", t->unreadable);
	fputc('\n', stderr);
}

int dl_run(const dl_config *config, const dl_run_opts *opts, char *const *paths, int npaths)
{
	dl_inputs inputs = { 0 };
	for (int i = 0; i < npaths; i++)
		dl_inputs_add(&inputs, paths[i]);

	totals t = { .skipped = inputs.skipped };
	int status = DL_EXIT_OK;
	for (size_t i = 0; i < inputs.n; i++) {
		const dl_input *in = &inputs.v[i];
		dl_file_result r;
		const char *shown = in->path;
		if (opts->stdin_filename && in->path[0] == '-' && in->path[1] == '\0')
			shown = opts->stdin_filename;
		else if (in->path[0] == '-' && in->path[1] == '\0')
			shown = "<stdin>";
		if (in->error)
			dl_file_result_unreadable(&r, in->path, xstrdup(in->error));
		else
			dl_lint_path(config, in->path, shown, in->named, &r);

		if (r.status == DL_FILE_UNREADABLE) {
			fprintf(stderr, "domlint: %s: %s\n", r.path, r.error);
			t.unreadable++;
			status = DL_EXIT_UNREADABLE;
		} else if (r.status == DL_FILE_SKIPPED) {
			t.skipped++;
		} else {
			t.files++;
			for (size_t k = 0; k < r.diags.n; k++) {
				t.by_severity[r.diags.v[k].severity]++;
				if ((int)r.diags.v[k].severity >= config->fail_on &&
				    status == DL_EXIT_OK)
					status = DL_EXIT_FINDINGS;
			}
			dl_report_text(stdout, &r);
		}
		dl_file_result_release(&r);
	}
	fflush(stdout);
	summarise(&t);
	dl_inputs_release(&inputs);
	return status;
}
