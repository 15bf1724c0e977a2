/* lsp_client.c - test tool: a scripted Language Server Protocol client for `domlint --lsp`
 *
 * usage: lsp_client DOMLINT SCRIPT [SERVER-OPTION]...
 *
 * Starts `DOMLINT --lsp --no-config [SERVER-OPTION]...` as a child on pipes, then runs SCRIPT,
 * a text file of one command a line (blank lines and lines starting with '#' are ignored):
 *
 *   send JSON          frame JSON (Content-Length header) and send it, as written. The JSON may
 *                      continue on the following lines until it is complete. @FILE:PATH@ is
 *                      replaced by the contents of PATH (relative to the current directory)
 *                      as a JSON string, for the text of didOpen and didChange; @TEXT:NAME@
 *                      by a text block's lines (below).
 *   expect JSON        read the next message and compare it with JSON: the parsed values must
 *                      be equal (key order ignored; 1 and 1.0 differ). On a mismatch, a
 *                      unified diff of both, printed with sorted keys. JSON as for send.
 *   expect-error CODE [ID]
 *                      the next message is a JSON-RPC 2.0 error response with that code (and,
 *                      when ID is given, that id: a JSON value such as 3 or null).
 *   skip               read the next message, whatever it is.
 *   dump               the next message is textDocument/publishDiagnostics: print each
 *                      diagnostic on standard output as "LINE COL CODE SEVERITY" (1-based line,
 *                      1-based byte column converted back from UTF-16 with the text sent for
 *                      that URI; severity error, warning, info or hint), each related location
 *                      after it as "  related LINE COL".
 *   text NAME [crlf]   the lines that follow, up to a line "end-text", each ended by LF (or
 *                      CR LF), are a text that @TEXT:NAME@ in later JSON stands for, as a
 *                      JSON string: a document written out in the script itself.
 *   raw TEXT           send TEXT as it is, after the C escapes \r \n \t \\ \xHH (blanks at
 *                      the end of a script line are dropped: write \x20).
 *   close              close the server's standard input.
 *   expect-eof         the server closes its standard output without sending anything more.
 *   exit-status N      the server exits with status N.
 *
 * Every read and wait gives up after 10 s, so a hung server fails the test instead of hanging
 * it. Failures and the tally "lsp-client: N passed, M failed" go to standard error; the exit
 * status is 0 when every expectation held, 1 otherwise, 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#define TIMEOUT_MS 10000

#ifndef JSON_C_TO_STRING_NOSLASHESCAPE
#define JSON_C_TO_STRING_NOSLASHESCAPE 0
#endif

/* ---- small utilities ---- */

typedef struct buf {
	char *p;
	size_t n, cap;
} buf;

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "lsp-client: out of memory\n");
		exit(2);
	}
	return q;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

static void buf_add(buf *b, const void *data, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void buf_str(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_drop(buf *b, size_t n) /* remove the first n bytes */
{
	memmove(b->p, b->p + n, b->n - n);
	b->n -= n;
	if (b->p)
		b->p[b->n] = '\0';
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b = { 0 };
	char chunk[65536];
	size_t r;
	while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, r);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		free(b.p);
		return NULL;
	}
	if (!b.p)
		buf_add(&b, "", 0);
	*len = b.n;
	return b.p;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the run's state ---- */

static const char *script_path;
static unsigned long cmd_line; /* the script line of the command under way */
static unsigned passed, failed;

static pid_t child = -1;
static bool reaped;
static int child_status;
static int to_server = -1, from_server = -1;
static buf inbox;        /* bytes read from the server, not yet taken as messages */
static bool server_eof;  /* the server closed its standard output */
static bool server_hung; /* a read timed out: later reads fail at once */

typedef struct doc {
	char *uri, *text;
} doc;
static doc *docs;
static size_t ndocs;

static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%lu: FAIL: ", script_path, cmd_line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failed++;
}

static void pass(void)
{
	passed++;
}

/* ---- talking to the server ---- */

static void start_server(const char *domlint, char **extra, int nextra)
{
	int in[2], out[2];
	if (pipe(in) < 0 || pipe(out) < 0) {
		perror("lsp-client: pipe");
		exit(2);
	}
	child = fork();
	if (child < 0) {
		perror("lsp-client: fork");
		exit(2);
	}
	if (child == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		char **argv = xrealloc(NULL, (size_t)(nextra + 4) * sizeof *argv);
		argv[0] = (char *)domlint;
		argv[1] = "--lsp";
		argv[2] = "--no-config";
		for (int i = 0; i < nextra; i++)
			argv[3 + i] = extra[i];
		argv[3 + nextra] = NULL;
		execv(domlint, argv);
		fprintf(stderr, "lsp-client: cannot run %s: %s\n", domlint, strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	to_server = in[1];
	from_server = out[0];
	fcntl(to_server, F_SETFL, fcntl(to_server, F_GETFL) | O_NONBLOCK);
	fcntl(from_server, F_SETFL, fcntl(from_server, F_GETFL) | O_NONBLOCK);
	fcntl(to_server, F_SETFD, FD_CLOEXEC);
	fcntl(from_server, F_SETFD, FD_CLOEXEC);
}

/* Read what the server has written so far into the inbox; false at end of file or on error. */
static bool take_input(void)
{
	char chunk[65536];
	for (;;) {
		ssize_t r = read(from_server, chunk, sizeof chunk);
		if (r > 0) {
			buf_add(&inbox, chunk, (size_t)r);
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		server_eof = true;
		return false;
	}
}

/* Wait up to the deadline for more input: 1 some came, 0 end of file, -1 timed out. */
static int wait_input(int64_t deadline)
{
	while (!server_eof) {
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return -1;
		struct pollfd p = { .fd = from_server, .events = POLLIN };
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0) {
			size_t before = inbox.n;
			take_input();
			if (inbox.n > before)
				return 1;
		}
	}
	return 0;
}

/* Write all of data, reading the server's output meanwhile so that neither side blocks. */
static bool send_bytes(const char *data, size_t len)
{
	if (to_server < 0) {
		fail("cannot send: the server's standard input is closed");
		return false;
	}
	int64_t deadline = now_ms() + TIMEOUT_MS;
	size_t done = 0;
	while (done < len) {
		int64_t left = deadline - now_ms();
		if (left <= 0) {
			fail("timed out after %d s sending to the server (it reads nothing)",
			     TIMEOUT_MS / 1000);
			server_hung = true;
			return false;
		}
		struct pollfd p[2] = { { .fd = to_server, .events = POLLOUT },
				       { .fd = server_eof ? -1 : from_server, .events = POLLIN } };
		int r = poll(p, 2, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0 && (p[1].revents & (POLLIN | POLLHUP)))
			take_input();
		if (r > 0 && (p[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(to_server, data + done, len - done);
			if (w > 0) {
				done += (size_t)w;
				deadline = now_ms() + TIMEOUT_MS;
			} else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
				   errno != EINTR) {
				fail("cannot send to the server: %s", strerror(errno));
				return false;
			}
		}
	}
	return true;
}

static void close_input(void)
{
	if (to_server >= 0)
		close(to_server);
	to_server = -1;
}

typedef enum { GOT_MESSAGE, GOT_EOF, GOT_ERROR } recv_status;

/*
 * The next message, framed as LSP requires: header lines ending in CR LF, Content-Length
 * (and at most Content-Type), an empty line, then exactly one JSON value of that many bytes.
 * On GOT_ERROR *why says what was wrong (static or in *why_buf, which the caller frees).
 */
static recv_status next_message(json_object **msg, const char **why, char **why_buf)
{
	*msg = NULL;
	*why_buf = NULL;
	if (server_hung) {
		*why = "the server stopped answering earlier in the script";
		return GOT_ERROR;
	}
	int64_t deadline = now_ms() + TIMEOUT_MS;
	char *end;
	while (!(end = inbox.p ? strstr(inbox.p, "\r\n\r\n") : NULL)) {
		int r = wait_input(deadline);
		if (r < 0) {
			server_hung = true;
			*why = "timed out after 10 s waiting for a message";
			return GOT_ERROR;
		}
		if (r == 0) {
			if (inbox.n == 0)
				return GOT_EOF;
			*why_buf = xrealloc(NULL, 64 + (inbox.n < 200 ? inbox.n : 200));
			sprintf(*why_buf, "the output ends inside a header: \"%.200s\"", inbox.p);
			*why = *why_buf;
			buf_drop(&inbox, inbox.n);
			return GOT_ERROR;
		}
	}
	size_t header_len = (size_t)(end - inbox.p) + 4;
	long long length = -1;
	char *bad = NULL;
	for (char *line = inbox.p; line < end;) {
		char *eol = strstr(line, "\r\n");
		*eol = '\0';
		if (strncmp(line, "Content-Length: ", 16) == 0 && line[16] >= '0' &&
		    line[16] <= '9') {
			char *stop;
			errno = 0;
			length = strtoll(line + 16, &stop, 10);
			if (*stop || errno)
				length = -1, bad = line;
		} else if (strncmp(line, "Content-Type: ", 14) != 0) {
			bad = line;
		}
		*eol = '\r';
		if (bad)
			break;
		line = eol + 2;
	}
	if (bad || length < 0) {
		const char *l = bad ? bad : inbox.p;
		size_t n = strcspn(l, "\r\n");
		*why_buf = xrealloc(NULL, 64 + n);
		sprintf(*why_buf, "bad header line \"%.*s\"", (int)n, l);
		*why = *why_buf;
		buf_drop(&inbox, header_len);
		return GOT_ERROR;
	}
	while (inbox.n - header_len < (size_t)length) {
		int r = wait_input(deadline);
		if (r < 0) {
			server_hung = true;
			*why = "timed out after 10 s waiting for the rest of a message";
			return GOT_ERROR;
		}
		if (r == 0) {
			*why = "the output ends inside a message body";
			buf_drop(&inbox, inbox.n);
			return GOT_ERROR;
		}
	}
	const char *body = inbox.p + header_len;
	json_tokener *tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_object *o = json_tokener_parse_ex(tok, body, (int)length);
	enum json_tokener_error e = json_tokener_get_error(tok);
	size_t used = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (e != json_tokener_success || used != (size_t)length) {
		json_object_put(o);
		*why_buf = xrealloc(NULL, 128 + (length < 300 ? (size_t)length : 300));
		sprintf(*why_buf, "a body that is not one JSON value (%s): %.*s",
			e != json_tokener_success ? json_tokener_error_desc(e) : "text after it",
			(int)(length < 300 ? length : 300), body);
		*why = *why_buf;
		buf_drop(&inbox, header_len + (size_t)length);
		return GOT_ERROR;
	}
	buf_drop(&inbox, header_len + (size_t)length);
	*msg = o;
	return GOT_MESSAGE;
}

/* The next message for an expectation; NULL after reporting why there is none. */
static json_object *receive(const char *what, bool *ok)
{
	json_object *msg;
	const char *why;
	char *why_buf;
	recv_status g = next_message(&msg, &why, &why_buf);
	*ok = g == GOT_MESSAGE;
	if (g == GOT_EOF)
		fail("%s: the server closed its output instead", what);
	else if (g == GOT_ERROR)
		fail("%s: %s", what, why);
	free(why_buf);
	return msg;
}

/* Wait for the server to exit, reading its output meanwhile; false on time-out. */
static bool wait_child(int timeout_ms)
{
	int64_t deadline = now_ms() + timeout_ms;
	while (!reaped) {
		pid_t r = waitpid(child, &child_status, WNOHANG);
		if (r == child) {
			reaped = true;
			break;
		}
		if (r < 0 && errno != EINTR)
			return false;
		if (now_ms() >= deadline)
			return false;
		if (!server_eof) {
			struct pollfd p = { .fd = from_server, .events = POLLIN };
			if (poll(&p, 1, 20) > 0)
				take_input();
		} else {
			struct timespec ts = { 0, 20 * 1000000L };
			nanosleep(&ts, NULL);
		}
	}
	return true;
}

/* ---- canonical JSON text: sorted keys, one value a line ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void indent(buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_str(b, "  ");
}

static void canon(buf *b, json_object *o, int depth)
{
	int flags = JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE;
	if (json_object_is_type(o, json_type_array)) {
		size_t n = json_object_array_length(o);
		if (n == 0) {
			buf_str(b, "[]");
			return;
		}
		buf_str(b, "[\n");
		for (size_t i = 0; i < n; i++) {
			indent(b, depth + 1);
			canon(b, json_object_array_get_idx(o, i), depth + 1);
			buf_str(b, i + 1 < n ? ",\n" : "\n");
		}
		indent(b, depth);
		buf_str(b, "]");
	} else if (json_object_is_type(o, json_type_object)) {
		size_t n = (size_t)json_object_object_length(o), k = 0;
		if (n == 0) {
			buf_str(b, "{}");
			return;
		}
		char **keys = xrealloc(NULL, n * sizeof *keys);
		json_object_object_foreach(o, key, value)
		{
			(void)value;
			keys[k++] = key;
		}
		qsort(keys, n, sizeof *keys, cmp_str);
		buf_str(b, "{\n");
		for (size_t i = 0; i < n; i++) {
			json_object *name = json_object_new_string(keys[i]);
			indent(b, depth + 1);
			buf_str(b, json_object_to_json_string_ext(name, flags));
			buf_str(b, ": ");
			json_object_put(name);
			canon(b, json_object_object_get(o, keys[i]), depth + 1);
			buf_str(b, i + 1 < n ? ",\n" : "\n");
		}
		free(keys);
		indent(b, depth);
		buf_str(b, "}");
	} else {
		buf_str(b, json_object_to_json_string_ext(o, flags));
	}
}

static char *canonical(json_object *o)
{
	buf b = { 0 };
	canon(&b, o, 0);
	buf_str(&b, "\n");
	return b.p;
}

/* ---- a unified diff of two texts, by lines ---- */

static size_t split_lines(char *text, char ***lines)
{
	size_t n = 0, cap = 0;
	*lines = NULL;
	for (char *p = text; *p;) {
		char *nl = strchr(p, '\n');
		if (n == cap)
			*lines = xrealloc(*lines, (cap = cap ? cap * 2 : 64) * sizeof **lines);
		(*lines)[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

static void print_diff(const char *expected, const char *received)
{
	char *ea = xstrdup(expected), *eb = xstrdup(received), **a, **b;
	size_t n = split_lines(ea, &a), m = split_lines(eb, &b);
	fprintf(stderr, "--- expected (%s:%lu)\n+++ received\n", script_path, cmd_line);
	if (n > 5000 || m > 5000) { /* too long for the quadratic table: both in full */
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "-%s\n", a[i]);
		for (size_t j = 0; j < m; j++)
			fprintf(stderr, "+%s\n", b[j]);
		goto out;
	}
	/* lcs[i][j]: the longest common subsequence of a[i..] and b[j..] */
	unsigned *lcs = xrealloc(NULL, (n + 1) * (m + 1) * sizeof *lcs);
#define LCS(i, j) lcs[(i) * (m + 1) + (j)]
	for (size_t i = n + 1; i-- > 0;)
		for (size_t j = m + 1; j-- > 0;)
			LCS(i, j) = i == n || j == m ?
					    0 :
					    strcmp(a[i], b[j]) == 0 ?
					    LCS(i + 1, j + 1) + 1 :
						LCS(i + 1, j) > LCS(i, j + 1)     ? LCS(i + 1, j) :
										    LCS(i, j + 1);
	/* the edit script: ' ' both, '-' only expected, '+' only received */
	size_t nops = 0;
	char *op = xrealloc(NULL, n + m + 1);
	size_t *ai = xrealloc(NULL, (n + m + 1) * sizeof *ai),
	       *bi = xrealloc(NULL, (n + m + 1) * sizeof *bi);
	for (size_t i = 0, j = 0; i < n || j < m; nops++) {
		ai[nops] = i;
		bi[nops] = j;
		if (i < n && j < m && strcmp(a[i], b[j]) == 0)
			op[nops] = ' ', i++, j++;
		else if (j == m || (i < n && LCS(i + 1, j) >= LCS(i, j + 1)))
			op[nops] = '-', i++;
		else
			op[nops] = '+', j++;
	}
#undef LCS
	/* hunks: the changes with 3 lines of context, merged when they touch */
	const size_t context = 3;
	for (size_t k = 0; k < nops;) {
		if (op[k] == ' ') {
			k++;
			continue;
		}
		size_t start = k > context ? k - context : 0, stop = k;
		for (;;) { /* extend over changes closer than 2 * context */
			while (stop < nops && op[stop] != ' ')
				stop++;
			size_t next = stop;
			while (next < nops && op[next] == ' ')
				next++;
			if (next < nops && next - stop <= 2 * context)
				stop = next;
			else
				break;
		}
		stop = stop + context < nops ? stop + context : nops;
		size_t na = 0, nb = 0;
		for (size_t t = start; t < stop; t++) {
			na += op[t] != '+';
			nb += op[t] != '-';
		}
		fprintf(stderr, "@@ -%zu,%zu +%zu,%zu @@\n", ai[start] + (na ? 1 : 0), na,
			bi[start] + (nb ? 1 : 0), nb);
		for (size_t t = start; t < stop; t++)
			fprintf(stderr, "%c%s\n", op[t], op[t] == '+' ? b[bi[t]] : a[ai[t]]);
		k = stop;
	}
	free(op);
	free(ai);
	free(bi);
	free(lcs);
out:
	free(a);
	free(b);
	free(ea);
	free(eb);
}

/* ---- documents the script sent, for dump's column conversion ---- */

static void remember(const char *uri, const char *text)
{
	for (size_t i = 0; i < ndocs; i++)
		if (strcmp(docs[i].uri, uri) == 0) {
			free(docs[i].text);
			docs[i].text = xstrdup(text);
			return;
		}
	docs = xrealloc(docs, (ndocs + 1) * sizeof *docs);
	docs[ndocs].uri = xstrdup(uri);
	docs[ndocs++].text = xstrdup(text);
}

static const char *text_of(const char *uri)
{
	for (size_t i = 0; uri && i < ndocs; i++)
		if (strcmp(docs[i].uri, uri) == 0)
			return docs[i].text;
	return NULL;
}

static json_object *member(json_object *o, const char *key)
{
	json_object *v = NULL;
	return json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v) ?
		       v :
		       NULL;
}

static const char *member_string(json_object *o, const char *key)
{
	json_object *v = member(o, key);
	return json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* Keep the texts of didOpen and didChange (full sync: the last change is the text). */
static void note_sent(json_object *msg)
{
	const char *method = member_string(msg, "method");
	json_object *params = member(msg, "params");
	const char *uri = member_string(member(params, "textDocument"), "uri");
	if (!method || !uri)
		return;
	if (strcmp(method, "textDocument/didOpen") == 0) {
		const char *text = member_string(member(params, "textDocument"), "text");
		if (text)
			remember(uri, text);
	} else if (strcmp(method, "textDocument/didChange") == 0) {
		json_object *changes = member(params, "contentChanges");
		size_t n = json_object_is_type(changes, json_type_array) ?
				   json_object_array_length(changes) :
				   0;
		const char *text = n ? member_string(json_object_array_get_idx(changes, n - 1),
						     "text") :
				       NULL;
		if (text)
			remember(uri, text);
	}
}

/*
 * An LSP position as domlint's 1-based line and byte column: lines end at LF, CR LF or CR;
 * a character beyond the BMP is two UTF-16 units. False when the position is not in text.
 */
static bool byte_position(const char *text, json_object *pos, long *line, long *col)
{
	json_object *l = member(pos, "line"), *c = member(pos, "character");
	if (!json_object_is_type(l, json_type_int) || !json_object_is_type(c, json_type_int))
		return false;
	int64_t want_line = json_object_get_int64(l), want_units = json_object_get_int64(c);
	const char *p = text;
	for (int64_t i = 0; i < want_line; i++) {
		size_t n = strcspn(p, "\r\n");
		if (!p[n])
			return false;
		p += n + (p[n] == '\r' && p[n + 1] == '\n' ? 2 : 1);
	}
	const char *s = p;
	int64_t units = 0;
	while (units < want_units && *p && *p != '\n' && *p != '\r') {
		unsigned char ch = (unsigned char)*p;
		size_t n = ch < 0x80 ? 1 : ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : ch >= 0xc0 ? 2 : 1;
		units += n == 4 ? 2 : 1;
		while (n-- > 0 && *p)
			p++;
	}
	if (units != want_units)
		return false;
	*line = (long)want_line + 1;
	*col = (long)(p - s) + 1;
	return true;
}

/* ---- the commands ---- */

static void cmd_expect(json_object *want)
{
	bool ok;
	json_object *got = receive("expect", &ok);
	if (!ok)
		return;
	char *a = canonical(want), *b = canonical(got);
	if (strcmp(a, b) == 0) {
		pass();
	} else {
		fail("the message differs from the expected one");
		print_diff(a, b);
	}
	free(a);
	free(b);
	json_object_put(got);
}

static void cmd_expect_error(long code, json_object *want_id, bool check_id)
{
	bool ok;
	json_object *got = receive("expect-error", &ok);
	if (!ok)
		return;
	json_object *err = member(got, "error"), *c = member(err, "code"), *id = NULL;
	bool has_id = json_object_is_type(got, json_type_object) &&
		      json_object_object_get_ex(got, "id", &id);
	const char *version = member_string(got, "jsonrpc");
	char *want_text = check_id ? canonical(want_id) : NULL,
	     *got_text = has_id ? canonical(id) : NULL;
	if (!json_object_is_type(err, json_type_object) || !json_object_is_type(c, json_type_int) ||
	    !json_object_is_type(member(err, "message"), json_type_string) || member(got, "result"))
		fail("expect-error %ld: not an error response: %s", code,
		     json_object_to_json_string_ext(got, JSON_C_TO_STRING_PLAIN |
								 JSON_C_TO_STRING_NOSLASHESCAPE));
	else if (!version || strcmp(version, "2.0") != 0 || !has_id)
		fail("expect-error %ld: not JSON-RPC 2.0 (jsonrpc \"2.0\" and id are required): %s",
		     code,
		     json_object_to_json_string_ext(got, JSON_C_TO_STRING_PLAIN |
								 JSON_C_TO_STRING_NOSLASHESCAPE));
	else if (json_object_get_int64(c) != code)
		fail("expect-error %ld: got error %lld: %s", code,
		     (long long)json_object_get_int64(c),
		     json_object_get_string(member(err, "message")));
	else if (check_id && strcmp(want_text, got_text) != 0)
		fail("expect-error %ld: id %.*s, expected %.*s", code, (int)strcspn(got_text, "\n"),
		     got_text, (int)strcspn(want_text, "\n"), want_text);
	else
		pass();
	free(want_text);
	free(got_text);
	json_object_put(got);
}

static void cmd_skip(void)
{
	bool ok;
	json_object *got = receive("skip", &ok);
	if (ok)
		pass();
	json_object_put(got);
}

static const char *severity_name(json_object *s)
{
	static const char *const names[] = { "error", "warning", "info", "hint" };
	int64_t v = json_object_is_type(s, json_type_int) ? json_object_get_int64(s) : 0;
	return v >= 1 && v <= 4 ? names[v - 1] : "none";
}

static void cmd_dump(void)
{
	bool ok;
	json_object *got = receive("dump", &ok);
	if (!ok)
		return;
	const char *method = member_string(got, "method");
	json_object *params = member(got, "params");
	const char *uri = member_string(params, "uri"), *text = text_of(uri);
	json_object *list = member(params, "diagnostics");
	if (!method || strcmp(method, "textDocument/publishDiagnostics") != 0 ||
	    !json_object_is_type(list, json_type_array)) {
		fail("dump: not a publishDiagnostics notification: %.300s",
		     json_object_to_json_string_ext(got, JSON_C_TO_STRING_PLAIN |
								 JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(got);
		return;
	}
	if (!text) {
		fail("dump: diagnostics for %s, a document the script never sent",
		     uri ? uri : "(no uri)");
		json_object_put(got);
		return;
	}
	bool all = true;
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *d = json_object_array_get_idx(list, i);
		long line, col;
		const char *code = member_string(d, "code");
		if (!byte_position(text, member(member(d, "range"), "start"), &line, &col)) {
			fail("dump: diagnostic %zu starts outside the document", i);
			all = false;
			continue;
		}
		printf("%ld %ld %s %s\n", line, col, code ? code : "(none)",
		       severity_name(member(d, "severity")));
		json_object *related = member(d, "relatedInformation");
		for (size_t k = 0; json_object_is_type(related, json_type_array) &&
				   k < json_object_array_length(related);
		     k++) {
			json_object *loc = member(json_object_array_get_idx(related, k),
						  "location");
			const char *rt = text_of(member_string(loc, "uri"));
			if (!rt || !byte_position(rt, member(member(loc, "range"), "start"), &line,
						  &col)) {
				fail("dump: related location %zu of diagnostic %zu is not in a "
				     "sent document",
				     k, i);
				all = false;
				continue;
			}
			printf("  related %ld %ld\n", line, col);
		}
	}
	fflush(stdout);
	if (all)
		pass();
	json_object_put(got);
}

static void cmd_expect_eof(void)
{
	json_object *msg;
	const char *why;
	char *why_buf;
	recv_status g = next_message(&msg, &why, &why_buf);
	if (g == GOT_EOF)
		pass();
	else if (g == GOT_ERROR)
		fail("expect-eof: %s", why);
	else
		fail("expect-eof: one more message: %.300s",
		     json_object_to_json_string_ext(msg, JSON_C_TO_STRING_PLAIN |
								 JSON_C_TO_STRING_NOSLASHESCAPE));
	free(why_buf);
	json_object_put(msg);
}

static void cmd_exit_status(long want)
{
	if (!wait_child(TIMEOUT_MS)) {
		fail("exit-status %ld: the server is still running after 10 s", want);
		return;
	}
	if (WIFSIGNALED(child_status))
		fail("exit-status %ld: the server was killed by signal %d", want,
		     WTERMSIG(child_status));
	else if (WEXITSTATUS(child_status) != want)
		fail("exit-status %ld: the server exited with status %d", want,
		     WEXITSTATUS(child_status));
	else
		pass();
}

/* raw TEXT: the C escapes \r \n \t \\ \xHH */
static bool unescape(const char *s, buf *out)
{
	for (; *s; s++) {
		if (*s != '\\') {
			buf_add(out, s, 1);
			continue;
		}
		char c;
		switch (*++s) {
		case 'r':
			c = '\r';
			break;
		case 'n':
			c = '\n';
			break;
		case 't':
			c = '\t';
			break;
		case '\\':
			c = '\\';
			break;
		case 'x': {
			int v = 0;
			for (int k = 0; k < 2; k++) {
				char h = s[1];
				int d = h >= '0' && h <= '9' ? h - '0' :
					h >= 'a' && h <= 'f' ? h - 'a' + 10 :
					h >= 'A' && h <= 'F' ? h - 'A' + 10 :
							       -1;
				if (d < 0)
					return false;
				v = v * 16 + d;
				s++;
			}
			c = (char)v;
			break;
		}
		default:
			return false;
		}
		buf_add(out, &c, 1);
	}
	return true;
}

/* Texts defined by the script's text blocks, for @TEXT:NAME@. */
typedef struct named_text {
	char *name;
	buf text;
} named_text;
static named_text *texts;
static size_t ntexts;

static const buf *text_named(const char *name)
{
	for (size_t i = 0; i < ntexts; i++)
		if (strcmp(texts[i].name, name) == 0)
			return &texts[i].text;
	return NULL;
}

/* Replace each @FILE:PATH@ and @TEXT:NAME@ by the file's contents or the text, as a JSON string. */
static bool substitute(const char *line, buf *out)
{
	const char *p = line;
	for (;;) {
		const char *file = strstr(p, "@FILE:"), *text = strstr(p, "@TEXT:");
		const char *at = file && (!text || file < text) ? file : text;
		if (!at)
			break;
		const char *close = strchr(at + 6, '@');
		if (!close) {
			fail("script: %.6s without its closing @", at);
			return false;
		}
		buf_add(out, p, (size_t)(at - p));
		char *name = xrealloc(NULL, (size_t)(close - at - 6) + 1);
		memcpy(name, at + 6, (size_t)(close - at - 6));
		name[close - at - 6] = '\0';
		size_t len = 0;
		char *data = NULL;
		const buf *named = NULL;
		if (at == file) {
			data = read_file(name, &len);
			if (!data) {
				fail("script: cannot read %s: %s", name, strerror(errno));
				free(name);
				return false;
			}
		} else if (!(named = text_named(name))) {
			fail("script: no text block named %s before this line", name);
			free(name);
			return false;
		}
		json_object *s = named ? json_object_new_string_len(named->p ? named->p : "",
								    (int)named->n) :
					 json_object_new_string_len(data, (int)len);
		buf_str(out,
			json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN |
								  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(s);
		free(data);
		free(name);
		p = close + 1;
	}
	buf_str(out, p);
	return true;
}

/*
 * The JSON argument of send or expect, starting at first and continued over the next lines
 * (*next is advanced) until it is one complete value. *text is the substituted text.
 */
static json_object *json_argument(const char *first, char **lines, size_t nlines, size_t *next,
				  char **text)
{
	buf b = { 0 };
	if (!substitute(first, &b))
		goto bad;
	for (;;) {
		json_tokener *tok = json_tokener_new();
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
		json_object *o = json_tokener_parse_ex(tok, b.p ? b.p : "", (int)b.n);
		enum json_tokener_error e = json_tokener_get_error(tok);
		size_t used = json_tokener_get_parse_end(tok);
		json_tokener_free(tok);
		if (e == json_tokener_success) {
			if (strspn(b.p + used, " \t\r\n") != b.n - used) {
				json_object_put(o);
				fail("script: text after the JSON value: %.80s", b.p + used);
				goto bad;
			}
			*text = b.p;
			return o;
		}
		if (e != json_tokener_continue || *next >= nlines) {
			fail("script: not valid JSON (%s)", e == json_tokener_continue ?
								    "it never ends" :
								    json_tokener_error_desc(e));
			goto bad;
		}
		buf_str(&b, "\n");
		if (!substitute(lines[(*next)++], &b))
			goto bad;
	}
bad:
	free(b.p);
	*text = NULL;
	return NULL;
}

static bool is_verb(const char *line, const char *verb, const char **rest)
{
	size_t n = strlen(verb);
	if (strncmp(line, verb, n) != 0 || (line[n] && line[n] != ' ' && line[n] != '\t'))
		return false;
	*rest = line + n + strspn(line + n, " \t");
	return true;
}

static bool parse_long(const char *s, long *v, const char **end)
{
	char *e;
	errno = 0;
	*v = strtol(s, &e, 10);
	if (e == s || errno)
		return false;
	*end = e + strspn(e, " \t");
	return true;
}

/* Run the script; false on a script error that stops it. */
static bool run(char **lines, size_t nlines)
{
	for (size_t i = 0; i < nlines;) {
		cmd_line = (unsigned long)i + 1;
		char *line = lines[i++];
		size_t len = strlen(line);
		while (len &&
		       (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
			line[--len] = '\0';
		line += strspn(line, " \t");
		const char *rest;
		long v;
		if (!*line || *line == '#')
			continue;
		if (is_verb(line, "send", &rest) || is_verb(line, "expect", &rest)) {
			bool sending = line[0] == 's';
			char *text;
			json_object *o = json_argument(rest, lines, nlines, &i, &text);
			if (!o && !text)
				return false;
			if (sending) {
				note_sent(o);
				char header[64];
				int n = snprintf(header, sizeof header,
						 "Content-Length: %zu\r\n\r\n", strlen(text));
				if (send_bytes(header, (size_t)n))
					send_bytes(text, strlen(text));
			} else {
				cmd_expect(o);
			}
			json_object_put(o);
			free(text);
		} else if (is_verb(line, "expect-error", &rest)) {
			if (!parse_long(rest, &v, &rest)) {
				fail("script: expect-error needs a code");
				return false;
			}
			json_object *id = NULL;
			if (*rest) {
				json_tokener *tok = json_tokener_new();
				json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
				id = json_tokener_parse_ex(
					tok, rest, -1); /* to the NUL, which ends a number */
				bool ok = json_tokener_get_error(tok) == json_tokener_success &&
					  json_tokener_get_parse_end(tok) == strlen(rest);
				json_tokener_free(tok);
				if (!ok) {
					json_object_put(id);
					fail("script: expect-error's ID is not one JSON value: %s",
					     rest);
					return false;
				}
			}
			cmd_expect_error(v, id, *rest != '\0');
			json_object_put(id);
		} else if (is_verb(line, "skip", &rest) && !*rest) {
			cmd_skip();
		} else if (is_verb(line, "dump", &rest) && !*rest) {
			cmd_dump();
		} else if (is_verb(line, "raw", &rest)) {
			buf b = { 0 };
			if (!unescape(rest, &b)) {
				fail("script: raw: a bad escape (\\r \\n \\t \\\\ \\xHH)");
				free(b.p);
				return false;
			}
			send_bytes(b.p ? b.p : "", b.n);
			free(b.p);
		} else if (is_verb(line, "text", &rest) && *rest) {
			bool crlf = false;
			size_t n = strcspn(rest, " \t");
			if (rest[n]) {
				crlf = strcmp(rest + n + strspn(rest + n, " \t"), "crlf") == 0;
				if (!crlf) {
					fail("script: text NAME [crlf]");
					return false;
				}
			}
			texts = xrealloc(texts, (ntexts + 1) * sizeof *texts);
			named_text *t = &texts[ntexts++];
			t->name = xrealloc(NULL, n + 1);
			memcpy(t->name, rest, n);
			t->name[n] = '\0';
			memset(&t->text, 0, sizeof t->text);
			for (;;) {
				if (i >= nlines) {
					fail("script: text %s has no end-text line", t->name);
					return false;
				}
				const char *l = lines[i++];
				if (strcmp(l, "end-text") == 0)
					break;
				buf_str(&t->text, l);
				buf_str(&t->text, crlf ? "\r\n" : "\n");
			}
		} else if (is_verb(line, "close", &rest) && !*rest) {
			close_input();
		} else if (is_verb(line, "expect-eof", &rest) && !*rest) {
			cmd_expect_eof();
		} else if (is_verb(line, "exit-status", &rest)) {
			if (!parse_long(rest, &v, &rest) || *rest) {
				fail("script: exit-status needs a number");
				return false;
			}
			cmd_exit_status(v);
		} else {
			fail("script: unknown command: %.60s", line);
			return false;
		}
	}
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: lsp_client DOMLINT SCRIPT [SERVER-OPTION]...\n");
		return 2;
	}
	script_path = argv[2];
	size_t len;
	char *script = read_file(script_path, &len);
	if (!script) {
		fprintf(stderr, "lsp-client: cannot read %s: %s\n", script_path, strerror(errno));
		return 2;
	}
	char **lines;
	size_t nlines = split_lines(script, &lines);
	signal(SIGPIPE, SIG_IGN);
	start_server(argv[1], argv + 3, argc - 3);
	run(lines, nlines);
	/* the end: let the server go, and stop it if it will not */
	close_input();
	if (!reaped && !wait_child(2000)) {
		kill(child, SIGKILL);
		waitpid(child, &child_status, 0);
	}
	close(from_server);
	fprintf(stderr, "lsp-client: %u passed, %u failed\n", passed, failed);
	for (size_t i = 0; i < ndocs; i++) {
		free(docs[i].uri);
		free(docs[i].text);
	}
	free(docs);
	for (size_t i = 0; i < ntexts; i++) {
		free(texts[i].name);
		free(texts[i].text.p);
	}
	free(texts);
	free(lines);
	free(script);
	free(inbox.p);
	return failed ? 1 : 0;
}
