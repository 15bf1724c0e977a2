#!/bin/sh
# version_check.sh - the version lives in one place, DL_VERSION in src/report.h; everything
# else that names it agrees: --version, the man page, CHANGELOG.md's section for it, the Debian
# and RPM packaging, the release tags docs/integration.md pins (vX.Y.Z) and the package and
# tarball names in README.md.
#   sh tests/version_check.sh ./domlint
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
make_tmp || exit 1

v=$(sed -n 's/^#define DL_VERSION "\(.*\)"$/\1/p' "$root/src/report.h")
if printf '%s\n' "$v" | grep -Eqx '[0-9]+\.[0-9]+\.[0-9]+'; then ok; else
	bad "src/report.h: DL_VERSION '$v' is not MAJOR.MINOR.PATCH"
	finish version-check
fi

# same WHERE GOT: GOT is the version.
same() {
	if [ "$2" = "$v" ]; then ok; else bad "$1 says '$2', DL_VERSION is '$v'"; fi
}
same "$domlint --version" "$("$domlint" --version 2>&1 | sed 's/^domlint //')"
same "make's VERSION" "$(make -s -C "$root" --no-print-directory -f Makefile -f - version-of <<'MK'
version-of: ; @echo $(VERSION)
MK
)"
same "docs/domlint.1 (.TH)" "$(sed -n 's/^\.TH .*"domlint \([^"]*\)".*/\1/p' "$root/docs/domlint.1")"
# The top entry of each packaging changelog, without the package revision.
same "debian/changelog" "$(sed -n '1s/^domlint (\(.*\)-[^-]*).*/\1/p' "$root/debian/changelog")"
same "packaging/domlint.spec (Version:)" "$(sed -n 's/^Version:[[:space:]]*//p' "$root/packaging/domlint.spec")"
same "packaging/domlint.spec (%changelog)" \
	"$(sed -n '/^%changelog/,$ s/^\* .* - \(.*\)-[^-]*$/\1/p' "$root/packaging/domlint.spec" | head -n 1)"
if grep -q "^## \[$v\] - " "$root/CHANGELOG.md"; then ok; else
	bad "CHANGELOG.md has no '## [$v] - DATE' section"; fi
grep -o 'v[0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*' "$root/docs/integration.md" | sort -u >"$tmp/tags"
while read -r tag; do
	same "docs/integration.md (a pinned $tag)" "${tag#v}"
done <"$tmp/tags"
grep -o 'domlint[-_][0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*' "$root/README.md" | sort -u >"$tmp/names"
while read -r name; do
	same "README.md (a file name $name)" "${name#domlint?}"
done <"$tmp/names"
summary version-check
