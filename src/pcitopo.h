/* pcitopo.h - the guest's PCI buses (the pci controllers by index) and what each bus accepts, as libvirt's domain_addr.c decides it */
#ifndef DL_PCITOPO_H
#define DL_PCITOPO_H

#include <stdbool.h>

#include "machine.h"
#include "model.h"

/* libvirt's virDomainPCIConnectFlags (domain_addr.h), same bits. */
enum {
	DL_PCI_CONNECT_AUTOASSIGN = 1 << 0,
	DL_PCI_CONNECT_HOTPLUGGABLE = 1 << 1,
	DL_PCI_CONNECT_INTEGRATED = 1 << 2,
	DL_PCI_CONNECT_AGGREGATE_SLOT = 1 << 3,
	DL_PCI_CONNECT_PCI_DEVICE = 1 << 4,
	DL_PCI_CONNECT_PCIE_DEVICE = 1 << 5,
	DL_PCI_CONNECT_PCIE_ROOT_PORT = 1 << 6,
	DL_PCI_CONNECT_PCIE_SWITCH_UPSTREAM_PORT = 1 << 7,
	DL_PCI_CONNECT_PCIE_SWITCH_DOWNSTREAM_PORT = 1 << 8,
	DL_PCI_CONNECT_DMI_TO_PCI_BRIDGE = 1 << 9,
	DL_PCI_CONNECT_PCI_EXPANDER_BUS = 1 << 10,
	DL_PCI_CONNECT_PCIE_EXPANDER_BUS = 1 << 11,
	DL_PCI_CONNECT_PCI_BRIDGE = 1 << 12,
	DL_PCI_CONNECT_PCIE_TO_PCI_BRIDGE = 1 << 13,
};
#define DL_PCI_CONNECT_ENDPOINT (DL_PCI_CONNECT_PCI_DEVICE | DL_PCI_CONNECT_PCIE_DEVICE)
#define DL_PCI_CONNECT_TYPES ((1u << 14) - (1u << 4))

/* Is model one of libvirt's pci controller models (virDomainControllerModelPCI)? */
bool dl_pci_model_known(const char *model);

/*
 * What a pci controller of this model plugs in as, upstream
 * (virDomainPCIControllerModelToConnectType); 0 for pci-root, pcie-root and unknown models.
 */
unsigned int dl_pci_model_connect(const char *model);

/* What a bus of this model accepts, and its slot range (virDomainPCIAddressBusSetModel). */
typedef struct dl_pci_bus_caps {
	unsigned int flags;
	unsigned int min_slot, max_slot;
} dl_pci_bus_caps;
bool dl_pci_bus_caps_of(const char *model, dl_pci_bus_caps *caps);

/* libvirt's name for what a device plugs in as ("pci-expander-bus"), as its messages print it. */
const char *dl_pci_connect_name(unsigned int dev_flags);

/* One PCI bus of the guest. */
typedef struct dl_pci_bus {
	const char *model;     /* libvirt's model for it; NULL when not known */
	const dl_device *ctrl; /* the controller in the file; NULL when libvirt adds it */
} dl_pci_bus;

typedef struct dl_pcitopo {
	/* The buses by index, up to the highest pci controller index, as libvirt sets them up
	 * before placing devices (qemuDomainPCIAddressSetCreate); index 0 included. */
	dl_pci_bus bus[DL_PCI_BUS_MAX + 1];
	unsigned int nbuses; /* 0: no PCI bus, or not known */
	/* The index libvirt gives each pci controller, by device position; -1 unknown. Owned. */
	long *index_of;
} dl_pcitopo;

/*
 * Build the buses of m: the pci controllers with the index each ends up with (those without
 * one get the lowest unused, in document order), the root the machine adds at index 0 when
 * the file has none, and the default model libvirt gives the indexes in between.
 * Release with dl_pcitopo_release.
 */
void dl_pcitopo_build(const dl_model *m, const dl_machine *mach, dl_pcitopo *t);
void dl_pcitopo_release(dl_pcitopo *t);

/* The index libvirt gives controller dev of type pci (the written one, or the one it fills in); -1 unknown. */
long dl_pcitopo_index(const dl_pcitopo *t, const dl_device *dev);

#endif
