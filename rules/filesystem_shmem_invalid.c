/* filesystem_shmem_invalid.c - <filesystem> and <shmem> settings libvirt rejects at define */
#include "../src/rule.h"
#include "../src/text.h"

#define R DL_RULE_FILESYSTEM_SHMEM_INVALID

void dl_rule_filesystem_shmem_invalid_device(dl_ctx *ctx, const dl_device *dev)
{
	if (!dev->node)
		return;
	if (dev->kind == DL_DEV_SHMEM) {
		/* virDomainShmemDefParseXML: MSI is for a server-backed shmem */
		const xmlNode *msi = dl_doc_child(dev->node, "msi");
		if (msi && !dl_doc_child(dev->node, "server"))
			dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, msi),
				  "<msi> is given for a shmem without <server> (\"msi option is "
				  "only supported with a server\")");
		return;
	}
	if (dev->kind != DL_DEV_FILESYSTEM)
		return;
	/* qemuValidateDomainDeviceDefFS: a virtiofsd libvirt starts cannot export read-only */
	const xmlNode *driver = dl_doc_child(dev->node, "driver");
	const xmlNode *ro = dl_doc_child(dev->node, "readonly");
	const xmlNode *source = dl_doc_child(dev->node, "source");
	if (!ro || !dl_text_is(dl_doc_attr(ctx->doc, driver, "type"), "virtiofs") ||
	    (source && dl_doc_attr(ctx->doc, source, "socket")))
		return;
	dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, ro),
		  "a virtiofs filesystem cannot be <readonly/> (\"virtiofs does not yet support "
		  "read-only mode\")");
}
