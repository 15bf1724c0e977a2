/* severity.h - how much a finding matters: off, info, warning, error */
#ifndef DL_SEVERITY_H
#define DL_SEVERITY_H

/* Ordered: a higher level is more severe (--fail-on compares them). */
typedef enum {
	DL_SEV_OFF,
	DL_SEV_INFO,
	DL_SEV_WARNING,
	DL_SEV_ERROR,
} dl_severity;

/* "error", "warning", "info", "off"; parse returns 0, or -1 for an unknown word. */
const char *dl_severity_name(dl_severity s);
int dl_severity_parse(const char *s, dl_severity *out);

#endif
