#!/bin/sh
# pre-commit-hook.sh - the pre-commit hook "domlint": build domlint in the checkout of this
# repository that pre-commit made, then lint the files it passes, in the caller's directory.
# The arguments are the hook's entry: flags, then the user's args:, then the staged files.
# A hook runs on every commit, often as the user's own account: it never installs packages.
# It builds with what is there (make INSTALL_DEPS=no), and when something is missing it says
# which packages to install, for Debian and for RPM distributions, and fails (status 2).
set -u
here=$(cd "$(dirname "$0")/.." && pwd) || exit 2

missing=$(sh "$here/tools/build-deps.sh")
if [ -n "$missing" ]; then
	# column N: the packages of column N of build-deps.sh's lines, on one line, quoted for
	# the shell where they need it (zypper's pkgconfig(NAME)).
	column() {
		printf '%s\n' "$missing" | cut -f "$1" | sed "s/.*[()].*/'&'/" | tr '\n' ' ' | sed 's/ $//'
	}
	{
		echo "domlint: cannot build domlint in $here; missing:"
		printf '%s\n' "$missing" | cut -f 1 | sed 's/^/  /'
		echo "This hook installs nothing. Install the packages, then commit again:"
		echo "  Debian, Ubuntu:  sudo apt-get install $(column 2)"
		echo "  Fedora, RHEL:    sudo dnf install $(column 3)"
		echo "  openSUSE, SLES:  sudo zypper install $(column 4)"
		echo "or install domlint itself (its .deb or .rpm, or make install) and use the hook"
		echo "id domlint-system, which runs the domlint on PATH and builds nothing."
	} >&2
	exit 2
fi
# Build output goes to stderr so that only domlint's report is on stdout.
make -s -C "$here" INSTALL_DEPS=no domlint >&2 || {
	echo "domlint: could not build domlint in $here (see above)" >&2
	exit 2
}
exec "$here/domlint" "$@"
