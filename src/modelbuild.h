/* modelbuild.h - builds the typed model of a domain that rules read: every device, as libvirt parses it */
#ifndef DL_MODELBUILD_H
#define DL_MODELBUILD_H

#include "model.h"

/* The kind for a <devices> child's element name; DL_DEV_OTHER when none. */
dl_dev_kind dl_dev_kind_of(const char *element);

/*
 * Build the model of the <domain> rooted at root: every device with its addresses, libvirt's
 * device order and the CCW addresses it assigns (ccw.c). Not the zPCI ids: the pipeline asks
 * dl_zpci_predict (zpci.c) for those, and until then every device's uid and fid are unknown.
 * Strings and nodes are borrowed from doc, which must outlive the model.
 * Caller frees with dl_model_free.
 */
dl_model *dl_model_build(dl_doc *doc, const xmlNode *root);

#endif
