/* lsp_transport.h - the Language Server Protocol's framing: Content-Length headers, JSON bodies */
#ifndef DL_LSP_TRANSPORT_H
#define DL_LSP_TRANSPORT_H

#include <stddef.h>
#include <stdio.h>

#include <json-c/json.h>

typedef enum {
	DL_LSP_MESSAGE,   /* *body holds one message */
	DL_LSP_EOF,       /* the client closed the stream */
	DL_LSP_BAD_FRAME, /* headers without a usable Content-Length: skipped */
	DL_LSP_TOO_LARGE, /* a body over the limit: read and thrown away */
} dl_lsp_read_status;

/*
 * Read one message: headers up to an empty line, then Content-Length bytes. A body over
 * max bytes is consumed without being kept (*len says how long it was). *body is
 * NUL-terminated; caller frees.
 */
dl_lsp_read_status dl_lsp_read(FILE *in, size_t max, char **body, size_t *len);
/*
 * What json-c takes, at most, for one message's values (json-c 0.16, 64-bit: an empty object
 * is about 800 bytes, an empty array 160, a number 80): a 30 MB body of [] would be 1.6 GB.
 */
#define DL_LSP_JSON_BUDGET ((size_t)64 << 20)
/* How deep a message's JSON may nest: LSP's own messages stay under 10. */
#define DL_LSP_JSON_DEPTH 32

typedef enum {
	DL_LSP_PARSED,      /* *out holds the value; caller puts it */
	DL_LSP_NOT_JSON,    /* not one JSON value, too deep, or not UTF-8 */
	DL_LSP_TOO_COMPLEX, /* its values would take more than DL_LSP_JSON_BUDGET: not parsed */
} dl_lsp_parse_status;

/*
 * Parse a body as strict JSON, after a count of its objects, arrays and other values (one
 * pass, no allocation) has shown that json-c's objects for them fit DL_LSP_JSON_BUDGET.
 */
dl_lsp_parse_status dl_lsp_parse(const char *body, size_t len, json_object **out);
/* Write obj as one framed message and flush. */
void dl_lsp_write(FILE *out, json_object *obj);

#endif
