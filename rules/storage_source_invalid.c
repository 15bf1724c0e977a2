/* storage_source_invalid.c - a disk's storage sources libvirt rejects: formats, encryption, auth */
#include <string.h>

#include "../src/diskdef.h"
#include "../src/rule.h"
#include "../src/text.h"

#define R DL_RULE_STORAGE_SOURCE_INVALID

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* virDomainDiskDefParseSourceXML: <auth> or <encryption> both in <source> and beside it. */
static void check_twice(dl_ctx *ctx, const dl_storage_src *s)
{
	if (s->own_auth && s->src_auth) {
		dl_diag *d = dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, s->own_auth),
				       "the disk has an <auth> both in <source> and beside it "
				       "(\"an <auth> definition already found for disk source\")");
		dl_diag_relate(d, dl_doc_elem_loc(ctx->doc, s->src_auth), "the one in <source>");
	}
	if (s->own_encryption && s->src_encryption) {
		dl_diag *
			d = dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, s->own_encryption),
				      "the disk has an <encryption> both in <source> and beside it "
				      "(\"an <encryption> definition already found for disk "
				      "source\")");
		dl_diag_relate(d, dl_doc_elem_loc(ctx->doc, s->src_encryption),
			       "the one in <source>");
	}
}

/* virDomainDiskDefValidateSourceChainOne: the secret type of a network source's <auth>. */
static void check_secret_type(dl_ctx *ctx, const dl_storage_src *s)
{
	static const char *const auth_protocols[] = { "iscsi", "http", "https", "ftp",
						      "ftps",  "ssh",  "rbd" };
	static const char *const usages[] = { "none", "volume", "ceph", "iscsi", "tls", "vtpm" };
	const xmlNode *auth = dl_storage_src_auth(s);
	if (!auth || !dl_text_is(s->type, "network") ||
	    !in_list(s->protocol, auth_protocols, sizeof auth_protocols / sizeof *auth_protocols))
		return;
	const xmlNode *secret = dl_doc_child(auth, "secret");
	if (!secret)
		return; /* virStorageAuthDefParse refuses it first */
	const char *type = dl_doc_attr(ctx->doc, secret, "type");
	dl_loc loc = dl_doc_attr_loc(ctx->doc, secret, "type");
	if (!in_list(type, usages, sizeof usages / sizeof *usages)) {
		dl_report(ctx, R, loc,
			  "the <auth> secret of a network disk needs a type libvirt knows "
			  "(\"unknown secret type '%s'\")",
			  type ? type : "<null>");
		return;
	}
	const char *want = dl_text_is(s->protocol, "iscsi") ? "iscsi" :
			   dl_text_is(s->protocol, "rbd")   ? "ceph" :
							      NULL;
	if (want && strcmp(type, want) != 0)
		dl_report(ctx, R, loc,
			  "protocol '%s' takes a secret of type '%s', not '%s' (\"invalid secret "
			  "type '%s'\")",
			  s->protocol, want, type, type);
}

/* virDomainDiskDefValidateSourceChainOne: LUKS takes no <cipher>. */
static void check_cipher(dl_ctx *ctx, const dl_storage_src *s)
{
	const xmlNode *enc = dl_storage_src_encryption(s);
	const xmlNode *cipher = enc ? dl_doc_child(enc, "cipher") : NULL;
	if (!cipher || !dl_text_is(dl_doc_attr(ctx->doc, enc, "format"), "luks") ||
	    !dl_doc_attr(ctx->doc, cipher, "name"))
		return;
	dl_report(ctx, R, dl_doc_elem_loc(ctx->doc, cipher),
		  "a LUKS encryption takes no <cipher>: the image's header has it (\"supplying "
		  "<cipher> for domain disk definition is unnecessary\")");
}

/* qemuDomainValidateStorageSource: formats QEMU does not open, and encryption's formats. */
static void check_format(dl_ctx *ctx, const dl_storage_src *s)
{
	const char *fmt = s->format;
	dl_loc loc = s->format_node ? dl_doc_attr_loc(ctx->doc, s->format_node, "type") :
				      dl_doc_elem_loc(ctx->doc, s->holder);
	if (dl_text_is(fmt, "cow")) {
		dl_report(ctx, R, loc,
			  "QEMU cannot open images of format 'cow' (\"'cow' storage format is not "
			  "supported\")");
		return;
	}
	if (dl_text_is(fmt, "dir")) {
		dl_report(ctx, R, loc,
			  "format 'dir' is not an image format; a directory is a disk of type "
			  "'dir' (\"'directory' storage format is not directly supported by QEMU, "
			  "use 'dir' disk type instead\")");
		return;
	}
	if (dl_text_is(fmt, "iso")) {
		dl_report(ctx, R, loc,
			  "format 'iso' is raw to QEMU (\"storage format 'iso' is not directly "
			  "supported by QEMU, use 'raw' instead\")");
		return;
	}
	const xmlNode *enc = dl_storage_src_encryption(s);
	if (!enc || !dl_text_is(dl_doc_attr(ctx->doc, enc, "format"), "luks"))
		return;
	const char *engine = dl_doc_attr(ctx->doc, enc, "engine");
	if (engine && !dl_text_is(engine, "qemu"))
		return;
	static const char *const known[] = { "bochs", "cloop", "dmg",  "vpc", "vdi", "fat",
					     "vhd",   "ploop", "qcow", "qed", "vmdk" };
	fmt = dl_storage_src_format(s);
	if (!in_list(fmt, known, sizeof known / sizeof *known))
		return;
	dl_diag *d = dl_report(ctx, R, loc,
			       "an encrypted image of format '%s': QEMU's LUKS encryption takes a "
			       "raw or qcow2 image (\"encryption is supported only with 'raw' and "
			       "'qcow2' image format\")",
			       fmt);
	dl_diag_relate(d, dl_doc_elem_loc(ctx->doc, enc), "the encryption");
}

void dl_rule_storage_source_invalid_device(dl_ctx *ctx, const dl_device *dev)
{
	if (dev->kind != DL_DEV_DISK || !dev->node)
		return;
	dl_storage_src s, next;
	dl_storage_src_disk(ctx->doc, dev->node, &s);
	check_twice(ctx, &s);
	for (int depth = 0; depth < 64; depth++) {
		check_secret_type(ctx, &s);
		check_cipher(ctx, &s);
		check_format(ctx, &s);
		if (!dl_storage_src_next(ctx->doc, &s, &next))
			break;
		s = next;
	}
}
