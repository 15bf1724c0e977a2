#!/bin/sh
# hostile_test.sh - domlint against hostile input: malformed, huge, pathological, XXE, network.
#
# usage: sh tests/hostile_test.sh DOMLINT LISTEN      (make hostile-check)
#
# Every testdata/hostile/NAME.xml is linted with each format (text, json, sarif, github), each
# run under a wall-clock limit (2 s, timeout(1); a timeout is a failure). NAME.expect holds:
#   rc=N        the exact exit status, the same in every format
#   grep=RE     an extended regex the text format's stdout+stderr must match (may repeat)
#   nogrep=RE   an extended regex no format's stdout+stderr may match (optional, may repeat)
#   timeout=S   a tighter wall-clock limit in seconds (optional)
# On every run: json and sarif stdout must be one valid JSON document (build/jsonget, if
# built); no output may hold a raw ESC byte; the text output no raw C1 control (U+0080..U+009F);
# every github stdout line must be a workflow command or an indented note.
# Generated here, in a temporary directory: deep nesting, a 10 MB attribute, 20,000 zPCI
# hostdevs, 20,000 near misses in suppression comments, a 100 MB file, --max-file-size, FIFOs,
# a symlink loop, unreadable and missing files, files whose external entities point at a secret
# (which must never be printed), and files whose entities, DTDs and XIncludes point at LISTEN
# (which must see no connection).
# Then, also generated: --color's output on a one-line domain (bytes, not time), walk messages
# naming hostile files, a report to /dev/full, unreadable *.xml in a walk, and a current
# directory deeper than PATH_MAX.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
show_skipped=1
if [ $# -ne 2 ]; then
	echo "usage: sh tests/hostile_test.sh DOMLINT LISTEN" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")/.." && pwd) || exit 2
domlint=$(abspath "$1")
listen=$(abspath "$2")
jsonget=${JSONGET:-$here/build/jsonget}
data=$here/testdata/hostile
formats="text json sarif github"

make_tmp || exit 2
trap 'exit 130' INT # the status of a shell the signal ends (make_tmp's traps exit 1)
trap 'exit 143' TERM
# lpid: LISTEN's process while it runs in the background; stop_listen ends it, and so does the exit.
lpid=""
stop_listen() {
	if [ -n "$lpid" ]; then
		kill "$lpid" 2>/dev/null
		wait "$lpid" 2>/dev/null
	fi
	lpid=""
}
at_exit stop_listen
# listen_verdict WHAT: stop LISTEN (TERM: it then says whether a connection came) and judge that.
listen_verdict() {
	kill -TERM "$lpid" 2>/dev/null
	wait "$lpid"
	lrc=$?
	lpid=""
	case $lrc in
	0) ok "$1: no connection to 127.0.0.1:$port" ;;
	1) bad "$1: domlint connected to 127.0.0.1:$port" ;;
	*) bad "$1: $listen failed (exit status $lrc): $(cat "$tmp/listen.err" 2>/dev/null)" ;;
	esac
}

for tool in "$domlint" "$listen"; do
	[ -x "$tool" ] || { echo "hostile-test: $tool is not an executable" >&2; exit 2; }
done
command -v timeout >/dev/null 2>&1 || { echo "hostile-test: needs timeout(1)" >&2; exit 2; }
if [ -x "$jsonget" ]; then
	have_json=1
else
	have_json=0
	skip "JSON validity of json and sarif output: no $jsonget (make build/jsonget)"
fi

ESC=$(printf '\033')
C1="$(printf '\302')[$(printf '\200')-$(printf '\237')]"

# A value from an expect file: expect_get FILE KEY prints every KEY= line's value.
expect_get() { sed -n "s/^$2=//p" "$1"; }

# A case's problems are collected, then printed under one FAIL line.
problem() { echo "     $*" >>"$tmp/problems"; }
show() { cat "$1.out" "$1.err" 2>/dev/null | cut -c1-240 | head -4 | sed 's/^/       | /' >>"$tmp/problems"; }

# check NAME EXPECT [DOMLINT-ARG]...: runs domlint in every format, checks everything above.
# RUNAS is a command that runs domlint as another user (empty: as this one).
# STDIN names a file to give as standard input (default /dev/null); check_stdin sets it.
STDIN=
RUNAS=
check_stdin() {
	STDIN=$1
	shift
	check "$@"
	STDIN=
}
check() {
	name=$1 expect=$2
	shift 2
	want_rc=$(expect_get "$expect" rc)
	limit=$(expect_get "$expect" timeout)
	limit=${limit:-2}
	: >"$tmp/problems"
	for fmt in $formats; do
		o=$tmp/run.$fmt
		# shellcheck disable=SC2086 # RUNAS is a command prefix, a word list
		timeout -k 1 "$limit" $RUNAS "$domlint" --no-config --color=never -f "$fmt" "$@" \
			<"${STDIN:-/dev/null}" >"$o.out" 2>"$o.err"
		rc=$?
		if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
			problem "[$fmt] no result within $limit s (a hang, or far too slow)"
			continue
		elif [ "$rc" -gt 128 ]; then
			problem "[$fmt] killed by signal $((rc - 128)) (a crash)"
			show "$o"
			continue
		elif [ "$rc" != "$want_rc" ]; then
			problem "[$fmt] exit status $rc, expected $want_rc"
			show "$o"
		fi
		cat "$o.out" "$o.err" >"$o.all"
		if [ "$fmt" = text ]; then
			expect_get "$expect" grep >"$tmp/greps"
			while IFS= read -r re; do
				if ! LC_ALL=C grep -Eq -e "$re" "$o.all"; then
					problem "[$fmt] output does not match /$re/"
					show "$o"
				fi
			done <"$tmp/greps"
			if LC_ALL=C grep -q -e "$C1" "$o.all"; then
				problem "[$fmt] a raw C1 control character (U+0080..U+009F) reaches the terminal:"
				LC_ALL=C grep -o -e ".\{0,24\}$C1.\{0,8\}" "$o.all" | head -1 | od -An -c | sed 's/^/       |/' >>"$tmp/problems"
			fi
		fi
		expect_get "$expect" nogrep >"$tmp/nogreps"
		while IFS= read -r re; do
			if LC_ALL=C grep -Eq -e "$re" "$o.all"; then
				problem "[$fmt] output matches /$re/, which it must not:"
				LC_ALL=C grep -E -e "$re" "$o.all" | cut -c1-240 | head -2 | sed 's/^/       | /' >>"$tmp/problems"
			fi
		done <"$tmp/nogreps"
		if LC_ALL=C grep -q -e "$ESC" "$o.all"; then
			problem "[$fmt] a raw ESC byte in the output (terminal or log escape injection):"
			LC_ALL=C grep -o -e ".\{0,24\}$ESC.\{0,8\}" "$o.all" | head -1 | od -An -c | sed 's/^/       |/' >>"$tmp/problems"
		fi
		case $fmt in
		json | sarif)
			if [ "$have_json" = 1 ] && ! "$jsonget" <"$o.out" >/dev/null 2>"$o.jerr"; then
				problem "[$fmt] stdout is not valid JSON: $(cat "$o.jerr")"
			fi
			;;
		github)
			if LC_ALL=C grep -v -e '^::' -e '^  ' "$o.out" | grep -q .; then
				problem "[$fmt] a stdout line that is neither a workflow command nor a note:"
				LC_ALL=C grep -v -e '^::' -e '^  ' "$o.out" | head -2 | sed 's/^/       | /' >>"$tmp/problems"
			fi
			;;
		esac
	done
	if [ -s "$tmp/problems" ]; then
		bad "$name"
		cat "$tmp/problems"
	else
		ok "$name"
	fi
}

# expect FILE RC [GREP-RE [NOGREP:RE]...]: writes an expect file for a generated case.
expect() {
	f=$1
	printf 'rc=%s\n' "$2" >"$f"
	shift 2
	for re in "$@"; do
		case $re in
		nogrep:*) printf 'nogrep=%s\n' "${re#nogrep:}" >>"$f" ;;
		timeout:*) printf 'timeout=%s\n' "${re#timeout:}" >>"$f" ;;
		*) printf 'grep=%s\n' "$re" >>"$f" ;;
		esac
	done
}

# --- the committed fixtures --------------------------------------------------------------
found=0
for xml in "$data"/*.xml; do
	[ -f "$xml" ] || continue
	found=$((found + 1))
	name=hostile/$(basename "$xml" .xml)
	if [ ! -f "${xml%.xml}.expect" ]; then
		bad "$name: no ${xml%.xml}.expect"
		continue
	fi
	if [ -z "$(expect_get "${xml%.xml}.expect" rc)" ] || [ -z "$(expect_get "${xml%.xml}.expect" grep)" ]; then
		bad "$name: ${xml%.xml}.expect needs an rc= and a grep= line"
		continue
	fi
	check "$name" "${xml%.xml}.expect" "$xml"
done
[ "$found" -gt 0 ] || bad "no fixtures in $data"
# all of them at once, walked as a directory, in parallel: the same report as one at a time
plural="files"
[ "$found" -eq 1 ] && plural="file"
expect "$tmp/all.expect" 1 "domlint: $found $plural linted"
check hostile/whole-directory-jobs-4 "$tmp/all.expect" -j 4 "$data"
timeout 5 "$domlint" --no-config --color=never "$data" >"$tmp/j1" 2>&1
timeout 5 "$domlint" --no-config --color=never -j 4 "$data" >"$tmp/j4" 2>&1
if cmp -s "$tmp/j1" "$tmp/j4"; then
	ok "hostile/whole-directory: -j 4 reports exactly what -j 1 does"
else
	bad "hostile/whole-directory: -j 4 reports differently from -j 1:"
	diff "$tmp/j1" "$tmp/j4" | head -6 | cut -c1-240 | sed 's/^/       | /'
fi

# --- generated: a small domain, and documents built around it ------------------------------
# domain_head NAME: the lines before the devices (7 lines); hostdev UID: 8 lines.
domain_head() {
	printf "<domain type='kvm'>\n  <name>%s</name>\n  <memory unit='MiB'>2048</memory>\n" "$1"
	printf "  <os>\n    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>\n  </os>\n  <devices>\n"
}
domain_tail() { printf '  </devices>\n</domain>\n'; }
hostdev() {
	printf "    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <source>\n"
	printf "        <address domain='0x0001' bus='0x00' slot='%s' function='0x0'/>\n" "${2:-0x00}"
	printf "      </source>\n      <address type='pci'>\n"
	printf "        <zpci uid='%s' fid='0x00000000'/>\n      </address>\n    </hostdev>\n" "$1"
}
# prolog_domain FILE PROLOG NAME SLOT: PROLOG, then the domain NAME with one hostdev at SLOT.
prolog_domain() {
	{
		printf '%s' "$2"
		domain_head "$3"
		hostdev 0x0000 "$4"
		domain_tail
	} >"$1"
}
UID0="error: zpci uid '0x0000' is out of range: must be 0x0001 to 0xffff \\[address-malformed\\]"
g=$tmp/gen
mkdir "$g"
{ domain_head good; hostdev 0x0000; domain_tail; } >"$g/good.xml"

# 10,000-deep nesting: libxml2's depth limit, with a message that suits a domlint user
{
	printf "<domain type='kvm'>\n  <name>deep</name>\n  <metadata>"
	i=0
	while [ $i -lt 1000 ]; do printf '<x><x><x><x><x><x><x><x><x><x>'; i=$((i + 1)); done
	i=0
	while [ $i -lt 1000 ]; do printf '</x></x></x></x></x></x></x></x></x></x>'; i=$((i + 1)); done
	printf "</metadata>\n</domain>\n"
} >"$g/deep.xml"
expect "$g/deep.expect" 1 "deep\\.xml:3:[0-9]+: error: not well-formed XML: .*[Ee]xcessive depth.*\\[xml-syntax\\]" \
	"nogrep:XML_PARSE_HUGE"
check generated/deep-nesting-10000 "$g/deep.expect" "$g/deep.xml"

# a 10 MB attribute value (libxml2 refuses attribute values over 10,000,000 bytes)
{
	domain_head bigattr
	printf "    <hostdev mode='subsystem' type='pci' managed='yes' note='"
	head -c 10485760 /dev/zero | tr '\0' 'A'
	printf "'/>\n"
	domain_tail
} >"$g/bigattr.xml"
expect "$g/bigattr.expect" 1 "bigattr\\.xml:8:[0-9]+: error: not well-formed XML: AttValue length too long \\[xml-syntax\\]" \
	"nogrep:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check generated/attribute-10MB "$g/bigattr.expect" "$g/bigattr.xml"

# 10,000 near misses of a rule's name in one domlint-disable, and 10,000 comments that look like
# directives and name one: each is a finding, and "did you mean" (an edit distance per rule) is
# worked out for the first few hundred only, so the run stays linear
{
	domain_head nearmiss
	printf '    <!-- domlint-disable'
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf " zpci-duplicate-uidx%c", 97 + i % 26 }'
	printf ' -->\n'
	awk 'BEGIN { for (i = 0; i < 10000; i++) print "    <!-- domlint-ignore zpci-duplicate-uidx -->" }'
	domain_tail
} >"$g/nearmiss.xml"
expect "$g/nearmiss.expect" 0 \
	"nearmiss\\.xml:8:5: warning: domlint-disable names 'zpci-duplicate-uidxa', which is not a rule; did you mean 'zpci-duplicate-uid'\\? \\[suppression-unknown-rule\\]" \
	"nearmiss\\.xml:8:5: warning: domlint-disable names 'zpci-duplicate-uidx.', which is not a rule \\(see domlint --list-rules\\) \\[suppression-unknown-rule\\]" \
	"nearmiss\\.xml:10008:5: warning: domlint has no domlint-ignore .*write <!-- domlint-disable zpci-duplicate-uidx: reason --> \\[suppression-malformed\\]" \
	"domlint: 1 file linted: 0 errors, 20000 warnings, 0 info"
check generated/directive-near-misses "$g/nearmiss.expect" "$g/nearmiss.xml"

# 20,000 s390x zPCI hostdevs without <zpci>: libvirt numbers them uid 1.., fid 0..; the
# 20,000th (line 20,007) gets uid 0x4e20 and fid 0x00004e1f
{
	domain_head many
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		printf "    <hostdev mode=\047subsystem\047 type=\047pci\047 managed=\047yes\047><source><address domain=\0470x%04x\047 bus=\0470x%02x\047 slot=\0470x00\047 function=\0470x0\047/></source></hostdev>\n", int(i / 256) + 1, i % 256 }'
	domain_tail
} >"$g/many.xml"
expect "$g/many.expect" 0 \
	"many\\.xml:20007:5: note: hostdev 004f:1f:00\\.0 -> guest 4e20:00:00\\.0 \\(zpci uid 0x4e20 \\(auto\\), fid 0x00004e1f \\(auto\\)\\)" \
	"domlint: 1 file linted: 0 errors, 0 warnings, 0 info" timeout:4 # 0.5 s of CPU; 4 s for a busy machine
check generated/zpci-hostdevs-20000 "$g/many.expect" "$g/many.xml"
if [ "$have_json" = 1 ]; then
	n=$(timeout 30 "$domlint" --no-config -f json "$g/many.xml" 2>/dev/null | "$jsonget" files.0.addresses.# 2>/dev/null)
	if [ "$n" = 20000 ]; then
		ok "generated/zpci-hostdevs-20000: 20000 guest addresses in json"
	else
		bad "generated/zpci-hostdevs-20000: json has '$n' guest addresses, expected 20000"
	fi
fi

# a 100 MB file (sparse: no disk needed) is refused by size, before it is read
truncate -s 100M "$g/huge.xml" 2>/dev/null || dd if=/dev/zero of="$g/huge.xml" bs=1 count=0 seek=104857600 2>/dev/null
expect "$g/huge.expect" 2 "huge\\.xml: larger than 64 MiB \\(--max-file-size\\), not linted" "timeout:1"
check generated/file-100MB "$g/huge.expect" "$g/huge.xml"
# and the same 100 MB on standard input, which cannot be measured first: read up to the limit
expect "$g/huge-stdin.expect" 2 "<stdin>: larger than 64 MiB \\(--max-file-size\\), not linted" "timeout:2"
check_stdin "$g/huge.xml" generated/stdin-100MB "$g/huge-stdin.expect" -
# --max-file-size=1K: 1024 bytes are linted, 1025 are not
{ domain_head limit; hostdev 0x0000; domain_tail; } >"$g/limit.body"
pad=$((1024 - $(wc -c <"$g/limit.body") - 8))
{ printf '<!--'; head -c "$pad" /dev/zero | tr '\0' ' '; printf -- '-->\n'; cat "$g/limit.body"; } >"$g/at-limit.xml"
if [ "$(wc -c <"$g/at-limit.xml")" -eq 1024 ]; then
	expect "$g/at-limit.expect" 1 "at-limit\\.xml:14:15: $UID0"
	check generated/max-file-size-1K-1024-bytes "$g/at-limit.expect" --max-file-size=1K "$g/at-limit.xml"
else
	bad "generated/max-file-size-1K-1024-bytes: the fixture is $(wc -c <"$g/at-limit.xml") bytes, not 1024"
fi
{ cat "$g/at-limit.xml"; printf '\n'; } >"$g/over-limit.xml"
expect "$g/over-limit.expect" 2 "over-limit\\.xml: larger than 1024 bytes \\(--max-file-size\\), not linted" "timeout:1"
check generated/max-file-size-1K-1025-bytes "$g/over-limit.expect" --max-file-size=1K "$g/over-limit.xml"
check_stdin "$g/over-limit.xml" generated/max-file-size-1K-stdin "$g/over-limit.expect" --max-file-size=1K \
	--stdin-filename="$g/over-limit.xml" -

# a FIFO named on the command line must not block: refused at once
if mkfifo "$g/fifo.xml" 2>/dev/null; then
	expect "$g/fifo.expect" 2 "fifo\\.xml: not a regular file" "timeout:1"
	check generated/fifo-on-command-line "$g/fifo.expect" "$g/fifo.xml"
	mkdir "$g/walk" "$g/walk/sub"
	cp "$g/good.xml" "$g/walk/a.xml"
	mkfifo "$g/walk/sub/pipe.xml"
	expect "$g/walk.expect" 1 "walk/a\\.xml:13:15: $UID0" "walk/sub/pipe\\.xml: skipped: not a regular file" "timeout:1"
	check generated/fifo-in-directory-walk "$g/walk.expect" "$g/walk"
else
	skip "generated/fifo: mkfifo is not possible here"
fi

# a directory symlink loop: not followed by default; with --follow-symlinks, skipped with a
# note, no hang
mkdir -p "$g/loop/d"
cp "$g/good.xml" "$g/loop/d/a.xml"
ln -s .. "$g/loop/d/up"
ln -s ../loop "$g/loop/self"
expect "$g/loop.expect" 1 "loop/d/a\\.xml:13:15: $UID0" "loop/d/up: skipped: symbolic link loop" "loop/self: skipped: symbolic link loop"
check generated/symlink-loop "$g/loop.expect" --follow-symlinks "$g/loop"
expect "$g/loop-unfollowed.expect" 1 "loop/d/a\\.xml:13:15: $UID0" "nogrep:symbolic link loop" "timeout:1"
check generated/symlink-loop-not-followed "$g/loop-unfollowed.expect" "$g/loop"

# an unreadable file; root reads anything, so as root domlint runs as nobody (setpriv drops
# root's privileges) with the way to the file open to it
cp "$g/good.xml" "$g/unreadable.xml"
chmod 000 "$g/unreadable.xml"
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --"
if ! cat "$g/unreadable.xml" >/dev/null 2>&1; then
	RUNAS=
elif chmod o+x "$tmp" "$g" && $nobody "$domlint" --version >/dev/null 2>&1 &&
	! $nobody cat "$g/unreadable.xml" >/dev/null 2>&1; then
	RUNAS=$nobody
else
	RUNAS=none
	skip "generated/unreadable-file: running as root, and setpriv cannot run domlint as nobody"
fi
if [ "$RUNAS" != none ]; then
	expect "$g/unreadable.expect" 2 "unreadable\\.xml: cannot open: Permission denied"
	check generated/unreadable-file "$g/unreadable.expect" "$g/unreadable.xml"
fi
RUNAS=

# a missing file beside a good one: exit 2, and the good file is still linted and reported
expect "$g/missing.expect" 2 "nonexistent\\.xml: cannot open: No such file or directory" "good\\.xml:13:15: $UID0" \
	"domlint: 1 file linted: 1 error, 0 warnings, 0 info; 1 unreadable"
check generated/missing-and-good "$g/missing.expect" "$g/nonexistent.xml" "$g/good.xml"
check generated/missing-and-good-jobs-4 "$g/missing.expect" -j 4 "$g/nonexistent.xml" "$g/good.xml"

# hostile file names: control characters and invalid UTF-8 (JSON must stay valid)
mkdir "$g/names"
cp "$g/good.xml" "$g/names/$(printf 'esc\033[31m-nl\n-ff\377'):x.xml"
expect "$g/names.expect" 1 "names/esc\\\\x1b\\[31m-nl\\\\x0a-ff.*:x\\.xml:13:15: $UID0"
check generated/control-characters-in-file-name "$g/names.expect" "$g/names"

# --- secrets: files that would pull a local file into the report -------------------------
marker=DOMLINT-SECRET-$$-$(od -An -N6 -tx1 /dev/urandom 2>/dev/null | tr -d ' \n')
s=$tmp/secret
mkdir "$s"
printf '0x00%s\n' "$marker" >"$s/secret.txt"
# defines, if it were ever read, an internal entity holding the marker and an external one
printf '<!ENTITY x "0x00%s">\n<!ENTITY y SYSTEM "file://%s/secret.txt">\n' "$marker" "$s" >"$s/secret.dtd"
ent="<!ENTITY x SYSTEM \"file://$s/secret.txt\">"
prolog_domain "$s/attr.xml" "<!DOCTYPE domain [ $ent ]>
" attr '&x;'
prolog_domain "$s/text.xml" "<!DOCTYPE domain [ $ent ]>
" '&x;' 0x00
prolog_domain "$s/relative.xml" '<!DOCTYPE domain [ <!ENTITY x SYSTEM "secret.txt"> ]>
' '&x;' 0x00
prolog_domain "$s/param.xml" "<!DOCTYPE domain [ <!ENTITY % p SYSTEM \"file://$s/secret.dtd\"> %p; ]>
" '&y;' '&x;'
prolog_domain "$s/param-in-value.xml" "<!DOCTYPE domain [ <!ENTITY % p SYSTEM \"file://$s/secret.txt\"> <!ENTITY x \"%p;\"> ]>
" '&x;' '&x;'
prolog_domain "$s/dtd.xml" "<!DOCTYPE domain SYSTEM \"file://$s/secret.dtd\">
" '&y;' '&x;'
prolog_domain "$s/dtd-public.xml" "<!DOCTYPE domain PUBLIC \"-//domlint//hostile//EN\" \"file://$s/secret.dtd\">
" '&y;' '&x;'
{
	domain_head xinclude | sed 's|<domain |<domain xmlns:xi="http://www.w3.org/2001/XInclude" |'
	printf '    <xi:include href="file://%s/secret.txt" parse="text"/>\n' "$s"
	printf '    <xi:include href="secret.txt" parse="text"/>\n'
	printf '    <xi:include href="secret.dtd" parse="xml"/>\n'
	hostdev 0x0000
	domain_tail
} >"$s/xinclude.xml"
expect "$s/attr.expect" 1 "attr\\.xml:[0-9]+:[0-9]+: error: not well-formed XML: Attribute references external entity 'x' \\[xml-syntax\\]" "nogrep:$marker"
expect "$s/parse.expect" 1 ":[0-9]+:[0-9]+: error: .*\\[(xml-syntax|address-malformed)\\]" "nogrep:$marker"
expect "$s/lint.expect" 1 "\\.xml:14:15: $UID0" "nogrep:$marker"
check secret/entity-in-attribute "$s/attr.expect" "$s/attr.xml"
check secret/entity-in-text "$s/lint.expect" "$s/text.xml"
check secret/relative-entity-in-text "$s/lint.expect" "$s/relative.xml"
check secret/parameter-entity "$s/parse.expect" "$s/param.xml"
check secret/parameter-entity-in-entity-value "$s/parse.expect" "$s/param-in-value.xml"
check secret/external-dtd "$s/parse.expect" "$s/dtd.xml"
check secret/external-dtd-public "$s/parse.expect" "$s/dtd-public.xml"
expect "$s/xinclude.expect" 1 "xinclude\\.xml:16:15: $UID0" "nogrep:$marker"
check secret/xinclude "$s/xinclude.expect" "$s/xinclude.xml"
check_stdin "$s/text.xml" secret/entity-in-text-on-stdin "$s/parse.expect" -
check_stdin "$s/relative.xml" secret/relative-entity-on-stdin "$s/parse.expect" -
check_stdin "$s/dtd.xml" secret/external-dtd-on-stdin "$s/parse.expect" -
expect "$s/all.expect" 1 "domlint: 8 files linted" "nogrep:$marker"
check secret/whole-directory-jobs-4 "$s/all.expect" -j 4 "$s"

# --- network: nothing may connect to LISTEN -----------------------------------------------
"$listen" 60 >"$tmp/port" 2>"$tmp/listen.err" &
lpid=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ] && kill -0 "$lpid" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
port=$(head -n 1 "$tmp/port" 2>/dev/null)
case $port in
'' | *[!0-9]*)
	bad "network: $listen printed no port ($(cat "$tmp/listen.err" 2>/dev/null))"
	stop_listen
	;;
*)
	n=$tmp/net
	mkdir "$n"
	url=http://127.0.0.1:$port
	prolog_domain "$n/entity-in-text.xml" "<!DOCTYPE domain [ <!ENTITY x SYSTEM \"$url/entity\"> ]>
" '&x;' 0x00
	prolog_domain "$n/entity-in-attribute.xml" "<!DOCTYPE domain [ <!ENTITY x SYSTEM \"$url/attribute\"> ]>
" net '&x;'
	prolog_domain "$n/parameter-entity.xml" "<!DOCTYPE domain [ <!ENTITY % p SYSTEM \"$url/pe\"> %p; ]>
" net 0x00
	prolog_domain "$n/external-dtd.xml" "<!DOCTYPE domain SYSTEM \"$url/dtd\">
" net 0x00
	prolog_domain "$n/external-dtd-public.xml" "<!DOCTYPE domain PUBLIC \"-//domlint//hostile//EN\" \"$url/public\">
" net 0x00
	{
		domain_head xinclude | sed 's|<domain |<domain xmlns:xi="http://www.w3.org/2001/XInclude" |'
		printf '    <xi:include href="%s/xinclude" parse="text"/>\n' "$url"
		printf '    <xi:include href="%s/xinclude.xml"><xi:fallback/></xi:include>\n' "$url"
		hostdev 0x0000
		domain_tail
	} >"$n/xinclude.xml"
	expect "$n/any.expect" 1 ":[0-9]+:[0-9]+: error: .*\\[(xml-syntax|address-malformed)\\]"
	for xml in "$n"/*.xml; do
		net=network/$(basename "$xml" .xml)
		check "$net" "$n/any.expect" "$xml"
		check_stdin "$xml" "$net-on-stdin" "$n/any.expect" -
		# the listener says so on standard error at once (it may linger as a zombie)
		if grep -q 'connection attempted' "$tmp/listen.err"; then
			bad "$net: domlint connected to $url (from the file or on standard input)"
			break
		fi
	done
	listen_verdict network

	# The listener itself must see a connection when one comes (xmllint loads DTDs when told).
	if command -v xmllint >/dev/null 2>&1; then
		"$listen" 10 >"$tmp/port2" 2>"$tmp/listen2.err" &
		lpid=$!
		i=0
		while [ ! -s "$tmp/port2" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		port2=$(head -n 1 "$tmp/port2")
		sed "s/127.0.0.1:$port/127.0.0.1:$port2/" "$n/external-dtd.xml" >"$tmp/control.xml"
		timeout 5 xmllint --noout --loaddtd "$tmp/control.xml" >/dev/null 2>&1
		kill -TERM "$lpid" 2>/dev/null
		wait "$lpid"
		lrc=$?
		lpid=""
		if [ "$lrc" = 1 ]; then
			ok "network: control: $listen sees xmllint --loaddtd connect"
		else
			bad "network: control: $listen saw no connection from xmllint --loaddtd (exit status $lrc)"
		fi
	else
		skip "network: control (no xmllint to make a connection that $listen must see)"
	fi
	;;
esac

# ---- language server (issue 14) ----
# `domlint --lsp` fed a whole session from a file: a message's JSON on each line of a file is
# framed (Content-Length) by lsp_frames; a body too big for a line is framed by lsp_big_frame.
# Memory is bounded by ulimit -v (virtual kilobytes; domlint --lsp starts at about 45 MB), so
# a server that keeps what it should not fails for want of memory rather than on a clock.
lsp_frames() { LC_ALL=C awk '{ printf "Content-Length: %d\r\n\r\n%s", length($0), $0 }'; }
lsp_big_frame() { printf 'Content-Length: %s\r\n\r\n' "$(wc -c <"$1" | tr -d ' ')"; cat "$1"; }
lsp_init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}
{"jsonrpc":"2.0","method":"initialized","params":{}}'
lsp_end='{"jsonrpc":"2.0","id":99,"method":"shutdown"}
{"jsonrpc":"2.0","method":"exit"}'
# lsp_run NAME KBYTES INPUT [ARG]...: the server on INPUT with memory KBYTES (from the directory
# $tmp/lsp-cwd), its output in $tmp/lsp.out; a failure unless it answered shutdown and exited 0.
lsp_run() {
	lname=$1 lmem=$2 lin=$3
	shift 3
	mkdir -p "$tmp/lsp-cwd"
	# shellcheck disable=SC3045 # dash and bash, the shells the tests run in, have ulimit -v
	(cd "$tmp/lsp-cwd" && ulimit -v "$lmem" && exec timeout 60 "$domlint" --lsp "$@") \
		<"$lin" >"$tmp/lsp.out" 2>"$tmp/lsp.err"
	lrc=$?
	if [ "$lrc" != 0 ] || ! grep -q '"id":99,"result":null' "$tmp/lsp.out"; then
		bad "$lname: the session did not end with shutdown and exit (exit status $lrc): $(head -c 300 "$tmp/lsp.err")"
		return 1
	fi
}
# lsp_has NAME TEXT: the output holds TEXT (fixed string); else a failure with NAME
lsp_has() {
	if LC_ALL=C grep -qF -e "$2" "$tmp/lsp.out"; then
		ok "$1"
	else
		bad "$1: no \"$2\" in the server's output: $(head -c 400 "$tmp/lsp.out")"
	fi
}

# The body limit follows --max-file-size (twice it, plus 1 MiB): with 1K, a didOpen of 1.5 MB
# is refused unread, naming the limit, and the document is never opened.
{
	printf '%s\n' "$lsp_init" | lsp_frames
	{
		printf '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///lsp/big.xml","languageId":"xml","version":1,"text":"'
		head -c 1572864 /dev/zero | tr '\0' a
		printf '"}}}'
	} >"$tmp/lsp-big"
	lsp_big_frame "$tmp/lsp-big"
	printf '%s\n' "$lsp_end" | lsp_frames
} >"$tmp/lsp.in"
if lsp_run "lsp: body limit" 400000 "$tmp/lsp.in" --no-config --max-file-size=1K; then
	lsp_has "lsp: a 1.5 MB message with --max-file-size=1K is refused unread" \
		'message too large: 1573010 bytes, over the limit of 1050624 (twice --max-file-size, plus 1 MiB)'
	if grep -q publishDiagnostics "$tmp/lsp.out"; then
		bad "lsp: a refused message opened its document"
	else
		ok "lsp: a refused message opens no document"
	fi
fi

# A 30 MB body of empty arrays (10 million: 1.6 GB as json-c objects) and a 3 MB one of empty
# objects (800 MB) are refused before parsing, in 400 MB; the server goes on serving.
{
	printf '%s\n' "$lsp_init" | lsp_frames
	{ printf '['; yes '[],' | head -n 10000000 | tr -d '\n'; printf '[]]'; } >"$tmp/lsp-arrays"
	lsp_big_frame "$tmp/lsp-arrays"
	{ printf '{"a":['; yes '{},' | head -n 1000000 | tr -d '\n'; printf '{}]}'; } >"$tmp/lsp-objects"
	lsp_big_frame "$tmp/lsp-objects"
	printf '%s\n' "$lsp_end" | lsp_frames
} >"$tmp/lsp.in"
rm -f "$tmp/lsp-arrays" "$tmp/lsp-objects"
if lsp_run "lsp: JSON budget" 400000 "$tmp/lsp.in" --no-config; then
	n=$(grep -o 'message too complex' "$tmp/lsp.out" | wc -l)
	if [ "$n" = 2 ]; then
		ok "lsp: 10 million empty arrays, 1 million empty objects: refused unparsed"
	else
		bad "lsp: JSON budget: $n of 2 bodies refused as too complex: $(head -c 400 "$tmp/lsp.out")"
	fi
fi

# A document over --max-file-size keeps no line index: 8.5 million newlines with
# --max-file-size=8M (the index alone would be 128 MB) in 160 MB; it is refused, and hover on it
# gives nothing.
{
	printf '%s\n' "$lsp_init" | lsp_frames
	{
		printf '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///lsp/lines.xml","languageId":"xml","version":1,"text":"'
		yes '\n' | head -n 8500000 | tr -d '\n'
		printf '"}}}'
	} >"$tmp/lsp-lines"
	lsp_big_frame "$tmp/lsp-lines"
	printf '%s\n' '{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///lsp/lines.xml"},"position":{"line":5,"character":0}}}' | lsp_frames
	printf '%s\n' "$lsp_end" | lsp_frames
} >"$tmp/lsp.in"
rm -f "$tmp/lsp-lines"
if lsp_run "lsp: refused document" 160000 "$tmp/lsp.in" --no-config --max-file-size=8M; then
	lsp_has "lsp: a document over --max-file-size is refused" \
		'file:///lsp/lines.xml is larger than 8388608 bytes (--max-file-size): not linted'
	lsp_has "lsp: hover on a refused document gives nothing" '{"id":2,"result":null'
fi

# The configuration cache is bounded: a bad configuration file's error is said when it is read,
# not again while it is cached; after documents in 1,100 other directories (and again after 20
# other configuration files) it has been dropped, and reading it again says it again.
mkdir -p "$tmp/lsp-cc/bad"
printf '[rules]\nno-such-rule = error\n' >"$tmp/lsp-cc/bad/.domlint.conf"
i=0
while [ $i -lt 20 ]; do
	mkdir -p "$tmp/lsp-cc/c$i"
	printf '[output]\nfail-on = warning\n' >"$tmp/lsp-cc/c$i/.domlint.conf"
	i=$((i + 1))
done
{
	printf '%s\n' "$lsp_init"
	# open BAD_DIR NAME: a didOpen of a small domain in directory BAD_DIR
	LC_ALL=C awk -v root="$tmp/lsp-cc" 'function open(dir, name) {
		printf "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file://%s/%s/%s.xml\",\"languageId\":\"xml\",\"version\":1,\"text\":\"<domain type=\\u0027kvm\\u0027/>\"}}}\n", root, dir, name
	}
	BEGIN {
		open("bad", "a"); open("bad", "b")
		for (i = 0; i < 1100; i++) open("none/d" i, "x")
		open("bad", "c"); open("bad", "d")
		for (i = 0; i < 20; i++) open("c" i, "x")
		open("bad", "e"); open("bad", "f")
	}'
	printf '%s\n' "$lsp_end"
} | lsp_frames >"$tmp/lsp.in"
if lsp_run "lsp: configuration cache" 400000 "$tmp/lsp.in"; then
	n=$(grep -o "bad/.domlint.conf:2" "$tmp/lsp.out" | wc -l)
	if [ "$n" = 3 ]; then
		ok "lsp: the configuration cache is dropped past 1,024 directories and past 16 files"
	else
		bad "lsp: configuration cache: the bad configuration's error said $n times, not 3: $(grep -o '"message":"[^"]*domlint.conf[^"]*"' "$tmp/lsp.out" | head -3)"
	fi
fi


# Edits in one message copy the text each: at most 64 MiB plus 16 times the text (and what the
# edits insert). On a 1 MB text, 50 one-byte edits (50 MB) are applied; 100 (100 MB) lose the
# text, said once, instead of taking time quadratic in the input.
{
	printf '%s\n' "$lsp_init" | lsp_frames
	{
		printf '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///lsp/edits.xml","languageId":"xml","version":1,"text":"'
		head -c 1048576 /dev/zero | tr '\0' a
		printf '"}}}'
	} >"$tmp/lsp-edits"
	lsp_big_frame "$tmp/lsp-edits"
	LC_ALL=C awk 'function change(version, n,   i) {
		printf "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///lsp/edits.xml\",\"version\":%d},\"contentChanges\":[", version
		for (i = 0; i < n; i++)
			printf "%s{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},\"text\":\"b\"}", i ? "," : ""
		printf "]}}\n"
	}
	BEGIN { change(2, 50); change(3, 100) }' | lsp_frames
	printf '%s\n' "$lsp_end" | lsp_frames
} >"$tmp/lsp.in"
rm -f "$tmp/lsp-edits"
if lsp_run "lsp: edits" 400000 "$tmp/lsp.in" --no-config; then
	n=$(grep -o 'too many changes in one message' "$tmp/lsp.out" | wc -l)
	if [ "$n" = 1 ] && grep -q '"uri":"file:///lsp/edits.xml","version":2,"diagnostics":\[{' "$tmp/lsp.out"; then
		ok "lsp: 50 edits of a 1 MB text are applied, 100 lose it"
	else
		bad "lsp: edits: $n messages of too many changes, not 1, or version 2 not linted: $(grep -o '"message":"[^"]*"' "$tmp/lsp.out" | head -3)"
	fi
fi

# === issue 14 (output, walks, write errors, long cwd) ======================================
o14=$tmp/i14
ELLIPSIS=$(printf '\342\200\246')
mkdir "$o14"

# a one-line domain with 600 findings: --color shows a window of each finding's line, not all
# of it (which was 600 copies of a 60 KB line); measured in bytes, not time
{
	printf "<domain type='kvm'><name>oneline</name><os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><devices>"
	awk 'BEGIN { for (i = 0; i < 300; i++)
		printf "<hostdev mode=\047subsystem\047 type=\047pci\047 managed=\047yes\047><source><address domain=\0470x0001\047 bus=\0470x00\047 slot=\0470x00\047 function=\0470x0\047/></source><address type=\047pci\047><zpci uid=\0470x0000\047 fid=\0470x0\047/></address></hostdev>" }'
	printf '</devices></domain>\n'
} >"$o14/oneline.xml"
plain=$(timeout 20 "$domlint" --no-config --color=never "$o14/oneline.xml" 2>/dev/null | wc -c)
colour=$(timeout 20 "$domlint" --no-config --color=always "$o14/oneline.xml" 2>/dev/null | wc -c)
if [ "$plain" -gt 1000 ] && [ "$colour" -lt $((plain * 10)) ]; then
	ok "output/color-one-line-domain: $colour bytes with colour, $plain without"
else
	bad "output/color-one-line-domain: $colour bytes with colour, $plain without (want under 10x)"
fi
# the window is cut at either end with an ellipsis, never inside a UTF-8 sequence: a comment of
# 3-byte characters before the finding, shifted by 0, 1 and 2 bytes so a cut falls in each place
for shift in '' x xx; do
	{
		printf "<domain type='kvm'><!--%s" "$shift"
		awk 'BEGIN { for (i = 0; i < 200; i++) printf "\342\202\254" }'
		printf -- "--><name>utf8</name><memory unit='MiB'>512</memory><os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><devices>"
		printf "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0001' bus='0x00' slot='0x00' function='0x0'/></source><address type='pci'><zpci uid='0x0000' fid='0x0'/></address></hostdev>"
		awk 'BEGIN { for (i = 0; i < 200; i++) printf "<!--\342\202\254-->" }'
		printf '</devices></domain>\n'
	} >"$o14/utf8.xml"
	timeout 5 "$domlint" --no-config --color=always "$o14/utf8.xml" >"$o14/utf8.out" 2>&1
	src=$(sed -n 2p "$o14/utf8.out")
	if ! iconv -f UTF-8 -t UTF-8 <"$o14/utf8.out" >/dev/null 2>&1; then
		bad "output/color-window-utf8-shift-${#shift}: the shown line is not valid UTF-8"
	elif [ "${#src}" -gt 300 ] || ! printf '%s\n' "$src" | LC_ALL=C grep -q "^ $ELLIPSIS.*$ELLIPSIS\$"; then
		bad "output/color-window-utf8-shift-${#shift}: no window cut with ellipses: $(printf '%s' "$src" | cut -c1-80)"
	else
		ok "output/color-window-utf8-shift-${#shift}"
	fi
done

# inline suppression is linear: 200,000 directives (all file-wide, or all before one element)
# silencing 8,000 findings took 18-24 s when each finding was compared with each directive;
# grouped by reach it is about 2 s. Text only: the cost is in the lookup, not the format.
for how in file stack; do
	awk -v how="$how" 'BEGIN {
		printf "<domain type=\047kvm\047><name>sup</name><memory unit=\047MiB\047>512</memory><os><type arch=\047s390x\047 machine=\047s390-ccw-virtio\047>hvm</type></os>\n"
		for (i = 0; i < 200000; i++)
			printf "<!-- domlint-disable%s target-address-explicit -->\n", how == "file" ? "-file" : ""
		print "<devices>"
		for (i = 0; i < 8000; i++)
			printf "<hostdev mode=\047subsystem\047 type=\047pci\047 managed=\047yes\047><source><address domain=\0470x0000\047 bus=\0470x%02x\047 slot=\0470x%02x\047 function=\0470x0\047/></source><address type=\047pci\047 bus=\0470x%02x\047 slot=\0470x%02x\047><zpci uid=\0470x%04x\047 fid=\0470x%x\047/></address></hostdev>\n", int(i / 32) % 256, i % 32, int(i / 32) % 256 + 1, i % 32, i + 1, i
		print "</devices></domain>"
	}' >"$o14/suppress-$how.xml"
	timeout -k 1 10 "$domlint" --no-config --color=never --addresses=none "$o14/suppress-$how.xml" >"$o14/suppress.out" 2>"$o14/suppress.err"
	rc=$?
	if [ "$rc" = 0 ] && grep -q '^domlint: 1 file linted: 0 errors, 0 warnings, 0 info$' "$o14/suppress.err" &&
		[ ! -s "$o14/suppress.out" ]; then
		ok "suppress/200000-directives-8000-findings-$how"
	else
		bad "suppress/200000-directives-8000-findings-$how: exit status $rc (124: over 10 s): $(head -c 200 "$o14/suppress.err")"
	fi
done

# "skipped:" and other walk messages escape the names they print: a name with a newline and
# "::error file=..." must not forge a GitHub annotation, nor one with ESC drive the terminal
mkdir -p "$o14/names/sub"
cp "$g/good.xml" "$o14/names/a.xml"
nl_name=$(printf 'x\n::error file=forged.xml::forged')
esc_name=$(printf 'y\033]0;title\007\033[2J')
ln -s nowhere "$o14/names/$nl_name.xml"
ln -s .. "$o14/names/sub/$esc_name"
if mkfifo "$o14/names/$nl_name-fifo.xml" "$o14/names/$esc_name-fifo.xml" 2>/dev/null; then
	for fmt in text github; do
		timeout 5 "$domlint" --no-config --color=never --follow-symlinks -f "$fmt" "$o14/names" \
			>"$o14/names.out" 2>"$o14/names.err"
		if LC_ALL=C grep -v '^domlint: ' "$o14/names.err" | grep -q . ||
			LC_ALL=C grep -q "$ESC" "$o14/names.err" ||
			! grep -q 'x\\x0a::error file=forged.xml::forged-fifo.xml: skipped: not a regular file' "$o14/names.err" ||
			! grep -q 'y\\x1b\]0;title\\x07\\x1b\[2J: skipped: symbolic link loop' "$o14/names.err"; then
			bad "walk/hostile-names-in-messages [$fmt]: names not escaped on stderr:"
			LC_ALL=C sed 's/^/       | /' "$o14/names.err" | cat -v | head -8
		else
			ok "walk/hostile-names-in-messages [$fmt]"
		fi
	done
else
	skip "walk/hostile-names-in-messages: mkfifo is not possible here"
fi

# a report that cannot be written (here to /dev/full) is a failure: exit 2 and a message,
# in every format, and for --diff's diff and --fix -'s fixed text
if [ -w /dev/full ]; then
	for fmt in $formats; do
		timeout 5 "$domlint" --no-config -f "$fmt" "$g/good.xml" >/dev/full 2>"$o14/full.err"
		rc=$?
		if [ "$rc" = 2 ] && grep -q '^domlint: cannot write the report: No space left on device$' "$o14/full.err"; then
			ok "output/stdout-full [$fmt]"
		else
			bad "output/stdout-full [$fmt]: exit status $rc: $(head -c 200 "$o14/full.err")"
		fi
	done
	cp "$here/testdata/examples/zpci-passthrough-expanded.xml" "$o14/fixable.xml"
	for how in --diff --fix; do
		if [ "$how" = --diff ]; then
			timeout 5 "$domlint" --no-config --diff "$o14/fixable.xml" >/dev/full 2>"$o14/full.err"
		else
			timeout 5 "$domlint" --no-config --fix - <"$o14/fixable.xml" >/dev/full 2>"$o14/full.err"
		fi
		rc=$?
		if [ "$rc" = 2 ] && grep -q '^domlint: cannot write the report: No space left on device$' "$o14/full.err"; then
			ok "output/stdout-full [$how]"
		else
			bad "output/stdout-full [$how]: exit status $rc: $(head -c 200 "$o14/full.err")"
		fi
	done
else
	skip "output/stdout-full: no /dev/full"
fi

# a *.xml a walk finds but cannot read is a failure, as one named is: exit 2, naming it
mkdir "$o14/walkfail" "$o14/walkunread"
cp "$g/good.xml" "$o14/walkfail/a.xml"
ln -s nowhere.xml "$o14/walkfail/dangling.xml"
expect "$o14/dangling.expect" 2 "walkfail/dangling\\.xml: cannot open: No such file or directory \\(a dangling symbolic link\\)" \
	"walkfail/a\\.xml:13:15: $UID0" "1 file linted: .*; 1 unreadable"
check walk/dangling-symlink-xml "$o14/dangling.expect" "$o14/walkfail"
cp "$g/good.xml" "$o14/walkunread/a.xml"
cp "$g/good.xml" "$o14/walkunread/unreadable.xml"
chmod 000 "$o14/walkunread/unreadable.xml"
if ! cat "$o14/walkunread/unreadable.xml" >/dev/null 2>&1; then
	RUNAS=
elif chmod o+x "$tmp" "$o14" "$o14/walkunread" && chmod o+r "$o14/walkunread" "$o14/walkunread/a.xml" &&
	$nobody "$domlint" --version >/dev/null 2>&1 && ! $nobody cat "$o14/walkunread/unreadable.xml" >/dev/null 2>&1; then
	RUNAS=$nobody
else
	RUNAS=none
	skip "walk/unreadable-xml: running as root, and setpriv cannot run domlint as nobody"
fi
if [ "$RUNAS" != none ]; then
	expect "$o14/walkunread.expect" 2 "walkunread/unreadable\\.xml: cannot open: Permission denied" \
		"walkunread/a\\.xml:13:15: $UID0" "1 file linted: .*; 1 unreadable"
	check walk/unreadable-xml "$o14/walkunread.expect" "$o14/walkunread"
fi
RUNAS=

# a current directory longer than PATH_MAX (4096 bytes): its .domlint.conf, and one a level
# up, still apply (getcwd into a fixed buffer failed, and the directory was taken for "/")
long_name=$(printf 'd%0199d' 0)
(
	cd "$o14" || exit 1
	i=0
	while [ $i -lt 25 ]; do
		mkdir "$long_name" && cd -P "$long_name" || exit 1 # -P: dash chdirs to the whole path otherwise
		[ $i = 23 ] && printf '[rules]\naddress-malformed = off\n' >.domlint.conf
		i=$((i + 1))
	done
	cp "$g/good.xml" v.xml
	pwd -P | wc -c >"$o14/long.len"
	{
		"$domlint" --color=never v.xml 2>&1
		echo "$?"
		"$domlint" --color=never - <v.xml 2>&1
		echo "$?"
	} >"$o14/long.out"
)
if [ "$(cat "$o14/long.len" 2>/dev/null || echo 0)" -le 4096 ]; then
	bad "config/cwd-longer-than-4096: the directory is $(cat "$o14/long.len" 2>/dev/null) bytes long, not over 4096"
elif grep -q 'address-malformed' "$o14/long.out" || [ "$(grep -c '^0$' "$o14/long.out")" != 2 ] ||
	[ "$(grep -c '^domlint: 1 file linted: 0 errors, 0 warnings, 0 info$' "$o14/long.out")" != 2 ]; then
	bad "config/cwd-longer-than-4096: the .domlint.conf a level up was not applied:"
	cut -c1-200 "$o14/long.out" | head -6 | sed 's/^/       | /'
else
	ok "config/cwd-longer-than-4096: .domlint.conf applies to a relative path and to standard input"
fi

# === issue 14: catalogs, bind-note patterns, config and schema files ========================
# (each case below runs domlint itself, under timeout, and checks one promise)
h14=$tmp/h14
mkdir -p "$h14"
# run14 NAME SECONDS DOMLINT-ARG...: domlint under a time limit; output in $h14/NAME.out/.err,
# exit status in rc (124 or 137 when it had to be stopped)
run14() {
	n14=$1 s14=$2
	shift 2
	timeout -k 1 "$s14" "$domlint" --color=never "$@" </dev/null >"$h14/$n14.out" 2>"$h14/$n14.err"
	rc=$?
}

# <?oasis-xml-catalog?> instructions once leaked on every parse: 40 files of 20,000 of them must
# take about the memory one does (the maximum resident size, where /usr/bin/time tells it).
mkdir -p "$h14/catalogs"
awk 'BEGIN { print "<?xml version=\"1.0\"?>"
	for (i = 0; i < 20000; i++) printf "<?oasis-xml-catalog catalog=\"file:///nonexistent/c%d.xml\"?>\n", i
	print "<domain type=\"kvm\"><name>x</name></domain>" }' >"$h14/catalogs/f0.xml"
i=1
while [ $i -lt 40 ]; do cp "$h14/catalogs/f0.xml" "$h14/catalogs/f$i.xml"; i=$((i + 1)); done
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
	timeout 20 /usr/bin/time -f 'maxrss=%M' -o "$h14/one.rss" "$domlint" --no-config "$h14/catalogs/f0.xml" >/dev/null 2>&1
	timeout 20 /usr/bin/time -f 'maxrss=%M' -o "$h14/all.rss" "$domlint" --no-config "$h14/catalogs" >/dev/null 2>&1
	one=$(sed -n 's/^maxrss=//p' "$h14/one.rss")
	all=$(sed -n 's/^maxrss=//p' "$h14/all.rss")
	if [ -z "$one" ] || [ -z "$all" ]; then
		bad "catalog-pi/40-files: no memory figure (timed out?)"
	elif [ "$all" -le $((one * 2 + 16384)) ]; then
		ok "catalog-pi/40-files: $all KiB for 40 files, $one KiB for one"
	else
		bad "catalog-pi/40-files: $all KiB for 40 files, $one KiB for one (a leak per parse)"
	fi
else
	skip "catalog-pi/40-files: no /usr/bin/time -f %M (the unit test in check_doc.c still runs)"
fi

# A [bind-note] pattern that backtracks without end ("(a+)+$") is cut short by a match limit: 1,000
# comments it cannot judge take well under a second (pcre2's default limit: about 50 s), and a
# comment it cannot judge is no finding (it used to count as "no note", even where the pattern's
# other branch matches). A comment it can judge still fires.
mkdir -p "$h14/bind"
A30=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
# bind_doc FILE COMMENT COUNT: COUNT unmanaged hostdevs, each after <!-- COMMENT -->
bind_doc() {
	{
		printf "<domain type='kvm'>\n  <name>x</name>\n  <memory unit='MiB'>2048</memory>\n  <devices>\n"
		i=0
		while [ $i -lt "$3" ]; do
			printf "    <!-- %s -->\n    <hostdev mode='subsystem' type='pci' managed='no'><source><address domain='0x0000' bus='0x%02x' slot='0x%02x' function='0x0'/></source></hostdev>\n" \
				"$2" $((i / 32 + 1)) $((i % 32))
			i=$((i + 1))
		done
		printf "  </devices>\n</domain>\n"
	} >"$1"
}
printf '[bind-note]\npattern = (a+)+$|bound\n' >"$h14/bind/.domlint.conf"
bind_doc "$h14/bind/many.xml" "$A30!" 1000
bind_doc "$h14/bind/matches.xml" "$A30! bound by driverctl" 1
bind_doc "$h14/bind/plain.xml" "GPU for the render farm" 1
run14 bind-many 10 -f json "$h14/bind/many.xml"
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	bad "bind-note/catastrophic-pattern: 1,000 comments took over 10 s"
elif grep -q managed-no-bind-note "$h14/bind-many.out"; then
	bad "bind-note/catastrophic-pattern: a comment the pattern could not judge is a finding"
else
	ok "bind-note/catastrophic-pattern: 1,000 comments in bounded time, no finding"
fi
run14 bind-matches 10 "$h14/bind/matches.xml"
if [ "$rc" = 0 ] && ! grep -q managed-no-bind-note "$h14/bind-matches.out"; then
	ok "bind-note/match-after-limit: a note the pattern matches (after a costly branch) is no finding"
else
	bad "bind-note/match-after-limit: exit status $rc: $(head -c 300 "$h14/bind-matches.out")"
fi
run14 bind-plain 10 "$h14/bind/plain.xml"
if [ "$rc" = 0 ] && grep -q managed-no-bind-note "$h14/bind-plain.out"; then
	ok "bind-note/plain-comment: a comment the pattern judges and does not match still fires"
else
	bad "bind-note/plain-comment: exit status $rc: $(head -c 300 "$h14/bind-plain.out")"
fi

# A FIFO where the configuration or the schema should be is refused at once (exit status 3),
# never waited on: found by the upward search, named by -c, by --schema, by [schema] path.
mkdir -p "$h14/fifo"
mkfifo "$h14/fifo/.domlint.conf" "$h14/fifo/schema.rng"
bind_doc "$h14/fifo/d.xml" "bound by driverctl" 1
printf '[schema]\nenabled = true\npath = %s\n' "$h14/fifo/schema.rng" >"$h14/schema-fifo.conf"
# fifo_case NAME DOMLINT-ARG...
fifo_case() {
	fname=$1
	shift
	run14 "fifo-$fname" 10 "$@"
	if [ "$rc" = 3 ] && grep -q 'not a regular file' "$h14/fifo-$fname.err"; then
		ok "fifo/$fname: refused at once, exit status 3"
	else
		bad "fifo/$fname: exit status $rc (124: it waited): $(head -c 300 "$h14/fifo-$fname.err")"
	fi
}
fifo_case found-config "$h14/fifo/d.xml"
fifo_case dash-c -c "$h14/fifo/.domlint.conf" "$h14/fifo/d.xml"
fifo_case schema-option --no-config --schema="$h14/fifo/schema.rng" "$h14/fifo/d.xml"
fifo_case schema-path -c "$h14/schema-fifo.conf" "$h14/fifo/d.xml"

# A schema (say a repository's own, by [schema] path) whose externalRef and include point at
# LISTEN: no connection, one clear message (no raw libxml2 output), exit status 3.
mkdir -p "$h14/net"
"$listen" 30 >"$h14/net/port" 2>"$h14/net/listen.err" &
lpid=$!
i=0
while [ ! -s "$h14/net/port" ] && [ $i -lt 50 ] && kill -0 "$lpid" 2>/dev/null; do
	sleep 0.1
	i=$((i + 1))
done
port=$(head -n 1 "$h14/net/port" 2>/dev/null)
if [ -z "$port" ]; then
	bad "schema-network: $listen printed no port"
	stop_listen
else
	printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0">\n  <start><externalRef href="http://127.0.0.1:%s/x.rng"/></start>\n</grammar>\n' \
		"$port" >"$h14/net/external.rng"
	printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0">\n  <include href="ftp://127.0.0.1:%s/y.rng"/>\n  <include href="http://127.0.0.1:%s/z.rng"/>\n</grammar>\n' \
		"$port" "$port" >"$h14/net/include.rng"
	printf '[schema]\nenabled = true\npath = %s\n' "$h14/net/external.rng" >"$h14/net/.domlint.conf"
	bind_doc "$h14/net/d.xml" "bound by driverctl" 1
	for ncase in "config:$h14/net/d.xml" "option-external:--no-config --schema=$h14/net/external.rng $h14/net/d.xml" \
		"option-include:--no-config --schema=$h14/net/include.rng $h14/net/d.xml"; do
		# shellcheck disable=SC2086 # the arguments are a word list, without blanks in $tmp
		run14 "net-${ncase%%:*}" 10 ${ncase#*:}
		f=$h14/net-${ncase%%:*}.err
		if [ "$rc" = 3 ] && grep -q 'refused to load .*127\.0\.0\.1' "$f" && ! grep -q 'parser error\|^http\|^ftp' "$f"; then
			ok "schema-network/${ncase%%:*}: refused with one message, exit status 3"
		else
			bad "schema-network/${ncase%%:*}: exit status $rc: $(head -c 300 "$f")"
		fi
	done
	listen_verdict schema-network
fi

# A .domlint.conf that is a symlink to a file of secrets (a .npmrc) or holds control characters:
# error messages name at most a key, escaped, never a value.
mkdir -p "$h14/secret"
printf '//registry.npmjs.org/:_authToken=SECRET123\n' >"$h14/npmrc"
printf 'API_TOKEN = SECRET123\n' >"$h14/dotenv"
ln -s "$h14/npmrc" "$h14/secret/.domlint.conf"
bind_doc "$h14/secret/d.xml" "bound by driverctl" 1
printf '[rules]\nzpci-unpinned = SECRET123\n' >"$h14/value.conf"
printf '[output]\nfail-on = SECRET123\n[schema]\nenabled = SECRET123\n' >"$h14/value2.conf"
printf '[rules]\nfoo\033[31m\033]0;title\007 = off\n' >"$h14/esc.conf"
printf '[ru\033[2Jles]\n' >"$h14/esc-section.conf"
# secret_case NAME DOMLINT-ARG...: exit status 3, a message, no SECRET123 and no raw control byte
secret_case() {
	sname=$1
	shift
	run14 "secret-$sname" 10 "$@"
	f=$h14/secret-$sname.err
	if [ "$rc" != 3 ] || ! grep -q '^domlint: ' "$f"; then
		bad "config-secret/$sname: exit status $rc: $(head -c 300 "$f")"
	elif grep -q SECRET123 "$f" "$h14/secret-$sname.out"; then
		bad "config-secret/$sname: the value reaches the output: $(grep SECRET123 "$f" | head -c 300)"
	elif LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$f"; then
		bad "config-secret/$sname: a raw control character reaches standard error"
	else
		ok "config-secret/$sname: exit status 3, no value, no control character"
	fi
}
secret_case npmrc-symlink "$h14/secret/d.xml"
secret_case dotenv -c "$h14/dotenv" "$h14/secret/d.xml"
secret_case rule-level -c "$h14/value.conf" "$h14/secret/d.xml"
secret_case fail-on -c "$h14/value2.conf" "$h14/secret/d.xml"
secret_case escape-key -c "$h14/esc.conf" "$h14/secret/d.xml"
secret_case escape-section -c "$h14/esc-section.conf" "$h14/secret/d.xml"
if grep -qF 'foo\x1b[31m' "$h14/secret-escape-key.err"; then
	ok "config-secret/escape-key: the key is quoted escaped (\\x1b)"
else
	bad "config-secret/escape-key: no escaped key in: $(head -c 300 "$h14/secret-escape-key.err")"
fi

# A schema's include and externalRef load local files only from its own directory (and below)
# (the C1 CSI and a bidirectional override in a part's name are escaped in the message)
# and from libvirt's schemas: a repository's schema cannot make domlint read ~/.npmrc, even
# through a symlink, and the message never shows that file's contents.
mkdir -p "$h14/inc/sub"
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="domain"><ref name="any"/></element></start><define name="any"><zeroOrMore><choice><attribute><anyName/></attribute><text/><element><anyName/><ref name="any"/></element></choice></zeroOrMore></define></grammar>\n' >"$h14/inc/sub/part.rng"
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="sub/part.rng"/></grammar>\n' >"$h14/inc/good.rng"
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="%s"/></grammar>\n' "$h14/npmrc" >"$h14/inc/abs.rng"
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><externalRef href="../npmrc"/></start></grammar>\n' >"$h14/inc/up.rng"
ln -s "$h14/npmrc" "$h14/inc/sub/link.rng"
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="/nonexistent/x&#x9b;2Jy&#x202e;z.rng"/></grammar>\n' >"$h14/inc/esc.rng"
printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="sub/link.rng"/></grammar>\n' >"$h14/inc/link.rng"
bind_doc "$h14/inc/d.xml" "bound by driverctl" 1
run14 include-inside 10 --no-config --schema="$h14/inc/good.rng" "$h14/inc/d.xml"
if [ "$rc" = 0 ]; then
	ok "schema-include/inside: a part in the schema's own directory tree loads"
else
	bad "schema-include/inside: exit status $rc: $(head -c 300 "$h14/include-inside.err")"
fi
for icase in abs up link; do
	run14 "include-$icase" 10 --no-config --schema="$h14/inc/$icase.rng" "$h14/inc/d.xml"
	f=$h14/include-$icase.err
	if [ "$rc" = 3 ] && grep -Eq "refused to load .*(npmrc|link\.rng): .*only from its own directory" "$f" &&
		! grep -q SECRET123 "$f" "$h14/include-$icase.out"; then
		ok "schema-include/$icase: a part outside the schema's directory is refused, exit status 3"
	else
		bad "schema-include/$icase: exit status $rc: $(head -c 300 "$f")"
	fi
done
run14 include-escape 10 --no-config --schema="$h14/inc/esc.rng" "$h14/inc/d.xml"
if [ "$rc" = 3 ] && grep -qF 'x\x9b2Jy\u202ez.rng' "$h14/include-escape.err" &&
	! LC_ALL=C grep -q -e "$C1" "$h14/include-escape.err"; then
	ok "schema-include/escape: the name of a part is escaped in the message"
else
	bad "schema-include/escape: exit status $rc: $(head -c 300 "$h14/include-escape.err" | cat -v)"
fi
if [ -f /usr/share/libvirt/schemas/domain.rng ]; then
	printf '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="/usr/share/libvirt/schemas/domain.rng"/></grammar>\n' >"$h14/inc/extend.rng"
	run14 include-libvirt 20 --no-config --schema="$h14/inc/extend.rng" "$h14/inc/d.xml"
	if [ "$rc" = 0 ] || [ "$rc" = 1 ] && ! grep -q 'refused' "$h14/include-libvirt.err"; then
		ok "schema-include/libvirt: a schema extending libvirt's loads it"
	else
		bad "schema-include/libvirt: exit status $rc: $(head -c 300 "$h14/include-libvirt.err")"
	fi
fi

# --schema on a long attribute value: libxml2 2.9's RelaxNG check is quadratic in it (12 s on the
# committed 20 KB quadratic-blowup-in-attribute.xml, whose value expands to 25 MB). A value over
# 64 KiB is not validated, and a schema finding says so; a value under it is validated.
if [ -f /usr/share/libvirt/schemas/domain.rng ]; then
	run14 schema-long 10 --no-config --schema "$data/quadratic-blowup-in-attribute.xml"
	if [ "$rc" = 1 ] && grep -q 'attribute managed is longer than 65536 bytes.*\[schema\]' "$h14/schema-long.out"; then
		ok "schema-long-value/quadratic-blowup-in-attribute: within 10 s, a finding says it was not validated"
	else
		bad "schema-long-value/quadratic-blowup-in-attribute: exit status $rc (124: over 10 s): $(grep schema "$h14/schema-long.out" | head -c 300)"
	fi
	awk 'BEGIN { v = ""; for (i = 0; i < 6000; i++) v = v "0123456789"
		print "<domain type=\"kvm\"><name>x</name><memory>1</memory><description foo=\"" v "\"/></domain>" }' >"$h14/long60k.xml"
	run14 schema-60k 10 --no-config --schema "$h14/long60k.xml"
	if [ "$rc" = 1 ] && grep -q '\[schema\]' "$h14/schema-60k.out" && ! grep -q 'longer than' "$h14/schema-60k.out"; then
		ok "schema-long-value/60k: a 60 KB value is validated (and rejected by the schema) within 10 s"
	else
		bad "schema-long-value/60k: exit status $rc: $(head -c 300 "$h14/schema-60k.out")"
	fi
else
	skip "schema-long-value: no /usr/share/libvirt/schemas/domain.rng (make schema-deps)"
fi

# ---- --host over a hostile copy of a host (issue 17) ----
# A host root is data from elsewhere: a FIFO where libpci reads blocking is refused at once
# (exit 2), FIFOs and huge files where domlint reads itself are passed over, a symlink loop
# is an error, not a crash, and the root's name reaches the terminal escaped.
hh=$h14/host
mkdir -p "$hh"
printf 'iommu\nvfio-pci loaded\npci 0000:01:00.0 8086:1521 driver=vfio-pci group=1\n' >"$hh/desc"
sh "$(dirname "$0")/mkhost.sh" "$hh/desc" "$hh/fifo-class"
dev=sys/devices/pci0000:01/0000:01:00.0
rm "$hh/fifo-class/$dev/class"
mkfifo "$hh/fifo-class/$dev/class"
bind_doc "$hh/d.xml" "" 1
run14 host-fifo-class 10 --no-config --host="$hh/fifo-class" "$hh/d.xml"
if [ "$rc" = 2 ] && grep -q 'class is not a regular file' "$h14/host-fifo-class.err"; then
	ok "host/fifo-class: refused at once, exit status 2"
else
	bad "host/fifo-class: exit status $rc (124: it waited): $(head -c 300 "$h14/host-fifo-class.err")"
fi
sh "$(dirname "$0")/mkhost.sh" "$hh/desc" "$hh/fifo-files"
for f in "$dev/uid" "$dev/driver_override" proc/cmdline etc/modprobe.d/a.conf etc/driverctl.d/pci-0000:01:00.0; do
	mkdir -p "$(dirname "$hh/fifo-files/$f")"
	rm -f "$hh/fifo-files/$f"
	mkfifo "$hh/fifo-files/$f"
done
head -c 2000000 /dev/zero | tr '\0' 1 >"$hh/fifo-files/$dev/function_id"
run14 host-fifo-files 10 --no-config --host="$hh/fifo-files" "$hh/d.xml"
if [ "$rc" = 0 ] || [ "$rc" = 1 ]; then
	ok "host/fifo-files: FIFOs and a 2 MB attribute passed over, exit status $rc"
else
	bad "host/fifo-files: exit status $rc (124: it waited): $(head -c 300 "$h14/host-fifo-files.err")"
fi
sh "$(dirname "$0")/mkhost.sh" "$hh/desc" "$hh/loop"
ln -s 0000:02:00.0 "$hh/loop/sys/bus/pci/devices/0000:02:00.0"
run14 host-loop 10 --no-config --host="$hh/loop" "$hh/d.xml"
if [ "$rc" = 2 ] && grep -q 'domlint: --host=' "$h14/host-loop.err"; then
	ok "host/symlink-loop: an error naming the root, exit status 2"
else
	bad "host/symlink-loop: exit status $rc: $(head -c 300 "$h14/host-loop.err")"
fi
esc_root=$(printf '%s/x\033[2Jy' "$hh")
run14 host-esc 10 --no-config --host="$esc_root" "$hh/d.xml"
if [ "$rc" = 2 ] && ! LC_ALL=C grep -q "$ESC" "$h14/host-esc.err"; then
	ok "host/escaped-root: the root's name escaped in the error, exit status 2"
else
	bad "host/escaped-root: exit status $rc, or a raw ESC: $(od -c "$h14/host-esc.err" | head -3)"
fi

summary hostile-test
