#!/bin/sh
# corpus.sh - checks domlint against real libvirt 9.0.0's verdicts on the whole of libvirt's own
# test domains (tests/qemuxml2argvdata in libvirt's source), as listed in the corpus folder
# (../shared/conformance/libvirt-9.0.0-corpus; its README.md says how the verdicts were made):
#   - every name in accept.txt, and every class-A row of reject.tsv (libvirt accepts them at
#     define): no error-level finding;
#   - every S-addr row of reject.tsv (rejected for an address, controller or host-device problem
#     decidable from the XML): an error from the rule testdata/corpus/s-addr.tsv names, at the
#     line it names (the element or attribute libvirt's message is about);
#   - every S-other row (rejected for another reason the XML decides) that
#     testdata/corpus/s-other.tsv lists: the same; the rows it does not list yet are counted;
#   - the default output has no more guest-address notes than the files pass devices through
#     (PCI and mediated hostdevs, <interface type='hostdev'>): notes do not drown the findings.
# libvirt's files stay in libvirt's source, which GET_LIBVIRT_SOURCE (default: the corpus
# folder's ../get-libvirt-source) fetches once and whose path it prints; they are never copied
# into the project. Only failures are printed, then the S-addr tally and the summary.
# CONFORMANCE_REQUIRED=1 makes a missing corpus or a failed fetch a failure (CI sets it).
#   sh tests/corpus.sh [DOMLINT] [CORPUS-DIR]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
corpus=${2:-../shared/conformance/libvirt-9.0.0-corpus}
get_source=${GET_LIBVIRT_SOURCE:-$corpus/../get-libvirt-source}
expect=$(dirname "$0")/../testdata/corpus/s-addr.tsv
expect_other=$(dirname "$0")/../testdata/corpus/s-other.tsv

skipped_run() {
	echo "corpus: SKIPPED: $*"
	[ "${CONFORMANCE_REQUIRED:-0}" = 1 ] && exit 1
	exit 0
}
if [ ! -f "$corpus/accept.txt" ] || [ ! -f "$corpus/reject.tsv" ]; then
	skipped_run "$corpus/accept.txt or reject.tsv not found (set CORPUS=DIR to point at the corpus folder)"
fi
make_tmp || exit 1
src=$("$get_source" 2>"$tmp/fetch") || src=
if [ -z "$src" ] || [ ! -d "$src/tests/qemuxml2argvdata" ]; then
	why=$(tail -n 1 "$tmp/fetch")
	skipped_run "could not get libvirt's source with $get_source: ${why:-no tests/qemuxml2argvdata in $src}"
fi
data=$src/tests/qemuxml2argvdata

# What to check, one "KIND<tab>NAME<tab>RULE<tab>LINE" a file: KIND is accept (accept.txt),
# A (class A of reject.tsv), S-addr (with the rule and line s-addr.tsv expects), S-other (with
# those s-other.tsv expects) or open (an S-other row s-other.tsv does not list); a row of
# s-addr.tsv or s-other.tsv that is no row of its class in reject.tsv is "stale".
tab=$(printf '\t')
{
	awk '$0 != "" && !/^#/ { print "accept\t" $1 "\t-\t-" }' "$corpus/accept.txt"
	awk -F '\t' '!/^#/ && $2 == "A" { print "A\t" $1 "\t-\t-" }' "$corpus/reject.tsv"
	awk -F '\t' '
		FILENAME == ARGV[1] || FILENAME == ARGV[2] {
			if (!/^#/ && NF >= 3) { rule[$1] = $2; line[$1] = $3; class[$1] = FILENAME == ARGV[1] ? "S-addr" : "S-other" }
			next
		}
		!/^#/ && $2 == "S-addr" {
			print "S-addr\t" $1 "\t" ($1 in rule ? rule[$1] "\t" line[$1] : "?\t?")
			seen[$1] = "S-addr"
		}
		!/^#/ && $2 == "S-other" {
			print ($1 in rule ? "S-other\t" $1 "\t" rule[$1] "\t" line[$1] : "open\t" $1 "\t-\t-")
			seen[$1] = "S-other"
		}
		END { for (name in rule) if (seen[name] != class[name]) print "stale\t" name "\t-\t-" }
	' "$expect" "$expect_other" "$corpus/reject.tsv"
} >"$tmp/plan"

# The files of the plan that are there, one path a line.
missing=
while IFS="$tab" read -r kind name _ _; do
	if [ "$kind" = stale ]; then
		continue
	elif [ -f "$data/$name.xml" ]; then
		printf '%s\n' "$data/$name.xml"
	else
		missing="$missing $name"
	fi
done <"$tmp/plan" >"$tmp/files"
# domlint over the files in chunks of 100 (its output keeps the input order). A status of 2 or
# more (an unreadable input, a crash) cuts a chunk short: its files are then linted one by one,
# so each such file is a failure of its own and the others still count.
lint() {
	"$domlint" --no-config --color=never "$@"
}
: >"$tmp/out"
: >"$tmp/crashed"
split -l 100 "$tmp/files" "$tmp/chunk."
for chunk in "$tmp"/chunk.*; do
	[ -s "$chunk" ] || continue
	set -f
	# shellcheck disable=SC2046 # one path a line, none with blanks (libvirt's test names)
	set -- $(cat "$chunk")
	set +f
	status=0
	lint "$@" >"$tmp/chunk-out" 2>/dev/null || status=$?
	if [ "$status" -le 1 ]; then
		cat "$tmp/chunk-out" >>"$tmp/out"
		continue
	fi
	for file; do
		{ lint "$file" >>"$tmp/out"; } 2>/dev/null && continue
		status=$?
		[ "$status" -le 1 ] || printf '%s\t%s\n' "$(basename "$file" .xml)" "$status" >>"$tmp/crashed"
	done
done

# Each file's verdict: "ok", or "bad<tab>WHAT" followed by "more<tab>LINE" details.
awk -F '\t' -v prefix="$data/" -v missing=" $missing " '
	FILENAME == ARGV[1] {
		if (index($0, prefix) == 1 && index($0, ": error: ")) {
			rest = substr($0, length(prefix) + 1)
			name = substr(rest, 1, index(rest, ".xml:") - 1)
			errors[name] = errors[name] "\n" rest
		}
		next
	}
	FILENAME == ARGV[2] { crashed[$1] = $2; next }
	{
		kind = $1; name = $2; rule = $3; line = $4
		if (kind == "stale") {
			print "bad\t" name ": in testdata/corpus/s-addr.tsv or s-other.tsv, but not a row of that class in reject.tsv"
			next
		}
		if (kind == "open") { print "open"; next }
		if (index(missing, " " name " ")) {
			print "bad\t" name ".xml (" kind "): not in libvirt'\''s source"
			if (kind ~ /^S-/) print "miss\t" kind
			next
		}
		if (name in crashed) {
			print "bad\t" name ".xml (" kind "): domlint exited with status " crashed[name]
			if (kind ~ /^S-/) print "miss\t" kind
			next
		}
		if (kind !~ /^S-/) {
			if (!(name in errors)) { print "ok"; next }
			print "bad\t" name ".xml (libvirt: accept" (kind == "A" ? ", class A" : "") "): domlint reports errors:"
			more(errors[name])
			next
		}
		if (rule == "?") {
			print "bad\t" name ".xml (S-addr): no expectation in testdata/corpus/s-addr.tsv"
			print "miss\t" kind
			next
		}
		want = name ".xml:" line ":"
		n = split(substr(errors[name], 2), e, "\n")
		for (i = 1; i <= n; i++) {
			if (index(e[i], want) == 1 && substr(e[i], length(e[i]) - length(rule) - 1) == "[" rule "]") {
				print "ok"; print "hit\t" kind; next
			}
		}
		print "bad\t" name ".xml (" kind "): no error from " rule " at line " line (n ? "; domlint reports:" : "; domlint reports no error")
		if (n) more(errors[name])
		print "miss\t" kind
	}
	function more(s,   n, i, m) {
		n = split(substr(s, 2), m, "\n")
		for (i = 1; i <= n; i++) print "more\t" m[i]
	}
' "$tmp/out" "$tmp/crashed" "$tmp/plan" >"$tmp/verdicts"

hits=0
misses=0
other_hits=0
other_misses=0
open=0
while IFS="$tab" read -r verdict what; do
	case $verdict in
	ok) ok ;;
	bad) bad "$what" ;;
	more) printf '  %s\n' "$what" ;;
	hit) if [ "$what" = S-addr ]; then hits=$((hits + 1)); else other_hits=$((other_hits + 1)); fi ;;
	miss) if [ "$what" = S-addr ]; then misses=$((misses + 1)); else other_misses=$((other_misses + 1)); fi ;;
	open) open=$((open + 1)) ;;
	esac
done <"$tmp/verdicts"
echo "corpus: S-addr rows: $hits hit, $misses missed"
echo "corpus: S-other rows: $other_hits hit, $other_misses missed, $open not covered yet"

# Notes against passed-through devices (counted from each start tag's line, as libvirt's test
# files write them: the element name and its type on one line).
notes=$(grep -c ': note: .* -> guest ' "$tmp/out")
passed=$(xargs cat <"$tmp/files" | grep -c -E "<hostdev[^>]*type=['\"](pci|mdev)['\"]|<interface[^>]*type=['\"]hostdev['\"]")
if [ "$notes" -le "$passed" ] && [ "$passed" -gt 0 ]; then
	ok
else
	bad "the default output has $notes guest-address notes for $passed passed-through devices"
fi
echo "corpus: $notes guest-address notes by default, $passed passed-through devices"
summary corpus && [ "$pass" -gt 0 ]
