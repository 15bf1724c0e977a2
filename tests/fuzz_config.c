/* fuzz_config.c - libFuzzer target: bytes as a .domlint.conf, then its patterns and rules in use */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "config.h"
#include "lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A domain whose findings the [rules] and [bind-note] sections change. */
static const char domain[] =
	"<domain type='kvm'>\n"
	"  <os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os>\n"
	"  <devices>\n"
	"    <!-- bound to vfio-pci by driverctl -->\n"
	"    <hostdev mode='subsystem' type='pci' managed='no'>\n"
	"      <source><address domain='0x0002' bus='0x06' slot='0x00' function='0x0'/></source>\n"
	"      <address type='pci' domain='0x0002' bus='0x00' slot='0x01' function='010'/>\n"
	"    </hostdev>\n"
	"    <hostdev mode='subsystem' type='pci' managed='no'>\n"
	"      <source><address domain='0x0002' bus='0x06' slot='0x00' function='0x0'/></source>\n"
	"    </hostdev>\n"
	"  </devices>\n"
	"</domain>\n";

/* Paths and texts the [paths] exclude and [bind-note] patterns are tried on. */
static const char *const paths[] = { "/tmp/vm.xml", "/tmp/lsp-excluded/vm.xml", "vm.xml",
				     "/elsewhere/a b/vm.xml", "" };
static const char *const notes[] = {
	" bound to vfio-pci by driverctl ", "nothing here", "",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Only a path reads a configuration: one file per process, rewritten for each input. */
	static char path[64];
	if (!*path) {
		xmlInitParser();
		snprintf(path, sizeof path, "/tmp/domlint-fuzz-%ld.conf", (long)getpid());
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	size_t wrote = fwrite(data, 1, size, f);
	if (fclose(f) != 0 || wrote != size)
		return 0;
	dl_config config;
	dl_config_init(&config);
	char *error = NULL;
	if (dl_config_load_file(&config, path, &error) == 0) {
		for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
			dl_config_excluded(&config, paths[i]);
		for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
			dl_config_bind_note(&config, notes[i]);
		FILE *sink = fopen("/dev/null", "w");
		if (sink) {
			dl_config_print(&config, sink);
			fclose(sink);
		}
		dl_file_result r;
		dl_lint_buffer(&config, "/tmp/vm.xml", domain, sizeof domain - 1, true, &r);
		dl_file_result_release(&r);
	}
	free(error);
	dl_config_release(&config);
	return 0;
}
