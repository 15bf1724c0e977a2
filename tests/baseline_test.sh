#!/bin/sh
# baseline_test.sh - --write-baseline and --baseline ([baseline] file): a baseline hides what it
# recorded and nothing else, across line moves, repeated findings, other directories and -j;
# stale entries; the summary (text and JSON); errors (missing or corrupt baseline: exit 3 naming
# it); the write is atomic (a temporary file renamed, none left behind, the old one kept on failure).
#   sh tests/baseline_test.sh DOMLINT JSONGET
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ $# -ne 2 ]; then
	echo "usage: sh tests/baseline_test.sh DOMLINT JSONGET" >&2
	exit 2
fi
DOMLINT=$(abspath "$1")
JSONGET=$(abspath "$2")
if [ ! -x "$DOMLINT" ] || [ ! -x "$JSONGET" ]; then
	echo "baseline-test: $DOMLINT or $JSONGET is not an executable (run make)" >&2
	exit 2
fi

make_tmp || exit 1
tmp=$(cd "$tmp" && pwd -P) || exit 1
umask 022
repo=$tmp/repo
mkdir -p "$repo/sub" "$tmp/elsewhere"

# run DIR [ARG]...: domlint ARGs in directory DIR; sets rc, $tmp/out and $tmp/err.
run() {
	dir=$1
	shift
	(cd "$dir" && exec "$DOMLINT" --color=never "$@") <"${stdin:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	stdin=
}

# check NAME RC [COND]... (lib.sh), with this condition besides out=, out!, err= and err!:
#   findings=N  stdout has N lines of findings (error:, warning: or info:)
check_more() {
	case $1 in
	findings=*)
		n=$(grep -cE ': (error|warning|info): ' "$tmp/out")
		[ "$n" = "${1#findings=}" ] || why="$n findings on stdout, expected ${1#findings=}"
		;;
	*) why="test bug: unknown condition '$1'" ;;
	esac
}

# no_temporaries NAME DIR: nothing but what the test put there (no .NAME.XXXXXX left by a write).
no_temporaries() {
	left=$(find "$2" -name '.*.json.*' | head -n 3)
	if [ -z "$left" ]; then ok "$1"; else bad "$1: left behind: $left"; fi
}

# hostdev BUS [SLOT]: a managed PCI hostdev with host bus BUS ('010' is an address-octal
# warning) and slot SLOT (default 0x00).
hostdev() {
	printf "    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
	printf "      <source><address domain='0x0000' bus='%s' slot='%s' function='0x0'/></source>\n" \
		"$1" "${2:-0x00}"
	printf "    </hostdev>\n"
}
# domain NAME [LINES]: a domain with an octal bus and a host device passed through twice
# (hostdev-duplicate-source, whose message says at which line the first one is); LINES extra
# comment lines before the devices move every finding down.
domain() {
	printf "<domain type='kvm'>\n  <name>%s</name>\n  <memory unit='MiB'>1024</memory>\n" "$1"
	printf "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
	i=0
	while [ "$i" -lt "${2:-0}" ]; do
		printf "  <!-- moved down %s -->\n\n" "$i"
		i=$((i + 1))
	done
	printf "  <devices>\n"
	hostdev 010
	hostdev 0x03
	hostdev 0x03
	printf "%s" "${extra:-}"
	printf "  </devices>\n</domain>\n"
}
domain a >"$repo/a.xml"
cat >"$repo/sub/b.xml" <<'EOF'
<domain type='kvm'>
  <name>b</name>
  <memory unit='MiB'>1024</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <memballoon model='none'>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </memballoon>
  </devices>
</domain>
EOF
cat >"$repo/sub/clean.xml" <<'EOF'
<domain type='kvm'>
  <name>clean</name>
  <memory unit='MiB'>1024</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
</domain>
EOF

# --- writing
run "$repo" --write-baseline=baseline.json .
check "--write-baseline: exit 0 despite an error, findings still printed" 0 findings=3 \
	"err=3 files linted: 1 error, 2 warnings, 0 info; 3 findings written to the baseline"
if [ -f "$repo/baseline.json" ]; then ok "baseline written"; else bad "no $repo/baseline.json"; fi
no_temporaries "--write-baseline leaves no temporary file" "$repo"
mode=$(stat -c %a "$repo/baseline.json" 2>/dev/null)
if [ "$mode" = 644 ]; then ok "the baseline is as readable as any file (umask 022: 644)"; else bad "baseline mode $mode, expected 644"; fi
if "$JSONGET" version tool findings.# findings.0.path findings.0.rule findings.0.count \
	<"$repo/baseline.json" >"$tmp/fields" 2>&1 &&
	[ "$(tr '\n' ' ' <"$tmp/fields")" = "1 domlint 3 a.xml address-octal 1 " ]; then
	ok "format: version, tool, findings sorted by path and rule, paths relative to the baseline"
else
	bad "baseline fields: $(tr '\n' ' ' <"$tmp/fields")"
fi
if grep -q 'at line N"' "$repo/baseline.json" && ! grep -q 'line [0-9]' "$repo/baseline.json"; then
	ok "no line numbers in the baseline"
else
	bad "line numbers in the baseline: $(grep -n 'line' "$repo/baseline.json" | head -n 3)"
fi
if grep -q '"line"\|"column"' "$repo/baseline.json"; then bad "positions in the baseline"; else ok; fi
cp "$repo/baseline.json" "$tmp/first.json"
run "$repo" --write-baseline=baseline.json .
if cmp -s "$repo/baseline.json" "$tmp/first.json"; then ok "writing again gives the same bytes"; else bad "a second write differs"; fi
# b.xml a second time, as standard input of that name (a file named twice is linted once)
stdin=$repo/sub/b.xml
run "$repo" --write-baseline=baseline.json -j 4 --stdin-filename=sub/b.xml . -
if cmp -s "$repo/baseline.json" "$tmp/first.json"; then
	bad "-j 4 with b.xml linted twice: expected b.xml's finding twice"
elif "$JSONGET" findings.2.path findings.2.count <"$repo/baseline.json" | tr '\n' ' ' | grep -qx 'sub/b.xml 2 '; then
	ok "a finding seen twice is one entry with count 2"
else
	bad "count of a repeated finding: $(cat "$repo/baseline.json")"
fi
cp "$tmp/first.json" "$repo/baseline.json"

# --- reading
run "$repo" --baseline=baseline.json .
check "--baseline: everything recorded is hidden" 0 findings=0 \
	"err=3 files linted: 0 errors, 0 warnings, 0 info; baseline: 3 hidden, 0 stale"
run "$repo" --baseline=baseline.json --fail-on=info -j 3 .
check "--baseline with -j 3 and --fail-on=info: still nothing" 0 findings=0 "err=baseline: 3 hidden, 0 stale"
run "$repo" --baseline=baseline.json --format=json .
hidden=$("$JSONGET" summary.baseline.hidden summary.baseline.stale summary.errors <"$tmp/out" | tr '\n' ' ')
if [ "$hidden" = "3 0 0 " ]; then ok "JSON summary: baseline hidden and stale"; else bad "JSON summary.baseline: '$hidden'"; fi
run "$repo" --format=json .
if "$JSONGET" summary.baseline <"$tmp/out" >/dev/null 2>&1; then
	bad "JSON summary has a baseline without one"
else
	ok "JSON summary: no baseline key without a baseline"
fi
stdin=$repo/sub/b.xml
run "$repo" --baseline=baseline.json --stdin-filename=sub/b.xml -
check "standard input named by --stdin-filename matches its entry" 0 findings=0 "err=baseline: 1 hidden, 0 stale"

# --- findings move down: still hidden (the duplicate's message names another line now)
domain a 3 >"$repo/a.xml"
run "$repo" --baseline=baseline.json .
check "findings moved down six lines: still hidden" 0 findings=0 "err=baseline: 3 hidden, 0 stale"
run "$repo" .
check "(without the baseline they are there, at new lines)" 1 findings=3 "out=a.xml:13:" "out=at line 15"

# --- a new finding identical to a recorded one: only the new one shows
extra=$(hostdev 010 0x01)
domain a 3 >"$repo/a.xml"
extra=
run "$repo" --baseline=baseline.json --fail-on=warning .
check "a second identical finding is new: reported alone" 1 findings=1 "out=a.xml:22:" \
	"out=host PCI bus '010'" "err=baseline: 3 hidden, 0 stale"

# --- a recorded finding fixed: a stale entry; a file not linted is not stale
domain a >"$repo/a.xml"
sed "s/model='none'/model='virtio'/" "$repo/sub/b.xml" >"$tmp/b.xml" && mv "$tmp/b.xml" "$repo/sub/b.xml"
run "$repo" --baseline=baseline.json .
check "a fixed finding: stale 1" 0 findings=0 "err=baseline: 2 hidden, 1 stale"
run "$repo" --baseline=baseline.json a.xml
check "entries of files not linted are not stale" 0 findings=0 "err=baseline: 2 hidden, 0 stale"
run "$repo" --baseline=baseline.json --format=json .
stale=$("$JSONGET" summary.baseline.stale <"$tmp/out")
if [ "$stale" = 1 ]; then ok "JSON summary: stale 1"; else bad "JSON summary stale '$stale'"; fi

# --- rewriting: --baseline and --write-baseline together write every current finding
run "$repo" --baseline=baseline.json --write-baseline=baseline.json .
check "--baseline with --write-baseline rewrites the baseline" 0 findings=2 \
	"err=2 findings written to the baseline" "err!hidden"
run "$repo" --baseline=baseline.json .
check "after the rewrite: nothing new, nothing stale" 0 findings=0 "err=baseline: 2 hidden, 0 stale"
cp "$tmp/first.json" "$repo/baseline.json"

# --- from another directory, through the configuration file
printf '[baseline]\nfile = baseline.json  # beside this file\n' >"$repo/.domlint.conf"
run "$repo/sub" ..
check "[baseline] file from a subdirectory (config found upward)" 0 findings=0 "err=baseline: 2 hidden, 1 stale"
run "$tmp/elsewhere" -c ../repo/.domlint.conf ../repo
check "[baseline] file from another directory (-c)" 0 findings=0 "err=baseline: 2 hidden, 1 stale"
run "$tmp/elsewhere" -c ../repo/.domlint.conf "$repo/a.xml"
check "[baseline] file with an absolute input path" 0 findings=0 "err=baseline: 2 hidden, 0 stale"
run "$tmp/elsewhere" --baseline=../repo/baseline.json ../repo/a.xml
check "--baseline=FILE from another directory" 0 findings=0 "err=baseline: 2 hidden, 0 stale"
printf '{"version": 1, "tool": "domlint", "findings": []}\n' >"$repo/empty.json"
run "$repo/sub" --baseline=../empty.json ..
check "--baseline wins over [baseline] file" 1 findings=2 "err=baseline: 0 hidden, 0 stale"
run "$repo/sub" --no-config ..
check "--no-config: no baseline" 1 findings=2 "err!baseline"
ln -s "$repo" "$tmp/link"
run "$tmp/link/sub" --baseline=../baseline.json ../a.xml
check "through a symbolic link to the repository" 0 findings=0 "err=baseline: 2 hidden, 0 stale"
printf '[baseline]\nfile = missing.json\n' >"$repo/.domlint.conf"
run "$repo/sub" ..
check "[baseline] file missing: exit 3 naming it" 3 "err=$repo/missing.json: cannot read the baseline" \
	"out!a.xml"
printf '[baseline]\nfile = missing.json\n' >"$repo/.domlint.conf"
run "$repo" --write-baseline=missing.json .
check "--write-baseline creates the baseline [baseline] file names" 0 "err=2 findings written"
rm -f "$repo/.domlint.conf" "$repo/missing.json"

# --- errors
printf '{"version": 1, "findings": [' >"$repo/corrupt.json"
run "$repo" --baseline=corrupt.json .
check "corrupt baseline: exit 3 naming the file, nothing linted" 3 \
	"err=domlint: corrupt.json: not a domlint baseline: not JSON" "err!files linted"
if [ -s "$tmp/out" ]; then bad "output despite a corrupt baseline"; else ok; fi
printf '{"version": 7, "findings": []}' >"$repo/corrupt.json"
run "$repo" --baseline=corrupt.json .
check "baseline of another version: exit 3" 3 "err=corrupt.json: not a domlint baseline: version 7"
run "$repo" --baseline=nowhere.json .
check "missing baseline: exit 3 naming it" 3 "err=domlint: nowhere.json: cannot read the baseline: No such file"
run "$repo" --baseline=sub .
check "a directory as baseline: exit 3" 3 "err=domlint: sub: "
run "$repo" --write-baseline=no/such/dir/b.json .
check "--write-baseline into a missing directory: exit 3 before linting" 3 "err=no/such/dir/b.json" "err!files linted"
mkdir "$repo/taken.json"
run "$repo" --write-baseline=taken.json a.xml
check "--write-baseline over a directory: exit 3" 3 "err=domlint: taken.json: cannot write the baseline"
no_temporaries "a failed write leaves no temporary file" "$repo"
rmdir "$repo/taken.json"
if [ "$(id -u)" != 0 ]; then
	cp "$tmp/first.json" "$repo/sub/keep.json"
	chmod a-w "$repo/sub"
	run "$repo" --write-baseline=sub/keep.json .
	chmod u+w "$repo/sub"
	check "--write-baseline in a read-only directory: exit 3" 3 "err=cannot write the baseline"
	if cmp -s "$repo/sub/keep.json" "$tmp/first.json"; then ok "the old baseline is kept"; else bad "the old baseline changed"; fi
else
	skip "read-only directory (running as root)"
fi
run "$repo" --write-baseline=baseline.json a.xml missing.xml
check "--write-baseline with an unreadable input: exit 2" 2 "err=missing.xml" "err=findings written"
run "$repo" --lsp --baseline=baseline.json
check "--lsp refuses --baseline" 3 "err=a baseline is for command-line runs"
printf '[baseline]\nbogus = x\n' >"$repo/.domlint.conf"
run "$repo" .
check "unknown key in [baseline]: exit 3" 3 "err=unknown key 'bogus' in [baseline]"
rm -f "$repo/.domlint.conf"

summary baseline-test
