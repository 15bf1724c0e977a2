#!/bin/sh
# golden.sh - runs domlint over every fixture and compares stdout and exit status with the
# expected NAME.out and NAME.rc beside NAME.xml (extra options in NAME.args, one line).
# REGEN=1 rewrites the expectations; VALGRIND="valgrind ..." runs each case under it.
set -u
domlint=${1:-./domlint}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for xml in testdata/rules/*/*.xml testdata/examples/*.xml testdata/formats/*.xml testdata/suppress/*.xml; do
	[ -f "$xml" ] || continue
	base=${xml%.xml}
	args=""
	[ -f "$base.args" ] && args=$(cat "$base.args")
	# shellcheck disable=SC2086 # args and VALGRIND are word lists
	${VALGRIND:-} "$domlint" $args "$xml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$tmp/out" "$base.out"
		echo "$rc" >"$base.rc"
		continue
	fi
	if [ ! -f "$base.out" ] || [ ! -f "$base.rc" ]; then
		echo "FAIL $xml: no $base.out or $base.rc (run 'make regen' and review)"
		fail=$((fail + 1))
	elif ! cmp -s "$tmp/out" "$base.out"; then
		echo "FAIL $xml: output differs:"
		diff -u "$base.out" "$tmp/out" | head -20
		fail=$((fail + 1))
	elif [ "$rc" != "$(cat "$base.rc")" ]; then
		echo "FAIL $xml: exit status $rc, expected $(cat "$base.rc")"
		sed 's/^/  stderr: /' "$tmp/err" | head -20
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
[ "${REGEN:-0}" = 1 ] && { echo "golden: expectations rewritten; review 'git diff testdata'"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
