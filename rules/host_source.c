/* host_source.c - shared by the --host rules: the host PCI function a device passes through */
#include "host_source.h"

#include "../src/text.h"
#include "../src/xmalloc.h"

/* The address when it is one libvirt accepts and looks up on the host. */
static const dl_addr *usable(const dl_device *dev)
{
	const dl_addr *s = &dev->source;
	return s->present && s->kind == DL_ADDR_PCI && dl_addr_in_range(s) ? s : NULL;
}

static bool same(const dl_addr *a, const dl_host_pci *p)
{
	return dl_field_value(&a->domain, 0) == p->domain && dl_field_value(&a->bus, 0) == p->bus &&
	       dl_field_value(&a->slot, 0) == p->slot &&
	       dl_field_value(&a->function, 0) == p->function;
}

bool dl_host_source_text(const dl_device *dev, char text[DL_PCI_TEXT_MAX])
{
	const dl_addr *s = dev->pci_hostdev ? usable(dev) : NULL;
	if (!s)
		return false;
	dl_pci_format(text, (unsigned int)dl_field_value(&s->domain, 0),
		      (unsigned int)dl_field_value(&s->bus, 0),
		      (unsigned int)dl_field_value(&s->slot, 0),
		      (unsigned int)dl_field_value(&s->function, 0));
	return true;
}

const dl_host_pci *dl_host_source(const dl_host *host, const dl_device *dev)
{
	const dl_addr *s = dev->pci_hostdev ? usable(dev) : NULL;
	if (!s)
		return NULL;
	return dl_host_pci_find(host, (unsigned int)dl_field_value(&s->domain, 0),
				(unsigned int)dl_field_value(&s->bus, 0),
				(unsigned int)dl_field_value(&s->slot, 0),
				(unsigned int)dl_field_value(&s->function, 0));
}

bool dl_host_source_vfio(dl_ctx *ctx, const dl_device *dev, bool *explicit_vfio)
{
	const char *name = dl_doc_attr(ctx->doc, dl_doc_child(dev->node, "driver"), "name");
	*explicit_vfio = dl_text_is(name, "vfio");
	return !name || *explicit_vfio;
}

const dl_device *dl_host_source_user(const dl_model *m, const dl_host_pci *p, const dl_device *self)
{
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		if (d == self || d->implicit || !(d->pci_hostdev || d->kind == DL_DEV_DISK))
			continue;
		const dl_addr *s = usable(d);
		if (s && same(s, p))
			return d;
	}
	return NULL;
}

char *dl_host_pci_describe(const dl_host_pci *p)
{
	if (p->name)
		return xasprintf("%s (%s)", p->text, p->name);
	return xasprintf("%s (%04x:%04x)", p->text, p->vendor_id, p->device_id);
}
