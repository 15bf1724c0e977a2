/* osdef.c - what libvirt reads of a domain's <os>, <features>, <sysinfo> and <clock>: firmware, loader, NVRAM, boot, ACPI and machine features */
#include "osdef.h"
#include "text.h"
#include "xmalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

dl_tristate dl_osdef_tristate(dl_doc *doc, const xmlNode *elem, const char *name, bool sw)
{
	const char *v = elem ? dl_doc_attr(doc, elem, name) : NULL;
	if (!v)
		return DL_TRI_ABSENT;
	if (strcmp(v, sw ? "on" : "yes") == 0)
		return DL_TRI_YES;
	if (strcmp(v, sw ? "off" : "no") == 0)
		return DL_TRI_NO;
	return DL_TRI_INVALID;
}

static bool text_of(const xmlNode *elem, char **out)
{
	bool any = false;
	for (const xmlNode *c = elem ? elem->children : NULL; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    c->content[0]) {
			if (!out)
				return true;
			any = true;
		} else if (c->type == XML_ELEMENT_NODE && text_of(c, NULL)) {
			if (!out)
				return true;
			any = true;
		}
	}
	if (out) {
		xmlChar *t = any ? xmlNodeGetContent(elem) : NULL;
		*out = xstrdup(t ? (const char *)t : "");
		xmlFree(t);
	}
	return any;
}

bool dl_osdef_has_text(const xmlNode *elem)
{
	return text_of(elem, NULL);
}

char *dl_osdef_text(const xmlNode *elem)
{
	char *s = NULL;
	text_of(elem, &s);
	return s;
}

bool dl_osdef_scaled(const char *text, const char *unit, unsigned long long scale,
		     unsigned long long *out)
{
	if (!text || !*text)
		return false;
	const char *p = text;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		return false; /* virStrToLong_ullp: no sign */
	if (!isdigit((unsigned char)*p))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(p, &end, 10);
	if (errno || *end)
		return false;
	if (unit && *unit) {
		if (strcasecmp(unit, "b") == 0 || strcasecmp(unit, "byte") == 0 ||
		    strcasecmp(unit, "bytes") == 0) {
			scale = 1;
		} else {
			unsigned long long base;
			if (!unit[1] || strcasecmp(unit + 1, "iB") == 0)
				base = 1024;
			else if (tolower((unsigned char)unit[1]) == 'b' && !unit[2])
				base = 1000;
			else
				return false;
			static const char order[] = "kmgtpe";
			const char *at = strchr(order, tolower((unsigned char)unit[0]));
			if (!unit[0] || !at)
				return false;
			scale = 1;
			for (const char *q = order; q <= at; q++)
				scale *= base;
		}
	}
	if (v && v > ~0ULL / scale)
		return false;
	*out = v * scale;
	return true;
}

bool dl_osdef_uuid(const char *s, unsigned char out[16])
{
	const char *cur = s;
	while (isspace((unsigned char)*cur))
		cur++;
	for (int i = 0; i < 16;) {
		if (*cur == '-' || *cur == ' ') {
			cur++;
			continue;
		}
		if (!isxdigit((unsigned char)cur[0]) || !isxdigit((unsigned char)cur[1]))
			return false;
		char pair[3] = { cur[0], cur[1], 0 };
		out[i++] = (unsigned char)strtoul(pair, NULL, 16);
		cur += 2;
	}
	for (; *cur; cur++)
		if (!isspace((unsigned char)*cur))
			return false;
	return true;
}

static void read_firmware_features(dl_doc *doc, const xmlNode *fw, dl_osdef *os)
{
	for (const xmlNode *f = fw->children; f; f = f->next) {
		if (!dl_doc_is(f, "feature"))
			continue;
		os->fw_element = fw;
		const char *name = dl_doc_attr(doc, f, "name");
		dl_tristate on = dl_osdef_tristate(doc, f, "enabled", false);
		if (dl_text_is(name, "enrolled-keys")) {
			os->enrolled_keys = f;
			os->enrolled_keys_on = on;
		} else if (dl_text_is(name, "secure-boot")) {
			os->secure_boot = f;
			os->secure_boot_on = on;
		}
	}
}

void dl_osdef_read(dl_doc *doc, const xmlNode *root, dl_osdef *os)
{
	memset(os, 0, sizeof *os);
	os->os = dl_doc_child(root, "os");
	os->features = dl_doc_child(root, "features");
	os->acpi = dl_doc_child(os->features, "acpi");
	if (!os->os)
		return;
	const xmlNode *type = dl_doc_child(os->os, "type");
	char *t = type ? dl_osdef_text(type) : NULL;
	os->hvm = t && strcmp(t, "hvm") == 0;
	free(t);
	os->firmware = dl_doc_attr(doc, os->os, "firmware");
	for (const xmlNode *c = os->os->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!os->loader && dl_doc_is(c, "loader"))
			os->loader = c;
		else if (!os->nvram && dl_doc_is(c, "nvram"))
			os->nvram = c;
		else if (!os->boot && dl_doc_is(c, "boot"))
			os->boot = c;
		else if (!os->bootmenu && dl_doc_is(c, "bootmenu"))
			os->bootmenu = c;
		else if (dl_doc_is(c, "firmware"))
			read_firmware_features(doc, c, os);
	}
	if (os->loader) {
		os->loader_path = dl_osdef_has_text(os->loader);
		os->loader_type = dl_doc_attr(doc, os->loader, "type");
		os->readonly = dl_osdef_tristate(doc, os->loader, "readonly", false);
		os->secure = dl_osdef_tristate(doc, os->loader, "secure", false);
		os->stateless = dl_osdef_tristate(doc, os->loader, "stateless", false);
	}
	if (os->nvram) {
		os->nvram_template = dl_doc_attr(doc, os->nvram, "template");
		os->nvram_set = dl_doc_attr(doc, os->nvram, "type") || dl_osdef_has_text(os->nvram);
	}
}
