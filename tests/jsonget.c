/* jsonget.c - test tool: checks that standard input is one valid JSON document and prints values
 *
 * usage: jsonget [PATH]... < doc.json
 * PATH is dot-separated: object keys, array indexes, and '#' for an array's length
 * (files.0.diagnostics.#). Strings print bare, other values as JSON. Exit 1: not valid
 * JSON (or text after it); exit 2: a PATH that is not there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

static char *read_stdin(size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, stdin)) > 0) {
		n += r;
		if (n == cap) {
			char *bigger = realloc(buf, cap *= 2);
			if (!bigger)
				free(buf);
			buf = bigger;
		}
	}
	*len = n;
	return buf;
}

static int print_path(json_object *root, const char *path)
{
	char *copy = strdup(path), *save = NULL;
	json_object *o = root;
	for (char *seg = strtok_r(copy, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
		if (json_object_is_type(o, json_type_array) && strcmp(seg, "#") == 0) {
			printf("%zu\n", json_object_array_length(o));
			free(copy);
			return 0;
		}
		json_object *next = NULL;
		if (json_object_is_type(o, json_type_array)) {
			char *end;
			long i = strtol(seg, &end, 10);
			if (*end == '\0' && i >= 0 && (size_t)i < json_object_array_length(o))
				next = json_object_array_get_idx(o, (size_t)i);
		} else if (json_object_is_type(o, json_type_object)) {
			if (!json_object_object_get_ex(o, seg, &next)) {
				free(copy);
				return 2;
			}
		}
		if (!next && !json_object_is_type(o, json_type_object)) {
			free(copy);
			return 2;
		}
		o = next;
	}
	free(copy);
	if (json_object_is_type(o, json_type_string))
		printf("%s\n", json_object_get_string(o));
	else
		printf("%s\n",
		       json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
								 JSON_C_TO_STRING_NOSLASHESCAPE));
	return 0;
}

int main(int argc, char **argv)
{
	size_t len;
	char *text = read_stdin(&len);
	if (!text)
		return 1;
	json_tokener *tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_object *root = json_tokener_parse_ex(tok, text, (int)len);
	enum json_tokener_error err = json_tokener_get_error(tok);
	size_t used = json_tokener_get_parse_end(tok);
	while (used < len && strchr(" \t\r\n", text[used]))
		used++;
	int rc = 0;
	if (err != json_tokener_success || used != len) {
		fprintf(stderr, "jsonget: not one valid JSON document: %s (at byte %zu)\n",
			err != json_tokener_success ? json_tokener_error_desc(err) :
						      "text after it",
			used);
		rc = 1;
	}
	for (int i = 1; i < argc && rc == 0; i++) {
		int r = print_path(root, argv[i]);
		if (r) {
			fprintf(stderr, "jsonget: no %s\n", argv[i]);
			rc = r;
		}
	}
	json_object_put(root);
	json_tokener_free(tok);
	free(text);
	return rc;
}
