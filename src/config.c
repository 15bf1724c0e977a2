/* config.c - what a run is asked to do: rule severities, the bind-note pattern, the fail level */
#include "config.h"

#include <string.h>

#include "xmalloc.h"

void dl_config_init(dl_config *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < DL_RULE_COUNT; i++)
		c->severity[i] = dl_rules[i].default_severity;
	c->fail_on = DL_SEV_ERROR;
	c->addresses = true;
	char *error = NULL;
	if (dl_config_set_bind_note(c, DL_BIND_NOTE_DEFAULT, &error) < 0)
		abort(); /* the built-in pattern always compiles */
}

void dl_config_release(dl_config *c)
{
	pcre2_code_free(c->bind_note);
	c->bind_note = NULL;
}

int dl_config_set_bind_note(dl_config *c, const char *pattern, char **error)
{
	int code;
	PCRE2_SIZE offset;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code,
				       &offset, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		*error = xasprintf("bad bind-note pattern at offset %zu: %s", (size_t)offset,
				   (const char *)msg);
		return -1;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* an optimisation only: failure is fine */
	pcre2_code_free(c->bind_note);
	c->bind_note = re;
	return 0;
}

bool dl_config_is_bind_note(const dl_config *c, const char *text)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(c->bind_note, NULL);
	if (!md)
		return false;
	int rc = pcre2_match(c->bind_note, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}
