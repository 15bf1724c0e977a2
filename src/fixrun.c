/* fixrun.c - fixing one file: lint, apply the fixes, lint the result again until nothing changes */
#include "fixrun.h"

#include <stdlib.h>
#include <string.h>

#include "readfile.h"
#include "xmalloc.h"

void dl_fix_buffer(const dl_config *config, const char *path, const char *buf, size_t len, bool named,
		   dl_fix_level level, dl_file_result *out)
{
	char *original = xmalloc(len + 1);
	memcpy(original, buf, len);
	original[len] = '\0';
	char *text = NULL; /* the latest fixed text; NULL while it is the original */
	size_t text_len = len, total = 0;
	dl_lint_buffer(config, path, original, len, named, out);
	/*
	 * A fix is computed on the text it was found in, so each pass lints anew; the findings a
	 * pass leaves are those of the text as it stands. A file that does not parse gets no fixes.
	 */
	for (int pass = 0; pass < DL_FIX_PASSES && out->status == DL_FILE_LINTED && out->well_formed; pass++) {
		size_t applied = 0, next_len = 0;
		char *next = dl_fix_apply(text ? text : original, text_len, &out->diags, level, &next_len,
					  &applied);
		if (!next)
			break;
		dl_file_result again;
		dl_lint_buffer(config, path, next, next_len, named, &again);
		if (again.status != DL_FILE_LINTED || !again.well_formed) {
			/* a fix that breaks the XML is a bug in domlint: keep the last good text */
			dl_file_result_release(&again);
			free(next);
			break;
		}
		dl_file_result_release(out);
		*out = again;
		free(text);
		text = next;
		text_len = next_len;
		total += applied;
	}
	out->original = original;
	out->original_len = len;
	if (text && (text_len != len || memcmp(text, original, len) != 0)) {
		out->fixed = text;
		out->fixed_len = text_len;
	} else {
		free(text);
	}
	out->nfixed = total;
}

void dl_fix_path(const dl_config *config, const char *path, const char *display_name, bool named,
		 dl_fix_level level, dl_file_result *out)
{
	const char *shown = display_name ? display_name : path;
	size_t len = 0;
	char *why = NULL;
	const char *buf = dl_readfile_input(path, config->max_file_size, &len, &why);
	if (!buf) {
		dl_file_result_unreadable(out, shown, why);
		return;
	}
	dl_fix_buffer(config, shown, buf, len, named, level, out);
	dl_readfile_input_done();
}
