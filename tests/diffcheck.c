/* diffcheck.c - test tool: the XML and JSON work of tests/differential.sh (domlint against libvirt)
 *
 * usage:
 *   diffcheck prepare DIR FILE...
 *       prints each FILE that is well-formed XML with root <domain>, and writes a copy of it as
 *       DIR/1.xml, DIR/2.xml, ... (in that order) for libvirt to judge on a host without KVM:
 *       <domain type='kvm'> becomes type='qemu', and an <emulator> this host lacks becomes
 *       /usr/bin/qemu-system-ARCH when that exists. Neither changes a device or an address.
 *   diffcheck errors LINT.json
 *       prints domlint's error-level findings (its --format=json), "LINE:COLUMN: MESSAGE [RULE]"
 *   diffcheck addresses LINT.json INPUT.xml DUMP.xml
 *       compares domlint's guest addresses for INPUT.xml with libvirt's dumpxml of it: each
 *       device domlint gives a zPCI uid/fid or a CCW address must have them in DUMP.xml (and
 *       each CCW device of the file one from domlint), each known guest PCI
 *       address must be DUMP.xml's, and each zPCI device in DUMP.xml must be one domlint knows.
 *       Prints one line per disagreement.
 *
 * A domlint address entry is matched to a dumpxml device by a key that names the device in
 * both: its label when that is specific ("hostdev 0002:06:00.0", "interface hostdev ...",
 * "disk vda", "controller pci.1", "interface 52:54:00:..": the n-th device with that key).
 * Otherwise the input element at the entry's line is found, and its counterpart is the one with
 * its key, or, when it has none that dumpxml shares (an interface without a MAC, a controller
 * without an index, a hostdev without a source: libvirt fills them in), the one at its place
 * among the devices of its element (and controller type) that no key matches. libvirt sorts
 * disks and controllers, which the keys survive, and puts the primary <video> first; other
 * devices keep document order.
 *
 * Exit status: 0 no disagreement, 1 a disagreement, 2 bad usage or an unreadable input.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

static const int parse_options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

static int is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !n->ns &&
	       strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* An attribute's value, or "" when absent. */
static const char *attr(const xmlNode *n, const char *name)
{
	xmlAttr *a = n ? xmlHasNsProp(n, (const xmlChar *)name, NULL) : NULL;
	if (!a || a->type != XML_ATTRIBUTE_NODE || !a->children || !a->children->content)
		return "";
	return (const char *)a->children->content;
}

/* A number as libvirt reads it (base 0: 0x hex, leading 0 octal); -1 when absent or invalid. */
static long long num(const xmlNode *n, const char *name)
{
	const char *s = attr(n, name);
	char *end;
	if (!*s)
		return -1;
	unsigned long long v = strtoull(s, &end, 0);
	return *end || v > 0xffffffffULL ? -1 : (long long)v;
}

/* "dddd:bb:ss.f" as domlint prints it; "?" for a missing or invalid address. */
static void pci_text(const xmlNode *a, char *buf, size_t size)
{
	long long d = num(a, "domain"), b = num(a, "bus"), s = num(a, "slot"),
		  f = num(a, "function");
	if (!a || d < 0 || b < 0 || s < 0 || f < 0)
		snprintf(buf, size, "?");
	else
		snprintf(buf, size, "%04llx:%02llx:%02llx.%llx", d, b, s, f);
}

/* The device's specific key, as domlint labels it; "" when it has none (or an invalid one). */
static void device_key(const xmlNode *dev, char *buf, size_t size)
{
	char pci[64];
	const char *mode = attr(dev, "mode");
	xmlNode *src = child(dev, "source");
	buf[0] = '\0';
	pci_text(child(src, "address"), pci, sizeof pci);
	if (is(dev, "hostdev") && (!*mode || strcmp(mode, "subsystem") == 0) &&
	    strcmp(attr(dev, "type"), "pci") == 0) {
		if (strcmp(pci, "?") != 0)
			snprintf(buf, size, "hostdev %s", pci);
	} else if (is(dev, "hostdev") && strcmp(attr(dev, "type"), "mdev") == 0) {
		if (*attr(child(src, "address"), "uuid"))
			snprintf(buf, size, "hostdev mdev %s", attr(child(src, "address"), "uuid"));
	} else if (is(dev, "interface") && strcmp(attr(dev, "type"), "hostdev") == 0) {
		if (strcmp(pci, "?") != 0)
			snprintf(buf, size, "interface hostdev %s", pci);
	} else if (is(dev, "interface") && *attr(child(dev, "mac"), "address")) {
		snprintf(buf, size, "interface %s", attr(child(dev, "mac"), "address"));
	} else if (is(dev, "disk") && *attr(child(dev, "target"), "dev")) {
		snprintf(buf, size, "disk %s", attr(child(dev, "target"), "dev"));
	} else if (is(dev, "controller") && num(dev, "index") >= 0) {
		snprintf(buf, size, "controller %s.%lld", attr(dev, "type"), num(dev, "index"));
	}
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p); /* MACs: libvirt prints them in lower case */
}

static xmlDoc *load(const char *path)
{
	xmlDoc *doc = xmlReadFile(path, NULL, parse_options);
	if (!doc || !is(xmlDocGetRootElement(doc), "domain")) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static xmlNode *devices_of(xmlDoc *doc)
{
	return child(xmlDocGetRootElement(doc), "devices");
}

/* ---------------------------------------------------------------- prepare */

static const char *arch_of(const xmlNode *root)
{
	xmlNode *type = child(child(root, "os"), "type");
	const char *arch = attr(type, "arch"), *machine = attr(type, "machine");
	if (*arch)
		return arch;
	if (strncmp(machine, "s390-ccw", 8) == 0)
		return "s390x";
	if (*machine)
		return "x86_64"; /* pc, q35 and their versions */
	return NULL;
}

static int prepare(const char *dir, char **files, int n)
{
	int copies = 0;
	for (int i = 0; i < n; i++) {
		xmlDoc *doc = load(files[i]);
		if (!doc)
			continue;
		xmlNode *root = xmlDocGetRootElement(doc);
		if (strcmp(attr(root, "type"), "kvm") == 0)
			xmlSetProp(root, (const xmlChar *)"type", (const xmlChar *)"qemu");
		xmlNode *emulator = child(devices_of(doc), "emulator");
		char *path = emulator ? (char *)xmlNodeGetContent(emulator) : NULL;
		const char *arch = arch_of(root);
		if (path && access(path, X_OK) != 0 && arch) {
			char other[128];
			snprintf(other, sizeof other, "/usr/bin/qemu-system-%s", arch);
			if (access(other, X_OK) == 0)
				xmlNodeSetContent(emulator, (const xmlChar *)other);
		}
		xmlFree(path);
		char out[4096];
		snprintf(out, sizeof out, "%s/%d.xml", dir, ++copies);
		if (xmlSaveFile(out, doc) < 0) {
			fprintf(stderr, "diffcheck: cannot write %s\n", out);
			return 2;
		}
		printf("%s\n", files[i]);
		xmlFreeDoc(doc);
	}
	return 0;
}

/* ---------------------------------------------------------------- domlint's JSON */

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;
	return json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static const char *str(json_object *o, const char *key)
{
	json_object *v = get(o, key);
	return json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* files[0] of domlint's --format=json output, or NULL. */
static json_object *lint_file(json_object *lint)
{
	json_object *files = get(lint, "files");
	if (!json_object_is_type(files, json_type_array) || json_object_array_length(files) != 1)
		return NULL;
	return json_object_array_get_idx(files, 0);
}

static int errors(const char *lint_path)
{
	json_object *lint = json_object_from_file(lint_path);
	json_object *file = lint_file(lint);
	json_object *diags = get(file, "diagnostics");
	if (!json_object_is_type(diags, json_type_array)) {
		fprintf(stderr, "diffcheck: %s: not domlint's JSON for one file\n", lint_path);
		json_object_put(lint);
		return 2;
	}
	for (size_t i = 0; i < json_object_array_length(diags); i++) {
		json_object *d = json_object_array_get_idx(diags, i);
		const char *severity = str(d, "severity");
		if (severity && strcmp(severity, "error") == 0)
			printf("%d:%d: %s [%s]\n", json_object_get_int(get(d, "line")),
			       json_object_get_int(get(d, "column")), str(d, "message"),
			       str(d, "rule"));
	}
	json_object_put(lint);
	return 0;
}

/* ---------------------------------------------------------------- addresses */

/* The <devices> child of element name that starts at line (its start tag ends at or after it). */
static xmlNode *element_at(xmlDoc *doc, const char *name, long line)
{
	xmlNode *best = NULL;
	for (xmlNode *c = devices_of(doc) ? devices_of(doc)->children : NULL; c; c = c->next)
		if (is(c, name) && xmlGetLineNo(c) >= line &&
		    (!best || xmlGetLineNo(c) < xmlGetLineNo(best)))
			best = c;
	return best;
}

/* The nth (from 0) <devices> child whose key is key. */
static xmlNode *nth_device(xmlDoc *doc, const char *key, int nth)
{
	char k[256];
	for (xmlNode *c = devices_of(doc) ? devices_of(doc)->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		device_key(c, k, sizeof k);
		if (strcmp(k, key) == 0 && nth-- == 0)
			return c;
	}
	return NULL;
}

/* Does a <devices> child of doc have this key? */
static int has_key(xmlDoc *doc, const char *key)
{
	return *key && nth_device(doc, key, 0) != NULL;
}

/*
 * The devices like dev (same element, and for a controller the same type) whose key the other
 * document lacks, in libvirt's order: document order, but the primary <video> first.
 */
static size_t unkeyed(xmlDoc *doc, xmlDoc *other, const xmlNode *dev, xmlNode **out, size_t max)
{
	size_t n = 0;
	char k[256];
	for (int primary = 1; primary >= 0; primary--) {
		for (xmlNode *c = devices_of(doc) ? devices_of(doc)->children : NULL; c;
		     c = c->next) {
			if (!is(c, (const char *)dev->name) ||
			    (is(c, "controller") &&
			     strcmp(attr(c, "type"), attr(dev, "type")) != 0))
				continue;
			if (is(c, "video") &&
			    (strcmp(attr(child(c, "model"), "primary"), "yes") == 0) != primary)
				continue;
			if (!is(c, "video") && primary)
				continue;
			device_key(c, k, sizeof k);
			if (!has_key(other, k) && n < max)
				out[n++] = c;
		}
	}
	return n;
}

/*
 * The dumpxml device of the input's device in: the one with its key, else the one at its
 * place among the devices of its kind that no key matches (an interface without a MAC, a
 * controller without an index, a hostdev without a source address: libvirt fills them in).
 */
static xmlNode *counterpart(xmlDoc *input, xmlDoc *dump, const xmlNode *in)
{
	char k[256];
	device_key(in, k, sizeof k);
	if (has_key(dump, k)) {
		int nth = 0;
		for (const xmlNode *c = in->prev; c; c = c->prev) {
			char ck[256];
			device_key(c, ck, sizeof ck);
			nth += c->type == XML_ELEMENT_NODE && strcmp(ck, k) == 0;
		}
		return nth_device(dump, k, nth);
	}
	xmlNode *mine[256], *theirs[256];
	size_t nmine = unkeyed(input, dump, in, mine, 256);
	size_t ntheirs = unkeyed(dump, input, in, theirs, 256);
	for (size_t i = 0; i < nmine && i < ntheirs; i++)
		if (mine[i] == in)
			return theirs[i];
	return NULL;
}

/* "controller TYPE.INDEX": a controller's key, which no other device has */
static int controller_key(const char *key)
{
	const char *dot = strrchr(key, '.');
	return strncmp(key, "controller ", 11) == 0 && dot && dot[1] &&
	       strspn(dot + 1, "0123456789") == strlen(dot + 1);
}

/* A label that names one device: a host address, a MAC, a disk target, a controller index. */
static int specific(const char *key)
{
	static const char *const prefixes[] = { "hostdev ", "interface ", "disk " };
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(key, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return controller_key(key);
}

static int addresses(const char *lint_path, const char *input_path, const char *dump_path)
{
	json_object *lint = json_object_from_file(lint_path);
	json_object *entries = get(lint_file(lint), "addresses");
	xmlDoc *input = load(input_path), *dump = load(dump_path);
	if (!json_object_is_type(entries, json_type_array) || !input || !dump) {
		fprintf(stderr, "diffcheck: cannot read %s, %s or %s\n", lint_path, input_path,
			dump_path);
		return 2;
	}
	int problems = 0;
	size_t n = json_object_array_length(entries);
	const xmlNode **matched = calloc(n ? n : 1, sizeof *matched);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(entries, i);
		const char *label = str(e, "device") ? str(e, "device") : "?";
		const char *guest = str(e, "guest");
		json_object *zpci = get(e, "zpci");
		json_object *ccw = get(e, "ccw");
		long line = json_object_get_int(get(e, "line"));
		char key[256], name[64];
		xmlNode *dev = NULL;
		snprintf(key, sizeof key, "%s", label);
		for (char *p = key; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		char *note = strstr(key, " ("); /* "controller pci.1 (added by libvirt)" */
		if (note && key[strlen(key) - 1] == ')')
			*note = '\0';
		sscanf(label, "%63s", name);
		if (specific(key)) {
			int nth = 0;
			for (size_t j = 0; j < i; j++)
				nth += strcmp(str(json_object_array_get_idx(entries, j), "device"),
					      label) == 0;
			dev = nth_device(dump, key, nth);
		}
		/* no specific label, or one libvirt fills in ("hostdev (no source address)"); not for
		 * an indexed controller, which may be one domlint adds (a pci-bridge for a bus in use) */
		if (!dev && !controller_key(key)) {
			xmlNode *in = element_at(input, name, line);
			dev = in ? counterpart(input, dump, in) : NULL;
		}
		if (!dev) {
			if (zpci || ccw || guest) {
				printf("line %ld: %s: no such device in libvirt's output\n", line,
				       label);
				problems++;
			}
			continue;
		}
		matched[i] = dev;
		xmlNode *address = child(dev, "address");
		xmlNode *z = child(address, "zpci");
		if (zpci) {
			long long uid = json_object_get_int64(get(zpci, "uid"));
			long long fid = json_object_get_int64(get(zpci, "fid"));
			if (!z) {
				printf("line %ld: %s: domlint predicts zpci uid 0x%04llx fid "
				       "0x%08llx, libvirt gives no <zpci>\n",
				       line, label, uid, fid);
				problems++;
			} else if (num(z, "uid") != uid || num(z, "fid") != fid) {
				printf("line %ld: %s: domlint predicts zpci uid 0x%04llx fid "
				       "0x%08llx, libvirt assigns uid %s fid %s\n",
				       line, label, uid, fid, attr(z, "uid"), attr(z, "fid"));
				problems++;
			}
		} else if (ccw) {
			long long cssid = json_object_get_int64(get(ccw, "cssid"));
			long long ssid = json_object_get_int64(get(ccw, "ssid"));
			long long devno = json_object_get_int64(get(ccw, "devno"));
			if (!address || strcmp(attr(address, "type"), "ccw") != 0) {
				printf("line %ld: %s: domlint predicts CCW %llx.%llx.%04llx, "
				       "libvirt gives it %s\n",
				       line, label, cssid, ssid, devno,
				       address ? attr(address, "type") : "no address");
				problems++;
			} else if (num(address, "cssid") != cssid || num(address, "ssid") != ssid ||
				   num(address, "devno") != devno) {
				printf("line %ld: %s: domlint predicts CCW %llx.%llx.%04llx, "
				       "libvirt assigns %s.%s.%s\n",
				       line, label, cssid, ssid, devno, attr(address, "cssid"),
				       attr(address, "ssid"), attr(address, "devno"));
				problems++;
			}
		} else if (guest) {
			char pci[64];
			pci_text(address, pci, sizeof pci);
			if (!address) {
				printf("line %ld: %s: domlint's guest address %s, libvirt gives it "
				       "no address\n",
				       line, label, guest);
				problems++;
			} else if (strcmp(attr(address, "type"), "pci") != 0) {
				printf("line %ld: %s: domlint's guest address %s, libvirt gives it "
				       "<address type='%s'>\n",
				       line, label, guest, attr(address, "type"));
				problems++;
			} else if (strcmp(pci, guest) != 0) {
				printf("line %ld: %s: domlint's guest address %s, libvirt's %s\n",
				       line, label, guest, pci);
				problems++;
			}
		}
	}
	/* the other way: a zPCI device of libvirt's that domlint does not know */
	for (xmlNode *c = devices_of(dump) ? devices_of(dump)->children : NULL; c; c = c->next) {
		xmlNode *z = child(child(c, "address"), "zpci");
		size_t i = 0;
		while (i < n && matched[i] != c)
			i++;
		if (z && i == n) {
			char key[256];
			device_key(c, key, sizeof key);
			printf("%s: libvirt assigns zpci uid %s fid %s, domlint has no address for "
			       "it\n",
			       *key ? key : (const char *)c->name, attr(z, "uid"), attr(z, "fid"));
			problems++;
		}
	}
	/* and a CCW device of the file to which libvirt gives a devno that domlint does not know */
	for (xmlNode *in = devices_of(input) ? devices_of(input)->children : NULL; in;
	     in = in->next) {
		if (in->type != XML_ELEMENT_NODE)
			continue;
		xmlNode *c = counterpart(input, dump, in);
		xmlNode *a = c ? child(c, "address") : NULL;
		size_t i = 0;
		while (i < n && matched[i] != c)
			i++;
		if (a && strcmp(attr(a, "type"), "ccw") == 0 && i == n) {
			char key[256];
			device_key(c, key, sizeof key);
			printf("%s: libvirt assigns CCW %s.%s.%s, domlint has no address for it\n",
			       *key ? key : (const char *)c->name, attr(a, "cssid"),
			       attr(a, "ssid"), attr(a, "devno"));
			problems++;
		}
	}
	free(matched);
	xmlFreeDoc(input);
	xmlFreeDoc(dump);
	json_object_put(lint);
	return problems ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "prepare") == 0)
		return prepare(argv[2], argv + 3, argc - 3);
	if (argc == 3 && strcmp(argv[1], "errors") == 0)
		return errors(argv[2]);
	if (argc == 5 && strcmp(argv[1], "addresses") == 0)
		return addresses(argv[2], argv[3], argv[4]);
	fprintf(stderr, "usage: diffcheck prepare DIR FILE... | errors LINT.json | "
			"addresses LINT.json INPUT.xml DUMP.xml\n");
	return 2;
}
