/* numadef.c - what libvirt reads of guest NUMA: <cpu><numa> cells, node sets, and scaled memory sizes */
#include "numadef.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static const char *skip_spaces(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/* virStrToLong_i base 10: blanks, sign, digits; false on junk or overflow. */
static bool parse_int(const char *p, const char **end, long *v)
{
	char *e;
	errno = 0;
	long r = strtol(p, &e, 10);
	if (e == p || errno != 0 || r > INT_MAX || r < INT_MIN)
		return false;
	*v = r;
	*end = e;
	return true;
}

static bool set_bit(dl_nodeset *s, long i, bool on)
{
	if (i < 0 || i >= DL_NODESET_LEN)
		return false;
	if (on)
		s->bits[i / 64] |= (uint64_t)1 << (i % 64);
	else
		s->bits[i / 64] &= ~((uint64_t)1 << (i % 64));
	return true;
}

bool dl_nodeset_parse(const char *s, dl_nodeset *out)
{
	memset(out, 0, sizeof(*out));
	if (!s)
		return false;
	const char *cur = skip_spaces(s);
	if (*cur == '\0')
		return false;
	bool neg = false;
	while (*cur) {
		long start, last;
		const char *tmp;
		if (*cur == '^') {
			cur++;
			neg = true;
		}
		if (*cur < '0' || *cur > '9')
			return false;
		if (!parse_int(cur, &tmp, &start) || start < 0)
			return false;
		cur = skip_spaces(tmp);
		if (*cur == ',' || *cur == '\0') {
			if (!set_bit(out, start, !neg))
				return false;
		} else if (*cur == '-') {
			if (neg)
				return false;
			cur = skip_spaces(cur + 1);
			if (!parse_int(cur, &tmp, &last) || last < start)
				return false;
			cur = tmp;
			for (long i = start; i <= last; i++)
				if (!set_bit(out, i, true))
					return false;
			cur = skip_spaces(cur);
		}
		if (*cur == ',') {
			cur = skip_spaces(cur + 1);
			neg = false;
		} else if (*cur == '\0') {
			break;
		} else {
			return false;
		}
	}
	return true;
}

int dl_nodeset_next(const dl_nodeset *set, int from)
{
	for (int i = from < 0 ? 0 : from; i < DL_NODESET_LEN; i++)
		if (set->bits[i / 64] & ((uint64_t)1 << (i % 64)))
			return i;
	return -1;
}

bool dl_nodeset_overlaps(const dl_nodeset *a, const dl_nodeset *b)
{
	for (size_t i = 0; i < DL_NODESET_LEN / 64; i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}

dl_numa dl_numa_of(const xmlNode *root)
{
	dl_numa n = { 0 };
	const xmlNode *cpu = dl_doc_child(root, "cpu");
	n.numa = cpu ? dl_doc_child(cpu, "numa") : NULL;
	if (!n.numa)
		return n;
	for (const xmlNode *c = n.numa->children; c; c = c->next)
		if (dl_doc_is(c, "cell"))
			n.ncells++;
	return n;
}

/* virScaleInteger's units: its factor, or 0 for a unit libvirt refuses. */
static unsigned long long unit_scale(const char *unit)
{
	if (!unit || !*unit)
		return 1024;
	if (!strcasecmp(unit, "b") || !strcasecmp(unit, "byte") || !strcasecmp(unit, "bytes"))
		return 1;
	static const char prefixes[] = "kmgtpe";
	const char *p = strchr(prefixes, unit[0] | 0x20);
	if (!p || unit[0] == '\0')
		return 0;
	unsigned long long base;
	if (unit[1] == '\0' || !strcasecmp(unit + 1, "ib"))
		base = 1024;
	else if (!strcasecmp(unit + 1, "b"))
		base = 1000;
	else
		return 0;
	unsigned long long r = 1;
	for (const char *q = prefixes; q <= p; q++)
		r *= base;
	return r;
}

bool dl_mem_parse(const char *value, const char *unit, unsigned long long *kib)
{
	if (!value)
		return false;
	const char *p = skip_spaces(value);
	if (*p == '-')
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(p, &end, 10);
	if (end == p || *end != '\0' || errno != 0)
		return false;
	unsigned long long scale = unit_scale(unit);
	if (!scale || (v && scale > ULLONG_MAX / v))
		return false;
	unsigned long long bytes = v * scale;
	*kib = bytes / 1024 + (bytes % 1024 != 0);
	return true;
}
