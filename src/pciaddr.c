/* pciaddr.c - libvirt's number syntax for PCI and zPCI address attributes, and their limits */
#include "pciaddr.h"

static bool is_blank(char c)
{
	/* the set strtoul skips in the C locale */
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

int dl_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A digit's value in any base up to 16; 99, above every base, for anything else. */
static int digit_value(char c)
{
	int v = dl_hex_digit(c);
	return v < 0 ? 99 : v;
}

/* Read digits of base from *p; returns the count read, saturating *value at UINT64_MAX. */
static int read_digits(const char **p, unsigned base, uint64_t *value, bool *overflow)
{
	int n = 0;
	for (; digit_value(**p) < (int)base; (*p)++, n++) {
		unsigned d = (unsigned)digit_value(**p);
		if (*value > (UINT64_MAX - d) / base)
			*overflow = true;
		else
			*value = *value * base + d;
	}
	return n;
}

dl_num dl_num_parse(const char *s)
{
	return dl_num_parse_base(s, 0, false);
}

dl_num dl_num_parse_base(const char *s, int base_in, bool wide)
{
	dl_num r = { DL_NUM_SYNTAX, 0, 0, false };
	if (!s) {
		r.status = DL_NUM_ABSENT;
		return r;
	}
	const char *p = s;
	while (is_blank(*p))
		p++;
	if (*p == '+')
		p++;

	uint64_t value = 0;
	bool overflow = false;
	unsigned base = base_in ? (unsigned)base_in : 10;
	const char *digits = p;
	if ((base_in == 0 || base_in == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    digit_value(p[2]) < 16) {
		base = 16;
		p += 2;
	} else if (base_in == 0 && p[0] == '0') {
		base = 8;
	}
	if (read_digits(&p, base, &value, &overflow) == 0 || *p != '\0')
		return r;
	if (overflow || (!wide && value > UINT32_MAX)) {
		r.status = DL_NUM_OVERFLOW;
		return r;
	}
	r.status = DL_NUM_OK;
	r.value = value > UINT32_MAX ? UINT32_MAX : (unsigned int)value;
	r.wide = value;
	if (base == 8 && digits[1] != '\0') {
		uint64_t decimal = 0;
		bool ignored = false;
		const char *q = digits;
		read_digits(&q, 10, &decimal, &ignored);
		r.octal = ignored || decimal != value;
	}
	return r;
}

char *dl_hex(char *w, unsigned int value, int width)
{
	char tmp[8];
	int n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[value & 0xf];
		value >>= 4;
	} while (value);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*w++ = tmp[--n];
	return w;
}

void dl_pci_format(char *buf, unsigned int domain, unsigned int bus, unsigned int slot,
		   unsigned int function)
{
	/* "%04x:%02x:%02x.%x": at most 8+1+8+1+8+1+8+1 = 36 bytes for absurd values */
	char *w = dl_hex(buf, domain, 4);
	*w++ = ':';
	w = dl_hex(w, bus, 2);
	*w++ = ':';
	w = dl_hex(w, slot, 2);
	*w++ = '.';
	w = dl_hex(w, function, 1);
	*w = '\0';
}

uint64_t dl_pci_key(unsigned int domain, unsigned int bus, unsigned int slot, unsigned int function)
{
	return ((uint64_t)domain << 32) | ((uint64_t)(bus & 0xffff) << 16) |
	       ((uint64_t)(slot & 0xff) << 8) | (function & 0xff);
}
