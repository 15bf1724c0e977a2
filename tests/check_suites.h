/* check_suites.h - the Check suites of the unit tests, one per module, run by check_main.c */
#ifndef DL_CHECK_SUITES_H
#define DL_CHECK_SUITES_H

#include <check.h>

Suite *pciaddr_suite(void);
Suite *doc_suite(void);
Suite *model_suite(void);
Suite *zpci_suite(void);
Suite *u64map_suite(void);
Suite *devorder_suite(void);
Suite *addr_suite(void);
Suite *ccw_suite(void);
Suite *baseline_suite(void);
Suite *gitls_suite(void);
Suite *fixwrite_suite(void);
Suite *udiff_suite(void);
Suite *fix_suite(void);
Suite *readfile_suite(void);
Suite *guestaddr_suite(void);
Suite *host_suite(void);
Suite *doctree_suite(void);

#endif
