/* pcitopo.c - the guest's PCI buses (the pci controllers by index) and what each bus accepts, as libvirt's domain_addr.c decides it */
#include "pcitopo.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* The pci controller models, with what each plugs in as and what its bus accepts. */
typedef struct pci_model {
	const char *name;
	unsigned int connect; /* virDomainPCIControllerModelToConnectType */
	dl_pci_bus_caps caps; /* virDomainPCIAddressBusSetModel, hotplug left out */
} pci_model;

static const pci_model pci_models[] = {
	{ "pci-root",
	  0,
	  { DL_PCI_CONNECT_AUTOASSIGN | DL_PCI_CONNECT_PCI_DEVICE | DL_PCI_CONNECT_PCI_BRIDGE |
		    DL_PCI_CONNECT_PCI_EXPANDER_BUS,
	    1, DL_PCI_SLOT_MAX } },
	{ "pcie-root",
	  0,
	  { DL_PCI_CONNECT_PCIE_DEVICE | DL_PCI_CONNECT_PCIE_ROOT_PORT |
		    DL_PCI_CONNECT_DMI_TO_PCI_BRIDGE | DL_PCI_CONNECT_PCIE_EXPANDER_BUS,
	    1, DL_PCI_SLOT_MAX } },
	{ "pci-bridge",
	  DL_PCI_CONNECT_PCI_BRIDGE,
	  { DL_PCI_CONNECT_AUTOASSIGN | DL_PCI_CONNECT_PCI_DEVICE | DL_PCI_CONNECT_PCI_BRIDGE, 1,
	    DL_PCI_SLOT_MAX } },
	{ "dmi-to-pci-bridge",
	  DL_PCI_CONNECT_DMI_TO_PCI_BRIDGE,
	  { DL_PCI_CONNECT_PCI_DEVICE | DL_PCI_CONNECT_PCI_BRIDGE, 0, DL_PCI_SLOT_MAX } },
	{ "pcie-to-pci-bridge",
	  DL_PCI_CONNECT_PCIE_TO_PCI_BRIDGE,
	  { DL_PCI_CONNECT_AUTOASSIGN | DL_PCI_CONNECT_PCI_DEVICE | DL_PCI_CONNECT_PCI_BRIDGE, 1,
	    DL_PCI_SLOT_MAX } },
	{ "pcie-root-port",
	  DL_PCI_CONNECT_PCIE_ROOT_PORT | DL_PCI_CONNECT_AGGREGATE_SLOT,
	  { DL_PCI_CONNECT_AUTOASSIGN | DL_PCI_CONNECT_PCIE_DEVICE |
		    DL_PCI_CONNECT_PCIE_SWITCH_UPSTREAM_PORT | DL_PCI_CONNECT_PCIE_TO_PCI_BRIDGE,
	    0, 0 } },
	{ "pcie-switch-upstream-port",
	  DL_PCI_CONNECT_PCIE_SWITCH_UPSTREAM_PORT,
	  { DL_PCI_CONNECT_PCIE_SWITCH_DOWNSTREAM_PORT, 0, DL_PCI_SLOT_MAX } },
	{ "pcie-switch-downstream-port",
	  DL_PCI_CONNECT_PCIE_SWITCH_DOWNSTREAM_PORT,
	  { DL_PCI_CONNECT_AUTOASSIGN | DL_PCI_CONNECT_PCIE_DEVICE |
		    DL_PCI_CONNECT_PCIE_SWITCH_UPSTREAM_PORT | DL_PCI_CONNECT_PCIE_TO_PCI_BRIDGE,
	    0, 0 } },
	{ "pci-expander-bus",
	  DL_PCI_CONNECT_PCI_EXPANDER_BUS,
	  { DL_PCI_CONNECT_AUTOASSIGN | DL_PCI_CONNECT_PCI_DEVICE | DL_PCI_CONNECT_PCI_BRIDGE, 0,
	    DL_PCI_SLOT_MAX } },
	{ "pcie-expander-bus",
	  DL_PCI_CONNECT_PCIE_EXPANDER_BUS,
	  { DL_PCI_CONNECT_PCIE_ROOT_PORT | DL_PCI_CONNECT_DMI_TO_PCI_BRIDGE, 0,
	    DL_PCI_SLOT_MAX } },
};

static const pci_model *find_model(const char *name)
{
	for (size_t i = 0; name && i < sizeof pci_models / sizeof pci_models[0]; i++)
		if (strcmp(pci_models[i].name, name) == 0)
			return &pci_models[i];
	return NULL;
}

bool dl_pci_model_known(const char *model)
{
	return find_model(model) != NULL;
}

unsigned int dl_pci_model_connect(const char *model)
{
	const pci_model *p = find_model(model);
	return p ? p->connect : 0;
}

bool dl_pci_bus_caps_of(const char *model, dl_pci_bus_caps *caps)
{
	const pci_model *p = find_model(model);
	if (p)
		*caps = p->caps;
	return p != NULL;
}

const char *dl_pci_connect_name(unsigned int f)
{
	/* the order of virDomainPCIAddressFlagsCompatible's message */
	static const struct {
		unsigned int flag;
		const char *name;
	} names[] = {
		{ DL_PCI_CONNECT_PCI_DEVICE, "standard PCI device" },
		{ DL_PCI_CONNECT_PCIE_DEVICE, "PCI Express device" },
		{ DL_PCI_CONNECT_PCIE_ROOT_PORT, "pcie-root-port" },
		{ DL_PCI_CONNECT_PCIE_SWITCH_UPSTREAM_PORT, "pcie-switch-upstream-port" },
		{ DL_PCI_CONNECT_PCIE_SWITCH_DOWNSTREAM_PORT, "pcie-switch-downstream-port" },
		{ DL_PCI_CONNECT_DMI_TO_PCI_BRIDGE, "dmi-to-pci-bridge" },
		{ DL_PCI_CONNECT_PCIE_TO_PCI_BRIDGE, "pcie-to-pci-bridge" },
		{ DL_PCI_CONNECT_PCI_EXPANDER_BUS, "pci-expander-bus" },
		{ DL_PCI_CONNECT_PCIE_EXPANDER_BUS, "pcie-expander-bus" },
		{ DL_PCI_CONNECT_PCI_BRIDGE, "pci-bridge" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (f & names[i].flag)
			return names[i].name;
	return NULL;
}

/* A pci controller of the file (the model's s390x bridges for referenced buses are left out). */
static bool is_pci_controller(const dl_device *d)
{
	return d->kind == DL_DEV_CONTROLLER && !d->implicit && d->type &&
	       strcmp(d->type, "pci") == 0;
}

/*
 * virDomainAssignControllerIndexes: a pci controller without an index gets the lowest one
 * unused; those without keep their document order among themselves. Returns false when an
 * index does not parse (libvirt refuses the file then).
 */
static bool assign_indexes(const dl_model *m, dl_pcitopo *t)
{
	size_t n = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		t->index_of[i] = -1;
		if (is_pci_controller(&m->devices[i]))
			n++;
	}
	/* the k-th controller without an index gets at most n - 1 */
	bool *used = xcalloc(n + 1, sizeof *used);
	bool ok = true;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		if (!is_pci_controller(d) || !d->ctrl_index.raw)
			continue;
		if (d->ctrl_idx < 0)
			ok = false;
		else if ((size_t)d->ctrl_idx <= n)
			used[d->ctrl_idx] = true;
		t->index_of[i] = d->ctrl_idx;
	}
	size_t next = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		if (!is_pci_controller(d) || d->ctrl_index.raw)
			continue;
		while (next <= n && used[next])
			next++;
		used[next] = true;
		t->index_of[i] = (long)next;
	}
	free(used);
	return ok;
}

void dl_pcitopo_build(const dl_model *m, const dl_machine *mach, dl_pcitopo *t)
{
	memset(t->bus, 0, sizeof t->bus);
	t->nbuses = 0;
	t->index_of = xcalloc(m->ndevices + 1, sizeof *t->index_of);
	if (!assign_indexes(m, t))
		return;
	long max = -1;
	bool have_zero = false;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *d = &m->devices[i];
		long idx = t->index_of[i];
		if (!is_pci_controller(d) || idx < 0)
			continue;
		if (idx > (long)DL_PCI_BUS_MAX)
			return; /* "PCI controller index %d too high": no topology to speak of */
		if (idx > max)
			max = idx;
		if (idx == 0)
			have_zero = true;
		/* the first controller of an index is the one libvirt finds (virDomainControllerFind) */
		if (!t->bus[idx].ctrl) {
			t->bus[idx].ctrl = d;
			t->bus[idx].model = dl_pci_model_known(d->model) ? d->model : NULL;
		}
	}
	/* qemuDomainDefAddDefaultDevices adds the root when the file has no index 0 */
	/*
	 * With no root known (it depends on the QEMU binary: s390x, aarch64 'virt') bus 0 stays
	 * unknown, and the buses the file gives are still checked.
	 */
	if (!have_zero && mach->root_model) {
		t->bus[0].model = mach->root_model;
		if (max < 0)
			max = 0;
	}
	if (max < 0)
		return;
	/* qemuDomainPCIAddressSetCreate: the indexes in between get a default model */
	const char *between = "pci-bridge";
	if (mach->family == DL_MACHINE_PSERIES)
		between = "pci-root";
	else if (t->bus[0].model && strcmp(t->bus[0].model, "pcie-root") == 0)
		between = "pcie-root-port";
	else if (!t->bus[0].model && mach->family != DL_MACHINE_S390_CCW)
		between = NULL; /* s390x's root is a pci-root whenever it has one */
	for (long i = 1; i <= max; i++)
		if (!t->bus[i].ctrl)
			t->bus[i].model = between;
	t->nbuses = (unsigned int)max + 1;
}

void dl_pcitopo_release(dl_pcitopo *t)
{
	free(t->index_of);
	t->index_of = NULL;
}

long dl_pcitopo_index(const dl_pcitopo *t, const dl_device *dev)
{
	return t->index_of ? t->index_of[dev->index] : -1;
}
