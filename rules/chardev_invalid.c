/* chardev_invalid.c - serial, parallel, console and channel settings libvirt rejects at define */
#include <string.h>

#include "../src/machine.h"
#include "../src/rule.h"
#include "../src/text.h"

#define R DL_RULE_CHARDEV_INVALID

/*
 * virDomainDefAddConsoleCompat: only consoles[0] may stand for a serial port; and a console
 * without target type is a serial one by then (virDomainChrDefPostParse runs first).
 */
static void check_console_serial(dl_ctx *ctx, const dl_model *m)
{
	const dl_device *first = dl_model_first(m, DL_DEV_CONSOLE);
	for (const dl_device *c = first ? dl_model_next(m, first) : NULL; c;
	     c = dl_model_next(m, c)) {
		if (c->target_type && strcmp(c->target_type, "serial") != 0)
			continue;
		dl_diag *d = dl_report(ctx, DL_RULE_CHARDEV_INVALID,
				       c->target_type ?
					       dl_doc_attr_loc(ctx->doc, c->target_node, "type") :
					       c->loc,
				       "only the first <console> can have target type 'serial', "
				       "which is "
				       "also what a console without target type gets "
				       "(\"Only the first console can be a serial port\")");
		dl_diag_relate(d, first->loc, "the first console");
		return; /* libvirt stops at the first */
	}
}

/* The text of attribute name of elem (NULL when elem or the attribute is absent). */
static const char *attr(dl_ctx *ctx, const xmlNode *elem, const char *name)
{
	return elem ? dl_doc_attr(ctx->doc, elem, name) : NULL;
}

/*
 * Does libvirt drop this unix socket path of a virtio channel as one it generated
 * (qemuDomainChrDefDropDefaultPath)? Its pattern is "^DIR/([^/]+\.)|(domain-[^/]+/)NAME$": the
 * second branch is not anchored to the channel directory, so any path whose last directory
 * holds "domain-" and something after it, followed by the target name, is dropped. The first
 * branch depends on the host's channel directory and is left out.
 */
static bool generated_path(const char *path, const char *name)
{
	if (!path || !name || !*name)
		return false;
	size_t n = strlen(path), k = strlen(name);
	if (n < k + 1 || strcmp(path + n - k, name) != 0 || path[n - k - 1] != '/')
		return false;
	size_t end = n - k - 1; /* the '/' before the name */
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	for (size_t i = start; i + 7 < end; i++)
		if (strncmp(path + i, "domain-", 7) == 0)
			return true;
	return false;
}

/*
 * virDomainChrSourceDefValidate and qemuValidateDomainChrSourceReconnectDef on the source of a
 * character device (or of an rng's egd backend): owner is the element with the type attribute
 * and the <source> children; generated is true for a virtio or xen channel, whose unix socket
 * path libvirt makes up.
 */
static void check_source(dl_ctx *ctx, const xmlNode *owner, const char *type, bool generated,
			 const char *channel_name)
{
	const xmlNode *src = dl_doc_child(owner, "source");
	dl_loc where = dl_doc_elem_loc(ctx->doc, src ? src : owner);
	bool path_needed = dl_text_is(type, "file") || dl_text_is(type, "dev") ||
			   dl_text_is(type, "pipe") || (dl_text_is(type, "unix") && !generated);
	/* a second <source> is refused first (only udp may have two) */
	for (const xmlNode *n = src ? src->next : NULL; n; n = n->next)
		if (dl_doc_is(n, "source") && !dl_text_is(type, "udp"))
			return;
	if (path_needed && !attr(ctx, src, "path")) {
		dl_report(ctx, R, where,
			  "character device of type '%s' without a source path (\"Missing source "
			  "path attribute for char device\")",
			  type);
		return;
	}
	if (dl_text_is(type, "tcp")) {
		const char *missing = !attr(ctx, src, "host")    ? "host" :
				      !attr(ctx, src, "service") ? "service" :
								   NULL;
		if (missing) {
			dl_report(ctx, R, where,
				  "tcp character device without a source %s (\"Missing source %s "
				  "attribute for char device\")",
				  missing, missing);
			return;
		}
	}
	if (!dl_text_is(type, "tcp") && !dl_text_is(type, "unix"))
		return;
	const xmlNode *rc = dl_doc_child(src, "reconnect");
	if (!dl_text_is(attr(ctx, rc, "enabled"), "yes"))
		return;
	/* libvirt listens on a unix socket whose path it makes up */
	const char *path = attr(ctx, src, "path");
	bool made_up = !path || generated_path(path, channel_name);
	bool listen = dl_text_is(attr(ctx, src, "mode"), "bind") ||
		      (dl_text_is(type, "unix") && made_up);
	if (listen) {
		dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, rc, "enabled"),
			  "reconnect on a character device that listens (mode 'bind'%s): only a "
			  "connecting one can reconnect (\"chardev reconnect is possible only for "
			  "connect mode\")",
			  dl_text_is(type, "unix") ?
				  ", or a unix socket whose path libvirt generates" :
				  "");
		return;
	}
	const char *timeout = attr(ctx, rc, "timeout");
	if (timeout && strspn(timeout, "0") == strlen(timeout) && *timeout)
		dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, rc, "timeout"),
			  "reconnect timeout '%s' (\"chardev reconnect source timeout cannot be "
			  "'0'\")",
			  timeout);
}

static bool arch_is_s390(const dl_model *m)
{
	return dl_text_is(m->arch, "s390") || dl_text_is(m->arch, "s390x");
}

/* The serial target model libvirt fills in for a target type (qemuDomainChrDefPostParse). */
static const char *default_serial_model(const char *type, const dl_machine *mach)
{
	if (dl_text_is(type, "spapr-vio-serial"))
		return "spapr-vty";
	if (dl_text_is(type, "sclp-serial"))
		return "sclpconsole";
	if (dl_text_is(type, "system-serial") && mach->family == DL_MACHINE_ARM_VIRT)
		return "pl011";
	if (dl_text_is(type, "system-serial") && mach->family == DL_MACHINE_RISCV_VIRT)
		return "16550a";
	return NULL;
}

/*
 * qemuValidateDomainChrDef: serial target types and models that only one machine has. Only
 * a target type given with its own model (or none) is judged: a model of another type is
 * refused with another message.
 */
static void check_serial_target(dl_ctx *ctx, const dl_model *m, const dl_machine *mach,
				const dl_device *d)
{
	const char *type = d->target_type;
	if (!type || mach->family == DL_MACHINE_UNKNOWN)
		return;
	const xmlNode *mnode = dl_doc_child(d->target_node, "model");
	const char *model = mnode ? attr(ctx, mnode, "name") : NULL;
	if (mnode && !model)
		return;
	if (!model)
		model = default_serial_model(type, mach);
	bool bad = false;
	if (dl_text_is(type, "system-serial"))
		bad = (dl_text_is(model, "pl011") && mach->family != DL_MACHINE_ARM_VIRT) ||
		      (dl_text_is(model, "16550a") && mach->family != DL_MACHINE_RISCV_VIRT);
	else if (dl_text_is(type, "spapr-vio-serial"))
		bad = dl_text_is(model, "spapr-vty") && mach->family != DL_MACHINE_PSERIES;
	else if (dl_text_is(type, "sclp-serial"))
		bad = (dl_text_is(model, "sclpconsole") || dl_text_is(model, "sclplmconsole")) &&
		      !arch_is_s390(m);
	if (!bad)
		return;
	dl_diag *diag = dl_report(ctx, R, dl_doc_attr_loc(ctx->doc, d->target_node, "type"),
				  "serial target type '%s' with model '%s' does not exist on this "
				  "machine "
				  "(\"Serial device with target type '%s' and target model '%s' "
				  "not compatible "
				  "with guest architecture or machine type\")",
				  type, model, type, model);
	if (mach->name)
		dl_diag_relate(diag, m->machine_loc, "the machine '%s' is chosen here", mach->name);
}

void dl_rule_chardev_invalid(dl_ctx *ctx)
{
	const dl_model *m = ctx->model;
	dl_machine mach = dl_machine_of(m);
	check_console_serial(ctx, m);
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		if (!d->node)
			continue;
		switch (d->kind) {
		case DL_DEV_SERIAL:
		case DL_DEV_PARALLEL:
		case DL_DEV_CHANNEL:
		case DL_DEV_CONSOLE:
			check_source(ctx, d->node, d->type,
				     d->kind == DL_DEV_CHANNEL &&
					     (dl_text_is(d->target_type, "virtio") ||
					      dl_text_is(d->target_type, "xen")),
				     d->kind == DL_DEV_CHANNEL &&
						     dl_text_is(d->target_type, "virtio") ?
					     attr(ctx, d->target_node, "name") :
					     NULL);
			break;
		case DL_DEV_RNG: {
			const xmlNode *b = dl_doc_child(d->node, "backend");
			if (b && dl_text_is(attr(ctx, b, "model"), "egd"))
				check_source(ctx, b, attr(ctx, b, "type"), false, NULL);
			break;
		}
		default:
			break;
		}
		if (d->kind == DL_DEV_SERIAL)
			check_serial_target(ctx, m, &mach, d);
		if (d->kind == DL_DEV_PARALLEL &&
		    (arch_is_s390(m) || mach.family == DL_MACHINE_PSERIES))
			dl_report(ctx, R, d->loc,
				  "a <parallel> port on %s, which has none (\"parallel ports are "
				  "not supported\")",
				  arch_is_s390(m) ? "s390" : "a pSeries machine");
	}
}
