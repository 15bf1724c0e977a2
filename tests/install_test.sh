#!/bin/sh
# install_test.sh - make install into a scratch DESTDIR puts every file in place and the installed
# binary works on its own; make uninstall takes every file away again; the GNU directory names
# (prefix, bindir, mandir, datadir, docdir) move what they name.
#   sh tests/install_test.sh
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
make_tmp || exit 1
dest=$tmp/dest
usr=$dest/usr
bin=$usr/bin/domlint

if make -C "$root" install DESTDIR="$dest" PREFIX=/usr >"$tmp/install.log" 2>&1; then
	ok
else
	bad "make install DESTDIR=$dest PREFIX=/usr failed:"
	sed 's/^/  /' "$tmp/install.log" | tail -n 20
	finish install-test
fi

# installed PATH SOURCE: the file is there with the same content as SOURCE in the tree.
installed() {
	if [ ! -f "$usr/$1" ]; then
		bad "make install did not install usr/$1"
	elif ! cmp -s "$usr/$1" "$root/$2"; then
		bad "usr/$1 differs from $2"
	else
		ok
	fi
}
installed bin/domlint domlint
installed share/man/man1/domlint.1 docs/domlint.1
installed share/doc/domlint/README.md README.md
installed share/domlint/pre-commit-hooks.yaml .pre-commit-hooks.yaml
for doc in "$root"/docs/rules/*.md; do
	installed "share/doc/domlint/rules/${doc##*/}" "docs/rules/${doc##*/}"
done
if [ -x "$bin" ]; then ok; else bad "usr/bin/domlint is not executable"; fi
if ls "$usr/share/doc/domlint/rules"/*.md >/dev/null 2>&1; then ok; else bad "no rule docs installed"; fi
if command -v man >/dev/null 2>&1; then
	if man -M "$usr/share/man" -w domlint >/dev/null 2>&1; then ok; else
		bad "man -M usr/share/man does not find domlint(1)"; fi
fi

# The installed binary on its own.
if "$bin" --version >"$tmp/out" 2>&1 && grep -q '^domlint [0-9]' "$tmp/out"; then ok; else
	bad "domlint --version: $(head -n 3 "$tmp/out")"; fi
if "$bin" --explain address-octal >"$tmp/out" 2>"$tmp/err" && cmp -s "$tmp/out" "$root/docs/rules/address-octal.md"; then
	ok
else
	bad "domlint --explain address-octal does not print docs/rules/address-octal.md: $(head -n 3 "$tmp/err")"
fi
example=testdata/examples/zpci-passthrough-recommended.xml
(cd "$root" && "$bin" "$example") >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && grep -q "^$example:" "$tmp/out"; then
	ok
else
	bad "installed domlint $example: exit $status (want 0): $(head -n 3 "$tmp/out" "$tmp/err")"
fi

# Uninstall leaves no file behind.
if make -C "$root" uninstall DESTDIR="$dest" PREFIX=/usr >"$tmp/uninstall.log" 2>&1; then
	ok
else
	bad "make uninstall DESTDIR=$dest PREFIX=/usr failed:"
	sed 's/^/  /' "$tmp/uninstall.log" | tail -n 20
fi
left=$(cd "$dest" && find . ! -type d | sed 's|^\./||')
if [ -z "$left" ]; then ok; else bad "make uninstall left files behind: $(echo "$left" | tr '\n' ' ')"; fi
if [ ! -e "$usr/share/doc/domlint" ]; then ok; else bad "make uninstall left usr/share/doc/domlint"; fi
if [ ! -e "$usr/share/domlint" ]; then ok; else bad "make uninstall left usr/share/domlint"; fi

# The GNU names, as a distribution's build passes them.
gnu=$tmp/gnu
if make -C "$root" install DESTDIR="$gnu" prefix=/opt/dl bindir=/opt/bin mandir=/opt/man \
	datadir=/opt/data docdir=/opt/doc/domlint >"$tmp/gnu.log" 2>&1; then
	ok
else
	bad "make install with prefix, bindir, mandir, datadir, docdir failed:"
	sed 's/^/  /' "$tmp/gnu.log" | tail -n 20
fi
for f in opt/bin/domlint opt/man/man1/domlint.1 opt/data/domlint/pre-commit-hooks.yaml \
	opt/doc/domlint/README.md opt/doc/domlint/rules/address-octal.md; do
	if [ -f "$gnu/$f" ]; then ok; else bad "make install with the GNU names did not install $f"; fi
done
left=$(cd "$gnu" && find . ! -type d | grep -v '^\./opt/\(bin\|man\|data\|doc\)/' | sed 's|^\./||')
if [ -z "$left" ]; then ok; else bad "make install with the GNU names put files elsewhere: $(echo "$left" | tr '\n' ' ')"; fi
finish install-test
