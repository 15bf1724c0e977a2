#!/bin/sh
# config_test.sh - the configuration file: discovery (the .domlint.conf nearest each linted file,
# the same answer from any directory, -c FILE, --no-config, --show-config), every key of [rules]
# (names, all, globs, did you mean), [bind-note], [paths], [output] and [suppressions], every error (exit 3 with
# FILE:LINE:), [paths] exclude relative to the config file's directory, precedence of the command
# line over the file over the defaults, and the exit status when several things go wrong.
#   sh tests/config_test.sh ./domlint
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ $# -ne 1 ]; then
	echo "usage: sh tests/config_test.sh DOMLINT" >&2
	exit 2
fi
DOMLINT=$(abspath "$1")
if [ ! -x "$DOMLINT" ]; then
	echo "config-test: $DOMLINT is not an executable (run make)" >&2
	exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
make_tmp || exit 1
tmp=$(cd "$tmp" && pwd -P) || exit 1 # physical, as getcwd() reports it

rc=0

# run DIR [ARG]...: domlint ARGs in directory DIR, standard input from $stdin (default
# /dev/null); sets rc, $tmp/out and $tmp/err. A fixture ARG ($fx/NAME.xml) is copied into DIR
# and linted there as NAME.xml, so that it is linted with DIR's configuration (each file gets
# the .domlint.conf nearest to it).
stdin=/dev/null
run() {
	dir=$1
	shift
	for arg; do
		shift
		case $arg in
		"$fx"/*.xml)
			mkdir -p "$dir" && cp "$arg" "$dir/" || exit 1
			arg=${arg##*/}
			;;
		esac
		set -- "$@" "$arg"
	done
	(cd "$dir" && exec "$DOMLINT" "$@") <"$stdin" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	stdin=/dev/null
}

# check NAME RC [COND]... (lib.sh), with these conditions besides out=, out!, err= and err!:
#   outlines=N  stdout has N lines                  err1=TEXT  stderr's first line begins with TEXT
#   errat=FILE:LINE  stderr's first line is "domlint: P:LINE: MESSAGE" where P, seen from the
#                    directory of the run, is the file FILE (absolute or relative: either names it)
check_more() {
	cond=$1
	case $cond in
	outlines=*)
		lines=$(wc -l <"$tmp/out" | tr -d ' ')
		[ "$lines" = "${cond#outlines=}" ] ||
			why="stdout has $lines lines, expected ${cond#outlines=}"
		;;
	err1=*)
		first=$(sed -n 1p "$tmp/err")
		case $first in
		"${cond#err1=}"*) ;;
		*) why="stderr's first line does not begin with '${cond#err1=}'" ;;
		esac
		;;
	errat=*)
		spec=${cond#errat=}
		wfile=${spec%:*}
		wline=${spec##*:}
		first=$(sed -n 1p "$tmp/err")
		gfile=$(printf '%s\n' "$first" | sed -n 's/^domlint: \(.*\):\([0-9][0-9]*\): ..*$/\1/p')
		gline=$(printf '%s\n' "$first" | sed -n 's/^domlint: \(.*\):\([0-9][0-9]*\): ..*$/\2/p')
		if [ -z "$gfile" ]; then
			why="stderr's first line is not 'domlint: FILE:LINE: message'"
		elif [ "$gline" != "$wline" ]; then
			why="error reported at line $gline, expected line $wline"
		elif [ "$(cd "$dir" && cd "$(dirname "$gfile")" && pwd -P)/${gfile##*/}" != \
			"$(cd "$(dirname "$wfile")" && pwd -P)/${wfile##*/}" ]; then
			why="error names '$gfile', expected $wfile"
		fi
		;;
	*) why="test bug: unknown condition '$cond'" ;;
	esac
}

# conf FILE: writes standard input to FILE, creating its directory.
conf() {
	mkdir -p "$(dirname "$1")"
	cat >"$1"
}

# No .domlint.conf may stand above the test tree, or discovery would find it.
d=$tmp
while :; do
	if [ -e "$d/.domlint.conf" ]; then
		bad "setup: $d/.domlint.conf exists above the test directory; discovery tests cannot run"
		finish config-test
	fi
	[ "$d" = / ] && break
	d=$(dirname "$d")
done

# --- fixtures ------------------------------------------------------------------------------
fx=$tmp/fx
mkdir -p "$fx"
# domain NAME: an x86_64 domain NAME whose devices, after the emulator (line 9), are standard input.
domain() {
	cat <<EOF
<domain type='kvm'>
  <name>$1</name>
  <memory unit='MiB'>2048</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
EOF
	cat
	printf '  </devices>\n</domain>\n'
}
# vfio_hostdev BUS: the host function 0000:BUS:00.0, managed='no' and bound to vfio (6 lines).
vfio_hostdev() {
	cat <<EOF
    <hostdev mode='subsystem' type='pci' managed='no'>
      <driver name='vfio'/>
      <source>
        <address domain='0x0000' bus='$1' slot='0x00' function='0x0'/>
      </source>
    </hostdev>
EOF
}
# warn.xml: two warnings by default, managed-no-bind-note at 10:42 and address-octal at 13:34.
vfio_hostdev 010 | domain warn >"$fx/warn.xml"
# err.xml: one error (address-malformed), nothing else.
domain err >"$fx/err.xml" <<'EOF'
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>
      </source>
      <address type='pci' domain='0x0002' bus='0x00' slot='0x05' function='0x0'/>
    </hostdev>
EOF
# notes.xml: hostdev at line 11 has a ticket comment (no default bind-note word); hostdev at
# line 18 has the classic default bind note.
{
	echo '    <!-- Prepared by ops, see TICKET-4711 -->'
	vfio_hostdev 0x03
	echo '    <!-- bound to vfio-pci by driverctl on every host boot -->'
	vfio_hostdev 0x04
} | domain notes >"$fx/notes.xml"
MNB='[managed-no-bind-note]'
OCT='[address-octal]'
MAL='[address-malformed]'

# --- defaults, without any configuration file ----------------------------------------------
mkdir -p "$tmp/none"
run "$tmp/none" "$fx/warn.xml"
check "no config anywhere: defaults (two warnings, exit 0)" 0 \
	"out=warn.xml:10:42: warning:" "out=warn.xml:13:34: warning:" "err=0 errors, 2 warnings"

# --- [rules]: every level ------------------------------------------------------------------
conf "$tmp/levels/error/.domlint.conf" <<'EOF'
[rules]
managed-no-bind-note = error
EOF
run "$tmp/levels/error" "$fx/warn.xml"
check "[rules] RULE = error raises a warning to an error" 1 \
	"out=warn.xml:10:42: error: " "out=warn.xml:13:34: warning: " "err=1 error, 1 warning"

conf "$tmp/levels/warning/.domlint.conf" <<'EOF'
[rules]
address-malformed = warning
EOF
run "$tmp/levels/warning" "$fx/err.xml"
check "[rules] RULE = warning lowers an error (exit 0 at --fail-on=error)" 0 \
	"out=warning: guest PCI domain" "out=$MAL" "out!error:"

conf "$tmp/levels/info/.domlint.conf" <<'EOF'
[rules]
managed-no-bind-note = info
EOF
run "$tmp/levels/info" "$fx/warn.xml"
check "[rules] RULE = info" 0 "out=warn.xml:10:42: info: " "err=1 warning, 1 info"
run "$tmp/levels/info" --fail-on=info "$fx/warn.xml"
check "[rules] RULE = info counts for --fail-on=info" 1 "out=warn.xml:10:42: info: "

conf "$tmp/levels/off/.domlint.conf" <<'EOF'
[rules]
address-octal = off
EOF
run "$tmp/levels/off" "$fx/warn.xml"
check "[rules] RULE = off silences the rule" 0 "out!$OCT" "out=$MNB" "err=0 errors, 1 warning"

conf "$tmp/levels/several/.domlint.conf" <<'EOF'
# a comment line
; another comment line

[rules]
address-octal = off

# blank lines and comments between keys
managed-no-bind-note=error
[rules]
address-malformed   =   info
EOF
run "$tmp/levels/several" "$fx/warn.xml" "$fx/err.xml"
check "comments (# and ;), blank lines, several keys, no blanks around =, a repeated section" 1 \
	"out!$OCT" "out=warn.xml:10:42: error: " "out=info: guest PCI domain" \
	"err=2 files linted: 1 error, 0 warnings, 1 info"

: >"$tmp/levels/empty.conf"
run "$tmp/none" -c "$tmp/levels/empty.conf" "$fx/warn.xml"
check "an empty config file is valid: defaults" 0 "out=warn.xml:10:42: warning: " \
	"out=warn.xml:13:34: warning: "
printf '# only comments\n\n; and blanks\n' >"$tmp/levels/comments.conf"
run "$tmp/none" -c "$tmp/levels/comments.conf" "$fx/err.xml"
check "a config of comments and blank lines only is valid: defaults" 1 "out=error: guest PCI"

# --- discovery -----------------------------------------------------------------------------
conf "$tmp/proj/.domlint.conf" <<'EOF'
[rules]
address-octal = off
EOF
mkdir -p "$tmp/proj/sub/deeper"
run "$tmp/proj" "$fx/warn.xml"
check "discovery: .domlint.conf in the current directory" 0 "out!$OCT" "out=$MNB"
run "$tmp/proj/sub/deeper" "$fx/warn.xml"
check "discovery: .domlint.conf two directories up" 0 "out!$OCT" "out=$MNB"
cp "$fx/warn.xml" "$tmp/proj/sub/w.xml"
run "$tmp/none" "$tmp/proj/sub/w.xml"
check "discovery starts from the input's directory, not the current one" 0 "out!$OCT" "out=$MNB"
run "$tmp/none" ../proj/sub/w.xml
check "discovery from the input's directory, given as a relative path" 0 "out!$OCT" "out=$MNB"
stdin=$fx/warn.xml
run "$tmp/none" --stdin-filename=../proj/sub/w.xml -
check "discovery for standard input: from --stdin-filename's directory" 0 "out!$OCT" "out=$MNB"
stdin=$fx/warn.xml
run "$tmp/proj/sub/deeper" -
check "discovery for standard input without a name: from the current directory" 0 \
	"out!$OCT" "out=$MNB"

conf "$tmp/proj/sub/.domlint.conf" <<'EOF'
[rules]
managed-no-bind-note = error
EOF
run "$tmp/proj/sub/deeper" "$fx/warn.xml"
check "nearest wins: the inner config applies, the outer one is not read" 1 \
	"out=warn.xml:10:42: error: " "out=warn.xml:13:34: warning: "
run "$tmp/proj" "$fx/warn.xml"
check "nearest wins: from the outer directory the outer config applies" 0 \
	"out!$OCT" "out=warn.xml:10:42: warning: "
conf "$tmp/proj/sub/deeper/.domlint.conf" <<'EOF'
[rules]
bad = line
EOF
run "$tmp/proj/sub" "$fx/warn.xml"
check "nearest wins: a bad config below the current directory is not read" 1 \
	"out=warn.xml:10:42: error: "
rm "$tmp/proj/sub/deeper/.domlint.conf"

# --- one answer per file, wherever domlint runs --------------------------------------------------
conf "$tmp/repo/.domlint.conf" <<'EOF'
[rules]
address-octal = off   # noisy for us
[paths]
exclude = ^templates/
EOF
mkdir -p "$tmp/repo/vms" "$tmp/repo/templates" "$tmp/elsewhere"
cp "$fx/warn.xml" "$tmp/repo/vms/a.xml"
cp "$fx/warn.xml" "$tmp/repo/templates/t.xml"
run "$tmp/repo" vms/a.xml templates/t.xml
sed 's|^[^:]*/||' "$tmp/out" >"$tmp/from-root"
check "from the repository root: config found, template excluded" 0 "out!$OCT" "out=$MNB" \
	"err=1 excluded by [paths]"
run "$tmp/elsewhere" "$tmp/repo/vms/a.xml" "$tmp/repo/templates/t.xml"
sed 's|^[^:]*/||' "$tmp/out" >"$tmp/from-elsewhere"
check "from elsewhere: the same config, the same exclusion" 0 "out!$OCT" "out=$MNB" \
	"err=1 excluded by [paths]"
run "$tmp/repo/vms" a.xml ../templates/t.xml
sed 's|^[^:]*/||' "$tmp/out" >"$tmp/from-sub"
check "from a subdirectory: the same config, the same exclusion" 0 "out!$OCT" "out=$MNB" \
	"err=1 excluded by [paths]"
if cmp -s "$tmp/from-root" "$tmp/from-elsewhere" && cmp -s "$tmp/from-root" "$tmp/from-sub"; then
	ok "the same findings from the root, from elsewhere and from a subdirectory"
else
	bad "the findings differ with the current directory"
fi
run "$tmp/elsewhere" "$tmp/repo"
check "a walk of the repository from elsewhere honours its exclude" 0 "out=a.xml:10:42: warning:" \
	"out!t.xml" "err=1 excluded by [paths]"
run "$tmp/none" "$tmp/repo/vms/a.xml" "$fx/warn.xml"
check "two files, two configurations, one run" 0 "out=a.xml:10:42: warning:" \
	"out=warn.xml:13:34: warning: " "err=2 files linted: 0 errors, 3 warnings"

# --- --show-config ------------------------------------------------------------------------------
run "$tmp/elsewhere" --show-config="$tmp/repo/templates/t.xml"
check "--show-config names the file, the exclusion and the settings" 0 \
	"out=# from $tmp/repo/.domlint.conf" "out=# excluded by [paths]: yes" \
	"out=address-octal = off" "out=managed-no-bind-note = warning" "out=exclude = ^templates/" \
	"out=fail-on = error" "out=addresses = passthrough"
run "$tmp/elsewhere" --show-config "$tmp/repo/vms/a.xml" --severity=managed-no-bind-note=error
check "--show-config PATH: the command line on top, not excluded" 0 \
	"out=# excluded by [paths]: no" "out=managed-no-bind-note = error"
run "$tmp/none" --show-config=.
check "--show-config without any configuration file" 0 \
	"out=# from no configuration file (none found from its directory upward)" \
	"out=address-octal = warning"
run "$tmp/none" --show-config=. "$fx/warn.xml"
check "--show-config lints nothing: no PATH besides" 3 "err=--show-config takes one PATH"

# --- [output] -------------------------------------------------------------------------------------
conf "$tmp/output/fail/.domlint.conf" <<'EOF'
[output]
fail-on = warning ; findings at warning fail the run
addresses = none
EOF
run "$tmp/output/fail" "$fx/warn.xml"
check "[output] fail-on = warning: warnings give exit 1" 1 "out=warn.xml:10:42: warning:"
run "$tmp/output/fail" --fail-on=error "$fx/warn.xml"
check "--fail-on on the command line wins over [output] fail-on" 0
conf "$tmp/output/all/.domlint.conf" <<'EOF'
[output]
addresses = all
EOF
cp "$root/testdata/formats/addresses-passthrough.xml" "$tmp/output/all/z.xml"
cp "$root/testdata/formats/addresses-passthrough.xml" "$tmp/output/fail/z.xml"
run "$tmp/output/all" z.xml
check "[output] addresses = all: the CCW disk gets a note" 1 "out=note: disk vda -> guest"
run "$tmp/output/fail" z.xml
check "[output] addresses = none: no note" 1 "out!-> guest"
run "$tmp/output/fail" --addresses=passthrough z.xml
check "--addresses on the command line wins over [output] addresses" 1 \
	"out=note: hostdev 0002:06:00.0 -> guest" "out!note: disk vda"
run "$tmp/output/all" --format=github z.xml
check "[output] addresses asks for notices in the github format" 1 \
	"out=title=guest PCI address::disk vda"
run "$tmp/none" --format=github "$root/testdata/formats/addresses-passthrough.xml"
check "the github format prints no notices for addresses unless asked" 1 "out!-> guest"
printf '[output]\nfail-on = loud\n' | conf "$tmp/output/bad1/.domlint.conf"
run "$tmp/output/bad1" "$fx/warn.xml"
check "[output] fail-on with an unknown level: exit 3" 3 "errat=$tmp/output/bad1/.domlint.conf:2" \
	"err=unknown fail-on level (error"
printf '[output]\naddresses = some\n' | conf "$tmp/output/bad2/.domlint.conf"
run "$tmp/output/bad2" "$fx/warn.xml"
check "[output] addresses with an unknown value: exit 3" 3 \
	"errat=$tmp/output/bad2/.domlint.conf:2" "err=passthrough, all or none"

# --- rule selection: all, globs, did you mean -------------------------------------------------------
conf "$tmp/sel/glob/.domlint.conf" <<'EOF'
[rules]
all = off
managed-* = error
EOF
run "$tmp/sel/glob" "$fx/warn.xml"
check "[rules] all = off, then a glob turns one rule on" 1 "out!$OCT" "out=warn.xml:10:42: error: "
printf '[rules]\nadress-octal = off\n' | conf "$tmp/sel/typo/.domlint.conf"
run "$tmp/sel/typo" "$fx/warn.xml"
check "[rules] a misspelt rule: exit 3 with 'did you mean'" 3 \
	"errat=$tmp/sel/typo/.domlint.conf:2" "err=did you mean 'address-octal'?"
printf '[rules]\nnothing-* = off\n' | conf "$tmp/sel/none/.domlint.conf"
run "$tmp/sel/none" "$fx/warn.xml"
check "[rules] a glob that matches no rule: exit 3" 3 "err=matches no rule"
run "$tmp/none" --disable=all --enable='*-octal' "$fx/warn.xml"
check "--disable=all --enable=GLOB" 0 "out=$OCT" "out!$MNB"
run "$tmp/none" --severity='address-*=error' "$fx/warn.xml"
check "--severity=GLOB=LEVEL" 1 "out=warn.xml:13:34: error: " "out=warn.xml:10:42: warning: "
run "$tmp/none" --disable=managed-no-bind-notes "$fx/warn.xml"
check "--disable with a misspelt rule: exit 3 with 'did you mean'" 3 "outlines=0" \
	"err=did you mean 'managed-no-bind-note'?"
run "$tmp/none" --explain=adress-octal
check "--explain with a misspelt rule: 'did you mean'" 3 "err=did you mean 'address-octal'?"
run "$tmp/none" --disable=zzzzzzzzzz "$fx/warn.xml"
check "a name close to no rule: no suggestion" 3 "err!did you mean" "err=unknown rule 'zzzzzzzzzz'"

# --- -c and --no-config ----------------------------------------------------------------------
conf "$tmp/cfiles/severe.conf" <<'EOF'
[rules]
address-octal = error
EOF
run "$tmp/none" -c "$tmp/cfiles/severe.conf" "$fx/warn.xml"
check "-c FILE (absolute) is read" 1 "out=warn.xml:13:34: error: " "out=warn.xml:10:42: warning: "
run "$tmp/proj/sub/deeper" -c ../../../cfiles/severe.conf "$fx/warn.xml"
check "-c FILE (relative) replaces the discovered config" 1 \
	"out=warn.xml:13:34: error: " "out=warn.xml:10:42: warning: "
run "$tmp/proj/sub/deeper" --config="$tmp/cfiles/severe.conf" "$fx/warn.xml"
check "--config=FILE" 1 "out=warn.xml:13:34: error: " "out=warn.xml:10:42: warning: "
run "$tmp/none" -c "$tmp/cfiles/missing.conf" "$fx/warn.xml"
check "-c with a missing file: exit 3, nothing linted" 3 "outlines=0" "err1=domlint: " \
	"err=missing.conf"
run "$tmp/proj/sub/deeper" --no-config "$fx/warn.xml"
check "--no-config: defaults although a config is found upward" 0 \
	"out=warn.xml:10:42: warning: " "out=warn.xml:13:34: warning: "
conf "$tmp/badproj/.domlint.conf" <<'EOF'
[rules]
no-such-rule = error
EOF
run "$tmp/badproj" --no-config "$fx/warn.xml"
check "--no-config: a bad config upward is not even read" 0 "out=$OCT" "out=$MNB"
run "$tmp/badproj" -c "$tmp/cfiles/severe.conf" "$fx/warn.xml"
check "-c FILE: a bad discovered config is not read" 1 "out=warn.xml:13:34: error: "

# --- [bind-note] -----------------------------------------------------------------------------
run "$tmp/none" "$fx/notes.xml"
check "default bind-note pattern: the ticket comment is no note, the vfio-pci one is" 0 \
	"out=notes.xml:11:42: warning: " "out!notes.xml:18:42:" "err=1 warning"
conf "$tmp/bind/.domlint.conf" <<'EOF'
[bind-note]
pattern = ticket-[0-9]+
EOF
run "$tmp/bind" "$fx/notes.xml"
check "[bind-note] pattern (case-insensitive) replaces the default pattern" 0 \
	"out!notes.xml:11:42:" "out=notes.xml:18:42: warning: " "out=$MNB" "err=1 warning"
conf "$tmp/bind2/.domlint.conf" <<'EOF'
[bind-note]
pattern = Prepared BY OPS|DRIVERCTL
EOF
run "$tmp/bind2" "$fx/notes.xml"
check "[bind-note] pattern with alternatives and upper case" 0 "out!$MNB" "err=0 warnings"

# --- errors: exit 3 with FILE:LINE -----------------------------------------------------------
# badconf NAME LINE: the config text on standard input is at line LINE wrong; it must be
# refused with exit 3 and FILE:LINE both when found upward and when given with -c.
n=0
badconf() {
	n=$((n + 1))
	conf "$tmp/bad$n/.domlint.conf"
	mkdir -p "$tmp/bad$n/sub"
	run "$tmp/bad$n/sub" "$fx/warn.xml"
	check "bad config, found upward: $1" 3 "outlines=0" "errat=$tmp/bad$n/.domlint.conf:$2"
	cp "$tmp/bad$n/.domlint.conf" "$tmp/bad$n/given.conf"
	run "$tmp/bad$n" -c given.conf "$fx/warn.xml"
	check "bad config, -c given.conf: $1" 3 "outlines=0" "err1=domlint: given.conf:$2: "
}
badconf "unknown section" 4 <<'EOF'
# comment
[rules]
address-octal = off
[rule]
EOF
badconf "unknown section [Rules] (names are case-sensitive)" 2 <<'EOF'

[Rules]
address-octal = off
EOF
badconf "unknown key in [bind-note]" 3 <<'EOF'
[bind-note]
pattern = vfio
patern = vfio
EOF
badconf "unknown key in [paths]" 5 <<'EOF'
[paths]
exclude = ^a/

; include is no key
include = ^b/
EOF
badconf "[paths] key in [bind-note]" 2 <<'EOF'
[bind-note]
exclude = ^b/
EOF
badconf "unknown rule" 3 <<'EOF'
[rules]
address-octal = off
address-octals = off
EOF
badconf "unknown level" 2 <<'EOF'
[rules]
address-octal = fatal
EOF
badconf "level in the wrong case" 2 <<'EOF'
[rules]
address-octal = Error
EOF
badconf "key before any section" 3 <<'EOF'
# a comment and a blank line do not open a section

address-octal = off
[rules]
EOF
badconf "a line without =" 3 <<'EOF'
[rules]
address-octal = off
managed-no-bind-note error
EOF
badconf "a bare word without = before any section" 1 <<'EOF'
rules
EOF
badconf "empty value in [rules]" 2 <<'EOF'
[rules]
address-octal =
EOF
badconf "blank-only value in [paths]" 3 <<'EOF'
[paths]
exclude = ^a/
exclude =    
EOF
badconf "empty [bind-note] pattern" 2 <<'EOF'
[bind-note]
pattern=
EOF
badconf "[bind-note] pattern that does not compile" 4 <<'EOF'
[rules]
address-octal = off
[bind-note]
pattern = (vfio|driverctl
EOF
badconf "[paths] exclude that does not compile" 3 <<'EOF'
[paths]
exclude = ^templates/
exclude = [z-a]
EOF
badconf "an error after a valid exclude line (repeatable key)" 6 <<'EOF'
[paths]
exclude = ^a/
exclude = ^b/
[rules]
managed-no-bind-note = warning
bogus-rule = info
EOF

# --- [paths] exclude -------------------------------------------------------------------------
ex=$tmp/ex
conf "$ex/.domlint.conf" <<'EOF'
[paths]
exclude = ^templates/
# repeatable: drafts anywhere
exclude = (^|/)draft-[^/]*\.xml$
EOF
mkdir -p "$ex/templates" "$ex/vms/templates" "$ex/vms/sub" "$tmp/other/templates"
cp "$fx/warn.xml" "$ex/templates/t.xml"
cp "$fx/warn.xml" "$ex/vms/a.xml"
cp "$fx/warn.xml" "$ex/vms/draft-b.xml"
cp "$fx/warn.xml" "$ex/vms/templates/v.xml"
cp "$fx/warn.xml" "$ex/vms/sub/c.xml"
cp "$fx/warn.xml" "$tmp/other/templates/o.xml"

run "$ex" templates/t.xml vms/a.xml
check "exclude from the config dir: templates/t.xml excluded, vms/a.xml linted" 0 \
	"out!t.xml" "out=vms/a.xml:10:42:" "err=1 file linted" "err=1 excluded by [paths]"
run "$ex" ./templates/t.xml vms//draft-b.xml vms/./sub/../a.xml
check "exclude sees ./, // and .. resolved" 0 "out!t.xml" "out!draft-b.xml" \
	"out=vms/./sub/../a.xml:10:42:" "err=1 file linted" "err=2 excluded by [paths]"
run "$ex" vms/draft-b.xml vms/sub/c.xml
check "second exclude pattern (repeatable key)" 0 "out!draft-b" "out=vms/sub/c.xml:10:42:" \
	"err=1 excluded by [paths]"
run "$ex/templates" t.xml
check "exclude from a subdirectory: t.xml is templates/t.xml to the config" 0 "outlines=0" \
	"err=0 files linted" "err=1 excluded by [paths]"
run "$ex/vms" a.xml templates/v.xml ../templates/t.xml
check "exclude from a subdirectory: vms/templates/v.xml does not match ^templates/" 0 \
	"out=a.xml:10:42:" "out=templates/v.xml:10:42:" "out!t.xml" "err=2 files linted" \
	"err=1 excluded by [paths]"
run "$ex/vms/sub" ../../templates/t.xml ../draft-b.xml c.xml
check "exclude from a deeper subdirectory with ../ paths" 0 "out=c.xml:10:42:" "out!t.xml" \
	"out!draft-b" "err=1 file linted" "err=2 excluded by [paths]"
run "$ex" "$ex/templates/t.xml" "$ex/vms/a.xml" "$ex/vms/draft-b.xml"
check "exclude with absolute paths, from the config dir" 0 "out!t.xml" "out!draft-b" \
	"out=$ex/vms/a.xml:10:42:" "err=1 file linted" "err=2 excluded by [paths]"
run "$ex/vms/sub" "$ex/templates/t.xml" "$ex/vms/templates/v.xml"
check "exclude with absolute paths, from a subdirectory" 0 "out!t.xml" \
	"out=$ex/vms/templates/v.xml:10:42:" "err=1 file linted" "err=1 excluded by [paths]"
run "$tmp/none" -c "$ex/.domlint.conf" "$ex/templates/t.xml" "$ex/vms/a.xml"
check "exclude with -c from outside the config dir, absolute paths" 0 "out!t.xml" \
	"out=vms/a.xml:10:42:" "err=1 file linted" "err=1 excluded by [paths]"
run "$tmp" -c ex/.domlint.conf ex/templates/t.xml ex/vms/draft-b.xml ex/vms/a.xml
check "exclude with -c from above the config dir, relative paths" 0 "out!t.xml" \
	"out!draft-b" "out=ex/vms/a.xml:10:42:" "err=1 file linted" "err=2 excluded by [paths]"
run "$tmp/other" -c "$ex/.domlint.conf" templates/o.xml
check "exclude: a file outside the config dir is not matched by its path as typed" 0 \
	"out=templates/o.xml:10:42:" "err=1 file linted" "err!excluded"
run "$ex" .
check "exclude in a directory walk of the config dir" 0 "out!t.xml" "out!draft-b" \
	"out=vms/a.xml:10:42:" "out=vms/sub/c.xml:10:42:" "out=vms/templates/v.xml:10:42:" "out!./" \
	"err=3 files linted" "err=2 excluded by [paths]"
run "$ex/vms" .
check "exclude in a directory walk from a subdirectory" 0 "out!draft-b" \
	"out=templates/v.xml:10:42:" "out!./" "err=3 files linted" "err=1 excluded by [paths]"
run "$ex" templates vms
check "exclude in a walk of named directories" 0 "out!t.xml" "out!draft-b" "err=3 files linted" \
	"err=2 excluded by [paths]"
run "$tmp" -c "$ex/.domlint.conf" ex
check "exclude in a walk with -c from above the config dir" 0 "out!t.xml" "out!draft-b" \
	"out=ex/vms/a.xml:10:42:" "err=3 files linted" "err=2 excluded by [paths]"
run "$ex" --no-config templates/t.xml vms/draft-b.xml
check "--no-config: nothing excluded" 0 "out=templates/t.xml:10:42:" "out=vms/draft-b.xml:10:42:" \
	"err=2 files linted" "err!excluded"

# --stdin-filename is the name matched for -
stdin=$fx/warn.xml
run "$ex" --stdin-filename=templates/s.xml -
check "--stdin-filename=templates/s.xml from the config dir: excluded" 0 "outlines=0" \
	"err=0 files linted" "err=1 excluded by [paths]"
stdin=$fx/warn.xml
run "$ex/templates" --stdin-filename=s.xml -
check "--stdin-filename=s.xml from templates/: excluded" 0 "outlines=0" \
	"err=1 excluded by [paths]"
stdin=$fx/warn.xml
run "$ex" --stdin-filename=vms/draft-x.xml -
check "--stdin-filename matching the second pattern: excluded" 0 "outlines=0" \
	"err=1 excluded by [paths]"
stdin=$fx/warn.xml
run "$ex" --stdin-filename=vms/s.xml -
check "--stdin-filename=vms/s.xml: linted under that name" 0 "out=vms/s.xml:10:42:" \
	"err=1 file linted" "err!excluded"
stdin=$fx/warn.xml
run "$tmp/none" -c "$ex/.domlint.conf" --stdin-filename="$ex/templates/s.xml" -
check "--stdin-filename with an absolute name under the config dir: excluded" 0 "outlines=0" \
	"err=1 excluded by [paths]"
stdin=$fx/warn.xml
run "$ex" -
check "- without --stdin-filename, from the config dir, is not excluded" 0 "out=:10:42:" \
	"err=1 file linted" "err!excluded"
stdin=$fx/warn.xml
run "$ex/templates" -
check "- without --stdin-filename has no path to match, even from templates/" 0 "out=:10:42:" \
	"err=1 file linted" "err!excluded"
run "$ex" -j 3 . templates/t.xml vms/a.xml
check "exclude with --jobs: the same verdicts (the named files, found by the walk, once)" 0 \
	"out!t.xml" "out!draft-b" "err=3 files linted" "err=2 excluded by [paths]"

# --- precedence: command line over file over defaults ----------------------------------------
conf "$tmp/prec/.domlint.conf" <<'EOF'
[rules]
address-octal = off
managed-no-bind-note = error
EOF
run "$tmp/prec" "$fx/warn.xml"
check "precedence: the file over the defaults" 1 "out!$OCT" "out=warn.xml:10:42: error: "
run "$tmp/prec" -e address-octal "$fx/warn.xml"
check "precedence: file sets off, -e turns it on at its default severity" 1 \
	"out=warn.xml:13:34: warning: " "out=warn.xml:10:42: error: "
run "$tmp/prec" --enable=address-octal,managed-no-bind-note "$fx/warn.xml"
check "precedence: --enable of a rule the file set to error keeps it on" 1 \
	"out=warn.xml:13:34: warning: " "out=$MNB"
run "$tmp/prec" --severity=managed-no-bind-note=info "$fx/warn.xml"
check "precedence: file sets error, --severity sets info" 0 "out=warn.xml:10:42: info: " \
	"out!$OCT" "err=0 errors, 0 warnings, 1 info"
run "$tmp/prec" -d managed-no-bind-note --no-addresses "$fx/warn.xml"
check "precedence: file sets error, -d turns it off" 0 "outlines=0" "err=0 errors, 0 warnings"
run "$tmp/prec" -d address-octal --severity=address-octal=error "$fx/warn.xml"
check "precedence: -d then --severity=RULE=error re-enables as error" 1 \
	"out=warn.xml:13:34: error: "
run "$tmp/prec" --severity=address-octal=error -d address-octal "$fx/warn.xml"
check "precedence: --severity=RULE=error then -d: off (applied in order)" 1 "out!$OCT"
run "$tmp/prec" -d managed-no-bind-note -e managed-no-bind-note "$fx/warn.xml"
check "precedence: -d then -e: back on at its default severity" 0 \
	"out=warn.xml:10:42: warning: " "out!$OCT"
run "$tmp/prec" --no-config -d address-octal --severity=address-octal=error "$fx/warn.xml"
check "precedence: -d then --severity without a config" 1 "out=warn.xml:13:34: error: " \
	"out=warn.xml:10:42: warning: "

# --- [suppressions] require-reason -----------------------------------------------------------
# reason.xml: a directive without a reason at 10:5 and one with a reason at 17:5, each before an
# unmanaged hostdev with an octal bus (silenced) and no bind note (11:42 and 18:42).
{
	echo '    <!-- domlint-disable address-octal -->'
	vfio_hostdev 010
	echo '    <!-- domlint-disable address-octal: copied from lspci -->'
	vfio_hostdev 011
} | domain reason >"$fx/reason.xml"
NOREASON='reason.xml:10:5: warning: domlint-disable has no reason; [suppressions] require-reason is set: write <!-- domlint-disable address-octal: why --> [suppression-malformed]'
run "$tmp" --no-config --no-addresses "$fx/reason.xml"
check "require-reason is off by default: a directive without a reason is no finding" 0 \
	"out!suppression-malformed" "out!$OCT" "outlines=2"
conf "$tmp/reason/on.conf" <<'EOF'
[suppressions]
require-reason = true # every suppression says why
EOF
run "$tmp/reason" -c on.conf --no-addresses "$fx/reason.xml"
check "[suppressions] require-reason = true: the directive without a reason is a finding" 0 \
	"out=$NOREASON" "out!reason.xml:17:" "out!$OCT" "outlines=3" "err=0 errors, 3 warnings"
run "$tmp/reason" -c on.conf --no-addresses -d suppression-malformed "$fx/reason.xml"
check "require-reason findings are suppression-malformed's: -d turns them off" 0 \
	"out!suppression-malformed" "outlines=2"
conf "$tmp/reason/off.conf" <<'EOF'
[suppressions]
require-reason = false
EOF
run "$tmp/reason" -c off.conf --no-addresses "$fx/reason.xml"
check "[suppressions] require-reason = false" 0 "out!suppression-malformed" "outlines=2"
badconf "[suppressions] require-reason = yes (true or false only)" 3 <<'EOF'
# comment
[suppressions]
require-reason = yes
EOF
badconf "unknown key in [suppressions]" 2 <<'EOF'
[suppressions]
require-reasons = true
EOF

# --- exit status: 3 over 2 over 1 --------------------------------------------------------------
conf "$tmp/exit/bad.conf" <<'EOF'
[rules]
address-octal = loud
EOF
run "$tmp/exit" --no-config "$fx/err.xml"
check "exit status: findings at --fail-on give 1" 1 "out=$MAL"
run "$tmp/exit" --no-config "$fx/err.xml" missing.xml
check "exit status: an unreadable input beats findings (2 over 1)" 2 "out=$MAL" \
	"err=1 unreadable"
run "$tmp/exit" --no-config missing.xml "$fx/err.xml"
check "exit status: 2 over 1 whatever the order" 2 "out=$MAL"
run "$tmp/exit" -c bad.conf "$fx/err.xml" missing.xml
check "exit status: a bad config beats unreadable input and findings (3), nothing linted" 3 \
	"outlines=0" "err1=domlint: bad.conf:2: "
run "$tmp/exit" -c bad.conf --fail-on=never "$fx/warn.xml"
check "exit status: a bad config gives 3 even where findings would give 0" 3 "outlines=0" \
	"err1=domlint: bad.conf:2: "
cp "$tmp/exit/bad.conf" "$tmp/exit/.domlint.conf"
run "$tmp/exit" missing.xml "$fx/err.xml"
check "exit status: a bad discovered config beats everything too" 3 "outlines=0" \
	"errat=$tmp/exit/.domlint.conf:2"
run "$tmp/exit" --no-config -e no-such-rule "$fx/err.xml" missing.xml
check "exit status: an unknown rule on the command line is 3 too" 3 "outlines=0"
run "$tmp/prec" -e no-such-rule "$fx/warn.xml"
check "exit status: a good config and a bad command-line rule give 3" 3 "outlines=0"

summary config-test
