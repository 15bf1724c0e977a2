/* check_xmlalloc.c - unit tests for libxml2's block cache (src/xmlalloc.c) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>

#include "check_suites.h"
#include "xmlalloc.h"

/* Whatever the build (plain malloc under AddressSanitizer), blocks behave as malloc's. */
START_TEST(blocks_are_malloc_blocks)
{
	dl_xmlalloc_install();
	for (size_t n = 0; n < 700; n += 7) {
		unsigned char *p = xmlMalloc(n + 1);
		ck_assert_ptr_nonnull(p);
		memset(p, 0xa5, n + 1); /* the whole request is usable */
		p = xmlRealloc(p, 2 * n + 2);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq(p[n], 0xa5);
		if (n % 2)
			free(p); /* libxml2 may free with free() what it had from xmlMalloc */
		else
			xmlFree(p);
	}
	char *s = (char *)xmlMemStrdup("domlint");
	ck_assert_str_eq(s, "domlint");
	xmlFree(s);
	xmlFree(NULL);
	dl_xmlalloc_thread_done();
}
END_TEST

/* A document parsed, freed and parsed again comes out the same. */
START_TEST(documents_survive_reuse)
{
	static const char xml[] = "<domain type='kvm'><name>a</name><devices>"
				  "<hostdev mode='subsystem' type='pci'/></devices></domain>";
	dl_xmlalloc_install();
	for (int i = 0; i < 50; i++) {
		xmlDoc *doc = xmlReadMemory(xml, (int)sizeof xml - 1, NULL, NULL, XML_PARSE_NONET);
		ck_assert_ptr_nonnull(doc);
		xmlNode *root = xmlDocGetRootElement(doc);
		ck_assert_str_eq((const char *)root->name, "domain");
		xmlChar *type = xmlGetProp(root, (const xmlChar *)"type");
		ck_assert_str_eq((const char *)type, "kvm");
		xmlFree(type);
		xmlFreeDoc(doc);
	}
	dl_xmlalloc_thread_done();
}
END_TEST

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
/* A freed small block is what the next request of its size gets (the point of the cache). */
START_TEST(small_blocks_are_reused)
{
	dl_xmlalloc_install();
	void *a = xmlMalloc(100);
	void *b = xmlMalloc(100);
	xmlFree(a);
	xmlFree(b);
	void *c = xmlMalloc(100), *d = xmlMalloc(97);
	ck_assert_ptr_eq(c, a); /* first freed, first out */
	ck_assert_ptr_eq(d, b);
	xmlFree(c);
	xmlFree(d);
	void *big = xmlMalloc(4096); /* larger blocks go straight back to malloc */
	xmlFree(big);
	dl_xmlalloc_thread_done();
	/* drained: nothing cached is handed out again from the lists */
	void *e = xmlMalloc(100);
	xmlFree(e);
	dl_xmlalloc_thread_done();
}
END_TEST
#endif

Suite *xmlalloc_suite(void)
{
	Suite *s = suite_create("xmlalloc");
	TCase *tc = tcase_create("cache");
	tcase_add_test(tc, blocks_are_malloc_blocks);
	tcase_add_test(tc, documents_survive_reuse);
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
	tcase_add_test(tc, small_blocks_are_reused);
#endif
	suite_add_tcase(s, tc);
	return s;
}
