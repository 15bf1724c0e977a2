/* report_json.h - the json format, and the JSON pieces other JSON outputs share */
#ifndef DL_REPORT_JSON_H
#define DL_REPORT_JSON_H

#include <json-c/json.h>

#include "lint.h"

/* A JSON string of s, with invalid UTF-8 replaced (json-c copies bytes as they are). */
json_object *dl_json_string(const char *s);
/* A guest address note as an object: line, column, device, guest, zpci, unknown, text. */
json_object *dl_json_guest_note(const dl_guest_note *n);
/* Serialise without pretty-printing or escaped slashes; borrowed until obj is freed. */
const char *dl_json_text(json_object *obj);

#endif
