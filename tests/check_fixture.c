/* check_fixture.c - builds models for tests and frees them in the checked teardown */
#include "check_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "modelbuild.h"
#include "zpci.h"

#define MAX_MODELS 32
static dl_doc *docs[MAX_MODELS];
static dl_model *models[MAX_MODELS];
static char *bufs[MAX_MODELS];
static size_t nmodels;

void fixture_setup(void)
{
	nmodels = 0;
}

void fixture_teardown(void)
{
	for (size_t i = 0; i < nmodels; i++) {
		dl_model_free(models[i]);
		dl_doc_free(docs[i]);
		free(bufs[i]);
	}
	nmodels = 0;
}

static dl_model *build_slot(char *owned, const char *xml)
{
	ck_assert_uint_lt(nmodels, MAX_MODELS);
	size_t slot = nmodels++;
	bufs[slot] = owned;
	models[slot] = NULL;
	dl_load_error err;
	docs[slot] = dl_doc_load(xml, strlen(xml), &err);
	ck_assert_msg(docs[slot] != NULL, "load failed: %s", err.message ? err.message : "?");
	models[slot] = dl_model_build(docs[slot], dl_doc_root(docs[slot]));
	ck_assert_ptr_nonnull(models[slot]);
	dl_zpci_predict(models[slot]); /* as the pipeline does */
	return models[slot];
}

dl_model *build(const char *xml)
{
	return build_slot(NULL, xml);
}

dl_model *build_owned(char *xml)
{
	return build_slot(xml, xml);
}

dl_doc *built_doc(void)
{
	ck_assert_uint_gt(nmodels, 0);
	return docs[nmodels - 1];
}

const dl_device *by_label(const dl_model *m, const char *label)
{
	for (size_t i = 0; i < m->ndevices; i++)
		if (m->devices[i].label && strcmp(m->devices[i].label, label) == 0)
			return &m->devices[i];
	ck_abort_msg("no device labelled \"%s\"", label);
	return NULL;
}

size_t npci(const dl_model *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->ndevices; i++)
		n += m->devices[i].pci;
	return n;
}

const dl_device *pci_dev(const dl_model *m, size_t k)
{
	for (size_t i = 0; i < m->ndevices; i++)
		if (m->devices[i].pci && k-- == 0)
			return &m->devices[i];
	ck_abort_msg("no PCI device %zu", k);
	return NULL;
}
