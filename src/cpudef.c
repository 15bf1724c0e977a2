/* cpudef.c - what libvirt reads of a guest's CPUs and threads: <cpu> mode and topology, <vcpu> counts, iothread ids */
#include "cpudef.h"

#include <string.h>

#include "pciaddr.h"

static bool uint_attr(dl_doc *doc, const xmlNode *e, const char *name, unsigned int *v)
{
	dl_num n = dl_num_parse_base(dl_doc_attr(doc, e, name), 10, false);
	if (n.status != DL_NUM_OK)
		return false;
	*v = n.value;
	return true;
}

static bool uint_text(const xmlNode *e, unsigned int *v)
{
	xmlChar *text = xmlNodeGetContent(e);
	dl_num n = dl_num_parse_base((const char *)text, 10, false);
	xmlFree(text);
	if (n.status != DL_NUM_OK)
		return false;
	*v = n.value;
	return true;
}

dl_cpudef dl_cpudef_of(dl_doc *doc, const xmlNode *root)
{
	dl_cpudef c = { 0 };
	c.cpu = dl_doc_child(root, "cpu");
	if (c.cpu) {
		c.mode = dl_doc_attr(doc, c.cpu, "mode");
		if (!c.mode)
			c.mode = "custom";
		const xmlNode *t = dl_doc_child(c.cpu, "topology");
		unsigned int cores;
		c.topology = t && uint_attr(doc, t, "sockets", &c.sockets) &&
			     uint_attr(doc, t, "cores", &cores) &&
			     uint_attr(doc, t, "threads", &c.threads);
	}
	c.vcpu = dl_doc_child(root, "vcpu");
	if (c.vcpu && !dl_doc_child(root, "vcpus") && uint_text(c.vcpu, &c.vcpus_max)) {
		c.vcpus_known = true;
		c.vcpus_current = c.vcpus_max;
		if (dl_doc_attr(doc, c.vcpu, "current") &&
		    !uint_attr(doc, c.vcpu, "current", &c.vcpus_current))
			c.vcpus_known = false;
	}
	return c;
}

bool dl_iothread_ids(dl_doc *doc, const xmlNode *root, dl_nodeset *ids)
{
	memset(ids, 0, sizeof(*ids));
	unsigned int count = 0, n = 0;
	const xmlNode *it = dl_doc_child(root, "iothreads");
	if (it && !uint_text(it, &count))
		return false;
	const xmlNode *idsel = dl_doc_child(root, "iothreadids");
	for (const xmlNode *e = idsel ? idsel->children : NULL; e; e = e->next) {
		unsigned int id;
		if (!dl_doc_is(e, "iothread"))
			continue;
		if (!uint_attr(doc, e, "id", &id) || id == 0 || id >= DL_NODESET_LEN ||
		    dl_nodeset_next(ids, (int)id) == (int)id)
			return false;
		ids->bits[id / 64] |= (uint64_t)1 << (id % 64);
		n++;
	}
	if (count >= DL_NODESET_LEN)
		return false;
	for (unsigned int id = 1; n < count; id++) {
		if (dl_nodeset_next(ids, (int)id) == (int)id)
			continue;
		if (id >= DL_NODESET_LEN)
			return false;
		ids->bits[id / 64] |= (uint64_t)1 << (id % 64);
		n++;
	}
	return true;
}
