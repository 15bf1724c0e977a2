/* addr.h - reads a device's <address> as libvirt does: its type, each type's fields, their syntax and ranges */
#ifndef DL_ADDR_H
#define DL_ADDR_H

#include "model.h"

/*
 * Fill *a from the <address> element node (NULL: not present). as: read it as this type
 * whatever its type attribute says (a hostdev's <source><address>), or DL_ADDR_NONE to
 * take the type attribute. Strings and nodes are borrowed from doc.
 */
void dl_addr_read(dl_doc *doc, const xmlNode *node, dl_addr_type as, dl_addr *a);

/* Fill *f from attribute name of node (NULL: absent), read in base as virXMLPropUInt does. */
void dl_field_read(dl_doc *doc, const xmlNode *node, const char *name, int base, dl_field *f);

#endif
