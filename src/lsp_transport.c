/* lsp_transport.c - the Language Server Protocol's framing: Content-Length headers, JSON bodies */
#include "lsp_transport.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report_json.h"
#include "xmalloc.h"

/* One header line without its CR LF, at most cap-1 bytes kept; false at end of input. */
static bool read_line(FILE *in, char *line, size_t cap)
{
	size_t n = 0;
	int c;
	while ((c = getc(in)) != EOF && c != '\n')
		if (n + 1 < cap)
			line[n++] = (char)c;
	if (c == EOF && n == 0)
		return false;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	return true;
}

dl_lsp_read_status dl_lsp_read(FILE *in, size_t max, char **body, size_t *len)
{
	char line[256];
	long long length = -1;
	bool any = false;
	for (;;) {
		if (!read_line(in, line, sizeof line))
			return DL_LSP_EOF;
		if (line[0] == '\0') {
			if (any)
				break;
			continue; /* blank lines between messages */
		}
		any = true;
		if (strncasecmp(line, "Content-Length:", 15) == 0) {
			char *end;
			long long v = strtoll(line + 15, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
			length = *end == '\0' && v >= 0 ? v : -2;
		}
	}
	if (length < 0)
		return DL_LSP_BAD_FRAME;
	if ((unsigned long long)length > max) {
		*len = (size_t)length;
		for (long long i = 0; i < length && getc(in) != EOF; i++)
			;
		return DL_LSP_TOO_LARGE;
	}
	char *buf = xmalloc((size_t)length + 1);
	size_t got = fread(buf, 1, (size_t)length, in);
	if (got != (size_t)length) {
		free(buf);
		return DL_LSP_EOF;
	}
	buf[got] = '\0';
	*body = buf;
	*len = got;
	return DL_LSP_MESSAGE;
}

/* json-c's bytes for each kind of value, measured (json-c 0.16, x86-64), rounded up */
#define COST_OBJECT 800 /* the struct and a 16-slot hash table */
#define COST_ARRAY 160  /* the struct and a 32-slot array */
#define COST_VALUE 80   /* a number, a literal, a string's struct, a member's key */

/* An upper bound of what json-c allocates for body's values, strings' bytes aside. */
static size_t json_cost(const char *body, size_t len)
{
	size_t cost = COST_VALUE;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char c = body[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{') {
			cost += COST_OBJECT;
		} else if (c == '[') {
			cost += COST_ARRAY;
		} else if (c == ',' || c == ':') { /* each further element, each member's value */
			cost += COST_VALUE;
		}
	}
	return cost;
}

dl_lsp_parse_status dl_lsp_parse(const char *body, size_t len, json_object **out)
{
	*out = NULL;
	if (json_cost(body, len) > DL_LSP_JSON_BUDGET)
		return DL_LSP_TOO_COMPLEX;
	if (len > INT_MAX)
		return DL_LSP_NOT_JSON; /* json-c takes an int; the body limit keeps far below */
	json_tokener *tok = json_tokener_new_ex(DL_LSP_JSON_DEPTH);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_object *msg = json_tokener_parse_ex(tok, body, (int)len);
	bool parsed = json_tokener_get_error(tok) == json_tokener_success;
	json_tokener_free(tok);
	if (!parsed) {
		json_object_put(msg);
		return DL_LSP_NOT_JSON;
	}
	*out = msg;
	return DL_LSP_PARSED;
}

void dl_lsp_write(FILE *out, json_object *obj)
{
	const char *text = dl_json_text(obj);
	fprintf(out, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
	fflush(out);
}
