/* run.c - a whole run: collect inputs, lint files (in parallel if asked), report in input order */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "doc.h"
#include "escape.h"
#include "fixrun.h"
#include "fixwrite.h"
#include "inputs.h"
#include "lint.h"
#include "udiff.h"
#include "xmalloc.h"

/* Workers run at most this many files ahead of the writer per job, so memory stays flat. */
#define DL_JOBS_AHEAD 32
/* Files a worker takes at once. */
#define DL_JOBS_BATCH 8

typedef struct run_state {
	const dl_config **configs; /* one per input: the one for its directory */
	const dl_run_opts *opts;
	const dl_inputs *inputs;
	dl_file_result *results; /* one slot per input, filled by workers */
	bool *ready;
	size_t next;    /* the next input a worker takes */
	size_t written; /* inputs the writer has finished with */
	size_t window;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	dl_baseline
		*baseline; /* read, or being recorded (opts->write_baseline); NULL without one */
} run_state;

static bool is_stdin(const char *path)
{
	return path[0] == '-' && path[1] == '\0';
}

static const char *shown_name(const run_state *s, const dl_input *in)
{
	if (!is_stdin(in->path))
		return in->path;
	return s->opts->stdin_filename ? s->opts->stdin_filename : "<stdin>";
}

static void lint_one(const run_state *s, size_t i, dl_file_result *out)
{
	const dl_input *in = &s->inputs->v[i];
	const dl_config *config = s->configs[i];
	const char *shown = shown_name(s, in);
	if (in->error)
		dl_file_result_unreadable(out, in->path, xstrdup(in->error));
	else if ((!is_stdin(in->path) || s->opts->stdin_filename) &&
		 dl_config_excluded(config, shown)) { /* a nameless '-' has no path to match */
		memset(out, 0, sizeof *out);
		out->path = xstrdup(shown);
		out->status = DL_FILE_EXCLUDED;
	} else if (s->opts->fix != DL_FIX_NONE)
		dl_fix_path(config, in->path, shown, in->named, s->opts->fix_level, out);
	else
		dl_lint_path(config, in->path, shown, in->named, out);
}

static void *worker(void *arg)
{
	run_state *s = arg;
	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (s->next < s->inputs->n && s->next >= s->written + s->window)
			pthread_cond_wait(&s->changed, &s->lock);
		if (s->next >= s->inputs->n)
			break;
		/* a batch at a time: one lock and one wake-up per batch, not per file */
		size_t first = s->next, last = first + DL_JOBS_BATCH;
		if (last > s->inputs->n)
			last = s->inputs->n;
		s->next = last;
		pthread_mutex_unlock(&s->lock);
		for (size_t i = first; i < last; i++)
			lint_one(s, i, &s->results[i]); /* each slot is this worker's until ready */
		pthread_mutex_lock(&s->lock);
		for (size_t i = first; i < last; i++)
			s->ready[i] = true;
		pthread_cond_broadcast(&s->changed);
	}
	pthread_mutex_unlock(&s->lock);
	dl_lint_thread_done();
	return NULL;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void summarise(const dl_totals *t, dl_fix_mode mode)
{
	fprintf(stderr, "domlint: %zu %s linted: %zu %s, %zu %s, %zu info", t->files,
		plural(t->files, "file", "files"), t->by_severity[DL_SEV_ERROR],
		plural(t->by_severity[DL_SEV_ERROR], "error", "errors"),
		t->by_severity[DL_SEV_WARNING],
		plural(t->by_severity[DL_SEV_WARNING], "warning", "warnings"),
		t->by_severity[DL_SEV_INFO]);
	if (t->skipped)
		fprintf(stderr, "; %zu skipped (not a domain, or not a regular file)", t->skipped);
	if (t->excluded)
		fprintf(stderr, "; %zu excluded by [paths]", t->excluded);
	if (t->unreadable)
		fprintf(stderr, "; %zu unreadable", t->unreadable);
	if (t->baseline_read)
		fprintf(stderr, "; baseline: %zu hidden, %zu stale", t->baseline_hidden,
			t->baseline_stale);
	if (t->fixed)
		fprintf(stderr, "; %s %zu %s in %zu %s",
			mode == DL_FIX_DIFF ? "would fix" : "fixed", t->fixed,
			plural(t->fixed, "finding", "findings"), t->files_fixed,
			plural(t->files_fixed, "file", "files"));
	if (t->fixable && t->unsafe_fixable)
		fprintf(stderr, "; %zu fixable with --fix, %zu more with --unsafe-fixes",
			t->fixable, t->unsafe_fixable);
	else if (t->fixable)
		fprintf(stderr, "; %zu fixable with --fix", t->fixable);
	else if (t->unsafe_fixable)
		fprintf(stderr, "; %zu fixable with --fix --unsafe-fixes", t->unsafe_fixable);
	if (t->baseline_written)
		fprintf(stderr, "; %zu %s written to the baseline", t->baseline_size,
			plural(t->baseline_size, "finding", "findings"));
	fputc('\n', stderr);
}

/*
 * Flush stdout and say whether all of it was written: a report (or diff, or fixed text) lost
 * to a full disk or a closed file must not pass for a clean run. The exit status that calls for.
 */
static int check_stdout(int status)
{
	errno = 0;
	bool failed = fflush(stdout) != 0;
	int error = errno;
	failed |= ferror(stdout) != 0;
	if (!failed)
		return status;
	fprintf(stderr, "domlint: cannot write the report: %s\n", strerror(error ? error : EIO));
	return status > DL_EXIT_UNREADABLE ? status : DL_EXIT_UNREADABLE;
}

/* Count the fixes findings still carry: what --fix, or --unsafe-fixes, would do next. */
static void count_fixable(const dl_run_opts *opts, const dl_file_result *r, dl_totals *t)
{
	for (size_t k = 0; k < r->diags.n; k++) {
		const dl_fix *fix = r->diags.v[k].fix;
		if (!fix)
			continue;
		if (dl_fix_applies(fix, opts->fix_level))
			t->fixable++;
		else
			t->unsafe_fixable++;
	}
}

/*
 * --fix and --diff: write the fixed text, or print it as a diff. Returns the exit status that
 * calls for; a file that could not be written is linted again as it stands, for the report.
 */
static int apply_fixes(const run_state *s, size_t i, dl_totals *t, dl_file_result *r)
{
	const dl_input *in = &s->inputs->v[i];
	if (s->opts->fix == DL_FIX_WRITE && is_stdin(in->path)) {
		/* the text goes to stdout, fixed or not, as a filter would; the report to stderr */
		const char *text = r->fixed ? r->fixed : r->original;
		size_t len = r->fixed ? r->fixed_len : r->original_len;
		if (text)
			fwrite(text, 1, len, stdout);
		if (r->fixed) {
			t->fixed += r->nfixed;
			t->files_fixed++;
		}
		return DL_EXIT_OK;
	}
	if (!r->fixed)
		return DL_EXIT_OK;
	if (s->opts->fix == DL_FIX_DIFF) {
		char *diff = NULL;
		size_t n = 0;
		if (dl_udiff(r->original, r->original_len, r->fixed, r->fixed_len, r->path, r->path,
			     &diff, &n))
			fwrite(diff, 1, n, stdout);
		free(diff);
		t->fixed += r->nfixed;
		t->files_fixed++;
		return DL_EXIT_FINDINGS;
	}
	char *note = NULL, *error = NULL;
	dl_fixwrite_status st = dl_fixwrite(in->path, r->original, r->original_len, r->fixed,
					    r->fixed_len, &note, &error);
	if (note)
		fprintf(stderr, "domlint: %s\n", note);
	free(note);
	if (st == DL_FIXWRITE_OK) {
		t->fixed += r->nfixed;
		t->files_fixed++;
		return DL_EXIT_OK;
	}
	fprintf(stderr, "domlint: %s\n", error ? error : "not fixed");
	free(error);
	/* report what the file on disk has: the findings of the text as read */
	dl_file_result again;
	dl_lint_buffer(s->configs[i], r->path, r->original, r->original_len, in->named, &again);
	dl_file_result_release(r);
	*r = again;
	return DL_EXIT_UNREADABLE;
}

/* Count, report and free one result; returns the exit status it calls for. */
static int consume(const run_state *s, size_t i, dl_reporter *rep, dl_totals *t, dl_file_result *r)
{
	const dl_config *config = s->configs[i];
	int status = DL_EXIT_OK;
	switch (r->status) {
	case DL_FILE_UNREADABLE:
		t->unreadable++;
		status = DL_EXIT_UNREADABLE;
		rep->format->file(rep, r);
		break;
	case DL_FILE_SKIPPED:
		t->skipped++;
		break;
	case DL_FILE_EXCLUDED:
		t->excluded++;
		break;
	case DL_FILE_LINTED:
		t->files++;
		if (s->opts->fix != DL_FIX_NONE)
			status = apply_fixes(s, i, t, r);
		/* a baseline acts before anything is counted: what it hides is as if never found */
		if (s->baseline && s->opts->write_baseline)
			dl_baseline_record(s->baseline, r);
		else if (s->baseline)
			t->baseline_hidden += dl_baseline_filter(s->baseline, r);
		count_fixable(s->opts, r, t);
		for (size_t k = 0; k < r->diags.n; k++) {
			t->by_severity[r->diags.v[k].severity]++;
			if ((int)r->diags.v[k].severity >= config->fail_on &&
			    status < DL_EXIT_FINDINGS &&
			    s->opts->fix != DL_FIX_DIFF) /* --diff: 1 means a diff */
				status = DL_EXIT_FINDINGS;
		}
		if (s->opts->fix != DL_FIX_DIFF) /* the diff is the report */
			rep->format->file(rep, r);
		break;
	}
	dl_file_result_release(r);
	return status;
}

/* The baseline the run reads or writes, or NULL; -1 after saying why it cannot be had. */
static int open_baseline(const dl_run_opts *opts, dl_baseline **out)
{
	char *error = NULL;
	*out = NULL;
	/* with both, the baseline is written anew from every finding: the old one hides nothing */
	if (opts->write_baseline)
		*out = dl_baseline_new(opts->write_baseline, &error);
	else if (opts->baseline)
		*out = dl_baseline_load(opts->baseline, &error);
	if (!error)
		return 0;
	fprintf(stderr, "domlint: %s\n", error);
	free(error);
	return -1;
}

/* Write a recorded baseline; the exit status that calls for. */
static int close_baseline(const dl_run_opts *opts, dl_baseline *b, dl_totals *t, int status)
{
	if (!b)
		return status;
	char *error = NULL;
	if (!opts->write_baseline) {
		t->baseline_read = true;
		t->baseline_stale = dl_baseline_stale(b);
	} else if (dl_baseline_write(b, &error) == 0) {
		t->baseline_written = true;
		t->baseline_size = dl_baseline_size(b);
		/* recording findings is what was asked: they fail nothing */
		if (status == DL_EXIT_FINDINGS)
			status = DL_EXIT_OK;
	} else {
		fprintf(stderr, "domlint: %s\n", error);
		free(error);
		status = DL_EXIT_USAGE;
	}
	dl_baseline_free(b);
	return status;
}

/*
 * Each input's configuration: the one of its directory (for a nameless '-', the current
 * one). 0, or -1 after saying why on stderr.
 */
static int configure_inputs(dl_confset *set, const dl_run_opts *opts, const dl_inputs *inputs,
			    const dl_config **out)
{
	for (size_t i = 0; i < inputs->n; i++) {
		const char *path = inputs->v[i].path;
		if (is_stdin(path))
			path = opts->stdin_filename;
		char *error = NULL;
		if (dl_confset_for_path(set, path, &out[i], NULL, &error) < 0) {
			if (error)
				fprintf(stderr, "domlint: %s\n", error);
			free(error);
			return -1;
		}
	}
	return 0;
}

int dl_run(dl_confset *configs, const dl_run_opts *opts, char *const *paths, int npaths)
{
	dl_baseline *baseline;
	if (open_baseline(opts, &baseline) < 0)
		return DL_EXIT_USAGE;
	dl_inputs inputs = { 0 };
	for (int i = 0; i < npaths; i++)
		dl_inputs_add(&inputs, paths[i], &opts->walk);
	const dl_config **config = xcalloc(inputs.n ? inputs.n : 1, sizeof *config);
	if (configure_inputs(configs, opts, &inputs, config) < 0) {
		free(config);
		dl_inputs_release(&inputs);
		dl_baseline_free(baseline);
		return DL_EXIT_USAGE;
	}

	/* one write per 64 KiB of report rather than per 4 KiB */
	static char out_buf[1 << 16];
	setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
	dl_reporter rep;
	/* the diff, or a fixed standard input, owns stdout: the report goes to stderr */
	bool stdout_taken = opts->fix == DL_FIX_DIFF;
	for (size_t i = 0; i < inputs.n && opts->fix == DL_FIX_WRITE; i++)
		stdout_taken |= is_stdin(inputs.v[i].path);
	dl_reporter_init(&rep, opts->fix == DL_FIX_DIFF ? &dl_format_text : opts->format,
			 stdout_taken ? stderr : stdout, opts->color && !stdout_taken);
	if (rep.format->begin)
		rep.format->begin(&rep);
	dl_totals t = { .skipped = inputs.skipped };
	int status = DL_EXIT_OK;

	run_state s = { .configs = config, .opts = opts, .inputs = &inputs, .baseline = baseline };
	unsigned jobs = opts->jobs > 1 && inputs.n > 1 ? opts->jobs : 1;
	if (jobs == 1) {
		for (size_t i = 0; i < inputs.n; i++) {
			dl_file_result r;
			lint_one(&s, i, &r);
			int st = consume(&s, i, &rep, &t, &r);
			status = st > status ? st : status;
		}
	} else {
		s.results = xcalloc(inputs.n, sizeof *s.results);
		s.ready = xcalloc(inputs.n, sizeof *s.ready);
		s.window = (size_t)jobs * DL_JOBS_AHEAD;
		pthread_mutex_init(&s.lock, NULL);
		pthread_cond_init(&s.changed, NULL);
		pthread_t *threads = xcalloc(jobs, sizeof *threads);
		unsigned started = 0;
		for (; started < jobs; started++)
			if (pthread_create(&threads[started], NULL, worker, &s) != 0)
				break;
		if (started == 0) {
			s.window =
				(size_t)-1; /* no thread could start: lint everything here first */
			worker(&s);
		}
		for (size_t i = 0; i < inputs.n; i++) {
			pthread_mutex_lock(&s.lock);
			while (!s.ready[i])
				pthread_cond_wait(&s.changed, &s.lock);
			pthread_mutex_unlock(&s.lock);
			int st = consume(&s, i, &rep, &t, &s.results[i]);
			status = st > status ? st : status;
			if ((i + 1) % DL_JOBS_BATCH == 0 || i + 1 == inputs.n) {
				/* room for another batch: wake workers waiting for the window */
				pthread_mutex_lock(&s.lock);
				s.written = i + 1;
				pthread_cond_broadcast(&s.changed);
				pthread_mutex_unlock(&s.lock);
			}
		}
		for (unsigned k = 0; k < started; k++)
			pthread_join(threads[k], NULL);
		free(threads);
		pthread_cond_destroy(&s.changed);
		pthread_mutex_destroy(&s.lock);
		free(s.results);
		free(s.ready);
	}
	dl_lint_thread_done();
	status = close_baseline(opts, baseline, &t, status);
	if (rep.format->end)
		rep.format->end(&rep, &t);
	status = check_stdout(status);
	summarise(&t, opts->fix);
	dl_reporter_release(&rep);
	dl_inputs_release(&inputs);
	free(config);
	return status;
}
