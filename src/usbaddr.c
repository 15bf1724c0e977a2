/* usbaddr.c - USB port paths as libvirt parses them, and which devices libvirt puts on USB */
#include "usbaddr.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool eq(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* virStrToLong_uip: strtoul after optional space and '+', no '-', at most UINT_MAX, some digits. */
static bool parse_uint(const char **s, unsigned int *out)
{
	const char *p = *s;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-')
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(*s, &end, 10);
	if (end == *s || errno || v > 0xffffffffULL)
		return false;
	*out = (unsigned int)v;
	*s = end;
	return true;
}

bool dl_usb_port_parse(const char *s, unsigned int port[DL_USB_MAX_PORT_DEPTH])
{
	memset(port, 0, DL_USB_MAX_PORT_DEPTH * sizeof port[0]);
	if (!s)
		return true;
	for (size_t i = 0; i < DL_USB_MAX_PORT_DEPTH; i++) {
		if (!parse_uint(&s, &port[i]))
			return false;
		if (*s == '\0')
			return true;
		if (*s == '.')
			s++;
	}
	return false;
}

static bool arch_is(const dl_model *m, const char *a, const char *b)
{
	return eq(m->arch, a) || eq(m->arch, b);
}

const char *dl_input_bus(dl_doc *doc, const dl_model *m, const dl_device *dev)
{
	const char *bus = dl_doc_attr(doc, dev->node, "bus");
	if (bus || !m->arch)
		return bus;
	if ((eq(dev->type, "mouse") || eq(dev->type, "keyboard")) && arch_is(m, "x86_64", "i686"))
		return "ps2";
	if (arch_is(m, "s390x", "s390") || eq(dev->type, "passthrough"))
		return "virtio";
	if (eq(dev->type, "evdev"))
		return NULL;
	return "usb";
}

bool dl_usb_device(dl_doc *doc, const dl_model *m, const dl_device *dev)
{
	switch (dev->kind) {
	case DL_DEV_HUB:
		return eq(dev->type, "usb");
	case DL_DEV_HOSTDEV:
		return dev->hostdev == DL_HOSTDEV_USB;
	case DL_DEV_DISK:
		return eq(dev->disk_bus, "usb");
	case DL_DEV_CONTROLLER:
		return eq(dev->type, "ccid");
	case DL_DEV_INPUT:
		return eq(dl_input_bus(doc, m, dev), "usb");
	case DL_DEV_SERIAL:
		return eq(dev->target_type, "usb-serial");
	case DL_DEV_SOUND:
		return eq(dev->model, "usb");
	case DL_DEV_REDIRDEV: {
		const char *bus = dl_doc_attr(doc, dev->node, "bus");
		return !bus || eq(bus, "usb");
	}
	default:
		return false;
	}
}
