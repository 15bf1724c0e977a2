/* usbaddr.c - USB port paths as libvirt parses them, and which devices libvirt puts on USB */
#include "text.h"
#include "usbaddr.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
	return dl_text_is(m->arch, a) || dl_text_is(m->arch, b);
}

const char *dl_input_bus(dl_doc *doc, const dl_model *m, const dl_device *dev)
{
	const char *bus = dl_doc_attr(doc, dev->node, "bus");
	if (bus || !m->arch)
		return bus;
	if ((dl_text_is(dev->type, "mouse") || dl_text_is(dev->type, "keyboard")) &&
	    arch_is(m, "x86_64", "i686"))
		return "ps2";
	if (arch_is(m, "s390x", "s390") || dl_text_is(dev->type, "passthrough"))
		return "virtio";
	if (dl_text_is(dev->type, "evdev"))
		return NULL;
	return "usb";
}

bool dl_usb_device(dl_doc *doc, const dl_model *m, const dl_device *dev)
{
	switch (dev->kind) {
	case DL_DEV_HUB:
		return dl_text_is(dev->type, "usb");
	case DL_DEV_HOSTDEV:
		return dev->hostdev == DL_HOSTDEV_USB;
	case DL_DEV_DISK:
		return dl_text_is(dev->disk_bus, "usb");
	case DL_DEV_CONTROLLER:
		return dl_text_is(dev->type, "ccid");
	case DL_DEV_INPUT:
		return dl_text_is(dl_input_bus(doc, m, dev), "usb");
	case DL_DEV_SERIAL:
		return dl_text_is(dev->target_type, "usb-serial");
	case DL_DEV_SOUND:
		return dl_text_is(dev->model, "usb");
	case DL_DEV_REDIRDEV: {
		const char *bus = dl_doc_attr(doc, dev->node, "bus");
		return !bus || dl_text_is(bus, "usb");
	}
	default:
		return false;
	}
}
