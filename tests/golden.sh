#!/bin/sh
# golden.sh - runs domlint over every fixture and compares stdout and exit status with the
# expected NAME.out and NAME.rc beside NAME.xml (extra options in NAME.args, one line; options
# for every fixture of a directory in its ARGS file, before those). @HOSTS@ in the options is a
# directory holding a host root (tests/mkhost.sh) for each testdata/host/NAME.host, as NAME.
# REGEN=1 rewrites the expectations; VALGRIND="valgrind ..." runs each case under it.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
make_tmp || exit 1
for desc in testdata/host/*.host; do
	[ -f "$desc" ] || continue
	name=${desc##*/}
	sh tests/mkhost.sh "$desc" "$tmp/hosts/${name%.host}" || bad "$desc: cannot build the host"
done
for xml in testdata/rules/*/*.xml testdata/examples/*.xml testdata/formats/*.xml testdata/suppress/*.xml \
	testdata/fidelity/*.xml; do
	[ -f "$xml" ] || continue
	base=${xml%.xml}
	args=""
	[ -f "${xml%/*}/ARGS" ] && args=$(cat "${xml%/*}/ARGS")
	[ -f "$base.args" ] && args="$args $(cat "$base.args")"
	case $args in *@HOSTS@*) args=$(printf '%s' "$args" | sed "s|@HOSTS@|$tmp/hosts|g") ;; esac
	# shellcheck disable=SC2086 # args and VALGRIND are word lists
	${VALGRIND:-} "$domlint" $args "$xml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$tmp/out" "$base.out"
		echo "$rc" >"$base.rc"
		continue
	fi
	if [ ! -f "$base.out" ] || [ ! -f "$base.rc" ]; then
		bad "$xml: no $base.out or $base.rc (run 'make regen' and review)"
	elif ! cmp -s "$tmp/out" "$base.out"; then
		bad "$xml: output differs:"
		diff -u "$base.out" "$tmp/out" | head -20
	elif [ "$rc" != "$(cat "$base.rc")" ]; then
		bad "$xml: exit status $rc, expected $(cat "$base.rc")"
		sed 's/^/  stderr: /' "$tmp/err" | head -20
	else
		ok
	fi
done
[ "${REGEN:-0}" = 1 ] && { echo "golden: expectations rewritten; review 'git diff testdata'"; exit 0; }
summary golden
