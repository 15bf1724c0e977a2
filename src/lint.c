/* lint.c - one file through the pipeline: read, load, model, rules, guest addresses */
#include "lint.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "escape.h"
#include "fix.h"
#include "machine.h"
#include "model.h"
#include "modelbuild.h"
#include "rule.h"
#include "suppress.h"
#include "text.h"
#include "xmalloc.h"
#include "zpci.h"

static const char *zpci_unknown_reason(const dl_device *dev)
{
	const dl_addr *g = &dev->guest;
	if (g->has_zpci && !dl_addr_is_pci(g))
		return "its <zpci> is not in an <address type='pci'>";
	if (!dev->zpci_capable)
		return "libvirt reserves no zpci ids for character devices";
	if (g->has_zpci && (g->uid.num.status != DL_NUM_ABSENT || g->fid.num.status != DL_NUM_ABSENT))
		return "its zpci uid or fid is invalid";
	return "libvirt has no free zpci uid left";
}

/* A vfio-ap mdev: the guest reaches its crypto adapters on the AP bus, not at an address. */
static bool is_ap_matrix(const dl_device *dev)
{
	return dev->hostdev == DL_HOSTDEV_MDEV && dl_text_is(dev->model, "vfio-ap");
}

/*
 * On q35, a bus no pci controller of the file gives is one libvirt adds, and for a
 * conventional PCI device it adds a dmi-to-pci-bridge and a pci-bridge behind it and puts the
 * device on the bridge: the written bus is not where it ends up (checked with libvirt).
 * Returns the highest bus whose address holds as written: every bus on other machines.
 */
static long last_fixed_bus(const dl_model *m)
{
	if (dl_machine_of(m).family != DL_MACHINE_Q35)
		return LONG_MAX;
	long last = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *c = &m->devices[i];
		if (c->kind == DL_DEV_CONTROLLER && dl_text_is(c->type, "pci") && c->ctrl_idx > last)
			last = c->ctrl_idx;
	}
	return last;
}

/* The note for dev, taking its label: the model is freed right after. */
static void note_for(const dl_doc *doc, const dl_model *m, long last_bus, dl_device *dev,
		     dl_guest_note *n)
{
	memset(n, 0, sizeof *n);
	n->loc = dev->loc;
	n->end = dev->node ? dl_doc_elem_end(doc, dev->node) : dev->loc;
	if (dev->implicit) {
		n->device = xasprintf("%s (added by libvirt)", dev->label);
	} else {
		n->device = dev->label;
		dev->label = NULL;
	}
	if (is_ap_matrix(dev)) {
		n->no_address = true;
		return;
	}
	if (!dev->pci && dev->ccw) {
		n->ccw = true;
		n->known = dev->ccw_id.known;
		if (!n->known) {
			n->unknown = "its CCW address is invalid";
			return;
		}
		n->cssid = dev->ccw_id.cssid;
		n->ssid = dev->ccw_id.ssid;
		n->devno = dev->ccw_id.devno;
		n->ccw_auto = dev->ccw_id.automatic;
		/* a guest without MCSS-E sees the default cssid 0xfe as 0: /sys/bus/ccw/devices/0.0.0001 */
		snprintf(n->guest, sizeof n->guest, "%x.%x.%04x", n->cssid == 0xfe ? 0 : n->cssid,
			 n->ssid, n->devno);
		return;
	}
	if (dl_device_is_zpci(m, dev)) {
		n->zpci = true;
		n->known = dev->uid.known && dev->fid.known;
		if (!n->known) {
			n->unknown = zpci_unknown_reason(dev);
			return;
		}
		n->uid = dev->uid.value;
		n->fid = dev->fid.value;
		n->uid_auto = dev->uid.automatic;
		n->fid_auto = dev->fid.automatic;
		dl_pci_format(n->guest, n->uid, 0, 0, 0);
		return;
	}
	const dl_addr *a = &dev->guest;
	if (!dl_addr_is_pci(a) || dl_addr_is_empty(a))
		return; /* libvirt assigns it */
	if (!dl_addr_in_range(a) || a->domain.num.value != 0) {
		n->unknown = "its guest address is invalid";
		return;
	}
	if ((long)a->bus.num.value > last_bus) {
		n->unknown = "libvirt adds the bus and may move the device";
		return;
	}
	n->known = true;
	dl_pci_format(n->guest, a->domain.num.value, a->bus.num.value, a->slot.num.value,
		      a->function.num.value);
}

/* A small growing string, for the note text built once per device. */
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

/* What every format prints for a note: "hostdev X -> guest Y (zpci uid ..., fid ...)". */
static char *note_text(const dl_guest_note *n)
{
	text_buf b = { NULL, 0, 0 };
	xgrow((void **)&b.s, &b.cap, 128, 1); /* most notes fit: no growing on the way */
	put(&b, n->device);
	put(&b, " -> guest ");
	if (n->known) {
		put(&b, n->guest);
		if (n->ccw) {
			char ccw[40];
			snprintf(ccw, sizeof ccw, " (ccw %x.%x.%04x%s)", n->cssid, n->ssid, n->devno,
				 n->ccw_auto ? " (auto)" : "");
			put(&b, ccw);
		}
		if (n->zpci) {
			put(&b, " (zpci uid ");
			put_hex(&b, n->uid, 4);
			put(&b, n->uid_auto ? " (auto), fid " : ", fid ");
			put_hex(&b, n->fid, 8);
			put(&b, n->fid_auto ? " (auto))" : ")");
		}
	} else if (n->no_address) {
		put(&b, "no address (an AP matrix: the guest finds its crypto adapters on the AP bus)");
	} else if (n->unknown) {
		put(&b, "unknown (");
		put(&b, n->unknown);
		put(&b, ")");
	} else {
		put(&b, "address assigned by libvirt");
	}
	return b.s;
}

/* A device that passes a host device through: a PCI or mediated hostdev, <interface type='hostdev'>. */
static bool is_passthrough(const dl_device *dev)
{
	return dev->pci_hostdev || dev->hostdev == DL_HOSTDEV_MDEV;
}

/* The guest address cannot exist: libvirt rejects what it would be built from. */
static bool address_impossible(const dl_model *m, const dl_device *dev)
{
	if (dev->guest.has_zpci && !m->s390x)
		return true; /* zPCI exists only on s390x */
	return dev->pci_hostdev && !dl_addr_in_range(&dev->source);
}

/*
 * PCI devices, the CCW devices of the file (libvirt's own added ones have no note), vfio-ap;
 * by default only passed-through devices and the ones whose zPCI ids libvirt fills in.
 */
static bool has_note(const dl_model *m, const dl_device *dev, dl_addresses mode)
{
	if (!(dev->pci || (dev->ccw && !dev->implicit) || is_ap_matrix(dev)) ||
	    address_impossible(m, dev))
		return false;
	if (mode == DL_ADDRESSES_ALL)
		return true;
	return is_passthrough(dev) ||
	       (dl_device_is_zpci(m, dev) && (dev->uid.automatic || dev->fid.automatic));
}

static void collect_notes(const dl_doc *doc, dl_model *m, dl_addresses mode, dl_file_result *out)
{
	size_t n = 0;
	for (size_t i = 0; i < m->ndevices; i++)
		n += has_note(m, &m->devices[i], mode);
	if (n == 0)
		return;
	out->notes = xcalloc(n, sizeof *out->notes);
	long last_bus = last_fixed_bus(m);
	for (size_t i = 0, k = 0; i < m->ndevices; i++) {
		if (!has_note(m, &m->devices[i], mode))
			continue;
		note_for(doc, m, last_bus, &m->devices[i], &out->notes[k]);
		out->notes[k].text = note_text(&out->notes[k]);
		/* only the label can hold file text (the rest is domlint's own): check just that */
		out->notes[k].plain = !dl_escape_needed(out->notes[k].device);
		k++;
	}
	out->nnotes = n;
}

/* The length of the run at p (before end) without any byte of stop. */
static size_t strcspn_n(const char *p, const char *end, const char *stop)
{
	const char *q = p;
	while (q < end && !strchr(stop, *q))
		q++;
	return (size_t)(q - p);
}

/*
 * A finding's line is shown cut to SOURCE_SIDE bytes either side of its column, with "…" where
 * it was cut: a one-line document with thousands of findings must not copy (and print) the
 * whole line for each.
 */
#define SOURCE_SIDE 100
#define ELLIPSIS "\u2026"

static bool utf8_continuation(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* The window of line [p, p + n) around byte column col (1-based), in x->source and x->source_col. */
static void attach_window(dl_diag *x, const char *p, size_t n, unsigned long col)
{
	size_t at = col == 0 ? 0 : col - 1 < n ? col - 1 : n;
	size_t from = at > SOURCE_SIDE ? at - SOURCE_SIDE : 0;
	size_t to = n - at > SOURCE_SIDE ? at + SOURCE_SIDE : n;
	while (from > 0 && from < at && utf8_continuation(p[from]))
		from++; /* never start inside a UTF-8 sequence */
	while (to < n && to > at && utf8_continuation(p[to]))
		to--; /* nor end inside one */
	size_t left = from > 0 ? strlen(ELLIPSIS) : 0, right = to < n ? strlen(ELLIPSIS) : 0;
	char *text = xmalloc(left + (to - from) + right + 1), *w = text;
	memcpy(w, ELLIPSIS, left);
	w += left;
	memcpy(w, p + from, to - from);
	w += to - from;
	memcpy(w, ELLIPSIS, right);
	w[right] = '\0';
	x->source = text;
	x->source_col = col == 0 ? 0 : col - from + left;
}

/* One pass over buf for all findings, which are sorted by line; lines end at LF, CRLF or CR. */
static void attach_source_lines(dl_diags *d, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	unsigned long line = 1;
	size_t n = strcspn_n(p, end, "\r\n"); /* the length of line `line` */
	for (size_t i = 0; i < d->n; i++) {
		while (line < d->v[i].loc.line && p < end) {
			p += n;
			p += p < end && *p == '\r' && p + 1 < end && p[1] == '\n' ? 2 : p < end;
			line++;
			n = strcspn_n(p, end, "\r\n");
		}
		if (line != d->v[i].loc.line || p >= end)
			continue;
		attach_window(&d->v[i], p, n, d->v[i].loc.col);
	}
}

/*
 * Keep the fixes whose edits are sound (sorted, apart, inside the text) and give their edits
 * lines and columns; drop the others.
 */
static void finish_fixes(const dl_doc *doc, dl_diags *d, size_t len)
{
	for (size_t i = 0; i < d->n; i++) {
		dl_fix *fix = d->v[i].fix;
		if (!fix)
			continue;
		if (!dl_fix_valid(fix, len)) {
			dl_fix_free(fix);
			d->v[i].fix = NULL;
			continue;
		}
		for (size_t k = 0; k < fix->n; k++) {
			fix->edits[k].start_loc = dl_doc_loc_at(doc, fix->edits[k].start);
			fix->edits[k].end_loc = dl_doc_loc_at(doc, fix->edits[k].end);
		}
	}
}

void dl_lint_buffer(const dl_config *config, const char *path, const char *buf, size_t len,
		    bool named, dl_file_result *out)
{
	memset(out, 0, sizeof *out);
	out->path = xstrdup(path);
	dl_load_error err;
	dl_ctx ctx = { .config = config, .named = named, .diags = &out->diags,
		       .suppressed = &out->suppressed };
	ctx.doc = dl_doc_load(buf, len, &err);
	ctx.load_error = &err;
	out->well_formed = ctx.doc != NULL;
	dl_model *model = NULL;
	dl_suppressions suppressions;
	if (ctx.doc) {
		dl_suppressions_build(&suppressions, ctx.doc);
		ctx.suppressions = &suppressions;
		ctx.root = dl_doc_root(ctx.doc);
		if (dl_doc_is(ctx.root, "domain")) {
			model = dl_model_build(ctx.doc, ctx.root);
			dl_zpci_predict(model);
			ctx.model = model;
		} else if (!named) {
			out->status = DL_FILE_SKIPPED;
			dl_suppressions_release(&suppressions);
			dl_doc_free(ctx.doc);
			return;
		}
	}
	dl_rules_run(&ctx);
	if (ctx.doc) {
		finish_fixes(ctx.doc, &out->diags, len);
		finish_fixes(ctx.doc, &out->suppressed, len);
	}
	dl_diags_sort(&out->diags);
	dl_diags_sort(&out->suppressed);
	if (config->source_lines)
		attach_source_lines(&out->diags, buf, len);
	if (model && config->addresses != DL_ADDRESSES_NONE)
		collect_notes(ctx.doc, model, config->addresses, out);
	dl_model_free(model);
	if (ctx.doc)
		dl_suppressions_release(&suppressions);
	dl_doc_free(ctx.doc);
	free(err.message);
}

void dl_file_result_unreadable(dl_file_result *out, const char *path, char *why)
{
	memset(out, 0, sizeof *out);
	out->path = xstrdup(path);
	out->status = DL_FILE_UNREADABLE;
	out->error = why;
}

static char *too_large(size_t max)
{
	return max % (1024 * 1024) == 0 ? xasprintf("larger than %zu MiB (--max-file-size), not linted", max / (1024 * 1024)) :
					  xasprintf("larger than %zu bytes (--max-file-size), not linted", max);
}

/*
 * Each thread reads files into one buffer it keeps (a large allocation per file is what
 * makes glibc's malloc consolidate its free lists); one that grew past this is let go.
 */
#define KEEP_READ_BUFFER ((size_t)1 << 20)
static _Thread_local char *read_buf;
static _Thread_local size_t read_cap;

void dl_lint_thread_done(void)
{
	free(read_buf);
	read_buf = NULL;
	read_cap = 0;
	dl_doc_thread_done();
}

/* Reads all of fd into the thread's buffer, refusing more than max bytes; NULL with *why on failure. */
static char *read_all(int fd, size_t max, size_t hint, size_t *len, char **why)
{
	/* a regular file's size is known: room for it, and one more byte to see the end */
	xgrow((void **)&read_buf, &read_cap, hint + 1, 1);
	size_t n = 0;
	for (;;) {
		if (n == read_cap)
			xgrow((void **)&read_buf, &read_cap, n + 65536, 1);
		ssize_t r = read(fd, read_buf + n, read_cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*why = xasprintf("cannot read: %s", strerror(errno));
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == hint && hint > 0 && fd != STDIN_FILENO)
			break; /* all fstat promised: spare the read that would return 0 */
		if (n > max) {
			*why = too_large(max);
			return NULL;
		}
	}
	*len = n;
	return read_buf;
}

const char *dl_lint_read(const dl_config *config, const char *path, const char *shown, size_t *len,
			 dl_file_result *out)
{
	bool is_stdin = strcmp(path, "-") == 0;
	/* O_NONBLOCK: a FIFO must never block the run; it is refused below anyway. */
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		dl_file_result_unreadable(out, shown, xasprintf("cannot open: %s", strerror(errno)));
		return NULL;
	}
	struct stat st;
	if (!is_stdin && fstat(fd, &st) < 0) {
		dl_file_result_unreadable(out, shown, xasprintf("cannot stat: %s", strerror(errno)));
		close(fd);
		return NULL;
	}
	if (!is_stdin && !S_ISREG(st.st_mode)) {
		dl_file_result_unreadable(out, shown, xstrdup(S_ISDIR(st.st_mode) ? "is a directory" :
								     "not a regular file"));
		close(fd);
		return NULL;
	}
	if (!is_stdin && (uintmax_t)st.st_size > (uintmax_t)config->max_file_size) {
		dl_file_result_unreadable(out, shown, too_large(config->max_file_size));
		close(fd);
		return NULL;
	}
	/* O_NONBLOCK stays: it changes nothing for a regular file, and costs no syscalls to keep */
	char *why = NULL;
	char *buf = read_all(fd, config->max_file_size, is_stdin ? 65535 : (size_t)st.st_size, len, &why);
	if (!is_stdin)
		close(fd);
	if (!buf)
		dl_file_result_unreadable(out, shown, why);
	return buf;
}

void dl_lint_read_done(void)
{
	if (read_cap > KEEP_READ_BUFFER) {
		free(read_buf);
		read_buf = NULL;
		read_cap = 0;
	}
}

void dl_lint_path(const dl_config *config, const char *path, const char *display_name, bool named,
		  dl_file_result *out)
{
	const char *shown = display_name ? display_name : path;
	size_t len = 0;
	const char *buf = dl_lint_read(config, path, shown, &len, out);
	if (!buf)
		return;
	dl_lint_buffer(config, shown, buf, len, named, out);
	dl_lint_read_done();
}

void dl_file_result_release(dl_file_result *r)
{
	free(r->path);
	free(r->error);
	dl_diags_release(&r->diags);
	dl_diags_release(&r->suppressed);
	free(r->original);
	free(r->fixed);
	for (size_t i = 0; i < r->nnotes; i++) {
		free(r->notes[i].device);
		free(r->notes[i].text);
	}
	free(r->notes);
	memset(r, 0, sizeof *r);
}
