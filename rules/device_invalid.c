/* device_invalid.c - devices libvirt refuses at define in combination: TPM, video, graphics, USB disabled, input and network driver settings */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../src/rule.h"
#include "../src/text.h"

#define R DL_RULE_DEVICE_INVALID

static const char *attr(dl_ctx *ctx, const xmlNode *elem, const char *name)
{
	return elem ? dl_doc_attr(ctx->doc, elem, name) : NULL;
}

/* virStrToLong_uip in base 10: the whole text, no '-', within unsigned int. */
static bool parse_uint(const char *s, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || memchr(s, '-', (size_t)(end - s)) || v > 0xffffffffUL)
		return false;
	*out = v;
	return true;
}

/* virDomainTPMDefParseXML (one backend) and qemuValidateDomainDefTPMs (one of each kind). */
static void check_tpms(dl_ctx *ctx, const dl_model *m)
{
	const dl_device *proxy = NULL, *regular = NULL;
	for (const dl_device *d = dl_model_first(m, DL_DEV_TPM); d; d = dl_model_next(m, d)) {
		size_t nbackends = 0;
		for (const xmlNode *c = d->node ? d->node->children : NULL; c; c = c->next)
			nbackends += dl_doc_is(c, "backend");
		if (nbackends == 0) {
			dl_report(ctx, R, d->loc,
				  "a <tpm> without <backend> (\"missing TPM device backend\")");
			continue;
		}
		if (nbackends > 1) {
			dl_report(ctx, R, d->loc,
				  "a <tpm> with %zu <backend>s (\"only one TPM backend is "
				  "supported\")",
				  nbackends);
			continue;
		}
		bool is_proxy = dl_text_is(d->model, "spapr-tpm-proxy");
		const dl_device **first = is_proxy ? &proxy : &regular;
		if (*first) {
			dl_diag *diag = dl_report(ctx, R, d->loc,
						  "a second %s <tpm>: a domain has one at most "
						  "(\"only a single %s "
						  "device is supported\")",
						  is_proxy ? "proxy" : "non-proxy",
						  is_proxy ? "TPM Proxy" : "TPM non-proxy");
			dl_diag_relate(diag, (*first)->loc, "the first one");
		} else {
			*first = d;
		}
	}
}

/* virDomainVideoDefValidate ('none' alone) and virDomainDefVideoValidate (one primary). */
static void check_videos(dl_ctx *ctx, const dl_model *m)
{
	size_t n = 0;
	const dl_device *primary = NULL;
	for (const dl_device *d = dl_model_first(m, DL_DEV_VIDEO); d; d = dl_model_next(m, d))
		n++;
	for (const dl_device *d = dl_model_first(m, DL_DEV_VIDEO); d; d = dl_model_next(m, d)) {
		const xmlNode *model = dl_doc_child(d->node, "model");
		if (n > 1 && dl_text_is(d->model, "none"))
			dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, model, "type"),
				  "video type 'none' beside %zu other video device%s (\"a 'none' "
				  "video type must be the only video device defined for the "
				  "domain\")",
				  n - 1, n > 2 ? "s" : "");
		if (!dl_text_is(attr(ctx, model, "primary"), "yes"))
			continue;
		if (primary) {
			dl_diag *
				diag = dl_report(ctx, R,
						 dl_doc_attr_loc(ctx->doc, model, "primary"),
						 "a second video device with primary='yes' (\"Only "
						 "one primary video device is supported\")");
			dl_diag_relate(diag, primary->loc, "the first primary video device");
		} else {
			primary = d;
		}
	}
}

/* qemuValidateDomainDeviceDefGraphics: what egl-headless pairs with. */
static void check_graphics(dl_ctx *ctx, const dl_model *m)
{
	const dl_device *egl = NULL;
	for (const dl_device *d = dl_model_first(m, DL_DEV_GRAPHICS); d && !egl;
	     d = dl_model_next(m, d))
		if (dl_text_is(d->type, "egl-headless"))
			egl = d;
	if (!egl)
		return;
	for (const dl_device *d = dl_model_first(m, DL_DEV_GRAPHICS); d; d = dl_model_next(m, d)) {
		if (!d->type || dl_text_is(d->type, "egl-headless") || dl_text_is(d->type, "vnc"))
			continue;
		dl_diag *diag = NULL;
		const xmlNode *gl = dl_doc_child(d->node, "gl");
		if (!dl_text_is(d->type, "spice"))
			diag = dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->node, "type"),
					 "graphics type '%s' beside egl-headless (\"graphics type "
					 "'egl-headless' is only supported with one of: 'vnc', "
					 "'spice' graphics types\")",
					 d->type);
		else if (dl_text_is(attr(ctx, gl, "enable"), "yes"))
			diag = dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, gl, "enable"),
					 "spice with OpenGL beside egl-headless, which has its own "
					 "(\"multiple OpenGL displays are not supported by "
					 "QEMU\")");
		if (diag)
			dl_diag_relate(diag, egl->loc, "the egl-headless display");
	}
}

/* USB turned off by a usb controller of model none (virDomainDefParseXML). */
static void check_usb_disabled(dl_ctx *ctx, const dl_model *m)
{
	const dl_device *none = NULL;
	for (const dl_device *d = dl_model_first(m, DL_DEV_CONTROLLER); d && !none;
	     d = dl_model_next(m, d))
		if (d->node && dl_text_is(d->type, "usb") && dl_text_is(d->model, "none"))
			none = d;
	if (!none)
		return;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		dl_diag *diag = NULL;
		if (d->kind == DL_DEV_INPUT && dl_text_is(attr(ctx, d->node, "bus"), "usb"))
			diag = dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->node, "bus"),
					 "a USB input device where USB is off (\"Can't add USB "
					 "input device. USB bus is disabled\")");
		else if (d->kind == DL_DEV_HUB && dl_text_is(d->type, "usb"))
			diag = dl_report(ctx, R, d->loc,
					 "a USB hub where USB is off (\"Can't add USB hub: USB is "
					 "disabled for this domain\")");
		if (diag)
			dl_diag_relate(diag, none->loc, "USB is turned off here");
	}
}

/* qemuValidateDomainDeviceDefInput: virtio input has no (non-)transitional models. */
static void check_input(dl_ctx *ctx, const dl_device *d)
{
	const char *model = attr(ctx, d->node, "model");
	if (!dl_text_is(attr(ctx, d->node, "bus"), "virtio") ||
	    !(dl_text_is(model, "virtio-transitional") ||
	      dl_text_is(model, "virtio-non-transitional")))
		return;
	dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->node, "model"),
		  "input model '%s': virtio input devices have no transitional models (\"virtio "
		  "(non-)transitional models are not supported for input type=%s\")",
		  model, d->type ? d->type : "(null)");
}

/* virDomainNetDefParseXMLDriver and qemuValidateDomainDeviceDefNetwork: virtio queue settings. */
static void check_net_driver(dl_ctx *ctx, const dl_device *d)
{
	if (dl_text_is(d->type, "hostdev") ||
	    !(dl_text_is(d->model, "virtio") || dl_text_is(d->model, "virtio-transitional") ||
	      dl_text_is(d->model, "virtio-non-transitional")))
		return;
	const xmlNode *drv = dl_doc_child(d->node, "driver");
	static const char *const names[] = { "queues", "rx_queue_size", "tx_queue_size" };
	for (size_t i = 0; drv && i < 3; i++) {
		const char *raw = attr(ctx, drv, names[i]);
		unsigned long v;
		if (!raw)
			continue;
		dl_loc loc = dl_doc_attr_loc(ctx->doc, drv, names[i]);
		if (!parse_uint(raw, &v)) {
			dl_report(ctx, R, loc,
				  "driver %s '%s' is not a non-negative integer (\"Invalid value "
				  "for "
				  "attribute '%s' in element 'driver': '%s'. Expected non-negative "
				  "integer value\")",
				  names[i], raw, names[i], raw);
			return; /* libvirt stops at the first */
		}
		if (i > 0 && v && (v & (v - 1)))
			dl_report(ctx, R, loc,
				  "driver %s '%lu' is not a power of two (\"%s has to be a power "
				  "of two\")",
				  names[i], v, names[i]);
	}
}

void dl_rule_device_invalid(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	check_tpms(ctx, m);
	check_videos(ctx, m);
	check_graphics(ctx, m);
	check_usb_disabled(ctx, m);
	for (const dl_device *d = dl_model_first(m, DL_DEV_INPUT); d; d = dl_model_next(m, d))
		check_input(ctx, d);
	for (const dl_device *d = dl_model_first(m, DL_DEV_INTERFACE); d; d = dl_model_next(m, d))
		check_net_driver(ctx, d);
}
