#!/bin/sh
# color_test.sh - --color=auto colours only a terminal, and NO_COLOR, TERM=dumb and INSIDE_EMACS
# turn it off there; --color=always and never win. The terminal is a pseudo-terminal from
# script(1) (util-linux, in every Debian).
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=$(abspath "${1:-./domlint}")
file=testdata/examples/zpci-passthrough-expanded.xml
esc=$(printf '\033')
make_tmp || exit 1
if ! command -v script >/dev/null 2>&1; then
	bad "script(1) is missing (Debian: bsdutils)"
	finish color-test
fi

# check NAME WANT(colour|plain) ENV... -- ARGS...: run on a terminal, look for escapes
check() {
	name=$1
	want=$2
	shift 2
	env -i PATH="$PATH" TERM=xterm "$@" >"$tmp/out" 2>&1
	if grep -q "$esc\\[" "$tmp/out"; then got=colour; else got=plain; fi
	if [ "$got" = "$want" ]; then
		ok "$name: $got"
	else
		bad "$name: $got, expected $want"
	fi
}

check "terminal, auto" colour sh -c "script -qec '$domlint --no-config $file' /dev/null"
check "terminal, NO_COLOR=1" plain NO_COLOR=1 sh -c "script -qec '$domlint --no-config $file' /dev/null"
check "terminal, NO_COLOR empty (ignored)" colour NO_COLOR= sh -c "script -qec '$domlint --no-config $file' /dev/null"
check "terminal, TERM=dumb" plain sh -c "TERM=dumb script -qec '$domlint --no-config $file' /dev/null"
check "terminal, INSIDE_EMACS" plain INSIDE_EMACS=28.2,compile sh -c "script -qec '$domlint --no-config $file' /dev/null"
check "terminal, --color=never" plain sh -c "script -qec '$domlint --no-config --color=never $file' /dev/null"
check "pipe, auto" plain sh -c "'$domlint' --no-config $file | cat"
check "pipe, --color=always" colour sh -c "'$domlint' --no-config --color=always $file | cat"
check "pipe, --color=always beats NO_COLOR" colour NO_COLOR=1 sh -c "'$domlint' --no-config --color=always $file | cat"
# on a terminal, each finding shows its source line and a caret
env -i PATH="$PATH" TERM=xterm script -qec "$domlint --no-config $file" /dev/null >"$tmp/out" 2>&1
if grep -q '\^' "$tmp/out" && grep -q "domain='0x0002'" "$tmp/out"; then
	ok "terminal: source line and caret"
else
	bad "terminal: no source line with a caret"
fi
"$domlint" --no-config --color=sometimes "$file" >/dev/null 2>&1
if [ $? = 3 ]; then ok "--color=sometimes is bad usage (3)"; else
	bad "--color=sometimes: expected exit status 3"; fi
summary color-test
