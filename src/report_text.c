/* report_text.c - the default output: gcc-style lines that editors and problem matchers read */
#include "report_text.h"

#include <stdlib.h>

#include "rule.h"
#include "xmalloc.h"

char *dl_guest_note_text(const dl_guest_note *n)
{
	if (n->zpci && n->known)
		return xasprintf("%s -> guest %s (zpci uid 0x%04x%s, fid 0x%08x%s)", n->device,
				 n->guest, n->uid, n->uid_auto ? " (auto)" : "", n->fid,
				 n->fid_auto ? " (auto)" : "");
	if (n->known)
		return xasprintf("%s -> guest %s", n->device, n->guest);
	if (n->unknown)
		return xasprintf("%s -> guest unknown (%s)", n->device, n->unknown);
	return xasprintf("%s -> guest address assigned by libvirt", n->device);
}

void dl_report_text(FILE *out, const dl_file_result *r)
{
	for (size_t i = 0; i < r->diags.n; i++) {
		const dl_diag *d = &r->diags.v[i];
		fprintf(out, "%s:%lu:%lu: %s: %s [%s]\n", r->path, d->loc.line, d->loc.col,
			dl_severity_name(d->severity), d->message, dl_rules[d->rule].name);
		if (d->related_message)
			fprintf(out, "%s:%lu:%lu: note: %s\n", r->path, d->related_loc.line,
				d->related_loc.col, d->related_message);
	}
	for (size_t i = 0; i < r->nnotes; i++) {
		char *text = dl_guest_note_text(&r->notes[i]);
		fprintf(out, "%s:%lu:%lu: note: %s\n", r->path, r->notes[i].loc.line,
			r->notes[i].loc.col, text);
		free(text);
	}
}
