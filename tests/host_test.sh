#!/bin/sh
# host_test.sh - `domlint --host[=ROOT]` (docs/host.md) from the outside:
#   1. READ-ONLY: for the two largest host descriptions of testdata/host, the tree
#      tests/mkhost.sh builds from each is the same after domlint --host=ROOT ran over the host
#      fixtures and the examples in every output format and with --fix (on copies outside
#      ROOT): every entry's size, mtime and mode, and `ls -laR`, unchanged, nothing added;
#   2. THE REAL HOST: a read-only run against this machine's /sys with a <hostdev
#      managed='no'> for its first PCI function says what the shell finds there itself:
#      host-passthrough-unsupported iff /sys/kernel/iommu_groups is empty or /dev/vfio/vfio is
#      missing, host-device-not-bound-vfio iff the function's driver is not vfio-pci,
#      host-device-missing never (and always for ffff:ff:1f.7, which no host has), the zPCI
#      rules never without a uid attribute, host-iommu-group-not-viable never without an IOMMU
#      group; the note names the function's driver as its driver link does, and its name as
#      lspci does;
#   3. NO HOST: --host=/nonexistent, a root without sys/bus/pci/devices and one where that is a
#      file exit 2 with one message naming the path, and no findings;
#   4. WITHOUT --host no host rule fires and no note names a host function.
#
# usage: sh tests/host_test.sh DOMLINT JSONGET   (from the repository root; JSONGET is
#        build/jsonget). Prints ok/FAIL/SKIP lines, then `host-test: N passed, M failed`.
set -u
LC_ALL=C
export LC_ALL
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=$(abspath "${1:-./domlint}")
jsonget=$(abspath "${2:-build/jsonget}")
for tool in "$domlint" "$jsonget"; do
	[ -x "$tool" ] || { bad "no executable $tool (usage: sh tests/host_test.sh DOMLINT JSONGET)"; finish host-test; }
done
make_tmp || exit 1

# The fixtures: every host rule's (they define fine, so each gets a guest-address note) and
# the examples (no host rule fires on most: the quiet path too).
fixtures=
for xml in testdata/rules/host-*/*.xml testdata/examples/*.xml; do
	[ -f "$xml" ] && fixtures="$fixtures $xml"
done
case $fixtures in
*testdata/rules/host-*) ;;
*) bad "no fixtures testdata/rules/host-*/*.xml" ;;
esac

# ---- 1. nothing is written under ROOT ----

# snapshot ROOT FILE: every entry under ROOT with its size, mtime and mode, and ls -laR.
snapshot() {
	{
		find "$1" -exec stat -c '%n %s %Y %a' {} + | sort
		ls -laR "$1"
	} >"$2"
}

# The two largest descriptions (the most functions, groups, drivers, mdevs and bindings to
# read): building a tree takes mkhost.sh about two seconds, so not every one.
ndesc=0
for desc in $(wc -l testdata/host/*.host 2>/dev/null | sort -rn | awk '$2 != "total" { print $2 }' | head -n 2); do
	[ -f "$desc" ] || continue
	ndesc=$((ndesc + 1))
	name=$(basename "$desc" .host)
	root=$tmp/hosts/$name
	if ! sh tests/mkhost.sh "$desc" "$root" 2>"$tmp/err"; then
		bad "$desc: mkhost.sh failed: $(head -n 3 "$tmp/err")"
		continue
	fi
	# older than now by a while, so a write in the same second would still change an mtime
	find "$root" -exec touch -h -d '2020-01-01 00:00:00' {} +
	snapshot "$root" "$tmp/before"
	failed=
	for format in text json sarif github; do
		# shellcheck disable=SC2086 # fixtures is a word list
		"$domlint" --no-config --host="$root" --format=$format $fixtures >"$tmp/out" 2>"$tmp/err"
		rc=$?
		[ "$rc" -le 1 ] || failed="$failed --format=$format: exit status $rc ($(head -n 1 "$tmp/err"));"
	done
	mkdir -p "$tmp/fix"
	k=0
	for xml in $fixtures; do # numbered: fixtures of different rules share names
		k=$((k + 1))
		cp "$xml" "$tmp/fix/$k.xml"
	done
	"$domlint" --no-config --host="$root" --fix --unsafe-fixes "$tmp"/fix/*.xml >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -le 1 ] || failed="$failed --fix: exit status $rc ($(head -n 1 "$tmp/err"));"
	snapshot "$root" "$tmp/after"
	if [ -n "$failed" ]; then
		bad "$desc: domlint --host failed:$failed"
	elif cmp -s "$tmp/before" "$tmp/after"; then
		ok "$desc: nothing under ROOT changed or was added (text, json, sarif, github, --fix)"
	else
		bad "$desc: ROOT changed under domlint --host:"
		diff "$tmp/before" "$tmp/after" | head -n 10
	fi
	rm -rf "$tmp/fix"
done
[ "$ndesc" -gt 0 ] || bad "no host descriptions testdata/host/*.host"

# ---- 2. the real /sys of this machine, read-only ----

# domain FILE ADDRESS...: a domain with one unmanaged hostdev per host PCI address DDDD:BB:SS.F.
domain() {
	file=$1
	shift
	{
		printf '%s\n' "<domain type='qemu'>" "  <name>host-test</name>" "  <memory>65536</memory>" \
			"  <os><type arch='x86_64' machine='pc'>hvm</type></os>" "  <devices>"
		for a; do
			dom=${a%%:*}
			rest=${a#*:}
			bus=${rest%%:*}
			rest=${rest#*:}
			printf '%s\n' "    <!-- bound to vfio-pci by hand before the guest starts -->" \
				"    <hostdev mode='subsystem' type='pci' managed='no'>" \
				"      <source><address domain='0x$dom' bus='0x$bus' slot='0x${rest%.*}' function='0x${rest#*.}'/></source>" \
				"    </hostdev>"
		done
		printf '%s\n' "  </devices>" "</domain>"
	} >"$file"
}

# fires RULE FILE: the JSON report FILE has a finding of RULE.
fires() {
	grep -qF "\"rule\":\"$1\"" "$2"
}

# expect NAME RULE WANT FILE: RULE fires in FILE iff WANT is yes.
expect() {
	if fires "$2" "$4"; then got=yes; else got=no; fi
	if [ "$got" = "$3" ]; then
		ok "$1: $2 $(if [ "$3" = yes ]; then echo fires; else echo "does not fire"; fi)"
	else
		bad "$1: $2 fires: $got, but /sys says $3"
	fi
}

first=
for dev in /sys/bus/pci/devices/*; do
	[ -e "$dev" ] || continue
	first=${dev##*/}
	break
done
if [ -z "$first" ]; then
	skip "this machine has no PCI function in /sys/bus/pci/devices: no real-host run"
else
	domain "$tmp/real.xml" "$first" ffff:ff:1f.7
	"$domlint" --no-config --host --format=json "$tmp/real.xml" >"$tmp/real.json" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		bad "domlint --host on this machine: exit status $rc: $(head -n 3 "$tmp/err")"
	else
		ok "domlint --host reads this machine's /sys (exit status $rc)"
		if [ -n "$(ls -A /sys/kernel/iommu_groups 2>/dev/null)" ] && [ -e /dev/vfio/vfio ]; then
			unsupported=no
		else
			unsupported=yes
		fi
		expect "/sys (first function $first)" host-passthrough-unsupported "$unsupported" "$tmp/real.json"
		driver=
		[ -L "/sys/bus/pci/devices/$first/driver" ] && driver=$(basename "$(readlink "/sys/bus/pci/devices/$first/driver")")
		# the findings about the first hostdev (lines 7-9: its <hostdev> or its source address)
		# and the one that is on no host (lines 11-13)
		"$jsonget" files.0.diagnostics.# <"$tmp/real.json" >"$tmp/n" 2>/dev/null
		n=$(cat "$tmp/n")
		: >"$tmp/first.rules"
		: >"$tmp/missing.rules"
		i=0
		while [ "$i" -lt "${n:-0}" ]; do
			"$jsonget" "files.0.diagnostics.$i.line" "files.0.diagnostics.$i.rule" <"$tmp/real.json" >"$tmp/f"
			{ read -r line; read -r rule; } <"$tmp/f"
			case $line in
			7 | 8 | 9) echo "\"rule\":\"$rule\"" >>"$tmp/first.rules" ;;
			11 | 12 | 13) echo "\"rule\":\"$rule\"" >>"$tmp/missing.rules" ;;
			esac
			i=$((i + 1))
		done
		expect "/sys: $first (driver ${driver:-none})" host-device-not-bound-vfio \
			"$([ "$driver" = vfio-pci ] && echo no || echo yes)" "$tmp/first.rules"
		expect "/sys: $first" host-device-missing no "$tmp/first.rules"
		# what /sys does not show cannot be wrong: no zPCI rule without a uid attribute, no
		# group rule without an IOMMU group
		if [ ! -e "/sys/bus/pci/devices/$first/uid" ]; then
			expect "/sys: $first (no zPCI uid)" host-zpci-uid-mismatch no "$tmp/first.rules"
			expect "/sys: $first (no zPCI uid)" host-zpci-uid-unstable no "$tmp/first.rules"
		fi
		[ -e "/sys/bus/pci/devices/$first/iommu_group" ] ||
			expect "/sys: $first (no IOMMU group)" host-iommu-group-not-viable no "$tmp/first.rules"
		expect "/sys: ffff:ff:1f.7" host-device-missing yes "$tmp/missing.rules"
		expect "/sys: ffff:ff:1f.7" host-device-not-bound-vfio no "$tmp/missing.rules"
		# the notes: the first function's driver as its link says, its name as lspci has it
		"$jsonget" files.0.addresses.0.host.present files.0.addresses.0.host.driver \
			files.0.addresses.0.host.name files.0.addresses.1.host.present \
			<"$tmp/real.json" >"$tmp/f" 2>/dev/null
		{ read -r present; read -r got_driver; read -r got_name; read -r missing; } <"$tmp/f"
		if [ "$present" = true ] && [ "$got_driver" = "${driver:-null}" ] && [ "$missing" = false ]; then
			ok "/sys: the note names $first's driver (${driver:-none}), and ffff:ff:1f.7 as not on the host"
		else
			bad "/sys: notes: present $present, driver $got_driver (/sys: ${driver:-none}), ffff:ff:1f.7 present $missing"
		fi
		if ! command -v lspci >/dev/null 2>&1; then
			skip "/sys: no lspci to compare $first's name with"
		elif lspci -D -s "$first" | grep -qF -- "$got_name"; then
			ok "/sys: the note's name '$got_name' is lspci's"
		else
			bad "/sys: the note's name '$got_name' is not in lspci's line '$(lspci -D -s "$first")'"
		fi
	fi
fi

# ---- 3. a host that cannot be read: exit 2, one message naming the path, no findings ----

mkdir -p "$tmp/no-pci/sys/bus" "$tmp/pci-file/sys/bus/pci"
: >"$tmp/pci-file/sys/bus/pci/devices"
for root in /nonexistent "$tmp/no-pci" "$tmp/pci-file"; do
	# shellcheck disable=SC2086 # fixtures is a word list
	"$domlint" --no-config --host="$root" $fixtures >"$tmp/out" 2>"$tmp/err"
	rc=$?
	lines=$(wc -l <"$tmp/err")
	if [ "$rc" = 2 ] && grep -qF "$root" "$tmp/err" && [ ! -s "$tmp/out" ] && [ "$lines" -le 2 ]; then
		ok "--host=$root: exit status 2, '$(head -n 1 "$tmp/err")'"
	else
		bad "--host=$root: exit status $rc (want 2), $lines lines on stderr (want one naming the path), $(wc -l <"$tmp/out") on stdout (want none)"
		sed 's/^/       stderr: /' "$tmp/err" | head -n 4
	fi
done

# --host ROOT with a space would walk a host's root for domains: a usage error when ROOT holds sys/bus/pci
mkdir -p "$tmp/a-root/sys/bus/pci"
# shellcheck disable=SC2086 # fixtures is a word list
"$domlint" --no-config --host "$tmp/a-root" $fixtures >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" = 3 ] && grep -qF -- "write --host=$tmp/a-root" "$tmp/err" && [ ! -s "$tmp/out" ]; then
	ok "--host ROOT (a space): usage error, exit status 3, saying to write --host=ROOT"
else
	bad "--host ROOT (a space): exit status $rc (want 3): $(head -c 300 "$tmp/err")"
fi

# ---- 4. without --host: no host rule, no host in the notes ----

# shellcheck disable=SC2086 # fixtures is a word list
"$domlint" --no-config --addresses=all $fixtures >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -le 1 ] && ! grep -q '\[host-' "$tmp/out" && ! grep -qE '(, driver |, no driver\)|\(not on the host\)) -> guest' "$tmp/out"; then
	ok "without --host no host rule fires and no note names a host function"
else
	bad "without --host: exit status $rc; $(grep -E '\[host-|driver .*-> guest|not on the host' "$tmp/out" | head -n 3)"
fi
# shellcheck disable=SC2086 # fixtures is a word list
"$domlint" --no-config --format=json $fixtures >"$tmp/out" 2>"$tmp/err"
if grep -qF '"rule":"host-' "$tmp/out" || grep -qF '"host":{' "$tmp/out"; then
	bad "without --host, the JSON report has a host finding or a note's host object"
else
	ok "without --host the JSON report has no host finding and no note's host object"
fi

finish host-test
