#!/bin/sh
# package_test.sh - the release artefacts, from a clean clone of HEAD:
#   1. dpkg-buildpackage -us -uc -b builds a .deb (running the unit and golden tests), and the
#      unpacked package passes its autopkgtest (debian/tests/examples: the installed binary
#      over testdata/examples);
#   2. make dist twice, the second time with every file touched, another umask and time zone,
#      gives byte-identical tarballs; the tarball holds exactly git's files, under
#      domlint-VERSION/, with the commit's date, owner 0 and a .sha256 that verifies; as the
#      orig tarball it makes a Debian source package; lintian finds no error or warning in
#      that or the .deb;
#   3. rpmbuild -bb packaging/domlint.spec from that tarball builds an .rpm (its %check running
#      the unit and golden tests), which passes the same autopkgtest unpacked;
#   4. the .rpm's files are the .deb's, once each distribution's own files are set aside.
# Installs what it misses with apt-get (as root). Uncommitted changes are not tested.
#   sh tests/package_test.sh
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
make_tmp || exit 1
started=$(date +%s)
# stage NAME: say how long the test has run, before the next stage.
stage() { echo "package-test: $1 ($(($(date +%s) - started)) s)"; }

# The tools, and the build dependencies debian/control names.
need="git dpkg-dev debhelper lintian rpm gcc make pkg-config libxml2-dev libpcre2-dev
	libjson-c-dev libpci-dev check libsubunit-dev libvirt0"
missing=
for p in $need; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		bad "missing packages; please run: sudo apt-get install$missing"
		finish package-test
	fi
	echo "package-test: installing$missing"
	# shellcheck disable=SC2086 # a list of package names
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
		>"$tmp/apt.log" 2>&1 ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $missing >"$tmp/apt.log" 2>&1; } || {
		bad "apt-get install$missing failed: $(tail -n 3 "$tmp/apt.log")"
		finish package-test
	}
fi

head=$(git -C "$root" rev-parse HEAD) || { bad "$root is not a git checkout"; finish package-test; }
git -C "$root" diff --quiet HEAD -- ||
	echo "package-test: note: uncommitted changes in $root are not tested (a clone of HEAD is)"
src=$tmp/src/domlint
mkdir -p "$tmp/src"
if git clone -q "$root" "$src" && git -C "$src" checkout -q --detach "$head"; then ok; else
	bad "git clone $root failed"
	finish package-test
fi
v=$(sed -n 's/^#define DL_VERSION "\(.*\)"$/\1/p' "$src/src/report.h")
debver=$(cd "$src" && dpkg-parsechangelog -SVersion)
arch=$(dpkg --print-architecture)

# run_examples NAME ROOT: the autopkgtest, with the package unpacked at ROOT.
run_examples() {
	mkdir -p "$tmp/$1-autopkgtest"
	(cd "$src" && PATH=$2/usr/bin:$PATH DOMLINT_INSTALL_ROOT=$2 AUTOPKGTEST_TMP=$tmp/$1-autopkgtest \
		sh debian/tests/examples) >"$tmp/$1-examples.log" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q '^examples: [1-9][0-9]* passed, 0 failed$' "$tmp/$1-examples.log"; then
		ok
	else
		bad "the $1's autopkgtest (debian/tests/examples) failed, exit $rc:"
		sed 's/^/  /' "$tmp/$1-examples.log" | tail -n 20
	fi
}

# tests_ran NAME LOG: the package build ran the unit and golden tests, and they passed.
tests_ran() {
	if grep -q '^100%: Checks: [1-9]' "$2" && grep -q '^golden: [1-9][0-9]* passed, 0 failed$' "$2"; then
		ok
	else
		bad "the $1 build did not run and pass the unit and golden tests (see its log)"
	fi
}

# 1. The .deb.
stage "dpkg-buildpackage"
deb=$tmp/src/domlint_${debver}_$arch.deb
if (cd "$src" && dpkg-buildpackage -us -uc -b) >"$tmp/deb.log" 2>&1 && [ -f "$deb" ]; then
	ok
	tests_ran deb "$tmp/deb.log"
else
	bad "dpkg-buildpackage -us -uc -b failed:"
	sed 's/^/  /' "$tmp/deb.log" | tail -n 30
	finish package-test
fi
mkdir -p "$tmp/deb-root"
if dpkg -x "$deb" "$tmp/deb-root"; then ok; else bad "dpkg -x $deb failed"; fi
run_examples deb "$tmp/deb-root"

# 2. make dist, twice.
stage "make dist"
tarball=domlint-$v.tar.gz
if (cd "$src" && make -s dist) >"$tmp/dist1.log" 2>&1 && [ -f "$src/$tarball" ]; then
	ok
	mv "$src/$tarball" "$tmp/dist1.tar.gz"
else
	bad "make dist failed: $(tail -n 5 "$tmp/dist1.log")"
	finish package-test
fi
find "$src" -path "$src/.git" -prune -o -type f -exec touch {} +
if (cd "$src" && umask 077 && TZ=Pacific/Chatham make -s dist) >"$tmp/dist2.log" 2>&1; then ok; else
	bad "make dist (second run) failed: $(tail -n 5 "$tmp/dist2.log")"
fi
if cmp -s "$tmp/dist1.tar.gz" "$src/$tarball"; then ok; else
	bad "two runs of make dist gave different tarballs"; fi
if (cd "$src" && sha256sum -c --quiet "$tarball.sha256"); then ok; else
	bad "$tarball.sha256 does not verify"; fi
git -C "$src" ls-files | sort >"$tmp/git-files"
tar tzf "$src/$tarball" | grep -v '/$' | sed "s|^domlint-$v/||" | sort >"$tmp/tar-files"
if cmp -s "$tmp/git-files" "$tmp/tar-files"; then ok; else
	bad "$tarball does not hold exactly git's files under domlint-$v/:"
	diff "$tmp/git-files" "$tmp/tar-files" | head -n 10
fi
# Every entry: the commit's date, owner and group 0.
when=$(TZ=UTC git -C "$src" log -1 --format=%cd --date=format-local:'%Y-%m-%d %H:%M:%S')
others=$(TZ=UTC tar tvzf "$src/$tarball" --full-time --numeric-owner |
	awk -v when="$when" '$2 != "0/0" || $4 " " $5 != when' | head -n 3)
if [ -z "$others" ]; then ok; else bad "$tarball: entries not 0/0 at $when: $others"; fi

# The Debian source package, with the tarball as its orig tarball; lintian on it and the .deb.
mkdir -p "$tmp/dsc"
cp "$src/$tarball" "$tmp/dsc/domlint_$v.orig.tar.gz"
if (cd "$tmp/dsc" && tar xzf "domlint_$v.orig.tar.gz" && cd "domlint-$v" && dpkg-source -b .) \
	>"$tmp/dsc.log" 2>&1; then
	ok
else
	bad "dpkg-source -b with $tarball as the orig tarball failed: $(tail -n 5 "$tmp/dsc.log")"
fi
stage "lintian"
lintian --fail-on error,warning -I "$tmp/src/domlint_${debver}_$arch.changes" \
	"$tmp/dsc/domlint_$debver.dsc" >"$tmp/lintian.log" 2>&1
rc=$?
grep -v 'running with root privileges' "$tmp/lintian.log" | sed 's/^/  lintian: /'
if [ "$rc" -eq 0 ]; then ok; else bad "lintian found errors or warnings (exit $rc)"; fi

# 3. The .rpm, from the tarball.
stage "rpmbuild"
mkdir -p "$tmp/rpm/SOURCES"
cp "$src/$tarball" "$tmp/rpm/SOURCES/"
if rpmbuild -bb --nodeps --define "_topdir $tmp/rpm" "$src/packaging/domlint.spec" >"$tmp/rpm.log" 2>&1; then
	ok
	tests_ran rpm "$tmp/rpm.log"
else
	bad "rpmbuild -bb packaging/domlint.spec failed:"
	sed 's/^/  /' "$tmp/rpm.log" | tail -n 30
	finish package-test
fi
rpm=$(find "$tmp/rpm/RPMS" -name "domlint-$v-*.rpm" | head -n 1)
mkdir -p "$tmp/rpm-root"
if [ -n "$rpm" ] && rpm2archive - <"$rpm" | tar xzf - -C "$tmp/rpm-root"; then ok; else
	bad "no domlint-$v .rpm, or it does not unpack"; fi
run_examples rpm "$tmp/rpm-root"

# 4. The file lists, as dpkg -c and rpm -qlp give them (files, not directories), with each
# distribution's own set aside: compression (Debian compresses docs and man pages, RPM man pages),
# SUSE's /usr/share/doc/packages, Debian's changelog.Debian, copyright and lintian override
# (CHANGELOG.md is Debian's changelog), RPM's build-id links.
stage "file lists"
dpkg -c "$deb" | grep -v '^d' | awk '{ print $NF }' | sed 's|^\.||' |
	sed -e 's/\.gz$//' -e '/^\/usr\/share\/doc\/domlint\/changelog\.Debian$/d' \
		-e '/^\/usr\/share\/doc\/domlint\/copyright$/d' -e '/^\/usr\/share\/lintian\//d' \
		-e 's|^/usr/share/doc/domlint/changelog$|/usr/share/doc/domlint/CHANGELOG.md|' |
	sort >"$tmp/deb-files"
rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" | grep -v '^d' | awk '{ print $NF }' |
	sed -e 's/\.gz$//' -e 's|^/usr/share/doc/packages/|/usr/share/doc/|' -e '/^\/usr\/lib\/\.build-id\//d' |
	sort >"$tmp/rpm-files"
if [ -s "$tmp/deb-files" ] && cmp -s "$tmp/deb-files" "$tmp/rpm-files"; then ok; else
	bad "the .deb and the .rpm install different files (< deb, > rpm):"
	diff "$tmp/deb-files" "$tmp/rpm-files" | head -n 20
fi
# What both must hold.
for f in /usr/bin/domlint /usr/share/man/man1/domlint.1 /usr/share/domlint/pre-commit-hooks.yaml \
	/usr/share/doc/domlint/README.md /usr/share/doc/domlint/CHANGELOG.md; do
	if grep -qxF "$f" "$tmp/deb-files"; then ok; else bad "the .deb has no $f"; fi
done
for doc in "$src"/docs/rules/*.md; do
	if grep -qxF "/usr/share/doc/domlint/rules/${doc##*/}" "$tmp/deb-files"; then ok; else
		bad "the packages have no /usr/share/doc/domlint/rules/${doc##*/}"; fi
done
stage "done"
finish package-test
