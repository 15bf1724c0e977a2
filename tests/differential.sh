#!/bin/sh
# differential.sh - domlint against real libvirt (9.0.0, through the libvirt-verdict oracle) on
# every domain fixture in testdata/ (not testdata/hostile): libvirt accepts a file exactly when
# domlint reports no error (default severities, no NAME.args); for an accepted file, every zPCI
# uid/fid and known guest PCI address domlint gives is the one in libvirt's dumpxml (and each
# zPCI device there is one domlint knows), and domlint reports no error on that dumpxml.
#
# libvirt judges a copy of each file (diffcheck prepare): type='kvm' read as 'qemu', and an
# <emulator> this host lacks replaced by its qemu-system-ARCH, since CI hosts have neither KVM
# nor every emulator; devices and addresses are untouched. A file the oracle still cannot judge
# (oracle_error; emulator, virt type or machine type unsupported here) is skipped. domlint reads
# the file with its domlint-disable comments turned off, as it ignores NAME.args. A fixture whose
# verdict depends on the host says so in a comment, "differential: skip (WHY)", and is skipped.
# DIFFERENTIAL_JOBS=N splits the oracle's work over N runs at once (default 1: one QEMU probe).
#
# usage: differential.sh DOMLINT ORACLE JSONGET DIFFCHECK
# Without libvirt (no virsh): SKIPPED and exit 0; DIFFERENTIAL_REQUIRED=1 makes that a failure,
# and DIFFERENTIAL_SETUP=1 (as root) first installs it with 'ORACLE --setup'.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=$(abspath "${1:-./domlint}")
oracle=$(abspath "${2:-../shared/oracle/libvirt-verdict}")
jsonget=$(abspath "${3:-build/jsonget}")
diffcheck=$(abspath "${4:-build/diffcheck}")

unavailable() {
	echo "differential: SKIPPED: $1"
	[ "${DIFFERENTIAL_REQUIRED:-0}" = 1 ] && exit 1
	exit 0
}
[ -x "$oracle" ] || unavailable "$oracle not found (set ORACLE=PATH to libvirt-verdict)"
if ! command -v virsh >/dev/null 2>&1; then
	if [ "$(id -u)" != 0 ] || [ "${DIFFERENTIAL_SETUP:-0}" != 1 ]; then
		unavailable "virsh not found (as root, DIFFERENTIAL_SETUP=1 installs libvirt with '$oracle --setup')"
	fi
	echo "differential: installing libvirt with $oracle --setup"
	"$oracle" --setup >/dev/null 2>&1 || unavailable "'$oracle --setup' failed"
	command -v virsh >/dev/null 2>&1 || unavailable "virsh not found after '$oracle --setup'"
fi

make_tmp || exit 1
set -f # file names go through word splitting below, never through globbing
mkdir "$tmp/in" "$tmp/lint"
# the run's own copy of domlint: the oracle takes minutes, and a rebuild meanwhile must not count
cp "$domlint" "$tmp/domlint" || exit 1
domlint=$tmp/domlint
# shellcheck disable=SC2046 # one word per fixture path
"$diffcheck" prepare "$tmp/in" $(find testdata -path testdata/hostile -prune -o -type f -name '*.xml' -print |
	LC_ALL=C sort) >"$tmp/domains" || exit 1
count=$(wc -l <"$tmp/domains")
[ "$count" -gt 0 ] || unavailable "no domain fixtures under testdata/"
# What domlint reads: each file as it was when libvirt's copy was made, its domlint-disable
# comments turned off (upper case, so lines and columns stay): as NAME.args are not read, the
# comparison is of domlint's default severities.
i=0
while IFS= read -r file; do
	i=$((i + 1))
	sed 's/domlint-disable/DOMLINT-disable/g' "$file" >"$tmp/lint/$i.xml"
done <"$tmp/domains"

# The oracle probes QEMU once per run: one run over every file, or DIFFERENTIAL_JOBS runs at
# once over consecutive shares; their lines, put together, are in file order.
jobs=${DIFFERENTIAL_JOBS:-1}
case $jobs in '' | *[!0-9]* | 0) jobs=1 ;; esac
per=$(((count + jobs - 1) / jobs))
echo "differential: $count domain fixtures through libvirt ($jobs oracle run(s)) and domlint"
started=$(date +%s)
first=1
runs=
oracle_pids=
# shellcheck disable=SC2016 # expanded at exit, when the runs still going are known
at_exit '[ -z "$oracle_pids" ] || kill $oracle_pids 2>/dev/null'
while [ "$first" -le "$count" ]; do
	last=$((first + per - 1))
	[ "$last" -le "$count" ] || last=$count
	set --
	i=$first
	while [ "$i" -le "$last" ]; do
		set -- "$@" "$tmp/in/$i.xml"
		i=$((i + 1))
	done
	"$oracle" "$@" >"$tmp/verdicts.$first" 2>"$tmp/oracle.err.$first" &
	oracle_pids="$oracle_pids $!"
	runs="$runs $first"
	first=$((last + 1))
done
wait
oracle_pids=
for first in $runs; do
	cat "$tmp/verdicts.$first" >>"$tmp/verdicts"
	cat "$tmp/oracle.err.$first" >>"$tmp/oracle.err"
done
echo "differential: libvirt judged them in $(($(date +%s) - started)) s"
if [ "$(wc -l <"$tmp/verdicts")" -ne "$count" ]; then
	sed 's/^/  /' "$tmp/oracle.err" | head -20
	unavailable "the oracle gave $(wc -l <"$tmp/verdicts") verdicts for $count files"
fi
if ! grep -qv '"oracle_error":true' "$tmp/verdicts"; then
	unavailable "the oracle judged no file: $(head -1 "$tmp/verdicts")"
fi

# domlint's error-level findings on $1, one a line; a status of 2 or 3 is a finding too
lint_errors() {
	"$domlint" --no-config --addresses=all --format=json "$1" >"$tmp/lint.json" 2>"$tmp/lint.err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "domlint exit status $rc: $(head -1 "$tmp/lint.err")"
	else
		"$diffcheck" errors "$tmp/lint.json" || echo "domlint's JSON unreadable"
	fi
}

tab=$(printf '\t')
paste "$tmp/domains" "$tmp/verdicts" >"$tmp/pairs"
: >"$tmp/accepted" # the numbers of the files libvirt accepts, for the fixes below
i=0
while IFS="$tab" read -r file verdict; do
	i=$((i + 1))
	printf '%s\n' "$verdict" >"$tmp/verdict.json"
	if [ "$("$jsonget" file <"$tmp/verdict.json")" != "$tmp/in/$i.xml" ]; then
		bad "$file: the oracle's line $i is about another file"
		continue
	fi
	accepted=$("$jsonget" accepted <"$tmp/verdict.json")
	message=$("$jsonget" error <"$tmp/verdict.json")
	if [ "$("$jsonget" oracle_error <"$tmp/verdict.json" 2>/dev/null)" = true ]; then
		skip "$file: the oracle cannot judge it: $message"
		continue
	fi
	# a fixture whose verdict depends on the host libvirt runs on says so in a comment
	why=$(sed -n 's/.*differential: skip (\([^)]*\)).*/\1/p' "$file" | head -1)
	if [ -n "$why" ]; then
		skip "$file: its verdict depends on the host: $why"
		continue
	fi
	case $message in
	*'Cannot check QEMU binary'* | *'does not support virt type'* | *'does not support machine type'*)
		skip "$file: libvirt cannot judge it on this host: $message"
		continue
		;;
	esac
	errors=$(lint_errors "$tmp/lint/$i.xml")
	if [ "$accepted" = true ] && [ -z "$errors" ]; then
		ok "$file: libvirt accepts it, domlint reports no error"
	elif [ "$accepted" != true ] && [ -n "$errors" ]; then
		ok "$file: libvirt rejects it, domlint reports an error"
	elif [ "$accepted" = true ]; then
		bad "$file: libvirt accepts it, domlint reports:"
		printf '%s\n' "$errors" | sed 's/^/  /'
	else
		bad "$file: libvirt rejects it, domlint reports no error; libvirt:"
		printf '%s\n' "$message" | sed 's/^/  /'
	fi
	[ "$accepted" = true ] || continue
	cp "$tmp/lint.json" "$tmp/lint.$i.json" # for the fixes below
	echo "$i" >>"$tmp/accepted"

	"$jsonget" dumpxml <"$tmp/verdict.json" >"$tmp/dump.xml"
	if problems=$("$diffcheck" addresses "$tmp/lint.json" "$tmp/lint/$i.xml" "$tmp/dump.xml" 2>&1); then
		ok "$file: domlint's zPCI uid/fid and guest addresses are libvirt's"
	else
		bad "$file: domlint's addresses differ from libvirt's dumpxml:"
		printf '%s\n' "$problems" | sed 's/^/  /'
	fi
	errors=$(lint_errors "$tmp/dump.xml")
	if [ -z "$errors" ]; then
		ok "$file: domlint reports no error on libvirt's dumpxml"
	else
		bad "$file: domlint reports errors on libvirt's dumpxml of it:"
		printf '%s\n' "$errors" | sed 's/^/  /'
	fi
done <"$tmp/pairs"

# Fixes: each accepted file domlint can fix goes through libvirt again, fixed three ways:
#   safe  the safe fixes: libvirt's dumpxml must hold the zPCI uid/fid and guest addresses domlint
#         gave for the file as it was (which libvirt's dumpxml of that file held, checked above);
#   pin   then zpci-unpinned's unsafe fix alone: the same, since a pin writes down what libvirt
#         had assigned;
#   all   every fix, unsafe ones too (some change what libvirt does, such as the pci-bridges it
#         adds): libvirt must accept it, and domlint's addresses for the fixed file be libvirt's.
# In each case domlint must report no error on the fixed file.
mkdir "$tmp/fix"
: >"$tmp/fixed"
while IFS= read -r i; do
	for level in safe pin all; do
		out=$tmp/fix/$i.$level.xml
		case $level in
		safe)
			cp "$tmp/in/$i.xml" "$out"
			"$domlint" --no-config --fix "$out" >/dev/null 2>&1 ;;
		pin)
			if [ -f "$tmp/fix/$i.safe.xml" ]; then cp "$tmp/fix/$i.safe.xml" "$out"; else cp "$tmp/in/$i.xml" "$out"; fi
			"$domlint" --no-config --disable=all --enable=zpci-unpinned --fix --unsafe-fixes "$out" >/dev/null 2>&1
			if cmp -s "$out" "$tmp/fix/$i.safe.xml"; then rm "$out"; continue; fi ;;
		all)
			cp "$tmp/in/$i.xml" "$out"
			"$domlint" --no-config --enable=zpci-unpinned --fix --unsafe-fixes "$out" >/dev/null 2>&1
			if [ -f "$tmp/fix/$i.pin.xml" ] && cmp -s "$out" "$tmp/fix/$i.pin.xml"; then rm "$out"; continue; fi ;;
		esac
		if cmp -s "$out" "$tmp/in/$i.xml"; then
			rm "$out"
		else
			echo "$i $level" >>"$tmp/fixed"
		fi
	done
done <"$tmp/accepted"
nfixed=$(wc -l <"$tmp/fixed")
echo "differential: $nfixed fixed files through libvirt"
if [ "$nfixed" -gt 0 ]; then
	set --
	while read -r i level; do
		set -- "$@" "$tmp/fix/$i.$level.xml"
	done <"$tmp/fixed"
	"$oracle" "$@" >"$tmp/fix.verdicts" 2>"$tmp/fix.err"
	paste -d ' ' "$tmp/fixed" "$tmp/fix.verdicts" >"$tmp/fix.pairs"
	while read -r i level verdict; do
		file=$(sed -n "${i}p" "$tmp/domains")
		fixed=$tmp/fix/$i.$level.xml
		printf '%s\n' "$verdict" >"$tmp/verdict.json"
		if [ "$("$jsonget" accepted <"$tmp/verdict.json")" != true ]; then
			bad "$file: libvirt rejects it after the $level fixes: $("$jsonget" error <"$tmp/verdict.json")"
			continue
		fi
		"$jsonget" dumpxml <"$tmp/verdict.json" >"$tmp/dump.xml"
		errors=$(lint_errors "$fixed")
		cp "$tmp/lint.json" "$tmp/lint.fixed.json"
		if [ -n "$errors" ]; then
			bad "$file: libvirt accepts it after the $level fixes, domlint reports:"
			printf '%s\n' "$errors" | sed 's/^/  /'
		elif [ "$level" = all ]; then
			if problems=$("$diffcheck" addresses "$tmp/lint.fixed.json" "$fixed" "$tmp/dump.xml" 2>&1); then
				ok "$file: after all fixes libvirt accepts it, with the addresses domlint gives"
			else
				bad "$file: after all fixes domlint's addresses differ from libvirt's:"
				printf '%s\n' "$problems" | sed 's/^/  /'
			fi
		elif problems=$("$diffcheck" addresses "$tmp/lint.$i.json" "$tmp/lint/$i.xml" "$tmp/dump.xml" 2>&1); then
			ok "$file: after the $level fixes libvirt accepts it with the same zPCI ids and guest addresses"
		else
			bad "$file: after the $level fixes libvirt's addresses differ from the file's before:"
			printf '%s\n' "$problems" | sed 's/^/  /'
		fi
	done <"$tmp/fix.pairs"
fi
for level in safe pin all; do
	if grep -q " $level\$" "$tmp/fixed"; then
		ok "files fixed at level $level went through libvirt"
	else
		bad "no fixture has a fix at level $level: the fix check tests nothing there"
	fi
done
summary differential
