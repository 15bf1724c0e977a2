/* rule_table.h - the one list of domlint's rules: id, check, name, default severity, flags, summary */
#ifndef DL_RULE_TABLE_H
#define DL_RULE_TABLE_H

/*
 * Adding a rule (tests/docs_check.sh and tests/golden.sh fail until all five are done):
 *  1. rules/NAME.c with its check, reporting through dl_report() only (rule.h): one that
 *     judges each device on its own is `void dl_rule_NAME_device(dl_ctx *ctx, const dl_device *dev)`,
 *     which the runner calls for every device of the file (not those libvirt adds); one that
 *     looks at the whole file, or compares devices, is `void dl_rule_NAME(dl_ctx *ctx)`;
 *  2. three lines below, with DL_CHECK_DEVICE(NAME) or DL_CHECK_FILE(NAME) to say which (the
 *     kebab-case name is stable: configs and suppressions use it);
 *  3. docs/rules/<kebab-name>.md: what, why, a bad and a good example, how to silence;
 *  4. testdata/rules/<kebab-name>/ with at least one fixture that fires and one that does
 *     not, each NAME.xml beside NAME.out and NAME.rc (`make regen` writes them; review!);
 *  5. the rule's object in RULE_SRCS of the Makefile.
 *
 * X(ID, check, name, default severity, flags, one-line summary); at most 64 rules
 * (suppressions keep a bit per rule). Flags (ruleid.h): DL_RULE_NEEDS_MODEL, the rule reads the
 * model and runs only on a <domain> (a check on each device must say so); DL_RULE_NEEDS_SCHEMA,
 * it runs only when schema validation is on (--schema, --enable=schema, [schema] enabled):
 * opt-in. The runner does these checks, so the rule need not.
 * DL_RULE_FIX_SAFE / DL_RULE_FIX_UNSAFE: its findings may carry a fix (fix.h) of that kind;
 * --list-rules and the docs say so, and tests/fix_test.sh checks every fix against them.
 * DL_RULE_NEEDS_HOST: it runs only with --host, and reads ctx->config->host (src/host.h).
 * DL_RULE_OFF_BY_DEFAULT: the rule starts off (dl_config_init); --enable turns it on at the
 * severity given here, as does a severity for it on the command line or under [rules].
 * The check column is expanded only by rule.h and rule.c, which define the two macros.
 */
/* The table is laid out by hand: a rule is three lines (identity, flags, summary). */
/* clang-format off */
#define DL_RULE_TABLE(X)                                                                                                     \
	X(XML_SYNTAX, DL_CHECK_FILE(xml_syntax), "xml-syntax", DL_SEV_ERROR,                                                 \
	  0,                                                                                                                 \
	  "file is not well-formed XML")                                                                                     \
	X(NOT_A_DOMAIN, DL_CHECK_FILE(not_a_domain), "not-a-domain", DL_SEV_ERROR,                                           \
	  0,                                                                                                                 \
	  "a file named on the command line whose root element is not <domain>")                                             \
	X(ADDRESS_MALFORMED, DL_CHECK_DEVICE(address_malformed), "address-malformed", DL_SEV_ERROR,                          \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "an address field or zpci value that libvirt rejects")                                                             \
	X(ADDRESS_OCTAL, DL_CHECK_DEVICE(address_octal), "address-octal", DL_SEV_WARNING,                                    \
	  DL_RULE_NEEDS_MODEL | DL_RULE_FIX_SAFE,                                                                            \
	  "a number with a leading 0 that libvirt reads as octal")                                                           \
	X(TARGET_ADDRESS_EXPLICIT, DL_CHECK_FILE(target_address_explicit), "target-address-explicit", DL_SEV_WARNING,        \
	  DL_RULE_NEEDS_MODEL | DL_RULE_FIX_SAFE | DL_RULE_FIX_UNSAFE,                                                       \
	  "a zPCI device sets guest domain, bus, slot or function instead of only uid/fid")                                  \
	X(ZPCI_DUPLICATE_UID, DL_CHECK_DEVICE(zpci_duplicate_uid), "zpci-duplicate-uid", DL_SEV_ERROR,                       \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "two devices of one domain share a zPCI uid")                                                                      \
	X(ZPCI_DUPLICATE_FID, DL_CHECK_DEVICE(zpci_duplicate_fid), "zpci-duplicate-fid", DL_SEV_ERROR,                       \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "two devices of one domain share a zPCI fid")                                                                      \
	X(ZPCI_AUTOFILL_CONFLICT, DL_CHECK_DEVICE(zpci_autofill_conflict), "zpci-autofill-conflict", DL_SEV_ERROR,           \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "libvirt's fill-in of a missing uid or fid takes a value a later device gives explicitly")                         \
	X(ZPCI_UNPINNED, DL_CHECK_FILE(zpci_unpinned), "zpci-unpinned", DL_SEV_WARNING,                                      \
	  DL_RULE_NEEDS_MODEL | DL_RULE_FIX_UNSAFE | DL_RULE_OFF_BY_DEFAULT,                                                 \
	  "a zPCI device whose uid or fid libvirt assigns by device order (off by default)")                                 \
	X(ZPCI_WRONG_ARCH, DL_CHECK_DEVICE(zpci_wrong_arch), "zpci-wrong-arch", DL_SEV_ERROR,                                \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a <zpci> in a domain that is not s390x")                                                                          \
	X(MANAGED_NO_BIND_NOTE, DL_CHECK_DEVICE(managed_no_bind_note), "managed-no-bind-note", DL_SEV_WARNING,               \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "an unmanaged PCI hostdev with no note saying how it is bound to vfio-pci")                                        \
	X(HOSTDEV_DUPLICATE_SOURCE, DL_CHECK_FILE(hostdev_duplicate_source), "hostdev-duplicate-source", DL_SEV_ERROR,       \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "the same host device is passed through twice")                                                                    \
	X(ADDRESS_DUPLICATE, DL_CHECK_FILE(address_duplicate), "address-duplicate", DL_SEV_ERROR,                            \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "two devices share one explicit guest PCI or CCW address")                                                         \
	X(ADDRESS_TYPE_UNSUPPORTED, DL_CHECK_DEVICE(address_type_unsupported), "address-type-unsupported", DL_SEV_ERROR,     \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a device with an address type libvirt does not allow for it")                                                     \
	X(CONTROLLER_DUPLICATE_INDEX, DL_CHECK_FILE(controller_duplicate_index), "controller-duplicate-index", DL_SEV_ERROR, \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "two controllers of one type share an index")                                                                      \
	X(CONTROLLER_INVALID, DL_CHECK_FILE(controller_invalid), "controller-invalid", DL_SEV_ERROR,                         \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a controller libvirt rejects: its index, model, root or target settings")                                         \
	X(PCI_CONNECT_INCOMPATIBLE, DL_CHECK_FILE(pci_connect_incompatible), "pci-connect-incompatible", DL_SEV_ERROR,       \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a device at a PCI address that its controller cannot take")                                                       \
	X(DRIVE_ADDRESS_DUPLICATE, DL_CHECK_FILE(drive_address_duplicate), "drive-address-duplicate", DL_SEV_ERROR,          \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "two disks or SCSI host devices at one drive address")                                                             \
	X(USB_ADDRESS_INVALID, DL_CHECK_FILE(usb_address_invalid), "usb-address-invalid", DL_SEV_ERROR,                      \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a USB address libvirt rejects: no such bus, port or hub, or used twice")                                          \
	X(HOSTDEV_INVALID, DL_CHECK_FILE(hostdev_invalid), "hostdev-invalid", DL_SEV_ERROR,                                  \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a host device setting libvirt rejects at define")                                                                 \
	X(CCW_DEVNO_NOT_HEX, DL_CHECK_DEVICE(ccw_devno_not_hex), "ccw-devno-not-hex", DL_SEV_WARNING,                        \
	  DL_RULE_NEEDS_MODEL | DL_RULE_FIX_SAFE,                                                                            \
	  "a CCW devno written without 0x: libvirt reads it as decimal, the guest shows hex")                                \
	X(CCW_CSSID_NOT_DEFAULT, DL_CHECK_DEVICE(ccw_cssid_not_default), "ccw-cssid-not-default", DL_SEV_WARNING,            \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a CCW cssid other than 0xfe, which guests without MCSS-E do not see")                                             \
	X(S390X_START_TRAP, DL_CHECK_DEVICE(s390x_start_trap), "s390x-start-trap", DL_SEV_WARNING,                           \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "an s390x setting libvirt defines but QEMU refuses or ignores when the guest starts")                              \
	X(CHARDEV_INVALID, DL_CHECK_FILE(chardev_invalid), "chardev-invalid", DL_SEV_ERROR,                                  \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a serial, parallel, console or channel setting libvirt rejects at define")                                        \
	X(IGNORED_BY_LIBVIRT, DL_CHECK_DEVICE(ignored_by_libvirt), "ignored-by-libvirt", DL_SEV_WARNING,                     \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "XML that libvirt reads past without using it")                                                                    \
	X(SUPPRESSION_UNKNOWN_RULE, DL_CHECK_FILE(suppression_unknown_rule), "suppression-unknown-rule", DL_SEV_WARNING,     \
	  0,                                                                                                                 \
	  "a domlint-disable comment names a rule that does not exist")                                                      \
	X(SUPPRESSION_MALFORMED, DL_CHECK_FILE(suppression_malformed), "suppression-malformed", DL_SEV_WARNING,              \
	  0,                                                                                                                 \
	  "a comment meant as a domlint-disable directive that domlint does not read as one")                                \
	X(SUPPRESSION_UNUSED, DL_CHECK_FILE(suppression_unused), "suppression-unused", DL_SEV_WARNING,                       \
	  DL_RULE_FIX_SAFE,                                                                                                  \
	  "a domlint-disable comment, or a rule named in it, that silences no finding")                                      \
	X(SCHEMA, DL_CHECK_FILE(schema), "schema", DL_SEV_ERROR,                                                             \
	  DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_SCHEMA,                                                                        \
	  "with --schema: what libvirt's RelaxNG domain schema rejects")                                                     \
	X(HOST_PASSTHROUGH_UNSUPPORTED, DL_CHECK_FILE(host_passthrough_unsupported), "host-passthrough-unsupported",         \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                            \
	  "with --host: the host cannot pass PCI devices through (no IOMMU groups, no /dev/vfio/vfio)")                      \
	X(HOST_VFIO_UNAVAILABLE, DL_CHECK_FILE(host_vfio_unavailable), "host-vfio-unavailable",                              \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                            \
	  "with --host: vfio-pci is not on the host, or blacklisted where libvirt must load it")                             \
	X(HOST_DEVICE_MISSING, DL_CHECK_DEVICE(host_device_missing), "host-device-missing",                                  \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                            \
	  "with --host: a PCI host device's source address names no function of the host")                                   \
	X(HOST_DEVICE_NOT_BOUND_VFIO, DL_CHECK_DEVICE(host_device_not_bound_vfio), "host-device-not-bound-vfio",             \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                            \
	  "with --host: an unmanaged PCI host device the host has not bound to vfio-pci")                                    \
	X(HOST_IOMMU_GROUP_NOT_VIABLE, DL_CHECK_DEVICE(host_iommu_group_not_viable), "host-iommu-group-not-viable",          \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                            \
	  "with --host: another function of the device's IOMMU group is bound to a host driver")                             \
	X(HOST_ZPCI_UID_MISMATCH, DL_CHECK_DEVICE(host_zpci_uid_mismatch), "host-zpci-uid-mismatch", DL_SEV_WARNING,         \
	  DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                                          \
	  "with --host: an s390x host function whose PCI domain is not its uid though the LPAR checks UIDs")                 \
	X(HOST_ZPCI_UID_UNSTABLE, DL_CHECK_DEVICE(host_zpci_uid_unstable), "host-zpci-uid-unstable", DL_SEV_WARNING,         \
	  DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                                          \
	  "with --host: an s390x host function on an LPAR without UID checking, whose address can change")                   \
	X(HOST_MDEV_MISSING, DL_CHECK_DEVICE(host_mdev_missing), "host-mdev-missing", DL_SEV_ERROR,                          \
	  DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                                          \
	  "with --host: a mediated device the host does not have")                                                           \
	X(HOST_MDEV_DEVICE_API_MISMATCH, DL_CHECK_DEVICE(host_mdev_device_api_mismatch), "host-mdev-device-api-mismatch",    \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_HOST,                                                            \
	  "with --host: an mdev hostdev whose model is not the host mediated device's device API")                           \
	X(DISK_INVALID, DL_CHECK_FILE(disk_invalid), "disk-invalid", DL_SEV_ERROR,                                           \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a disk libvirt rejects at define: target missing, duplicated or a partition, lun, vendor, sharing")               \
	X(STORAGE_SOURCE_INVALID, DL_CHECK_DEVICE(storage_source_invalid), "storage-source-invalid", DL_SEV_ERROR,           \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "a disk source libvirt rejects: format QEMU cannot use, auth or encryption twice or wrong")                        \
	X(FILESYSTEM_SHMEM_INVALID, DL_CHECK_DEVICE(filesystem_shmem_invalid), "filesystem-shmem-invalid",                   \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,                                                                                 \
	  "a <filesystem> or <shmem> setting libvirt rejects at define (read-only virtiofs, msi without server)")            \
	X(DEVICE_INVALID, DL_CHECK_FILE(device_invalid), "device-invalid", DL_SEV_ERROR,                                     \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "devices libvirt rejects together or alone: TPMs, video, egl-headless, USB turned off, input, net queues")         \
	X(SECLABEL_INVALID, DL_CHECK_FILE(seclabel_invalid), "seclabel-invalid", DL_SEV_ERROR,                               \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "<seclabel>s libvirt rejects: two for one model, or one without model among several")                              \
	X(NUMA_INVALID, DL_CHECK_FILE(numa_invalid), "numa-invalid", DL_SEV_ERROR,                                           \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "guest NUMA cells or <numatune> settings libvirt rejects at define")                                               \
	X(MEMORY_INVALID, DL_CHECK_FILE(memory_invalid), "memory-invalid", DL_SEV_ERROR,                                     \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "memory size, hugepages or memory hotplug settings libvirt rejects at define")                                                  \
	X(CPU_INVALID, DL_CHECK_FILE(cpu_invalid), "cpu-invalid", DL_SEV_ERROR,                                              \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "<cpu>, <vcpu> or <cputune> settings libvirt rejects at define")                                                   \
	X(OS_INVALID, DL_CHECK_FILE(os_invalid), "os-invalid", DL_SEV_ERROR,                                                 \
	  DL_RULE_NEEDS_MODEL,                                                                                               \
	  "firmware, loader, NVRAM, boot, ACPI or sysinfo settings libvirt rejects at define")                               \
	X(MACHINE_FEATURE_INCOMPATIBLE, DL_CHECK_FILE(machine_feature_incompatible), "machine-feature-incompatible",         \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,                                                                                 \
	  "a feature, TSEG, IOMMU model or timer the machine type or architecture does not allow")
/* clang-format on */

#endif
