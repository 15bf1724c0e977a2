/* guestaddr.h - the address each PCI or CCW device has inside the guest, as data every output renders */
#ifndef DL_GUESTADDR_H
#define DL_GUESTADDR_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "host.h"
#include "model.h"
#include "pciaddr.h"

/* Where the guest finds the device. */
typedef enum dl_guest_kind {
	DL_GUEST_PCI,  /* its <address type='pci'>, or one libvirt assigns */
	DL_GUEST_ZPCI, /* s390x: the zPCI uid is the guest's PCI domain, the rest zero */
	DL_GUEST_CCW,  /* a CCW device (s390x): guest is its bus id ("0.0.0001") */
	DL_GUEST_AP,   /* a vfio-ap matrix: passed through, but with no address in the guest */
} dl_guest_kind;

/* The address one device has inside the guest, or why it cannot be told. */
typedef struct dl_guest_note {
	dl_loc loc;
	dl_loc end;   /* where the device's element ends (its last '>') */
	char *device; /* owned: "hostdev 0002:06:00.0" */
	dl_guest_kind kind;
	/*
	 * The address is told: PCI, an explicit address; zPCI, uid and fid could be predicted;
	 * CCW, a valid address. Neither known nor unknown: libvirt assigns a PCI address.
	 */
	bool known;
	const char *unknown; /* static: why the guest address cannot be told; NULL otherwise */
	char guest[DL_PCI_TEXT_MAX]; /* when known: "0001:00:00.0", or a CCW bus id "0.0.0001" */
	unsigned int uid, fid;       /* zPCI, when known */
	bool uid_auto, fid_auto;
	unsigned int cssid, ssid, devno; /* CCW, when known */
	bool ccw_auto;                   /* libvirt fills the CCW address in */
	/*
	 * --host: the host PCI function a hostdev passes through, as lspci names it. Set for a
	 * PCI hostdev when the notes are built with a host; all false and NULL otherwise.
	 */
	bool host_checked;
	bool host_present; /* the host has that function */
	char *host_name;   /* owned: present, its vendor and device ("Mellanox Technologies ...") */
	char *host_driver; /* owned: present and bound, its driver ("vfio-pci"); NULL when unbound */
} dl_guest_note;

/*
 * The notes of the model's devices, in the model's order: every PCI and CCW device when all,
 * otherwise the passed-through ones and those whose zPCI ids libvirt fills in. *n gets their
 * count (NULL when 0). The notes take those devices' labels (dev->label becomes NULL): build
 * them last, just before the model is freed. With a host (--host; NULL: none), each PCI hostdev's
 * note tells the host function it passes through. Free with dl_guest_notes_free.
 */
dl_guest_note *dl_guest_notes_build(const dl_doc *doc, dl_model *m, bool all, const dl_host *host,
				    size_t *n);
void dl_guest_notes_free(dl_guest_note *notes, size_t n);

#endif
