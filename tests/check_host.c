/* check_host.c - the host --host reads: a root laid out by tests/mkhost.sh, read back through the loader */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_suites.h"
#include "host.h"
#include "xmalloc.h"

static char dir[64];
static dl_host *host;

/* Lay a host out from description lines under dir/root and load it; 0 or -1 as dl_host_load. */
static int load(const char *description)
{
	char *desc = xasprintf("%s/host.desc", dir);
	FILE *f = fopen(desc, "w");
	ck_assert_ptr_nonnull(f);
	fputs(description, f);
	fclose(f);
	char *cmd = xasprintf("sh tests/mkhost.sh %s %s/root", desc, dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(desc);
	char *root = xasprintf("%s/root", dir);
	char *error = NULL;
	int rc = dl_host_load(root, &host, &error);
	free(error);
	free(root);
	return rc;
}

static void setup(void)
{
	strcpy(dir, "/tmp/check_host.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	host = NULL;
}

static void teardown(void)
{
	dl_host_free(host);
	char *cmd = xasprintf("rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

START_TEST(reads_functions_groups_and_drivers)
{
	ck_assert_int_eq(load("iommu\nvfio-pci loaded\n"
			      "pci 0000:01:00.1 8086:1521 driver=vfio-pci group=12\n"
			      "pci 0000:01:00.0 8086:1521 driver=igb group=12\n"
			      "pci 0000:02:00.0 15b3:1004 group=13 noconfig\n"),
			 0);
	ck_assert(host->iommu_groups && host->vfio_dev);
	ck_assert_int_eq(host->vfio_pci, DL_HOST_YES);
	ck_assert(host->vfio_pci_loaded);
	ck_assert_uint_eq(host->npci, 3);
	ck_assert_str_eq(host->pci[0].text, "0000:01:00.0"); /* sorted by address */
	const dl_host_pci *p = dl_host_pci_find(host, 0, 1, 0, 1);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->driver, "vfio-pci");
	ck_assert_int_eq(p->iommu_group, 12);
	ck_assert_uint_eq(p->vendor_id, 0x8086);
	ck_assert_uint_eq(p->class_id, 0x0200);
	ck_assert_ptr_nonnull(strstr(p->name, "I350"));
	ck_assert(p->has_config);
	ck_assert(!p->zpci);
	size_t i = 0;
	const dl_host_pci *q = dl_host_group_member(host, p, &i);
	ck_assert_ptr_nonnull(q);
	ck_assert_str_eq(q->text, "0000:01:00.0");
	ck_assert_ptr_null(dl_host_group_member(host, p, &i));
	const dl_host_pci *r = dl_host_pci_find(host, 0, 2, 0, 0);
	ck_assert_ptr_null(r->driver);
	ck_assert(!r->has_config);
	ck_assert_ptr_null(dl_host_pci_find(host, 0, 3, 0, 0));
}
END_TEST

START_TEST(nearest_is_one_typo_away)
{
	ck_assert_int_eq(load("pci 0000:01:00.1 8086:1521\npci 0000:10:00.0 8086:1521\n"), 0);
	const dl_host_pci *p = dl_host_pci_nearest(host, 0, 1, 0, 7); /* one digit */
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->text, "0000:01:00.1");
	p = dl_host_pci_nearest(host, 0, 0x10, 0, 1); /* 10 for 01: a swap */
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->text, "0000:01:00.1");
	ck_assert_ptr_null(dl_host_pci_nearest(host, 0, 0x22, 0, 0));
}
END_TEST

START_TEST(no_iommu_and_no_vfio)
{
	ck_assert_int_eq(load("pci 0000:01:00.0 8086:1521 driver=igb\nvfio-pci absent\n"), 0);
	ck_assert(!host->iommu_groups);
	ck_assert(!host->vfio_dev);
	ck_assert_int_eq(host->vfio_pci, DL_HOST_NO);
	ck_assert_str_eq(host->kernel, "6.1.0-test");
	ck_assert_int_eq(dl_host_pci_find(host, 0, 1, 0, 0)->iommu_group, -1);
}
END_TEST

START_TEST(vfio_builtin_module_and_blacklist)
{
	/* built in, its driver not registered in this copy: the kernel's list says so */
	ck_assert_int_eq(load("file lib/modules/6.1.0-test/modules.builtin "
			      "kernel/drivers/vfio/pci/vfio-pci.ko\n"),
			 0);
	ck_assert_int_eq(host->vfio_pci, DL_HOST_YES);
	ck_assert_str_eq(host->vfio_pci_where, "/lib/modules/6.1.0-test/modules.builtin");
	dl_host_free(host);
	host = NULL;
	ck_assert_int_eq(load("vfio-pci module\n"
			      "file etc/modprobe.d/no.conf blacklist vfio_pci # not now\n"),
			 0);
	ck_assert_int_eq(host->vfio_pci, DL_HOST_YES);
	ck_assert(!host->vfio_pci_loaded);
	ck_assert_str_eq(host->vfio_pci_blacklist, "/etc/modprobe.d/no.conf");
}
END_TEST

START_TEST(zpci_attributes)
{
	ck_assert_int_eq(load("pci 0002:00:00.0 15b3:1004 uid=0x2 uid_is_unique=1 "
			      "function_id=0x300\npci 0003:00:00.0 15b3:1004 uid=0x7 "
			      "uid_is_unique=0\n"),
			 0);
	const dl_host_pci *p = dl_host_pci_find(host, 2, 0, 0, 0);
	ck_assert(p->zpci);
	ck_assert_uint_eq(p->uid, 2);
	ck_assert_int_eq(p->uid_unique, DL_HOST_YES);
	ck_assert(p->fid_known);
	ck_assert_uint_eq(p->fid, 0x300);
	p = dl_host_pci_find(host, 3, 0, 0, 0);
	ck_assert_int_eq(p->uid_unique, DL_HOST_NO);
	ck_assert(!p->fid_known);
}
END_TEST

START_TEST(mdevs_and_bindings)
{
	ck_assert_int_eq(load("mdev 11111111-2222-3333-4444-55555555AAAA 0.0.0313 vfio_ccw-io "
			      "vfio-ccw\n"
			      "pci 0000:01:00.0 8086:1521\npci 0000:01:00.1 15b3:1004\n"
			      "pci 0000:01:00.2 1af4:1041\npci 0000:01:00.3 1af4:1042\n"
			      "driverctl 0000:01:00.0 vfio-pci\n"
			      "file etc/modprobe.d/vfio.conf options vfio-pci "
			      "ids=15b3:1004,10de:1db4\n"
			      "file proc/cmdline root=/dev/sda vfio_pci.ids=1af4:1041\n"),
			 0);
	const dl_host_mdev *m = dl_host_mdev_find(host, "11111111-2222-3333-4444-55555555aaaa");
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->device_api, "vfio-ccw");
	ck_assert_str_eq(m->type, "vfio_ccw-io");
	ck_assert_str_eq(m->parent, "0.0.0313");
	ck_assert_ptr_null(dl_host_mdev_find(host, "11111111-2222-3333-4444-555555555555"));
	const dl_host_bind *b = dl_host_binding(host, dl_host_pci_find(host, 0, 1, 0, 0));
	ck_assert_int_eq(b->kind, DL_HOST_BIND_DRIVERCTL);
	ck_assert_str_eq(b->where, "/etc/driverctl.d/pci-0000:01:00.0");
	b = dl_host_binding(host, dl_host_pci_find(host, 0, 1, 0, 1));
	ck_assert_int_eq(b->kind, DL_HOST_BIND_IDS);
	ck_assert_str_eq(b->where, "/etc/modprobe.d/vfio.conf");
	b = dl_host_binding(host, dl_host_pci_find(host, 0, 1, 0, 2));
	ck_assert_str_eq(b->where, "/proc/cmdline");
	ck_assert_ptr_null(dl_host_binding(host, dl_host_pci_find(host, 0, 1, 0, 3)));
}
END_TEST

START_TEST(unreadable_sysfs_is_an_error)
{
	char *root = xasprintf("%s/nothing", dir);
	char *error = NULL;
	ck_assert_int_eq(dl_host_load(root, &host, &error), -1);
	ck_assert_ptr_null(host);
	ck_assert_ptr_nonnull(strstr(error, "/nothing/sys/bus/pci/devices"));
	free(error);
	free(root);
}
END_TEST

START_TEST(vfio_safe_drivers)
{
	ck_assert(dl_host_driver_vfio_safe(NULL));
	ck_assert(dl_host_driver_vfio_safe("vfio-pci"));
	ck_assert(dl_host_driver_vfio_safe("mlx5_vfio_pci"));
	ck_assert(dl_host_driver_vfio_safe("pci-stub"));
	ck_assert(dl_host_driver_vfio_safe("pcieport"));
	ck_assert(!dl_host_driver_vfio_safe("igb"));
	ck_assert(!dl_host_driver_vfio_safe("vfio"));
}
END_TEST

Suite *host_suite(void)
{
	Suite *s = suite_create("host");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reads_functions_groups_and_drivers);
	tcase_add_test(tc, nearest_is_one_typo_away);
	tcase_add_test(tc, no_iommu_and_no_vfio);
	tcase_add_test(tc, vfio_builtin_module_and_blacklist);
	tcase_add_test(tc, zpci_attributes);
	tcase_add_test(tc, mdevs_and_bindings);
	tcase_add_test(tc, unreadable_sysfs_is_an_error);
	tcase_add_test(tc, vfio_safe_drivers);
	suite_add_tcase(s, tc);
	return s;
}
