/* lsp.h - domlint as a language server: findings as you type, guest addresses on hover, fixes */
#ifndef DL_LSP_H
#define DL_LSP_H

#include <stdio.h>

#include "confset.h"

/*
 * Serve LSP over in/out until the client says exit; returns the exit status. Each document
 * is linted with the configuration configs gives its directory ([paths] excludes included).
 */
int dl_lsp_serve(FILE *in, FILE *out, dl_confset *configs);

#endif
