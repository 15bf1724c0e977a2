/* guestaddr.c - the address each PCI or CCW device has inside the guest, as data every output renders */
#include "guestaddr.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "text.h"
#include "xmalloc.h"

static const char *zpci_unknown_reason(const dl_device *dev)
{
	const dl_addr *g = &dev->guest;
	if (g->has_zpci && !dl_addr_is_pci(g))
		return "its <zpci> is not in an <address type='pci'>";
	if (!dev->zpci_capable)
		return "libvirt reserves no zpci ids for character devices";
	if (g->has_zpci &&
	    (g->uid.num.status != DL_NUM_ABSENT || g->fid.num.status != DL_NUM_ABSENT))
		return "its zpci uid or fid is invalid";
	return "libvirt has no free zpci uid left";
}

/* A vfio-ap mdev: the guest reaches its crypto adapters on the AP bus, not at an address. */
static bool is_ap_matrix(const dl_device *dev)
{
	return dev->hostdev == DL_HOSTDEV_MDEV && dl_text_is(dev->model, "vfio-ap");
}

/*
 * On q35, a bus no pci controller of the file gives is one libvirt adds, and for a
 * conventional PCI device it adds a dmi-to-pci-bridge and a pci-bridge behind it and puts the
 * device on the bridge: the written bus is not where it ends up (checked with libvirt).
 * Returns the highest bus whose address holds as written: every bus on other machines.
 */
static long last_fixed_bus(const dl_model *m)
{
	if (dl_machine_of(m).family != DL_MACHINE_Q35)
		return LONG_MAX;
	long last = 0;
	for (size_t i = 0; i < m->ndevices; i++) {
		const dl_device *c = &m->devices[i];
		if (c->kind == DL_DEV_CONTROLLER && dl_text_is(c->type, "pci") &&
		    c->ctrl_idx > last)
			last = c->ctrl_idx;
	}
	return last;
}

/* The note for dev, taking its label. */
static void note_for(const dl_doc *doc, const dl_model *m, long last_bus, dl_device *dev,
		     dl_guest_note *n)
{
	memset(n, 0, sizeof *n);
	n->kind = DL_GUEST_PCI;
	n->loc = dev->loc;
	n->end = dev->node ? dl_doc_elem_end(doc, dev->node) : dev->loc;
	if (dev->implicit) {
		n->device = xasprintf("%s (added by libvirt)", dev->label);
	} else {
		n->device = dev->label;
		dev->label = NULL;
	}
	if (is_ap_matrix(dev)) {
		n->kind = DL_GUEST_AP;
		return;
	}
	if (!dev->pci && dev->ccw) {
		n->kind = DL_GUEST_CCW;
		n->known = dev->ccw_id.known;
		if (!n->known) {
			n->unknown = "its CCW address is invalid";
			return;
		}
		n->cssid = dev->ccw_id.cssid;
		n->ssid = dev->ccw_id.ssid;
		n->devno = dev->ccw_id.devno;
		n->ccw_auto = dev->ccw_id.automatic;
		/* a guest without MCSS-E sees the default cssid 0xfe as 0: /sys/bus/ccw/devices/0.0.0001 */
		snprintf(n->guest, sizeof n->guest, "%x.%x.%04x", n->cssid == 0xfe ? 0 : n->cssid,
			 n->ssid, n->devno);
		return;
	}
	if (dl_device_is_zpci(m, dev)) {
		n->kind = DL_GUEST_ZPCI;
		n->known = dev->uid.known && dev->fid.known;
		if (!n->known) {
			n->unknown = zpci_unknown_reason(dev);
			return;
		}
		n->uid = dev->uid.value;
		n->fid = dev->fid.value;
		n->uid_auto = dev->uid.automatic;
		n->fid_auto = dev->fid.automatic;
		dl_pci_format(n->guest, n->uid, 0, 0, 0);
		return;
	}
	const dl_addr *a = &dev->guest;
	if (!dl_addr_is_pci(a) || dl_addr_is_empty(a))
		return; /* libvirt assigns it */
	if (!dl_addr_in_range(a) || a->domain.num.value != 0) {
		n->unknown = "its guest address is invalid";
		return;
	}
	if ((long)a->bus.num.value > last_bus) {
		n->unknown = "libvirt adds the bus and may move the device";
		return;
	}
	n->known = true;
	dl_pci_format(n->guest, a->domain.num.value, a->bus.num.value, a->slot.num.value,
		      a->function.num.value);
}

/* The host PCI function dev passes through, as lspci names it (its source address is valid). */
static void host_for(const dl_host *host, const dl_device *dev, dl_guest_note *n)
{
	const dl_addr *a = &dev->source;
	n->host_checked = true;
	const dl_host_pci *p = dl_host_pci_find(host, a->domain.num.value, a->bus.num.value,
						a->slot.num.value, a->function.num.value);
	if (!p)
		return;
	n->host_present = true;
	/* a function pci.ids does not know: its ids, as lspci -n shows them */
	n->host_name = p->name ? xstrdup(p->name) :
				 xasprintf("device %04x:%04x", p->vendor_id, p->device_id);
	n->host_driver = p->driver ? xstrdup(p->driver) : NULL;
}

/* A device that passes a host device through: a PCI or mediated hostdev, <interface type='hostdev'>. */
static bool is_passthrough(const dl_device *dev)
{
	return dev->pci_hostdev || dev->hostdev == DL_HOSTDEV_MDEV;
}

/* The guest address cannot exist: libvirt rejects what it would be built from. */
static bool address_impossible(const dl_model *m, const dl_device *dev)
{
	if (dev->guest.has_zpci && !m->s390x)
		return true; /* zPCI exists only on s390x */
	return dev->pci_hostdev && !dl_addr_in_range(&dev->source);
}

/*
 * PCI devices, the CCW devices of the file (libvirt's own added ones have no note), vfio-ap;
 * by default only passed-through devices and the ones whose zPCI ids libvirt fills in.
 */
static bool has_note(const dl_model *m, const dl_device *dev, bool all)
{
	if (!(dev->pci || (dev->ccw && !dev->implicit) || is_ap_matrix(dev)) ||
	    address_impossible(m, dev))
		return false;
	if (all)
		return true;
	return is_passthrough(dev) ||
	       (dl_device_is_zpci(m, dev) && (dev->uid.automatic || dev->fid.automatic));
}

dl_guest_note *dl_guest_notes_build(const dl_doc *doc, dl_model *m, bool all, const dl_host *host,
				    size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < m->ndevices; i++)
		*n += has_note(m, &m->devices[i], all);
	if (*n == 0)
		return NULL;
	dl_guest_note *notes = xcalloc(*n, sizeof *notes);
	long last_bus = last_fixed_bus(m);
	for (size_t i = 0, k = 0; i < m->ndevices; i++) {
		dl_device *dev = &m->devices[i];
		if (!has_note(m, dev, all))
			continue;
		note_for(doc, m, last_bus, dev, &notes[k]);
		/* a note's PCI hostdev has its source address in range (address_impossible) */
		if (host && dev->pci_hostdev && dev->source.present)
			host_for(host, dev, &notes[k]);
		k++;
	}
	return notes;
}

void dl_guest_notes_free(dl_guest_note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(notes[i].device);
		free(notes[i].host_name);
		free(notes[i].host_driver);
	}
	free(notes);
}
