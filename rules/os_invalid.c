/* os_invalid.c - firmware, loader, NVRAM, boot, ACPI and sysinfo settings libvirt rejects at define */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../src/osdef.h"
#include "../src/rule.h"
#include "../src/text.h"

#define RULE DL_RULE_OS_INVALID

static dl_loc attr_loc(dl_ctx *ctx, const xmlNode *elem, const char *name)
{
	return dl_doc_attr_loc(ctx->doc, elem, name);
}

static dl_loc elem_loc(dl_ctx *ctx, const xmlNode *elem)
{
	return dl_doc_elem_loc(ctx->doc, elem);
}

/* virDomainDefOSValidate, for a domain with <os firmware>: the loader is libvirt's to pick. */
static bool check_autoselect(dl_ctx *ctx, const dl_osdef *os)
{
	const xmlNode *l = os->loader;
	if (l && (os->readonly == DL_TRI_YES || os->readonly == DL_TRI_NO)) {
		dl_report(ctx, RULE, attr_loc(ctx, l, "readonly"),
			  "with <os firmware> libvirt picks the loader itself, so it takes no "
			  "readonly (\"loader attribute 'readonly' cannot be specified when "
			  "firmware autoselection is enabled\")");
	} else if (l && (dl_text_is(os->loader_type, "rom") ||
			 dl_text_is(os->loader_type, "pflash") || os->loader_path)) {
		/* virDomainDefPostParseOs: a loader with a path and no type gets type 'rom' */
		dl_report(ctx, RULE, os->loader_type ? attr_loc(ctx, l, "type") : elem_loc(ctx, l),
			  "with <os firmware> libvirt picks the loader itself, so it takes no "
			  "type or path (\"loader attribute 'type' cannot be specified when "
			  "firmware autoselection is enabled\")");
	} else if (os->nvram_template) {
		dl_report(ctx, RULE, attr_loc(ctx, os->nvram, "template"),
			  "with <os firmware> libvirt picks the NVRAM template itself "
			  "(\"nvram attribute 'template' cannot be specified when firmware "
			  "autoselection is enabled\")");
	} else if (l && os->secure == DL_TRI_NO) {
		dl_report(ctx, RULE, attr_loc(ctx, l, "secure"),
			  "with <os firmware> secure boot is asked for with <firmware><feature "
			  "name='secure-boot'>, not the loader's secure attribute (\"loader "
			  "attribute 'secure' cannot be specified when firmware autoselection is "
			  "enabled\")");
	} else if (os->nvram_set && strcmp(os->firmware, "efi") != 0) {
		dl_report(ctx, RULE, elem_loc(ctx, os->nvram),
			  "only EFI firmware keeps variables in NVRAM (\"firmware type '%s' does "
			  "not support nvram\")",
			  os->firmware);
	} else {
		return false;
	}
	return true;
}

/* virDomainDefOSValidate, the stateless checks that follow the others. */
static void check_stateless(dl_ctx *ctx, const dl_osdef *os)
{
	const xmlNode *l = os->loader;
	if (os->stateless == DL_TRI_YES) {
		if (os->nvram_template)
			dl_report(ctx, RULE, attr_loc(ctx, os->nvram, "template"),
				  "a stateless loader keeps no NVRAM, so it takes no template "
				  "(\"NVRAM template is not permitted when loader is stateless\")");
		else if (os->nvram_set)
			dl_report(ctx, RULE, elem_loc(ctx, os->nvram),
				  "a stateless loader keeps no NVRAM (\"NVRAM is not permitted "
				  "when loader is stateless\")");
	} else if (os->stateless == DL_TRI_NO) {
		if (!os->firmware) {
			/* virDomainDefPostParseOs: a loader with a path and no type is a rom */
			if (!dl_text_is(os->loader_type, "pflash"))
				dl_report(ctx, RULE, attr_loc(ctx, l, "stateless"),
					  "stateless='no' asks for NVRAM, which only a pflash "
					  "loader has (\"Only pflash loader type permits NVRAM\")");
		} else if (strcmp(os->firmware, "efi") != 0) {
			dl_report(ctx, RULE, attr_loc(ctx, l, "stateless"),
				  "stateless='no' asks for NVRAM, which only EFI firmware has "
				  "(\"Only EFI firmware permits NVRAM\")");
		}
	}
}

static void check_os(dl_ctx *ctx, const dl_osdef *os)
{
	bool fw_known = dl_text_is(os->firmware, "bios") || dl_text_is(os->firmware, "efi");
	if (os->firmware && !fw_known)
		return; /* libvirt stops at the unknown value */
	/* virDomainDefPostParseOs runs before validation */
	if (os->enrolled_keys_on == DL_TRI_YES && os->secure_boot_on == DL_TRI_NO) {
		dl_diag *d = dl_report(ctx, RULE, elem_loc(ctx, os->enrolled_keys),
				       "enrolled Secure Boot keys need the secure-boot feature, "
				       "which this domain disables (\"firmware feature "
				       "'enrolled-keys' cannot be enabled when firmware feature "
				       "'secure-boot' is disabled\")");
		dl_diag_relate(d, elem_loc(ctx, os->secure_boot), "secure-boot is disabled here");
		return;
	}
	bool loader = os->loader || os->nvram;
	if (os->firmware) {
		if (!loader || check_autoselect(ctx, os))
			return;
	} else {
		if (os->fw_element) {
			dl_report(ctx, RULE, elem_loc(ctx, os->fw_element),
				  "<os><firmware> features choose a firmware for libvirt's "
				  "autoselection, which needs <os firmware='efi'> (\"cannot use "
				  "feature-based firmware autoselection when firmware "
				  "autoselection is disabled\")");
			return;
		}
		if (!loader)
			return;
		if (!os->loader_path) {
			dl_report(ctx, RULE, elem_loc(ctx, os->loader ? os->loader : os->nvram),
				  "without <os firmware> the loader needs a path (\"no loader path "
				  "specified and firmware auto selection disabled\")");
			return;
		}
	}
	check_stateless(ctx, os);
}

/* qemuValidateDomainDef: UEFI needs ACPI on x86, ACPI needs UEFI on aarch64. */
static void check_acpi(dl_ctx *ctx, const dl_osdef *os)
{
	const char *arch = ctx->model->arch;
	bool efi = dl_text_is(os->firmware, "efi");
	bool old_uefi = os->loader && dl_text_is(os->loader_type, "pflash");
	bool x86 = dl_text_is(arch, "x86_64") || dl_text_is(arch, "i686");
	if ((efi || old_uefi) && x86 && !os->acpi) {
		dl_report(ctx, RULE,
			  efi ? attr_loc(ctx, os->os, "firmware") :
				attr_loc(ctx, os->loader, "type"),
			  "UEFI on x86 needs <features><acpi/> (\"UEFI requires ACPI on this "
			  "architecture\")");
	}
	if (os->acpi && dl_text_is(arch, "aarch64") && !efi && !old_uefi) {
		dl_report(ctx, RULE, elem_loc(ctx, os->acpi),
			  "ACPI on aarch64 needs UEFI firmware: <os firmware='efi'> or a pflash "
			  "loader (\"ACPI requires UEFI on this architecture\")");
	}
}

/* The <boot> of a device that libvirt reads one for (disks, filesystems, interfaces, host devices, redirdevs). */
static const xmlNode *device_boot(const dl_device *d)
{
	switch (d->kind) {
	case DL_DEV_DISK:
	case DL_DEV_FILESYSTEM:
	case DL_DEV_INTERFACE:
	case DL_DEV_HOSTDEV:
	case DL_DEV_REDIRDEV:
		return d->node && d->has_boot ? dl_doc_child(d->node, "boot") : NULL;
	default:
		return NULL;
	}
}

/* virDomainDeviceLoadparmIsValid, on the value upper-cased as libvirt does. */
static void check_loadparm(dl_ctx *ctx, const xmlNode *boot)
{
	const char *lp = dl_doc_attr(ctx->doc, boot, "loadparm");
	if (!lp)
		return;
	char up[64];
	size_t n = strlen(lp);
	if (n >= sizeof up)
		n = sizeof up - 1;
	for (size_t i = 0; i < n; i++)
		up[i] = lp[i] == '-' ? '_' :
				       (char)toupper((unsigned char)lp[i]); /* virStringToUpper */
	up[n] = 0;
	size_t blank = strspn(lp, " \t\r\n\v\f");
	if (!lp[blank] || strlen(lp) > 8) {
		dl_report(ctx, RULE, attr_loc(ctx, boot, "loadparm"),
			  "an s390x loadparm is 1 to 8 characters (\"loadparm value '%s' must be "
			  "between 1 and 8 characters\")",
			  up);
	} else if (strspn(up, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789. ") != strlen(up)) {
		dl_report(ctx, RULE, attr_loc(ctx, boot, "loadparm"),
			  "a loadparm takes only letters, digits, '.' and blanks (\"invalid "
			  "loadparm value '%s', expecting chars in set of [a-zA-Z0-9.] and blank "
			  "spaces\")",
			  up);
	}
}

/* virDomainDefBootOrderPostParse and virDomainDeviceBootParseXML, over the devices' <boot>. */
static void check_device_boot(dl_ctx *ctx, const dl_osdef *os)
{
	const dl_model *m = ctx->model;
	const xmlNode *first = NULL;
	for (size_t i = 0; i < m->ndevices; i++) {
		const xmlNode *b = device_boot(&m->devices[i]);
		if (!b)
			continue;
		check_loadparm(ctx, b);
		const char *order = dl_doc_attr(ctx->doc, b, "order");
		if (!first && order && order[strspn(order, "0123456789")] == 0 && order[0] &&
		    strtoul(order, NULL, 10) != 0)
			first = b;
	}
	if (first && os->hvm && os->boot) {
		dl_diag *
			d = dl_report(ctx, RULE, elem_loc(ctx, os->boot),
				      "boot order is given either by <os><boot dev> or by devices' "
				      "<boot order>, not both (\"per-device boot elements cannot "
				      "be used together with os/boot elements\")");
		dl_diag_relate(d, elem_loc(ctx, first), "a device's boot order");
	}
}

/* virDomainDefParseBootXML and virDomainDefBootValidate: the boot menu timeout. */
static void check_bootmenu(dl_ctx *ctx, const dl_osdef *os)
{
	if (!os->hvm || !os->bootmenu ||
	    dl_osdef_tristate(ctx->doc, os->bootmenu, "enable", false) != DL_TRI_YES)
		return;
	const char *t = dl_doc_attr(ctx->doc, os->bootmenu, "timeout");
	if (!t || !isdigit((unsigned char)t[0]) || t[strspn(t, "0123456789")])
		return;
	errno = 0;
	unsigned long long v = strtoull(t, NULL, 10);
	if (!errno && v > 65535 && v <= UINT_MAX)
		dl_report(ctx, RULE, attr_loc(ctx, os->bootmenu, "timeout"),
			  "the boot menu timeout is in milliseconds, at most 65535 (\"invalid "
			  "value for boot menu timeout, must be in range [0,65535]\")");
}

/* virStrToLong_i: optional blanks and sign, digits; *end is where it stopped. */
static bool to_int(const char *s, const char **end, long *out)
{
	char *e;
	errno = 0;
	long v = strtol(s, &e, 10);
	if (e == s || errno || v < INT_MIN || v > INT_MAX)
		return false;
	*out = v;
	*end = e;
	return true;
}

static const xmlNode *entry_named(dl_doc *doc, const xmlNode *parent, const char *name)
{
	for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (dl_doc_is(c, "entry") && dl_text_is(dl_doc_attr(doc, c, "name"), name))
			return c;
	return NULL;
}

/* virSysinfoBIOSParseXML: mm/dd/yy or mm/dd/yyyy. */
static bool date_ok(const char *s)
{
	long mon, day, year;
	const char *p;
	if (!to_int(s, &p, &mon) || *p != '/' || !to_int(p + 1, &p, &day) || *p != '/' ||
	    !to_int(p + 1, &p, &year) || *p)
		return false;
	return mon >= 1 && mon <= 12 && day >= 1 && day <= 31 && year >= 0 &&
	       (year < 100 || year >= 1900);
}

/* virSysinfoParseSMBIOSDef: the BIOS date's format, the system UUID against <uuid>. */
static void check_sysinfo(dl_ctx *ctx)
{
	const xmlNode *uuid_el = dl_doc_child(ctx->root, "uuid");
	unsigned char dom[16];
	bool dom_uuid = false;
	if (uuid_el) {
		char *u = dl_osdef_text(uuid_el);
		dom_uuid = dl_osdef_uuid(u, dom);
		free(u);
		if (!dom_uuid)
			return; /* libvirt stops at the domain's own UUID */
	}
	for (const xmlNode *s = ctx->root->children; s; s = s->next) {
		if (!dl_doc_is(s, "sysinfo") ||
		    !dl_text_is(dl_doc_attr(ctx->doc, s, "type"), "smbios"))
			continue;
		const xmlNode *date = entry_named(ctx->doc, dl_doc_child(s, "bios"), "date");
		char *text = date ? dl_osdef_text(date) : NULL;
		bool bad = text && *text && !date_ok(text);
		free(text);
		if (bad) {
			dl_report(ctx, RULE, elem_loc(ctx, date),
				  "the SMBIOS BIOS date is mm/dd/yyyy (or mm/dd/yy) (\"Invalid "
				  "BIOS "
				  "'date' format\")");
			return;
		}
		const xmlNode *su = entry_named(ctx->doc, dl_doc_child(s, "system"), "uuid");
		text = su ? dl_osdef_text(su) : NULL;
		unsigned char sys[16];
		if (text && *text && !dl_osdef_uuid(text, sys)) {
			dl_report(ctx, RULE, elem_loc(ctx, su),
				  "the SMBIOS system UUID does not parse "
				  "(\"malformed <sysinfo> uuid element\")");
			free(text);
			return;
		}
		if (text && *text && dom_uuid && memcmp(sys, dom, 16) != 0) {
			dl_diag *d = dl_report(ctx, RULE, elem_loc(ctx, su),
					       "the SMBIOS system UUID must be the domain's <uuid> "
					       "(\"UUID mismatch between <uuid> and <sysinfo>\")");
			dl_diag_relate(d, elem_loc(ctx, uuid_el), "the domain's <uuid>");
			free(text);
			return;
		}
		free(text);
	}
}

static bool is_qemu(dl_ctx *ctx)
{
	const char *t = dl_doc_attr(ctx->doc, ctx->root, "type");
	return dl_text_is(t, "qemu") || dl_text_is(t, "kvm");
}

void dl_rule_os_invalid(dl_ctx *ctx)
{
	dl_osdef os;
	dl_osdef_read(ctx->doc, ctx->root, &os);
	if (os.hvm) {
		check_os(ctx, &os);
		check_bootmenu(ctx, &os);
		if (is_qemu(ctx))
			check_acpi(ctx, &os);
	}
	check_device_boot(ctx, &os);
	check_sysinfo(ctx);
}
