/* check_fixture.h - builds models for tests and frees them in the checked teardown */
#ifndef DL_CHECK_FIXTURE_H
#define DL_CHECK_FIXTURE_H

#include <check.h>

#include "model.h"

/* Use as the checked fixture of a TCase: everything built is freed even when a test fails. */
void fixture_setup(void);
void fixture_teardown(void);

/* The model of xml (which must load), with its zPCI ids predicted; freed at teardown. */
dl_model *build(const char *xml);
/* The same for a malloc'd buffer, which is freed at teardown too. */
dl_model *build_owned(char *xml);
/* The document of the model built last. */
dl_doc *built_doc(void);
/* The device labelled label; the test fails when there is none. */
const dl_device *by_label(const dl_model *m, const char *label);

/* How many devices of m have a PCI address (the ones with guest-address notes and zPCI ids). */
size_t npci(const dl_model *m);
/* The k-th of them, in document order; the test fails when there is none. */
const dl_device *pci_dev(const dl_model *m, size_t k);

#define ck_assert_loc(loc, l, c)                                                                   \
	do {                                                                                       \
		dl_loc _loc = (loc);                                                               \
		ck_assert_msg(_loc.line == (l) && _loc.col == (c),                                 \
			      "%s is %lu:%lu, expected %lu:%lu", #loc, _loc.line, _loc.col,        \
			      (unsigned long)(l), (unsigned long)(c));                             \
	} while (0)

#endif
