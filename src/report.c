/* report.c - the table of output formats and what they share */
#include "report.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "pciaddr.h"
#include "xmalloc.h"

static const dl_format *const formats[] = { &dl_format_text, &dl_format_json, &dl_format_sarif,
					    &dl_format_github };

const char dl_format_names[] = "text, json, sarif, github";

const dl_format *dl_format_find(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

void dl_reporter_init(dl_reporter *r, const dl_format *format, FILE *out, bool color)
{
	memset(r, 0, sizeof *r);
	r->format = format;
	r->out = out;
	r->color = color;
}

void dl_reporter_release(dl_reporter *r)
{
	for (size_t i = 0; i < r->ndeferred; i++)
		free(r->deferred[i]);
	free(r->deferred);
	r->deferred = NULL;
	r->ndeferred = r->deferred_cap = 0;
}

void dl_reporter_defer(dl_reporter *r, char *text)
{
	xgrow((void **)&r->deferred, &r->deferred_cap, r->ndeferred + 1, sizeof *r->deferred);
	r->deferred[r->ndeferred++] = text;
}

/* A small growing string, for a note's text. */
typedef struct text_buf {
	char *s;
	size_t n, cap;
} text_buf;

static void put(text_buf *b, const char *s)
{
	size_t len = strlen(s);
	xgrow((void **)&b->s, &b->cap, b->n + len + 1, 1);
	memcpy(b->s + b->n, s, len + 1);
	b->n += len;
}

static void put_hex(text_buf *b, unsigned value, int width)
{
	char tmp[12] = "0x";
	*dl_hex(tmp + 2, value, width) = '\0';
	put(b, tmp);
}

char *dl_report_guest_host(const dl_guest_note *n)
{
	if (!n->host_checked)
		return NULL;
	if (!n->host_present)
		return xstrdup("not on the host");
	if (!n->host_driver)
		return xasprintf("%s, no driver", n->host_name);
	return xasprintf("%s, driver %s", n->host_name, n->host_driver);
}

char *dl_report_guest_note(const dl_guest_note *n, bool *plain)
{
	/*
	 * only the label and the host's names can hold text from outside (the rest is domlint's
	 * own): check just those
	 */
	char *host = dl_report_guest_host(n);
	if (plain)
		*plain = !dl_escape_needed(n->device) && !(host && dl_escape_needed(host));
	text_buf b = { NULL, 0, 0 };
	xgrow((void **)&b.s, &b.cap, 128, 1); /* most notes fit: no growing on the way */
	put(&b, n->device);
	if (host) {
		put(&b, " (");
		put(&b, host);
		put(&b, ")");
		free(host);
	}
	put(&b, " -> guest ");
	if (n->known) {
		put(&b, n->guest);
		if (n->kind == DL_GUEST_CCW) {
			char ccw[40];
			snprintf(ccw, sizeof ccw, " (ccw %x.%x.%04x%s)", n->cssid, n->ssid,
				 n->devno, n->ccw_auto ? " (auto)" : "");
			put(&b, ccw);
		}
		if (n->kind == DL_GUEST_ZPCI) {
			put(&b, " (zpci uid ");
			put_hex(&b, n->uid, 4);
			put(&b, n->uid_auto ? " (auto), fid " : ", fid ");
			put_hex(&b, n->fid, 8);
			put(&b, n->fid_auto ? " (auto))" : ")");
		}
	} else if (n->kind == DL_GUEST_AP) {
		put(&b,
		    "no address (an AP matrix: the guest finds its crypto adapters on the AP bus)");
	} else if (n->unknown) {
		put(&b, "unknown (");
		put(&b, n->unknown);
		put(&b, ")");
	} else {
		put(&b, "address assigned by libvirt");
	}
	return b.s;
}
