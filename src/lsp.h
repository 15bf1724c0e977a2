/* lsp.h - domlint as a language server: findings as you type, guest addresses on hover, a quick fix */
#ifndef DL_LSP_H
#define DL_LSP_H

#include <stdio.h>

#include "config.h"

/*
 * Build the configuration for documents in directory dir (NULL when the document has no
 * path): defaults, the nearest .domlint.conf, the command line. 0, or -1 with *error set
 * (caller frees).
 */
typedef int dl_lsp_configure_fn(dl_config *config, const char *dir, void *data, char **error);

/* Serve LSP over in/out until the client says exit; returns the exit status. */
int dl_lsp_serve(FILE *in, FILE *out, dl_lsp_configure_fn *configure, void *data);

#endif
