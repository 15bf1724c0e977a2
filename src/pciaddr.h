/* pciaddr.h - libvirt's number syntax for PCI and zPCI address attributes, and their limits */
#ifndef DL_PCIADDR_H
#define DL_PCIADDR_H

#include <stdbool.h>
#include <stdint.h>

/* Limits libvirt enforces (virpci.c, qemu_validate.c). */
#define DL_PCI_BUS_MAX 0xffu
#define DL_PCI_SLOT_MAX 0x1fu
#define DL_PCI_FUNCTION_MAX 7u
#define DL_ZPCI_UID_MIN 1u
#define DL_ZPCI_UID_MAX 0xffffu

typedef enum {
	DL_NUM_ABSENT, /* attribute not given: libvirt uses 0 */
	DL_NUM_OK,
	DL_NUM_SYNTAX,   /* not a number in libvirt's syntax */
	DL_NUM_OVERFLOW, /* a number, but above UINT_MAX */
} dl_num_status;

typedef struct dl_num {
	dl_num_status status;
	unsigned int value;      /* meaningful only when status is DL_NUM_OK */
	unsigned long long wide; /* the same, for the 64-bit fields (dl_num_parse_base with wide) */
	bool octal; /* leading 0 read as octal, and that differs from the decimal reading */
} dl_num;

/*
 * Parse an attribute value the way libvirt's virStrToLong_uip(base 0) does:
 * optional leading blanks and '+', then 0x/0X hex, 0-prefixed octal or decimal,
 * nothing after, at most UINT_MAX. NULL gives DL_NUM_ABSENT.
 */
dl_num dl_num_parse(const char *s);

/*
 * The same with another base, as libvirt's virXMLPropUInt (base 10: "010" is 10, "0x1"
 * is junk) or virXMLPropULongLong (wide: up to ULLONG_MAX; base 16 takes an optional 0x).
 * A '-' sign is refused, as libvirt refuses it.
 */
dl_num dl_num_parse_base(const char *s, int base, bool wide);

/* The value of hex digit c (either case), or -1 when c is none. */
int dl_hex_digit(char c);

/* value in lower-case hex, at least width digits, at w (no NUL); returns the end. By hand: it runs per device. */
char *dl_hex(char *w, unsigned int value, int width);

/* Format domain:bus:slot.function as libvirt prints it ("0002:06:00.0") into buf (>= 40 bytes). */
#define DL_PCI_TEXT_MAX 40
void dl_pci_format(char *buf, unsigned int domain, unsigned int bus, unsigned int slot,
		   unsigned int function);

/* Pack a PCI address into one key for hash sets (domain is a full 32 bits). */
uint64_t dl_pci_key(unsigned int domain, unsigned int bus, unsigned int slot,
		    unsigned int function);

#endif
