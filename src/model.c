/* model.c - the typed model of a domain that rules read: freeing it, and walking its devices */
#include "model.h"

#include <stdlib.h>

void dl_model_free(dl_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndevices; i++) {
		free(m->devices[i].label);
		free(m->devices[i].comments);
	}
	free(m->devices);
	free(m);
}

bool dl_device_is_zpci(const dl_model *model, const dl_device *dev)
{
	return dev->pci && (dev->guest.has_zpci || (model->s390x && dev->zpci_capable));
}

const dl_device *dl_model_first(const dl_model *m, dl_dev_kind kind)
{
	for (size_t i = 0; i < m->ndevices; i++)
		if (m->devices[i].kind == kind && !m->devices[i].implicit)
			return &m->devices[i];
	return NULL;
}

const dl_device *dl_model_next(const dl_model *m, const dl_device *dev)
{
	for (size_t i = dev->index + 1; i < m->ndevices; i++)
		if (m->devices[i].kind == dev->kind && !m->devices[i].implicit)
			return &m->devices[i];
	return NULL;
}
