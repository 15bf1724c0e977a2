/* escape.h - making paths and messages safe for each output: terminals, JSON, URIs, GitHub */
#ifndef DL_ESCAPE_H
#define DL_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Control characters as \xNN (C0, DEL, C1) or \uNNNN (bidirectional overrides), so a file
 * name or value cannot move the cursor, end a line or reorder what is shown. Caller frees.
 */
char *dl_escape_text(const char *s);
/* How many columns the character at s takes once escaped as dl_escape_text does; *bytes its length. */
size_t dl_escape_width(const char *s, size_t *bytes);
/* Would dl_escape_text change s? (A quick look, so most text is printed as it is.) */
bool dl_escape_needed(const char *s);
/* Invalid UTF-8 bytes replaced by U+FFFD, as JSON requires. Caller frees. */
char *dl_escape_utf8(const char *s);
/* A relative path as a URI reference: bytes outside RFC 3986's unreserved set and '/' as %XX. Caller frees. */
char *dl_escape_uri(const char *path);
/*
 * GitHub workflow command data (property=false) or property value: control characters as
 * in dl_escape_text, % (and , :) as %XX, and no "##[" the runner could take for a command.
 * Caller frees.
 */
char *dl_escape_github(const char *s, bool property);

#endif
