/* lsp_transport.c - the Language Server Protocol's framing: Content-Length headers, JSON bodies */
#include "lsp_transport.h"

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

void dl_lsp_write(FILE *out, json_object *obj)
{
	const char *text = dl_json_text(obj);
	fprintf(out, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
	fflush(out);
}
