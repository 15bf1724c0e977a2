/* check_main.c - runs every unit-test suite (CK_RUN_SUITE, CK_RUN_CASE and CK_FORK=no work as usual) */
#include <stdlib.h>

#include <check.h>

#include "check_suites.h"
#include "doc.h"

int main(void)
{
	SRunner *sr = srunner_create(pciaddr_suite());
	srunner_add_suite(sr, doc_suite());
	srunner_add_suite(sr, model_suite());
	srunner_add_suite(sr, zpci_suite());
	srunner_add_suite(sr, u64map_suite());
	srunner_add_suite(sr, devorder_suite());
	srunner_add_suite(sr, addr_suite());
	srunner_add_suite(sr, ccw_suite());
	srunner_add_suite(sr, baseline_suite());
	srunner_add_suite(sr, gitls_suite());
	srunner_add_suite(sr, fixwrite_suite());
	srunner_add_suite(sr, udiff_suite());
	srunner_add_suite(sr, fix_suite());
	srunner_add_suite(sr, readfile_suite());
	srunner_add_suite(sr, guestaddr_suite());
	srunner_add_suite(sr, host_suite());
	srunner_add_suite(sr, doctree_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	dl_doc_thread_done(); /* the parser loads reuse, so valgrind sees nothing left */
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
