/* diskdef.c - what a <disk> says of its storage: source type, path, format and the backing chain */
#include "diskdef.h"

#include <string.h>

#include "text.h"

static void read_common(dl_doc *doc, dl_storage_src *s)
{
	s->source = dl_doc_child(s->holder, "source");
	const char *type = dl_doc_attr(doc, s->holder, "type");
	/* virDomainDiskDefParseSourceXML: a disk without <source> is a file */
	s->type = type && s->source ? type : "file";
	s->protocol = s->source ? dl_doc_attr(doc, s->source, "protocol") : NULL;
	s->src_auth = s->source ? dl_doc_child(s->source, "auth") : NULL;
	s->src_encryption = s->source ? dl_doc_child(s->source, "encryption") : NULL;
}

void dl_storage_src_disk(dl_doc *doc, const xmlNode *disk, dl_storage_src *out)
{
	memset(out, 0, sizeof *out);
	out->holder = disk;
	read_common(doc, out);
	out->format_node = dl_doc_child(disk, "driver");
	out->format = out->format_node ? dl_doc_attr(doc, out->format_node, "type") : NULL;
	/* the old spelling libvirt still reads as raw */
	if (dl_text_is(out->format, "aio"))
		out->format = "raw";
	out->own_auth = dl_doc_child(disk, "auth");
	out->own_encryption = dl_doc_child(disk, "encryption");
}

bool dl_storage_src_next(dl_doc *doc, const dl_storage_src *cur, dl_storage_src *out)
{
	const xmlNode *b = dl_doc_child(cur->holder, "backingStore");
	/* virDomainDiskBackingStoreParse: one without type ends the chain */
	if (!b || !dl_doc_attr(doc, b, "type"))
		return false;
	memset(out, 0, sizeof *out);
	out->holder = b;
	read_common(doc, out);
	out->type = dl_doc_attr(doc, b, "type");
	out->format_node = dl_doc_child(b, "format");
	out->format = out->format_node ? dl_doc_attr(doc, out->format_node, "type") : NULL;
	return true;
}

const char *dl_storage_src_format(const dl_storage_src *s)
{
	if (s->format)
		return s->format;
	/* qemuDomainDeviceDiskDefPostParse: raw unless a pool decides */
	if (dl_doc_is(s->holder, "disk") && !dl_text_is(s->type, "volume"))
		return "raw";
	return NULL;
}

const char *dl_storage_src_path(dl_doc *doc, const dl_storage_src *s)
{
	static const char *const by_type[][2] = {
		{ "file", "file" },    { "block", "dev" },      { "dir", "dir" },
		{ "network", "name" }, { "vhostuser", "path" },
	};
	if (!s->source)
		return NULL;
	for (size_t i = 0; i < sizeof by_type / sizeof by_type[0]; i++)
		if (dl_text_is(s->type, by_type[i][0]))
			return dl_doc_attr(doc, s->source, by_type[i][1]);
	return NULL;
}

const xmlNode *dl_storage_src_auth(const dl_storage_src *s)
{
	return s->src_auth ? s->src_auth : s->own_auth;
}

const xmlNode *dl_storage_src_encryption(const dl_storage_src *s)
{
	return s->src_encryption ? s->src_encryption : s->own_encryption;
}
