/* machine.h - what libvirt makes of a domain's arch and machine type: its family, the PCI root it needs, the addresses its implicit devices hold */
#ifndef DL_MACHINE_H
#define DL_MACHINE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* Machine families, as libvirt's qemuDomainIs*() helpers tell them apart. */
typedef enum {
	DL_MACHINE_UNKNOWN, /* no machine or no arch given: libvirt takes the QEMU binary's default */
	DL_MACHINE_I440FX,     /* x86 'pc', 'pc-0.*', 'pc-1.*', 'pc-i440fx-*', 'rhel*' */
	DL_MACHINE_Q35,        /* x86 'q35', 'pc-q35-*' */
	DL_MACHINE_PSERIES,    /* ppc64(le) 'pseries', 'pseries-*' */
	DL_MACHINE_S390_CCW,   /* s390(x) 's390-ccw*' */
	DL_MACHINE_ARM_VIRT,   /* armv6l/armv7l/aarch64 'virt', 'virt-*' */
	DL_MACHINE_RISCV_VIRT, /* riscv32/64 'virt', 'virt-*' */
	DL_MACHINE_OTHER,      /* any other machine type */
} dl_machine_family;

typedef struct dl_machine {
	dl_machine_family family;
	const char *name; /* the machine as written; borrowed, NULL when absent */
	bool x86, ppc64;  /* ARCH_IS_X86, ARCH_IS_PPC64 */
	/*
	 * The model libvirt requires (and adds when missing) for the PCI controller with index 0
	 * (qemuDomainDefAddDefaultDevices): "pci-root" or "pcie-root"; NULL when the machine has
	 * none or when it depends on the QEMU binary (aarch64 'virt', s390x).
	 */
	const char *root_model;
} dl_machine;

/* Describe the machine of m. */
dl_machine dl_machine_of(const dl_model *m);

/* One guest PCI address on bus 0 that the machine's implicit devices hold. */
typedef struct dl_reserved {
	unsigned int slot, function;
	const char *what; /* "the PIIX3 IDE controller", for messages; static */
	/*
	 * The controller of the file that libvirt puts there (the IDE controller with index 0),
	 * when the file gives it this very address; NULL otherwise. An explicit address of that
	 * controller there is its own, not a clash.
	 */
	const dl_device *owner;
	/*
	 * The controller of the file that libvirt puts there, wherever the file puts it, and
	 * libvirt's complaint when the file gives it another address; NULL when none.
	 */
	const dl_device *ctrl;
	const char *misplaced;
} dl_reserved;

#define DL_MACHINE_MAX_RESERVED 4

/*
 * The bus-0 addresses libvirt reserves for the machine's built-in functions, given the
 * devices present (qemuDomainValidateDevicePCISlotsPIIX3 / ...Q35); returns how many.
 * Only what is certain: an address that depends on the QEMU binary is left out.
 */
size_t dl_machine_reserved(const dl_model *m, const dl_machine *mach,
			   dl_reserved out[DL_MACHINE_MAX_RESERVED]);

#endif
