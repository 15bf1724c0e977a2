/* osdef.h - what libvirt reads of a domain's <os>, <features>, <sysinfo> and <clock>: firmware, loader, NVRAM, boot, ACPI and machine features */
#ifndef DL_OSDEF_H
#define DL_OSDEF_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "doc.h"

/* A tristate attribute as libvirt's virXMLPropTristateBool/Switch reads it. */
typedef enum { DL_TRI_ABSENT, DL_TRI_YES, DL_TRI_NO, DL_TRI_INVALID } dl_tristate;

typedef struct dl_osdef {
	const xmlNode *os;       /* <os>; NULL when absent */
	bool hvm;                /* <os><type> is 'hvm' */
	const char *firmware;    /* <os firmware>: "bios", "efi" or as written; NULL */
	const xmlNode *loader;   /* <os><loader>[1] */
	const xmlNode *nvram;    /* <os><nvram>[1] */
	bool loader_path;        /* the loader has a path (non-empty content) */
	const char *loader_type; /* "rom", "pflash", as written, or NULL */
	dl_tristate readonly, secure, stateless;
	bool nvram_set;             /* libvirt reads an NVRAM image: a type, or a non-empty path */
	const char *nvram_template; /* <nvram template> */
	const xmlNode *fw_element;  /* <os><firmware> holding at least one <feature> */
	const xmlNode *enrolled_keys, *secure_boot; /* last <feature> of each name */
	dl_tristate enrolled_keys_on, secure_boot_on;
	const xmlNode *boot;     /* the first <os><boot> */
	const xmlNode *bootmenu; /* <os><bootmenu>[1] */
	const xmlNode *features; /* <features> */
	const xmlNode *acpi;     /* <features><acpi> */
} dl_osdef;

/* Read the <os> and <features> of the domain root. */
void dl_osdef_read(dl_doc *doc, const xmlNode *root, dl_osdef *os);

/* The tristate value of attribute name of elem ("yes"/"no" or, with sw, "on"/"off"). */
dl_tristate dl_osdef_tristate(dl_doc *doc, const xmlNode *elem, const char *name, bool sw);

/* Is the text content of elem (what XPath string() gives) non-empty? */
bool dl_osdef_has_text(const xmlNode *elem);

/* The text content of elem, newly allocated (free()); "" when none. */
char *dl_osdef_text(const xmlNode *elem);

/*
 * A scaled value as libvirt's virParseScaledValue reads it: digits (after optional blanks),
 * then unit (NULL: scale). False when libvirt would reject it or there is no text.
 */
bool dl_osdef_scaled(const char *text, const char *unit, unsigned long long scale,
		     unsigned long long *out);

/* Parse a UUID as libvirt's virUUIDParse does (32 hex digits, '-' and ' ' between pairs). */
bool dl_osdef_uuid(const char *s, unsigned char out[16]);

#endif
