# Makefile - builds domlint and runs its tests; installs missing build dependencies on Debian
#
#   make              build ./domlint
#   make run          build, then lint the shipped examples (testdata/examples)
#   make check        build and run every test: unit (Check), golden, docs
#                     (CHECK_JOBS at a time, default 2; CHECK_JOBS=1 runs them one by one)
#   make conformance  compare with libvirt's own verdicts (../shared/conformance): CONFORMANCE's
#                     fixtures, then libvirt 9.0.0's whole test corpus (CORPUS)
#   make differential every domain fixture through real libvirt (ORACLE) and domlint, compared
#   make leakcheck    the golden suite and unit tests under valgrind
#   make sanitize     the unit and golden tests built with ASan and UBSan
#   make threadcheck  -j 4 over every test domain, built with ThreadSanitizer
#   make check-s390x  cross-build for s390x (big-endian, unsigned char) and run the unit, golden
#                     and docs tests under qemu-user (tests/s390x.sh; build-s390x keeps the sysroot)
#   make fuzz         libFuzzer runs: pipeline, language server, config, schema (FUZZ_SECONDS each, default 60)
#   make bench        the benchmark: prints figures, never fails on one (docs/performance.md)
#   make lint         static checks, each run to the end: cppcheck (lint-c), shellcheck (lint-sh),
#                     no include cycle between modules (lint-cycles), clang-format (lint-format)
#   make format       rewrite the C as .clang-format says (review the diff!)
#   make regen        rewrite the golden expectations (review the diff!)
#   make install      install binary, man page, rule docs and pre-commit hook file (PREFIX, DESTDIR)
#   make dist         domlint-VERSION.tar.gz of HEAD, reproducibly, and its .sha256
#   make package-check build the .deb and the .rpm from a clean clone and check them

PKGS     := libxml-2.0 libpcre2-8 json-c libpci
DEB_PKGS := gcc make pkg-config libxml2-dev libpcre2-dev libjson-c-dev libpci-dev
O        ?= build
CFLAGS   ?= -O2 -g -flto=auto
# A cross build sets PKG_CONFIG to one that answers for the target, and BUILD_CC (with
# BUILD_CFLAGS and BUILD_LDFLAGS) to the build machine's compiler, for the tools the build runs.
PKG_CONFIG   ?= pkg-config
BUILD_CC     ?= $(CC)
BUILD_CFLAGS ?= -O1
BUILD_LDFLAGS ?=
WARNINGS := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-missing-field-initializers
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) $(CPPFLAGS) $(CFLAGS) \
             $(shell $(PKG_CONFIG) --cflags libxml-2.0 libpcre2-8 json-c libpci)
LIBS       = $(shell $(PKG_CONFIG) --libs libxml-2.0 libpcre2-8 json-c libpci) -pthread
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check)
CONFORMANCE ?= ../shared/conformance/libvirt-9.0.0
CORPUS   ?= ../shared/conformance/libvirt-9.0.0-corpus
ORACLE   ?= ../shared/oracle/libvirt-verdict
# Where make install puts things, under the GNU names (prefix, bindir, datadir, mandir, man1dir,
# docdir) or the upper-case ones this Makefile has always taken (PREFIX, BINDIR, DATADIR, MANDIR,
# DOCDIR), from the command line or the environment; DESTDIR goes before each.
PREFIX      ?= /usr/local
prefix      ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir      ?= $(exec_prefix)/bin
datarootdir ?= $(prefix)/share
datadir     ?= $(datarootdir)
mandir      ?= $(datarootdir)/man
docdir      ?= $(datarootdir)/doc/domlint
BINDIR      ?= $(bindir)
DATADIR     ?= $(datadir)
MANDIR      ?= $(mandir)
man1dir     ?= $(MANDIR)/man1
DOCDIR      ?= $(docdir)
# The version, kept in one place: DL_VERSION in src/report.h (tests/version_check.sh checks
# that the man page, the packaging and CHANGELOG.md agree with it).
VERSION  := $(shell sed -n 's/^\#define DL_VERSION "\(.*\)"$$/\1/p' src/report.h)

CORE_SRCS := src/xmalloc.c src/pciaddr.c src/u64map.c src/starttag.c src/doctree.c src/doc.c \
             src/addr.c src/autoaddr.c src/devorder.c src/model.c src/modelbuild.c src/zpci.c src/ccw.c \
             src/machine.c src/osdef.c src/pcitopo.c src/driveaddr.c src/usbaddr.c src/hostdev.c src/host.c src/hostload.c src/hostfile.c src/hostpci.c src/hostmod.c src/hostmdev.c src/hostbind.c src/guestaddr.c \
             src/severity.c src/diag.c src/excerpt.c src/fix.c src/xmledit.c src/path.c src/config.c src/confset.c src/baseline.c src/schema.c src/ruleid.c src/rule.c src/rulesel.c src/suppress.c src/readfile.c src/lint.c src/fixrun.c src/gitls.c src/inputs.c src/escape.c src/report.c \
             src/report_text.c src/report_json.c src/report_sarif.c src/report_github.c src/run.c \
             src/lsp_transport.c src/lsp.c src/fixwrite.c src/udiff.c \
             src/diskdef.c \
             src/numadef.c src/cpudef.c
RULE_SRCS := rules/xml_syntax.c rules/not_a_domain.c rules/address_malformed.c \
             rules/address_octal.c rules/target_address_explicit.c rules/zpci_clash.c \
             rules/zpci_duplicate_uid.c rules/zpci_duplicate_fid.c rules/zpci_autofill_conflict.c \
             rules/zpci_unpinned.c \
             rules/zpci_wrong_arch.c rules/managed_no_bind_note.c rules/hostdev_duplicate_source.c \
             rules/address_duplicate.c rules/pci_duplicate.c \
             rules/address_type_unsupported.c rules/controller_duplicate_index.c \
             rules/controller_invalid.c rules/pci_connect_incompatible.c \
             rules/drive_address_duplicate.c rules/usb_address_invalid.c rules/hostdev_invalid.c \
             rules/chardev_invalid.c rules/ignored_by_libvirt.c rules/ccw_devno_not_hex.c \
             rules/ccw_cssid_not_default.c rules/s390x_start_trap.c \
             rules/suppression_unknown_rule.c rules/suppression_malformed.c \
             rules/suppression_unused.c rules/schema.c \
             rules/host_source.c rules/host_passthrough_unsupported.c rules/host_vfio_unavailable.c \
             rules/host_device_missing.c rules/host_device_not_bound_vfio.c \
             rules/host_iommu_group_not_viable.c \
             rules/host_zpci_uid_mismatch.c rules/host_zpci_uid_unstable.c \
             rules/host_mdev_missing.c rules/host_mdev_device_api_mismatch.c \
             rules/disk_invalid.c rules/storage_source_invalid.c rules/filesystem_shmem_invalid.c \
             rules/device_invalid.c rules/seclabel_invalid.c \
             rules/numa_invalid.c rules/memory_invalid.c rules/cpu_invalid.c \
             rules/os_invalid.c rules/machine_feature_incompatible.c
TEST_SRCS := $(wildcard tests/check_*.c)
RULE_DOCS := $(sort $(wildcard docs/rules/*.md))

LIB_OBJS  := $(patsubst %.c,$(O)/%.o,$(CORE_SRCS) $(RULE_SRCS)) $(O)/ruledocs.o
TEST_OBJS := $(patsubst %.c,$(O)/%.o,$(TEST_SRCS))

.PHONY: all deps test-deps schema-deps py-test-deps run check unit golden docs-check hostile-check integration-check conformance differential leakcheck sanitize threadcheck regen \
        install uninstall fuzz bench dist package-check clean check-s390x \
        lint lint-c lint-sh lint-cycles lint-format format

all: domlint

, := ,
# $(call ensure,TEST,DEBIAN PACKAGES): install the packages (as root, with apt-get) unless the
# shell TEST succeeds. Every target that needs a package says so, and a fresh machine gets it.
# INSTALL_DEPS=no only names what is missing: the pre-commit hook and the GitHub Action build
# with it, since a hook must not install packages and the action installs them with sudo itself.
INSTALL_DEPS ?= yes
ensure = if ! { $(1); } >/dev/null 2>&1; then \
	  if [ "$(INSTALL_DEPS)" = no ]; then \
	    echo "domlint: missing $(2) (INSTALL_DEPS=no: not installing them)" >&2; exit 1; fi; \
	  echo "domlint: installing $(2)"; \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "domlint: not root; please run: sudo apt-get install $(2)" >&2; exit 1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(2) >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $(2) >/dev/null; } || exit 1; \
	fi

# Build dependencies, checked before any compile (pkg-config runs only once they are there).
deps:
	@$(call ensure,command -v $(PKG_CONFIG) && $(PKG_CONFIG) --exists $(PKGS),$(DEB_PKGS))

# The unit tests' library.
test-deps: deps
	@$(call ensure,$(PKG_CONFIG) --exists check,check libsubunit-dev)

# libvirt's schemas and virt-xml-validate, for the --schema tests.
schema-deps:
	@$(call ensure,test -f /usr/share/libvirt/schemas/domain.rng && command -v virt-xml-validate,libvirt0 libvirt-clients)

# Debian's JSON Schema validator (the JSON output is what docs/ says) and YAML reader (the
# GitHub and GitLab recipes of docs/integration.md run as written).
py-test-deps:
	@$(call ensure,/usr/bin/python3 -c 'import jsonschema$(,) yaml',python3-jsonschema python3-yaml)

$(O)/tests/%.o: tests/%.c | test-deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Isrc -c $< -o $@

$(O)/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Isrc -c $< -o $@

# Runs during the build, so it is built for the build machine (BUILD_CC), not the target.
$(O)/embed_docs: src/embed_docs.c | deps
	@mkdir -p $(@D)
	$(BUILD_CC) -std=c11 -Wall -Wextra $(BUILD_CFLAGS) $(BUILD_LDFLAGS) $< -o $@

$(O)/ruledocs.c: $(O)/embed_docs $(RULE_DOCS)
	$(O)/embed_docs $(RULE_DOCS) > $@.tmp && mv $@.tmp $@

$(O)/ruledocs.o: $(O)/ruledocs.c
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

domlint: $(O)/src/main.o $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(O)/check_unit: $(TEST_OBJS) $(LIB_OBJS) | test-deps
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(CHECK_LIBS)

# A small JSON reader for the tests, on the same json-c the product uses.
$(O)/jsonget: tests/jsonget.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

# A loopback listener that tells whether anything connected (the XXE tests).
$(O)/listen: tests/listen.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

hostile-check: domlint $(O)/listen $(O)/jsonget
	sh tests/hostile_test.sh ./domlint $(O)/listen

run: domlint
	./domlint testdata/examples; status=$$?; \
	echo "(exit status $$status: 1 means findings at or above --fail-on, as intended for these examples)"

unit: $(O)/check_unit
	$(O)/check_unit

golden: domlint schema-deps
	sh tests/golden.sh ./domlint

docs-check: domlint
	sh tests/docs_check.sh ./domlint
	sh tests/version_check.sh ./domlint

# Formats and config, install into a scratch DESTDIR, man page against --help, pre-commit.
# The scripted LSP client of the language-server tests.
$(O)/lsp_client: tests/lsp_client.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

# The integration tests, slowest first: tests/parallel.sh runs them CHECK_JOBS at a time (each
# with its own output, printed whole when it ends) and fails when one fails, after all have run.
INTEGRATION_SLOW := \
	'sh tests/formats_test.sh ./domlint $(O)/jsonget' \
	'sh tests/schema_test.sh ./domlint $(CONFORMANCE)' \
	'sh tests/precommit_test.sh ./domlint' \
	'sh tests/editors_test.sh ./domlint' \
	'sh tests/lsp_test.sh ./domlint $(O)/lsp_client $(O)/jsonget' \
	'sh tests/nvim_test.sh ./domlint'
INTEGRATION_REST := \
	'sh tests/fix_test.sh ./domlint' \
	'sh tests/action_test.sh' \
	'sh tests/config_test.sh ./domlint' \
	'sh tests/host_test.sh ./domlint $(O)/jsonget' \
	'sh tests/man_check.sh ./domlint' \
	'sh tests/walk_test.sh ./domlint' \
	'sh tests/install_test.sh' \
	'sh tests/baseline_test.sh ./domlint $(O)/jsonget' \
	'sh tests/color_test.sh ./domlint' \
	'sh tests/json_schema_test.sh ./domlint'
INTEGRATION_TESTS := $(INTEGRATION_SLOW) $(INTEGRATION_REST)
CHECK_JOBS ?= 2

integration-check: domlint $(O)/jsonget $(O)/lsp_client schema-deps py-test-deps
	sh tests/parallel.sh $(CHECK_JOBS) $(INTEGRATION_TESTS)

# Every test of unit, golden, docs-check, hostile-check and integration-check, CHECK_JOBS at a
# time (tests/parallel.sh, as above), after one build of everything they need, also CHECK_JOBS
# compilers at a time.
CHECK_PROGS := domlint $(O)/check_unit $(O)/jsonget $(O)/listen $(O)/lsp_client
check: schema-deps py-test-deps
	$(MAKE) --no-print-directory -j$(CHECK_JOBS) $(CHECK_PROGS)
	sh tests/parallel.sh $(CHECK_JOBS) \
	  $(INTEGRATION_SLOW) \
	  'sh tests/hostile_test.sh ./domlint $(O)/listen' \
	  'sh tests/golden.sh ./domlint' \
	  $(INTEGRATION_REST) \
	  'sh tests/docs_check.sh ./domlint' \
	  'sh tests/version_check.sh ./domlint' \
	  '$(O)/check_unit'

# Both run, even when the first fails; either failing fails the target.
conformance: domlint
	status=0; \
	sh tests/conformance.sh ./domlint $(CONFORMANCE) || status=1; \
	sh tests/corpus.sh ./domlint $(CORPUS) || status=1; \
	exit $$status

# The XML and JSON side of the differential test.
$(O)/diffcheck: tests/diffcheck.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS)

differential: domlint $(O)/jsonget $(O)/diffcheck
	sh tests/differential.sh ./domlint $(ORACLE) $(O)/jsonget $(O)/diffcheck

leakcheck: domlint $(O)/check_unit schema-deps
	@$(call ensure,command -v valgrind,valgrind)
	CK_FORK=no valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
	  --suppressions=tests/valgrind.supp $(O)/check_unit
	VALGRIND="valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 --suppressions=tests/valgrind.supp" \
	  sh tests/golden.sh ./domlint

# A separate tree, so the sanitizer build never mixes with the normal one.
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
sanitize: schema-deps
	$(MAKE) O=build-san CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" build-san/check_unit build-san/domlint
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 build-san/check_unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 sh tests/golden.sh build-san/domlint

# ThreadSanitizer over what -j shares between threads: every rule and format on every domain
# of the tests (and libvirt's own, where ../shared has them), four files at a time.
TSAN_FLAGS := -O1 -g -fsanitize=thread
threadcheck: schema-deps
	$(MAKE) O=build-tsan CFLAGS="$(TSAN_FLAGS)" LDFLAGS="$(TSAN_FLAGS)" build-tsan/domlint
	for fmt in text json sarif; do \
	  TSAN_OPTIONS="halt_on_error=1 exitcode=66" build-tsan/domlint --no-config --addresses=all \
	    --enable=all -f $$fmt -j 4 testdata $(wildcard $(CONFORMANCE)) >/dev/null 2>build-tsan/tsan.err; \
	  status=$$?; \
	  if [ $$status -gt 1 ]; then cat build-tsan/tsan.err; echo "threadcheck: -f $$fmt: exit status $$status"; exit 1; fi; \
	done; echo "threadcheck: no data race in -j 4 over every format"

# A cross build of its own (build-s390x, with the s390x sysroot tests/s390x.sh fetches there),
# tested under qemu-user against the same expectations.
check-s390x: schema-deps
	MAKE="$(MAKE)" sh tests/s390x.sh build-s390x

# libFuzzer needs clang; the objects are built apart, with its instrumentation. Four targets,
# each run FUZZ_SECONDS with its own corpus (build-fuzz/corpus-NAME), seeds and dictionary:
#   domlint  bytes through loading, the model, every rule and format, and fixing
#   lsp      bytes as one language-server session (framing and requests; EOF ends it)
#   config   bytes as a .domlint.conf, then its patterns and rules in use
#   schema   bytes as a domain under --schema (libvirt's RelaxNG: slow, so short inputs)
# FUZZ_TARGETS="lsp config" runs a subset.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= domlint lsp config schema
FUZZ_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=all
fuzz_dict_domlint := tests/fuzz.dict
fuzz_dict_schema  := tests/fuzz.dict
fuzz_dict_lsp     := tests/fuzz_lsp.dict
fuzz_dict_config  := tests/fuzz_config.dict
fuzz_len_domlint  := 65536
fuzz_len_schema   := 16384
fuzz_len_lsp      := 65536
fuzz_len_config   := 4096
fuzz_seeds_domlint := build-fuzz/seeds-xml
fuzz_seeds_schema  := build-fuzz/seeds-xml
fuzz_seeds_lsp     := tests/fuzz-seeds/lsp
fuzz_seeds_config  := tests/fuzz-seeds/config build-fuzz/seeds-config
fuzz: $(if $(filter schema,$(FUZZ_TARGETS)),schema-deps)
	$(if $(filter-out domlint lsp config schema,$(FUZZ_TARGETS)),\
	  $(error FUZZ_TARGETS: no target $(filter-out domlint lsp config schema,$(FUZZ_TARGETS))))
	@$(call ensure,command -v clang,clang)
	$(MAKE) O=build-fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	@mkdir -p $(FUZZ_TARGETS:%=build-fuzz/corpus-%) build-fuzz/seeds-xml build-fuzz/seeds-config
	@find testdata -name '*.xml' -exec cp {} build-fuzz/seeds-xml/ \;
	@find testdata -name '*.conf' -exec cp {} build-fuzz/seeds-config/ \;
	$(foreach t,$(FUZZ_TARGETS),build-fuzz/fuzz_$(t) -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=2048 -max_len=$(fuzz_len_$(t)) -dict=$(fuzz_dict_$(t)) \
	  -artifact_prefix=build-fuzz/$(t)- build-fuzz/corpus-$(t) $(fuzz_seeds_$(t)) &&) true

.PRECIOUS: $(O)/tests/fuzz_%.o
$(O)/fuzz_%: $(O)/tests/fuzz_%.o $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

# An optimised build of its own, the corpus generator, then bench/run.sh.
bench: schema-deps
	$(MAKE) O=build-bench CFLAGS="-O2 -g -flto=auto -DNDEBUG" build-bench/domlint build-bench/gen_corpus
	@$(call ensure,command -v xmllint,libxml2-utils)
	sh bench/run.sh build-bench/domlint build-bench/gen_corpus

$(O)/gen_corpus: bench/gen_corpus.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

$(O)/domlint: $(O)/src/main.o $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# Static checks. lint runs all four, each to its end, and fails when one does.
CLANG_FORMAT ?= clang-format
LINT_C_SRCS = $(wildcard src/*.c rules/*.c tests/*.c bench/*.c)
FORMAT_SRCS = $(wildcard src/*.c src/*.h rules/*.c rules/*.h tests/*.c tests/*.h bench/*.c bench/*.h)
# A false positive is suppressed where it is, with the reason: /* cppcheck-suppress ID ; why */.
# readdirCalled is off: its advice, readdir_r, is deprecated (glibc 2.24, POSIX.1-2024), and
# readdir on a stream only one thread reads is safe.
CPPCHECK_FLAGS := -q --std=c11 --library=posix -D_POSIX_C_SOURCE=200809L -Isrc \
                  --enable=warning,style,performance,portability --inline-suppr \
                  --suppress=readdirCalled --error-exitcode=1 \
                  --template='{file}:{line}:{column}: {severity}: {message} [{id}]'
lint:
	@status=0; for check in lint-c lint-sh lint-cycles lint-format; do \
	  $(MAKE) --no-print-directory $$check || status=1; done; exit $$status

lint-c:
	@$(call ensure,command -v cppcheck,cppcheck)
	@mkdir -p $(O)/cppcheck
	@echo "cppcheck ($(words $(LINT_C_SRCS)) files)"
	@cppcheck $(CPPCHECK_FLAGS) -j$$(nproc 2>/dev/null || echo 2) --cppcheck-build-dir=$(O)/cppcheck \
	  $(LINT_C_SRCS)

# Every shell script: a file named *.sh, or one whose #! line runs sh, bash, dash or ksh (.ci/run).
lint-sh:
	@$(call ensure,command -v shellcheck,shellcheck)
	@scripts=$$(find . \( -name .git -o -path './build*' \) -prune -o -type f -exec awk \
	  'FNR == 1 { if (FILENAME ~ /\.sh$$/ || /^#!.*[\/ ]((ba|da|k)?sh)([ \t]|$$)/) print FILENAME; nextfile }' \
	  {} + | sed 's|^\./||' | LC_ALL=C sort) && \
	echo "shellcheck -x ($$(echo "$$scripts" | wc -l) scripts)" && shellcheck -x $$scripts

lint-cycles:
	sh tests/include_cycles.sh src rules

lint-format:
	@$(call ensure,command -v $(CLANG_FORMAT),clang-format)
	@$(CLANG_FORMAT) --dry-run --Werror --ferror-limit=1 $(FORMAT_SRCS) || \
	  { echo "domlint: make format rewrites the files above as .clang-format says" >&2; exit 1; }

format:
	@$(call ensure,command -v $(CLANG_FORMAT),clang-format)
	$(CLANG_FORMAT) -i $(FORMAT_SRCS)

regen: domlint schema-deps
	REGEN=1 sh tests/golden.sh ./domlint

# The pre-commit hook file goes where a repository's .pre-commit-config.yaml can copy from.
install: domlint
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(man1dir) $(DESTDIR)$(DOCDIR)/rules \
	  $(DESTDIR)$(DATADIR)/domlint
	install -m 755 domlint $(DESTDIR)$(BINDIR)/domlint
	install -m 644 docs/domlint.1 $(DESTDIR)$(man1dir)/domlint.1
	install -m 644 $(RULE_DOCS) $(DESTDIR)$(DOCDIR)/rules/
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 644 .pre-commit-hooks.yaml $(DESTDIR)$(DATADIR)/domlint/pre-commit-hooks.yaml

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/domlint $(DESTDIR)$(man1dir)/domlint.1
	rm -rf $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/domlint

# The release tarball: HEAD as git stores it (not the work tree), so the same commit always gives
# the same bytes: every mtime the commit's date, owner and group 0, git's sorted tree order,
# modes 644/755, and gzip -n (no name or time in its header). The version is HEAD's DL_VERSION.
dist:
	@$(call ensure,command -v git,git)
	@set -e; [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$$(pwd -P)" ] || \
	  { echo "make dist: run it at the top of a git checkout of domlint" >&2; exit 1; }; \
	v=$$(git show HEAD:src/report.h | sed -n 's/^\#define DL_VERSION "\(.*\)"$$/\1/p'); \
	test -n "$$v" || { echo "make dist: no DL_VERSION in HEAD's src/report.h" >&2; exit 1; }; \
	git diff --quiet HEAD -- || echo "make dist: warning: uncommitted changes are not in the tarball" >&2; \
	git -c tar.umask=0022 -c core.autocrlf=false archive --format=tar --prefix=domlint-$$v/ \
	  -o domlint-$$v.tar.tmp HEAD; \
	gzip -n -9 < domlint-$$v.tar.tmp > domlint-$$v.tar.gz.tmp; \
	rm domlint-$$v.tar.tmp; mv domlint-$$v.tar.gz.tmp domlint-$$v.tar.gz; \
	sha256sum domlint-$$v.tar.gz > domlint-$$v.tar.gz.sha256; \
	echo "domlint-$$v.tar.gz"; cat domlint-$$v.tar.gz.sha256

package-check:
	sh tests/package_test.sh

clean:
	rm -rf $(O) build-san build-tsan build-fuzz build-bench build-s390x domlint

-include $(shell find $(O) -name '*.d' 2>/dev/null)
