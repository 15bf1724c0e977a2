/* check_doctree.c - the arena's tree (src/doctree.c) is the tree libxml2's SAX2 builder makes */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <libxml/parser.h>

#include "check_suites.h"
#include "doc.h"

static bool same_text(const xmlChar *a, const xmlChar *b)
{
	return a == b || (a && b && strcmp((const char *)a, (const char *)b) == 0);
}

static bool same_ns(const xmlNs *a, const xmlNs *b)
{
	return (!a && !b) ||
	       (a && b && same_text(a->prefix, b->prefix) && same_text(a->href, b->href));
}

static void expect_same_list(const xmlNode *a, const xmlNode *b, const char *where);

/* One node of each tree: type, name, content, line, namespaces, attributes and children. */
static void expect_same_node(const xmlNode *a, const xmlNode *b, const char *where)
{
	ck_assert_msg(a->type == b->type, "%s: node type %d, libxml2 %d", where, a->type, b->type);
	if (a->type == XML_DTD_NODE)
		return; /* libxml2 builds the DTD in both */
	ck_assert_msg(same_text(a->name, b->name), "%s: name '%s', libxml2 '%s'", where,
		      a->name ? (const char *)a->name : "(null)",
		      b->name ? (const char *)b->name : "(null)");
	ck_assert_msg(xmlGetLineNo(a) == xmlGetLineNo(b), "%s: <%s> line %ld, libxml2 %ld", where,
		      a->name ? (const char *)a->name : "", xmlGetLineNo(a), xmlGetLineNo(b));
	if (a->type != XML_ELEMENT_NODE) {
		ck_assert_msg(same_text(a->content, b->content), "%s: content '%s', libxml2 '%s'",
			      where, a->content ? (const char *)a->content : "(null)",
			      b->content ? (const char *)b->content : "(null)");
		return;
	}
	ck_assert_msg(same_ns(a->ns, b->ns), "%s: <%s> namespace differs", where, a->name);
	const xmlNs *na = a->nsDef, *nb = b->nsDef;
	for (; na && nb; na = na->next, nb = nb->next)
		ck_assert_msg(same_ns(na, nb), "%s: <%s> declares another namespace", where,
			      a->name);
	ck_assert_msg(!na && !nb, "%s: <%s> declares more or fewer namespaces", where, a->name);
	const xmlAttr *pa = a->properties, *pb = b->properties;
	for (; pa && pb; pa = pa->next, pb = pb->next) {
		ck_assert_msg(same_text(pa->name, pb->name) && same_ns(pa->ns, pb->ns),
			      "%s: <%s> attribute '%s', libxml2 '%s'", where, a->name, pa->name,
			      pb->name);
		ck_assert_msg(pa->parent == a, "%s: attribute '%s' has another parent", where,
			      pa->name);
		expect_same_list(pa->children, pb->children, where);
	}
	ck_assert_msg(!pa && !pb, "%s: <%s> has more or fewer attributes", where, a->name);
	expect_same_list(a->children, b->children, where);
}

static void expect_same_list(const xmlNode *a, const xmlNode *b, const char *where)
{
	const xmlNode *parent = a ? a->parent : NULL, *prev = NULL;
	for (; a && b; prev = a, a = a->next, b = b->next) {
		ck_assert_msg(a->parent == parent && a->prev == prev, "%s: links broken at '%s'",
			      where, a->name ? (const char *)a->name : "");
		expect_same_node(a, b, where);
	}
	ck_assert_msg(!a && !b, "%s: more or fewer nodes than libxml2 (%s)", where,
		      a ? "extra" : "missing");
}

/* The document dl_doc_load builds from buf, and libxml2's own, are the same tree (or both fail). */
static void expect_same_tree(const char *buf, size_t len, const char *where)
{
	dl_load_error err;
	dl_doc *doc = dl_doc_load(buf, len, &err);
	xmlDoc *ref = xmlReadMemory(buf, (int)len, NULL, NULL, dl_doc_xml_options());
	bool ref_ok = ref && xmlDocGetRootElement(ref);
	ck_assert_msg(!doc == !ref_ok, "%s: loads %s, libxml2 %s", where, doc ? "" : "not",
		      ref_ok ? "" : "not");
	if (doc) {
		xmlNode *root = dl_doc_root(doc);
		ck_assert_ptr_eq(root->parent, (xmlNode *)root->doc);
		expect_same_list(root->doc->children, ref->children, where);
		ck_assert_ptr_eq(root->doc->last->next, NULL);
	}
	dl_doc_free(doc);
	free(err.message);
	xmlFreeDoc(ref);
}

static void expect_same(const char *xml)
{
	expect_same_tree(xml, strlen(xml), xml);
}

START_TEST(test_elements_attributes_text)
{
	expect_same("<domain type='kvm'>\n  <name>vm1</name>\n  <devices>\n"
		    "    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
		    "      <source><address domain='0x0000' bus='0x06'/></source>\n"
		    "    </hostdev>\n  </devices>\n</domain>\n");
	expect_same("<a x=''><b y=\"\"/>text<c/>more text<!-- c -->tail</a>");
	expect_same("<a>  <b/>  x  <c>   </c>\n</a>");
}
END_TEST

START_TEST(test_references)
{
	expect_same("<a v='x&amp;y &lt;&gt; &apos;&quot; &#65;&#x42;&#x10348; &#38;&#x26;'>"
		    "t&amp;u &#67; &lt;x&gt;</a>");
	expect_same("<a v='&amp;'/>");
	expect_same("<a v='&#38;#38;'>&#38;#38;</a>");
	expect_same("<a v='line\none\ttab\r\n'/>"); /* normalised: a copy of the value */
	expect_same("<a v='&#10;&#9;'/>");
}
END_TEST

START_TEST(test_namespaces)
{
	expect_same("<domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
		    "<metadata><lo:os xmlns:lo='http://libosinfo.org/xmlns/libvirt/domain/1.0' "
		    "lo:id='x'><lo:id>y</lo:id></lo:os></metadata>"
		    "<qemu:commandline><qemu:arg value='-a'/></qemu:commandline></domain>");
	expect_same("<a xmlns='urn:d'><b xmlns=''/><c/></a>");
	expect_same("<a xml:lang='en' xmlns:xml='http://www.w3.org/XML/1998/namespace'>"
		    "<b xml:space='preserve'/></a>");
	expect_same("<a><u:b u:c='1'/></a>"); /* undeclared prefixes: qualified names */
}
END_TEST

START_TEST(test_prolog_and_epilog)
{
	expect_same("<?xml version='1.0'?>\n<!-- first -->\n<?pi data?>\n<a/>\n<!-- last "
		    "--><?end?>");
	expect_same("<?xml version='1.0' encoding='ISO-8859-1'?><a v='\xe9'>\xe9</a>");
	expect_same("<a><![CDATA[x < y]]><![CDATA[ and more]]>text<![CDATA[z]]></a>");
	expect_same("<a><?target?><?t d?></a>");
}
END_TEST

START_TEST(test_dtd_left_to_libxml2)
{
	expect_same("<!-- before --><?p x?><!DOCTYPE a [<!ENTITY e 'v<b/>'>]><!-- after -->"
		    "<a x='&e;'>&e;</a>");
	expect_same("<!DOCTYPE a><a/>");
}
END_TEST

START_TEST(test_failures)
{
	expect_same("<a><b></a>");
	expect_same("<!-- only a comment -->");
	expect_same("");
	expect_same("<a x='1' x='2'/>");
	expect_same("<a>&undefined;</a>");
}
END_TEST

START_TEST(test_big_lines_and_long_text)
{
	size_t n = 70000;
	char *buf = malloc(n + 64), *w = buf;
	w += sprintf(w, "<a>");
	for (size_t i = 0; i < n; i++)
		*w++ = i % 2 ? '\n' : 'x';
	w += sprintf(w, "<b v='1'/>t&amp;u</a>");
	expect_same_tree(buf, (size_t)(w - buf), "70000 lines");
	free(buf);
	/* past libxml2's limit of a text node (10,000,000 bytes): it stops there, the same way */
	size_t big = 6000000;
	buf = malloc(2 * big + 64);
	w = buf + sprintf(buf, "<a><b>");
	memset(w, 'x', big);
	w += big;
	w += sprintf(w, "&amp;");
	memset(w, 'y', big);
	w += big;
	w += sprintf(w, "</b><c/></a>");
	expect_same_tree(buf, (size_t)(w - buf), "a text of 12,000,001 bytes");
	free(buf);
}
END_TEST

/* Every XML file of the project's tests: the fixtures, goldens and fuzzing seeds. */
static int compare_file(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path);
	if (flag != FTW_F || n < 4 || strcmp(path + n - 4, ".xml") != 0)
		return 0;
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s: cannot open", path);
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	do {
		if (len + 4096 > cap) {
			cap = 2 * (len + 4096);
			char *grown = realloc(buf, cap);
			ck_assert_ptr_nonnull(grown);
			buf = grown;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	expect_same_tree(buf, len, path);
	free(buf);
	return 0;
}

START_TEST(test_every_test_file)
{
	ck_assert_int_eq(nftw("testdata", compare_file, 16, FTW_PHYS), 0);
	ck_assert_int_eq(nftw("tests", compare_file, 16, FTW_PHYS), 0);
}
END_TEST

Suite *doctree_suite(void)
{
	Suite *s = suite_create("doctree");
	TCase *tc = tcase_create("same-as-libxml2");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_elements_attributes_text);
	tcase_add_test(tc, test_references);
	tcase_add_test(tc, test_namespaces);
	tcase_add_test(tc, test_prolog_and_epilog);
	tcase_add_test(tc, test_dtd_left_to_libxml2);
	tcase_add_test(tc, test_failures);
	tcase_add_test(tc, test_big_lines_and_long_text);
	tcase_add_test(tc, test_every_test_file);
	suite_add_tcase(s, tc);
	return s;
}
