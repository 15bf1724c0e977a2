#!/bin/sh
# build-deps.sh - what this machine lacks to build domlint, without installing anything: one
# line per missing thing, WHAT<tab>DEBIAN<tab>FEDORA/RHEL<tab>OPENSUSE/SLES (the package to
# install on each), nothing when all is there. The pre-commit hook names them in its message;
# the GitHub Action installs the Debian column. CC, MAKE and PKG_CONFIG are honoured as make
# honours them. The Debian column, all missing, is the Makefile's DEB_PKGS (tests/action_test.sh
# checks it).
#   sh tools/build-deps.sh
set -u
tab=$(printf '\t')

# have PROGRAM [ARG...]: the program (the first word of a CC such as "ccache gcc") is on PATH.
have() {
	# shellcheck disable=SC2086 # a CC or PKG_CONFIG may carry words of its own
	set -- $1
	[ "$#" -gt 0 ] && command -v "$1" >/dev/null 2>&1
}
need() {
	printf '%s%s%s%s%s%s%s\n' "$1" "$tab" "$2" "$tab" "$3" "$tab" "$4"
}

cc=${CC:-cc}
have "$cc" || need "a C compiler ($cc)" gcc gcc gcc
have "${MAKE:-make}" || need make make make make
pkgconfig=${PKG_CONFIG:-pkg-config}
if have "$pkgconfig"; then
	# lib MODULE DEB RPM: the pkg-config MODULE, from these packages.
	lib() {
		# shellcheck disable=SC2086
		$pkgconfig --exists "$1" >/dev/null 2>&1 || need "$1 (pkg-config)" "$2" "$3" "pkgconfig($1)"
	}
else
	need "pkg-config ($pkgconfig)" pkg-config pkgconf-pkg-config pkg-config
	# Without pkg-config no library can be found: each is named, since each is needed.
	lib() { need "$1 (pkg-config)" "$2" "$3" "pkgconfig($1)"; }
fi
lib libxml-2.0 libxml2-dev libxml2-devel
lib libpcre2-8 libpcre2-dev pcre2-devel
lib json-c libjson-c-dev json-c-devel
lib libpci libpci-dev pciutils-devel
exit 0
