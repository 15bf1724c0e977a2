/* run.c - a whole run: collect inputs, lint files (in parallel if asked), report in input order */
#include "run.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "inputs.h"
#include "lint.h"
#include "xmalloc.h"

/* Workers run at most this many files ahead of the writer per job, so memory stays flat. */
#define DL_JOBS_AHEAD 32
/* Files a worker takes at once. */
#define DL_JOBS_BATCH 8

typedef struct run_state {
	const dl_config *config;
	const dl_run_opts *opts;
	const dl_inputs *inputs;
	dl_file_result *results; /* one slot per input, filled by workers */
	bool *ready;
	size_t next;    /* the next input a worker takes */
	size_t written; /* inputs the writer has finished with */
	size_t window;
	pthread_mutex_t lock;
	pthread_cond_t changed;
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
	const char *shown = shown_name(s, in);
	if (in->error)
		dl_file_result_unreadable(out, in->path, xstrdup(in->error));
	else if ((!is_stdin(in->path) || s->opts->stdin_filename) &&
		 dl_config_excluded(s->config, shown)) { /* a nameless '-' has no path to match */
		memset(out, 0, sizeof *out);
		out->path = xstrdup(shown);
		out->status = DL_FILE_EXCLUDED;
	} else
		dl_lint_path(s->config, in->path, shown, in->named, out);
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

static void summarise(const dl_totals *t)
{
	fprintf(stderr, "domlint: %zu %s linted: %zu %s, %zu %s, %zu info", t->files,
		plural(t->files, "file", "files"), t->by_severity[DL_SEV_ERROR],
		plural(t->by_severity[DL_SEV_ERROR], "error", "errors"), t->by_severity[DL_SEV_WARNING],
		plural(t->by_severity[DL_SEV_WARNING], "warning", "warnings"),
		t->by_severity[DL_SEV_INFO]);
	if (t->skipped)
		fprintf(stderr, "; %zu skipped (not a domain, or not a regular file)", t->skipped);
	if (t->excluded)
		fprintf(stderr, "; %zu excluded by [paths]", t->excluded);
	if (t->unreadable)
		fprintf(stderr, "; %zu unreadable", t->unreadable);
	fputc('\n', stderr);
}

/* Count, report and free one result; returns the exit status it calls for. */
static int consume(const dl_config *config, dl_reporter *rep, dl_totals *t, dl_file_result *r)
{
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
		for (size_t k = 0; k < r->diags.n; k++) {
			t->by_severity[r->diags.v[k].severity]++;
			if ((int)r->diags.v[k].severity >= config->fail_on)
				status = DL_EXIT_FINDINGS;
		}
		rep->format->file(rep, r);
		break;
	}
	dl_file_result_release(r);
	return status;
}

int dl_run(const dl_config *config, const dl_run_opts *opts, char *const *paths, int npaths)
{
	dl_inputs inputs = { 0 };
	for (int i = 0; i < npaths; i++)
		dl_inputs_add(&inputs, paths[i], &opts->walk);

	/* one write per 64 KiB of report rather than per 4 KiB */
	static char out_buf[1 << 16];
	setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
	dl_reporter rep;
	dl_reporter_init(&rep, opts->format, stdout, opts->color);
	if (rep.format->begin)
		rep.format->begin(&rep);
	dl_totals t = { .skipped = inputs.skipped };
	int status = DL_EXIT_OK;

	run_state s = { .config = config, .opts = opts, .inputs = &inputs };
	unsigned jobs = opts->jobs > 1 && inputs.n > 1 ? opts->jobs : 1;
	if (jobs == 1) {
		for (size_t i = 0; i < inputs.n; i++) {
			dl_file_result r;
			lint_one(&s, i, &r);
			int st = consume(config, &rep, &t, &r);
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
			s.window = (size_t)-1; /* no thread could start: lint everything here first */
			worker(&s);
		}
		for (size_t i = 0; i < inputs.n; i++) {
			pthread_mutex_lock(&s.lock);
			while (!s.ready[i])
				pthread_cond_wait(&s.changed, &s.lock);
			pthread_mutex_unlock(&s.lock);
			int st = consume(config, &rep, &t, &s.results[i]);
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
	if (rep.format->end)
		rep.format->end(&rep, &t);
	fflush(stdout);
	summarise(&t);
	dl_reporter_release(&rep);
	dl_inputs_release(&inputs);
	return status;
}
