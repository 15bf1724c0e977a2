/* check_doc.c - safe XML loading and the line/column of elements and attributes */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libxml/xmlmemory.h>

#include "check_fixture.h"
#include "check_suites.h"
#include "doc.h"

/* Everything a test loads, freed by the checked teardown even when an assertion fails. */
#define MAX_DOCS 8
static dl_doc *docs[MAX_DOCS];
static size_t ndocs;
static dl_load_error last_err;
static char *owned_buf;

static void setup(void)
{
	ndocs = 0;
	last_err.message = NULL;
	owned_buf = NULL;
}

static void teardown(void)
{
	for (size_t i = 0; i < ndocs; i++)
		dl_doc_free(docs[i]);
	ndocs = 0;
	free(last_err.message);
	last_err.message = NULL;
	free(owned_buf);
	owned_buf = NULL;
}

/* Load len bytes; NULL with last_err filled for a document that is not well-formed. */
static dl_doc *load_n(const char *buf, size_t len)
{
	free(last_err.message);
	last_err.message = NULL;
	dl_doc *d = dl_doc_load(buf, len, &last_err);
	if (d) {
		ck_assert_uint_lt(ndocs, MAX_DOCS);
		docs[ndocs++] = d;
	}
	return d;
}

static dl_doc *load(const char *xml)
{
	return load_n(xml, strlen(xml));
}

static dl_doc *must_load(const char *xml)
{
	dl_doc *d = load(xml);
	ck_assert_msg(d != NULL, "load failed: %s (line %lu)",
		      last_err.message ? last_err.message : "(no message)", last_err.loc.line);
	return d;
}

/* The n-th element child of node called name (from 0). */
static xmlNode *nth_child(const xmlNode *node, const char *name, int n)
{
	for (xmlNode *c = node->children; c; c = c->next)
		if (dl_doc_is(c, name) && n-- == 0)
			return c;
	return NULL;
}

static const char multiline_xml[] =
	"<domain type='kvm'>\n"                    /* 1 */
	"  <devices>\n"                            /* 2 */
	"    <hostdev\n"                           /* 3: '<' at col 5 */
	"        mode='subsystem'\n"               /* 4: col 9 */
	"\ttype='pci'\n"                           /* 5: col 2 (a tab is one byte) */
	"        managed='yes'>\n"                 /* 6: col 9 */
	"      <source><address domain='0x0002'\n" /* 7: source col 7, address col 15, domain col 24 */
	"                       bus='0x06'/></source>\n"                   /* 8: bus col 24 */
	"    </hostdev>\n"                                                 /* 9 */
	"    <disk type='file' device='disk'><target dev='vda'/></disk>\n" /* 10 */
	"  </devices>\n"
	"</domain>\n";

START_TEST(test_multiline_start_tag)
{
	dl_doc *d = must_load(multiline_xml);
	xmlNode *root = dl_doc_root(d);
	ck_assert(dl_doc_is(root, "domain"));
	ck_assert_loc(dl_doc_elem_loc(d, root), 1, 1);
	ck_assert_loc(dl_doc_attr_loc(d, root, "type"), 1, 9);
	xmlNode *devices = dl_doc_child(root, "devices");
	ck_assert_ptr_nonnull(devices);
	ck_assert_loc(dl_doc_elem_loc(d, devices), 2, 3);
	xmlNode *hostdev = dl_doc_child(devices, "hostdev");
	ck_assert_ptr_nonnull(hostdev);
	ck_assert_loc(dl_doc_elem_loc(d, hostdev), 3, 5);
	ck_assert_loc(dl_doc_attr_loc(d, hostdev, "mode"), 4, 9);
	ck_assert_loc(dl_doc_attr_loc(d, hostdev, "type"), 5, 2);
	ck_assert_loc(dl_doc_attr_loc(d, hostdev, "managed"), 6, 9);
	xmlNode *source = dl_doc_child(hostdev, "source");
	xmlNode *address = dl_doc_child(source, "address");
	ck_assert_ptr_nonnull(address);
	ck_assert_loc(dl_doc_elem_loc(d, source), 7, 7);
	ck_assert_loc(dl_doc_elem_loc(d, address), 7, 15);
	ck_assert_loc(dl_doc_attr_loc(d, address, "domain"), 7, 24);
	ck_assert_loc(dl_doc_attr_loc(d, address, "bus"), 8, 24);
	/* an absent attribute points at its element */
	ck_assert_loc(dl_doc_attr_loc(d, address, "slot"), 7, 15);
	xmlNode *disk = dl_doc_child(devices, "disk");
	ck_assert_loc(dl_doc_elem_loc(d, disk), 10, 5);
	ck_assert_loc(dl_doc_attr_loc(d, disk, "device"), 10, 23);
	ck_assert_loc(dl_doc_elem_loc(d, dl_doc_child(disk, "target")), 10, 37);
	ck_assert_loc(dl_doc_attr_loc(d, dl_doc_child(disk, "target"), "dev"), 10, 45);
}
END_TEST

START_TEST(test_attribute_value_spanning_lines)
{
	/* a newline inside a value moves every later attribute and element down */
	dl_doc *d = must_load("<domain a='x\n"
			      "y' b=\"1\n"
			      "\n"
			      "2\" c='3'><e/></domain>");
	xmlNode *root = dl_doc_root(d);
	ck_assert_loc(dl_doc_attr_loc(d, root, "a"), 1, 9);
	ck_assert_loc(dl_doc_attr_loc(d, root, "b"), 2, 4);
	ck_assert_loc(dl_doc_attr_loc(d, root, "c"), 4, 4);
	ck_assert_loc(dl_doc_elem_loc(d, dl_doc_child(root, "e")), 4, 10);
}
END_TEST

START_TEST(test_crlf)
{
	dl_doc *d = must_load("<domain type='kvm'>\r\n"
			      "  <devices>\r\n"
			      "    <hostdev\r\n"
			      "        mode='subsystem'\r\n"
			      "        type='pci'>\r\n"
			      "      <source/>\r\n"
			      "    </hostdev>\r\n"
			      "  </devices>\r\n"
			      "</domain>\r\n");
	xmlNode *root = dl_doc_root(d);
	xmlNode *hostdev = dl_doc_child(dl_doc_child(root, "devices"), "hostdev");
	ck_assert_ptr_nonnull(hostdev);
	ck_assert_loc(dl_doc_elem_loc(d, dl_doc_child(root, "devices")), 2, 3);
	ck_assert_loc(dl_doc_elem_loc(d, hostdev), 3, 5);
	ck_assert_loc(dl_doc_attr_loc(d, hostdev, "mode"), 4, 9);
	ck_assert_loc(dl_doc_attr_loc(d, hostdev, "type"), 5, 9);
	ck_assert_loc(dl_doc_elem_loc(d, dl_doc_child(hostdev, "source")), 6, 7);
	ck_assert_str_eq(dl_doc_attr(d, hostdev, "type"), "pci");
}
END_TEST

START_TEST(test_position_after_prolog_and_markup)
{
	dl_doc *d = must_load("<?xml version='1.0' encoding='UTF-8'?>\n"      /* 1 */
			      "<!DOCTYPE domain [\n"                          /* 2 */
			      "  <!ENTITY e \"a > b ] c <fake attr='x'>\">\n" /* 3 */
			      "  <!-- a comment with <fake> ] and > -->\n"    /* 4 */
			      "  <!ELEMENT domain ANY>\n"                     /* 5 */
			      "]>\n"                                          /* 6 */
			      "<!-- <notatag attr='x'>\n"                     /* 7 */
			      "     still the comment -->\n"                  /* 8 */
			      "<?target <fake/> ?>\n"                         /* 9 */
			      "  <domain\n"                                   /* 10: col 3 */
			      "   type='kvm'>\n"                              /* 11: col 4 */
			      "  <a><![CDATA[ <fake> ]] >\n"                  /* 12: a col 3 */
			      " more <x> ]]></a><b\n"                         /* 13: b col 18 */
			      "  x='1'/>\n"                                   /* 14: x col 3 */
			      "  <!-- <c/> -->\n"                             /* 15 */
			      "  <?pi <c/>?>\n"                               /* 16 */
			      "  <c/>\n"                                      /* 17: col 3 */
			      "</domain>\n");
	xmlNode *root = dl_doc_root(d);
	ck_assert_loc(dl_doc_elem_loc(d, root), 10, 3);
	ck_assert_loc(dl_doc_attr_loc(d, root, "type"), 11, 4);
	ck_assert_loc(dl_doc_elem_loc(d, dl_doc_child(root, "a")), 12, 3);
	xmlNode *b = dl_doc_child(root, "b");
	ck_assert_loc(dl_doc_elem_loc(d, b), 13, 18);
	ck_assert_loc(dl_doc_attr_loc(d, b, "x"), 14, 3);
	ck_assert_loc(dl_doc_elem_loc(d, dl_doc_child(root, "c")), 17, 3);
}
END_TEST

START_TEST(test_position_after_doctype_processing_instruction)
{
	/*
	 * Regression: an apostrophe in a PI inside the internal subset ("don't") must not open a
	 * quote in the raw scan, or the tags stop matching the elements and every position
	 * falls back to libxml2's line with column 1.
	 */
	dl_doc *d = must_load("<!DOCTYPE domain [\n"
			      "  <?note don't parse me?>\n"
			      "]>\n"
			      "<domain type='kvm'>\n"
			      "  <a x='1'/>\n"
			      "</domain>\n");
	xmlNode *root = dl_doc_root(d);
	ck_assert_loc(dl_doc_attr_loc(d, root, "type"), 4, 9);
	xmlNode *a = dl_doc_child(root, "a");
	ck_assert_loc(dl_doc_elem_loc(d, a), 5, 3);
	ck_assert_loc(dl_doc_attr_loc(d, a, "x"), 5, 6);
}
END_TEST

START_TEST(test_position_with_blanks_around_equals)
{
	dl_doc *d = must_load("<domain>\n"
			      "<e a = '1' b\t=\t\"2\" c='3'/>\n"
			      "</domain>\n");
	xmlNode *e = dl_doc_child(dl_doc_root(d), "e");
	ck_assert_loc(dl_doc_attr_loc(d, e, "a"), 2, 4);
	ck_assert_loc(dl_doc_attr_loc(d, e, "b"), 2, 12);
	ck_assert_loc(dl_doc_attr_loc(d, e, "c"), 2, 20);
	ck_assert_str_eq(dl_doc_attr(d, e, "b"), "2");
}
END_TEST

START_TEST(test_position_with_newline_around_equals)
{
	/*
	 * Regression: XML allows newlines around '='; they must be counted, or every later
	 * attribute gets the wrong line (b was once reported at 2:16 instead of 4:7).
	 */
	dl_doc *d = must_load("<domain>\n"
			      "<e a\n"
			      "  =\n"
			      "  '1' b='2'/>\n"
			      "</domain>\n");
	xmlNode *e = dl_doc_child(dl_doc_root(d), "e");
	ck_assert_loc(dl_doc_attr_loc(d, e, "a"), 2, 4);
	ck_assert_loc(dl_doc_attr_loc(d, e, "b"), 4, 7);
}
END_TEST

START_TEST(test_namespaced_names)
{
	dl_doc *d = must_load("<domain xmlns:q='urn:q'>\n"
			      "  <q:devices/>\n"
			      "  <devices q:x='1' x='2'/>\n"
			      "</domain>\n");
	xmlNode *root = dl_doc_root(d);
	/* dl_doc_is and dl_doc_child skip elements in a namespace */
	xmlNode *devices = dl_doc_child(root, "devices");
	ck_assert_ptr_nonnull(devices);
	ck_assert_ptr_null(devices->ns);
	ck_assert_loc(dl_doc_elem_loc(d, devices), 3, 3);
	ck_assert_ptr_null(nth_child(root, "devices", 1));
	/* attributes by local name, the first one winning, as libvirt's xmlGetProp */
	ck_assert_str_eq(dl_doc_attr(d, devices, "x"), "1");
	ck_assert_loc(dl_doc_attr_loc(d, devices, "x"), 3, 12);
	/* the prefixed element still gets its own position */
	xmlNode *qdev = root->children;
	while (qdev && qdev->type != XML_ELEMENT_NODE)
		qdev = qdev->next;
	ck_assert_ptr_nonnull(qdev);
	ck_assert_str_eq((const char *)qdev->name, "devices");
	ck_assert_ptr_nonnull(qdev->ns);
	ck_assert_loc(dl_doc_elem_loc(d, qdev), 2, 3);
	ck_assert(!dl_doc_is(qdev, "devices"));
	ck_assert(!dl_doc_is(NULL, "devices"));
}
END_TEST

START_TEST(test_big_line_numbers)
{
	/* past 65535 lines, where libxml2 without XML_PARSE_BIG_LINES saturates */
	const size_t blank = 70000;
	owned_buf = malloc(blank + 64);
	ck_assert_ptr_nonnull(owned_buf);
	strcpy(owned_buf, "<domain>");
	memset(owned_buf + 8, '\n', blank);
	strcpy(owned_buf + 8 + blank, "   <e a='1'/></domain>");
	dl_doc *d = must_load(owned_buf);
	xmlNode *e = dl_doc_child(dl_doc_root(d), "e");
	ck_assert_loc(dl_doc_elem_loc(d, e), blank + 1, 4);
	ck_assert_loc(dl_doc_attr_loc(d, e, "a"), blank + 1, 7);
}
END_TEST

START_TEST(test_malformed_mismatch)
{
	dl_doc *d = load("<domain>\n"
			 "  <devices>\n"
			 "</domain>\n");
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(last_err.message);
	ck_assert_uint_gt(strlen(last_err.message), 0);
	ck_assert_ptr_nonnull(strstr(last_err.message, "mismatch"));
	ck_assert_uint_eq(last_err.loc.line, 3);
	/* no trailing newline left from libxml2's message */
	ck_assert_int_ne(last_err.message[strlen(last_err.message) - 1], '\n');
}
END_TEST

START_TEST(test_malformed_unclosed_attribute)
{
	dl_doc *d = load("<domain>\n"
			 "\n"
			 "  <a b='1>\n"
			 "</domain>\n");
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(last_err.message);
	ck_assert_uint_ge(last_err.loc.line, 3);
}
END_TEST

START_TEST(test_malformed_duplicate_attribute)
{
	dl_doc *d = load("<domain>\n<a b='1' b='2'/>\n</domain>");
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(last_err.message);
	ck_assert_uint_eq(last_err.loc.line, 2);
}
END_TEST

START_TEST(test_malformed_truncated)
{
	/* a prefix of a good document: the length is honoured, not the NUL */
	static const char xml[] = "<domain><devices/></domain>";
	dl_doc *d = load_n(xml, 12);
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(last_err.message);
	ck_assert_ptr_nonnull(load_n(xml, sizeof xml - 1));
}
END_TEST

START_TEST(test_empty_buffer)
{
	dl_doc *d = load_n("", 0);
	ck_assert_ptr_null(d);
	ck_assert_ptr_nonnull(last_err.message);
	ck_assert_uint_gt(strlen(last_err.message), 0);
	/* blanks only, and a comment with no root element */
	ck_assert_ptr_null(load("  \n\t\n"));
	ck_assert_ptr_nonnull(last_err.message);
	ck_assert_ptr_null(load("<!-- nothing -->\n"));
	ck_assert_ptr_nonnull(last_err.message);
	ck_assert_ptr_null(load("not xml at all"));
	ck_assert_ptr_nonnull(last_err.message);
}
END_TEST

START_TEST(test_success_clears_error)
{
	dl_load_error err = { { 7, 7 }, NULL };
	dl_doc *d = dl_doc_load("<domain/>", 9, &err);
	ck_assert_ptr_nonnull(d);
	docs[ndocs++] = d;
	ck_assert_ptr_null(err.message);
}
END_TEST

START_TEST(test_attr_values)
{
	dl_doc *d = must_load("<domain xmlns:q='urn:q' type='kvm' empty='' "
			      "amp='a&amp;b&#x41;&lt;'\n"
			      "  q:only='x' spaced=' 0x1 '/>");
	xmlNode *root = dl_doc_root(d);
	ck_assert_str_eq(dl_doc_attr(d, root, "type"), "kvm");
	ck_assert_ptr_null(dl_doc_attr(d, root, "absent"));
	const char *empty = dl_doc_attr(d, root, "empty");
	ck_assert_ptr_nonnull(empty);
	ck_assert_str_eq(empty, "");
	ck_assert_str_eq(dl_doc_attr(d, root, "amp"), "a&bA<");
	/* as libvirt's xmlGetProp: by local name, in any namespace */
	ck_assert_str_eq(dl_doc_attr(d, root, "only"), "x");
	/* values are as written, blanks kept (libvirt's parser sees them) */
	ck_assert_str_eq(dl_doc_attr(d, root, "spaced"), " 0x1 ");
	/* borrowed and stable: the same pointer twice */
	ck_assert_ptr_eq(dl_doc_attr(d, root, "amp"), dl_doc_attr(d, root, "amp"));
}
END_TEST

START_TEST(test_child)
{
	dl_doc *d = must_load("<domain><!-- c --> text <os/><devices/><devices id='2'/></domain>");
	xmlNode *root = dl_doc_root(d);
	xmlNode *first = dl_doc_child(root, "devices");
	ck_assert_ptr_nonnull(first);
	ck_assert_ptr_null(dl_doc_attr(d, first, "id"));
	ck_assert_ptr_null(dl_doc_child(root, "missing"));
	ck_assert_ptr_null(dl_doc_child(NULL, "devices"));
	ck_assert(dl_doc_is(dl_doc_child(root, "os"), "os"));
}
END_TEST

START_TEST(test_xxe_in_attribute)
{
	dl_doc *d = load("<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
			 "<domain a=\"&x;\">&x;</domain>");
	if (!d) {
		/* XML forbids external entities in attribute values: refusing it is fine */
		ck_assert_ptr_nonnull(last_err.message);
		ck_assert_ptr_null(strstr(last_err.message, "root:"));
		return;
	}
	xmlNode *root = dl_doc_root(d);
	const char *a = dl_doc_attr(d, root, "a");
	if (a)
		ck_assert_ptr_null(strstr(a, "root:"));
	xmlChar *content = xmlNodeGetContent(root);
	ck_assert_ptr_null(content ? strstr((const char *)content, "root:") : NULL);
	xmlFree(content);
}
END_TEST

START_TEST(test_xxe_in_content)
{
	dl_doc *d = must_load("<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">\n"
			      "<!ENTITY y SYSTEM \"file:///etc/passwd\">]>\n"
			      "<domain a=\"plain\">&x;<e b='1'/>&y;</domain>");
	xmlNode *root = dl_doc_root(d);
	ck_assert_str_eq(dl_doc_attr(d, root, "a"), "plain");
	xmlChar *content = xmlNodeGetContent(root);
	int leaked = content && strstr((const char *)content, "root:") != NULL;
	xmlFree(content);
	ck_assert_msg(!leaked, "/etc/passwd was read into the document");
	/* the element after the unexpanded reference keeps its position */
	xmlNode *e = dl_doc_child(root, "e");
	ck_assert_loc(dl_doc_elem_loc(d, e), 3, 22);
	ck_assert_loc(dl_doc_attr_loc(d, e, "b"), 3, 25);
}
END_TEST

START_TEST(test_internal_entity_elements_have_no_position)
{
	/* internal entities stay references: no element of theirs gets a file position */
	dl_doc *d = must_load("<!DOCTYPE domain [<!ENTITY inner \"<z q='9'/>\">]>\n"
			      "<domain>&inner;\n"
			      "  <e/>\n"
			      "</domain>");
	xmlNode *e = dl_doc_child(dl_doc_root(d), "e");
	ck_assert_ptr_nonnull(e);
	ck_assert_loc(dl_doc_elem_loc(d, e), 3, 3);
}
END_TEST

START_TEST(test_internal_entity_in_attribute_stays_reference)
{
	/* doc.h: entity references are not expanded, so their text never passes for the file's */
	dl_doc *d = must_load("<!DOCTYPE domain [<!ENTITY y \"0x1f\">]>\n"
			      "<domain slot=\"&y;\" bus='x&y;'/>");
	xmlNode *root = dl_doc_root(d);
	ck_assert_str_eq(dl_doc_attr(d, root, "slot"), "&y;");
	ck_assert_str_eq(dl_doc_attr(d, root, "bus"), "x&y;");
}
END_TEST

/* libxml2's allocations, counted while a test watches: blocks handed out minus blocks freed. */
static long xml_blocks;

static void *counting_malloc(size_t n)
{
	xml_blocks++;
	return malloc(n);
}

static void *counting_realloc(void *p, size_t n)
{
	if (!p)
		xml_blocks++;
	return realloc(p, n);
}

static void counting_free(void *p)
{
	if (p)
		xml_blocks--;
	free(p);
}

static char *counting_strdup(const char *s)
{
	char *copy = counting_malloc(strlen(s) + 1);
	return copy ? strcpy(copy, s) : NULL;
}

START_TEST(test_catalog_processing_instructions_do_not_accumulate)
{
	/*
	 * Regression: libxml2 2.9 forgot, without freeing, the catalogs that
	 * <?oasis-xml-catalog?> instructions add to the reused parser: a leak of every instruction
	 * on every load (and a list walked end to end for each new one).
	 */
	enum { PIS = 2000, LOADS = 20 };
	static const char pi[] = "<?oasis-xml-catalog catalog=\"file:///nonexistent/c.xml\"?>\n";
	size_t cap = PIS * (sizeof pi - 1) + 128, n = 0;
	owned_buf = malloc(cap);
	ck_assert_ptr_nonnull(owned_buf);
	for (int i = 0; i < PIS; i++, n += sizeof pi - 1)
		memcpy(owned_buf + n, pi, sizeof pi - 1);
	n += (size_t)snprintf(owned_buf + n, cap - n,
			      "<domain type='kvm'><name>x</name></domain>\n");
	dl_doc_free(load_n(owned_buf, n)); /* the first load sets the parser up */
	ndocs = 0;
	xmlFreeFunc old_free;
	xmlMallocFunc old_malloc;
	xmlReallocFunc old_realloc;
	xmlStrdupFunc old_strdup;
	xmlMemGet(&old_free, &old_malloc, &old_realloc, &old_strdup);
	xml_blocks = 0;
	xmlMemSetup(counting_free, counting_malloc, counting_realloc, counting_strdup);
	bool loaded = true;
	for (int i = 0; i < LOADS && loaded; i++) {
		dl_doc *d = dl_doc_load(owned_buf, n, &last_err);
		loaded = d != NULL;
		dl_doc_free(d);
	}
	xmlMemSetup(old_free, old_malloc, old_realloc, old_strdup);
	ck_assert(loaded);
	/* a few blocks may come and go with the parser's buffers; a leak is PIS per load */
	ck_assert_msg(xml_blocks < PIS, "%d loads left %ld blocks of libxml2's allocated", LOADS,
		      xml_blocks);
}
END_TEST

START_TEST(test_entity_reference_with_escaped_text)
{
	/*
	 * Regression: a value holding an entity reference keeps the reference as written but
	 * the text around it unescaped: 'a&amp;&y;b' is "a&&y;b", not "a&amp;&y;b".
	 */
	dl_doc *d = must_load("<!DOCTYPE domain [<!ENTITY y \"0x1f\">]>\n"
			      "<domain other='a&amp;&y;b' lt='&lt;&y;'/>");
	xmlNode *root = dl_doc_root(d);
	ck_assert_str_eq(dl_doc_attr(d, root, "other"), "a&&y;b");
	ck_assert_str_eq(dl_doc_attr(d, root, "lt"), "<&y;");
}
END_TEST

Suite *doc_suite(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("positions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_multiline_start_tag);
	tcase_add_test(tc, test_attribute_value_spanning_lines);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_position_after_prolog_and_markup);
	tcase_add_test(tc, test_position_after_doctype_processing_instruction);
	tcase_add_test(tc, test_position_with_blanks_around_equals);
	tcase_add_test(tc, test_position_with_newline_around_equals);
	tcase_add_test(tc, test_namespaced_names);
	tcase_add_test(tc, test_big_line_numbers);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_malformed_mismatch);
	tcase_add_test(tc, test_malformed_unclosed_attribute);
	tcase_add_test(tc, test_malformed_duplicate_attribute);
	tcase_add_test(tc, test_malformed_truncated);
	tcase_add_test(tc, test_empty_buffer);
	tcase_add_test(tc, test_success_clears_error);
	tcase_add_test(tc, test_attr_values);
	tcase_add_test(tc, test_child);
	tcase_add_test(tc, test_xxe_in_attribute);
	tcase_add_test(tc, test_xxe_in_content);
	tcase_add_test(tc, test_internal_entity_elements_have_no_position);
	tcase_add_test(tc, test_internal_entity_in_attribute_stays_reference);
	tcase_add_test(tc, test_entity_reference_with_escaped_text);
	tcase_add_test(tc, test_catalog_processing_instructions_do_not_accumulate);
	suite_add_tcase(s, tc);
	return s;
}
