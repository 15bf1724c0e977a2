/* rule_table.h - the one list of domlint's rules: name, default severity, summary, check */
#ifndef DL_RULE_TABLE_H
#define DL_RULE_TABLE_H

/*
 * Adding a rule (tests/docs_check.sh and tests/golden.sh fail until all five are done):
 *  1. rules/NAME.c with `void dl_rule_NAME(dl_ctx *ctx)` reading the model, reporting
 *     through dl_report() only;
 *  2. one line below (the kebab-case name is stable: configs and suppressions use it);
 *  3. docs/rules/<kebab-name>.md: what, why, a bad and a good example, how to silence;
 *  4. testdata/rules/<kebab-name>/ with at least one fixture that fires and one that does
 *     not, each NAME.xml beside NAME.out and NAME.rc (`make regen` writes them; review!);
 *  5. the rule's object in RULE_SRCS of the Makefile.
 *
 * X(ID, function suffix, name, default severity, flags, one-line summary); at most 64 rules
 * (suppressions keep a bit per rule). Flags (rule.h): DL_RULE_NEEDS_MODEL, the rule reads the
 * model and runs only on a <domain>; DL_RULE_NEEDS_SCHEMA, it runs only when schema validation is
 * on (--schema, --enable=schema, [schema] enabled): opt-in. The runner does these checks.
 * DL_RULE_FIX_SAFE / DL_RULE_FIX_UNSAFE: its findings may carry a fix (fix.h) of that kind;
 * --list-rules and the docs say so, and tests/fix_test.sh checks every fix against them.
 * DL_RULE_OFF_BY_DEFAULT: the rule starts off (dl_config_init); --enable turns it on at the
 * severity given here, as does a severity for it on the command line or under [rules].
 */
#define DL_RULE_TABLE(X)                                                                     \
	X(XML_SYNTAX, xml_syntax, "xml-syntax", DL_SEV_ERROR, 0, "file is not well-formed XML")  \
	X(NOT_A_DOMAIN, not_a_domain, "not-a-domain", DL_SEV_ERROR, 0,                           \
	  "a file named on the command line whose root element is not <domain>")              \
	X(ADDRESS_MALFORMED, address_malformed, "address-malformed", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,            \
	  "an address field or zpci value that libvirt rejects")                                 \
	X(ADDRESS_OCTAL, address_octal, "address-octal", DL_SEV_WARNING, DL_RULE_NEEDS_MODEL | DL_RULE_FIX_SAFE,                   \
	  "a number with a leading 0 that libvirt reads as octal")                            \
	X(TARGET_ADDRESS_EXPLICIT, target_address_explicit, "target-address-explicit",        \
	  DL_SEV_WARNING, DL_RULE_NEEDS_MODEL | DL_RULE_FIX_SAFE | DL_RULE_FIX_UNSAFE, "a zPCI device sets guest domain, bus, slot or function instead of only uid/fid") \
	X(ZPCI_DUPLICATE_UID, zpci_duplicate_uid, "zpci-duplicate-uid", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,         \
	  "two devices of one domain share a zPCI uid")                                       \
	X(ZPCI_DUPLICATE_FID, zpci_duplicate_fid, "zpci-duplicate-fid", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,         \
	  "two devices of one domain share a zPCI fid")                                       \
	X(ZPCI_AUTOFILL_CONFLICT, zpci_autofill_conflict, "zpci-autofill-conflict", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL, \
	  "libvirt's fill-in of a missing uid or fid takes a value a later device gives explicitly") \
	X(ZPCI_UNPINNED, zpci_unpinned, "zpci-unpinned", DL_SEV_WARNING,                       \
	  DL_RULE_NEEDS_MODEL | DL_RULE_FIX_UNSAFE | DL_RULE_OFF_BY_DEFAULT,                   \
	  "a zPCI device whose uid or fid libvirt assigns by device order (off by default)")   \
	X(ZPCI_WRONG_ARCH, zpci_wrong_arch, "zpci-wrong-arch", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,                  \
	  "a <zpci> in a domain that is not s390x")                                           \
	X(MANAGED_NO_BIND_NOTE, managed_no_bind_note, "managed-no-bind-note", DL_SEV_WARNING, DL_RULE_NEEDS_MODEL, \
	  "an unmanaged PCI hostdev with no note saying how it is bound to vfio-pci")         \
	X(HOSTDEV_DUPLICATE_SOURCE, hostdev_duplicate_source, "hostdev-duplicate-source",     \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL, "the same host device is passed through twice")                   \
	X(ADDRESS_DUPLICATE, address_duplicate, "address-duplicate", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,            \
	  "two devices share one explicit guest PCI or CCW address")                                 \
	X(ADDRESS_TYPE_UNSUPPORTED, address_type_unsupported, "address-type-unsupported",   \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL, "a device with an address type libvirt does not allow for it")        \
	X(CONTROLLER_DUPLICATE_INDEX, controller_duplicate_index, "controller-duplicate-index", \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL, "two controllers of one type share an index")                         \
	X(CONTROLLER_INVALID, controller_invalid, "controller-invalid", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,         \
	  "a controller libvirt rejects: its index, model, root or target settings")          \
	X(PCI_CONNECT_INCOMPATIBLE, pci_connect_incompatible, "pci-connect-incompatible",     \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL, "a device at a PCI address that its controller cannot take")          \
	X(DRIVE_ADDRESS_DUPLICATE, drive_address_duplicate, "drive-address-duplicate",        \
	  DL_SEV_ERROR, DL_RULE_NEEDS_MODEL, "two disks or SCSI host devices at one drive address")                \
	X(USB_ADDRESS_INVALID, usb_address_invalid, "usb-address-invalid", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,      \
	  "a USB address libvirt rejects: no such bus, port or hub, or used twice")           \
	X(HOSTDEV_INVALID, hostdev_invalid, "hostdev-invalid", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,                  \
	  "a host device setting libvirt rejects at define")                                  \
	X(CCW_DEVNO_NOT_HEX, ccw_devno_not_hex, "ccw-devno-not-hex", DL_SEV_WARNING, DL_RULE_NEEDS_MODEL | DL_RULE_FIX_SAFE,       \
	  "a CCW devno written without 0x: libvirt reads it as decimal, the guest shows hex")  \
	X(CCW_CSSID_NOT_DEFAULT, ccw_cssid_not_default, "ccw-cssid-not-default", DL_SEV_WARNING, DL_RULE_NEEDS_MODEL, \
	  "a CCW cssid other than 0xfe, which guests without MCSS-E do not see")              \
	X(S390X_START_TRAP, s390x_start_trap, "s390x-start-trap", DL_SEV_WARNING, DL_RULE_NEEDS_MODEL,            \
	  "an s390x setting libvirt defines but QEMU refuses or ignores when the guest starts") \
	X(CHARDEV_INVALID, chardev_invalid, "chardev-invalid", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL,                  \
	  "a serial, parallel, console or channel setting libvirt rejects at define")          \
	X(IGNORED_BY_LIBVIRT, ignored_by_libvirt, "ignored-by-libvirt", DL_SEV_WARNING, DL_RULE_NEEDS_MODEL,       \
	  "XML that libvirt reads past without using it")                                     \
	X(SUPPRESSION_UNKNOWN_RULE, suppression_unknown_rule, "suppression-unknown-rule",     \
	  DL_SEV_WARNING, 0, "a domlint-disable comment names a rule that does not exist")         \
	X(SUPPRESSION_MALFORMED, suppression_malformed, "suppression-malformed",             \
	  DL_SEV_WARNING, 0, "a comment meant as a domlint-disable directive that domlint does not read as one") \
	X(SUPPRESSION_UNUSED, suppression_unused, "suppression-unused", DL_SEV_WARNING, DL_RULE_FIX_SAFE,        \
	  "a domlint-disable comment, or a rule named in it, that silences no finding")       \
	X(SCHEMA, schema, "schema", DL_SEV_ERROR, DL_RULE_NEEDS_MODEL | DL_RULE_NEEDS_SCHEMA,                                             \
	  "with --schema: what libvirt's RelaxNG domain schema rejects")

#endif
