/* severity.c - how much a finding matters: off, info, warning, error */
#include "severity.h"

#include <string.h>

static const char *const severity_names[] = { "off", "info", "warning", "error" };

const char *dl_severity_name(dl_severity s)
{
	return (unsigned)s < 4 ? severity_names[s] : "?";
}

int dl_severity_parse(const char *s, dl_severity *out)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, severity_names[i]) == 0) {
			*out = (dl_severity)i;
			return 0;
		}
	return -1;
}
