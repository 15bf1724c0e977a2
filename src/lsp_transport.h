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
 * max bytes is consumed without being kept. *body is NUL-terminated; caller frees.
 */
dl_lsp_read_status dl_lsp_read(FILE *in, size_t max, char **body, size_t *len);
/* Write obj as one framed message and flush. */
void dl_lsp_write(FILE *out, json_object *obj);

#endif
