#!/bin/sh
# formats_test.sh - checks domlint's four output formats (text, json, sarif, github) against each
# other and against hostile input:
#   1. file names that need escaping in every format (comma, colon, quotes, space, percent,
#      backslash, newline, tab, ESC, C1 CSI, non-ASCII, invalid UTF-8, names that look like GitHub
#      workflow commands, names starting with '-'): json and sarif parse and the path round-trips,
#      github prints only domlint's own workflow commands (one per finding, one
#      `title=guest PCI address` notice per guest address) with the file property and the
#      messages escaped (GitHub's %XX, then control characters as in text, then no "##[") and
#      forges no command, text keeps every finding on one line with control characters escaped;
#   2. attribute values that need escaping (testdata/formats/escaping-text.xml and a variant with
#      C1 and bidirectional controls and "##[error]"): the same message in every format, escaped
#      as that format requires;
#   3. the same findings in the same order in all four formats over testdata/examples and the
#      libvirt conformance domains (../shared/conformance/libvirt-9.0.0, when present; github's
#      guest-address notices are not findings, nor are sarif's results with "suppressions");
#   4. -j 1, -j 2 and -j 4 give byte-identical output in every format;
#   5. an unreadable input: exit 2, reported in every format, the other files still reported;
#   6. SARIF: what GitHub code scanning needs (checked with JSONGET), a silenced finding as a
#      result with an inSource suppression and its justification, fixes as result.fixes with
#      the edits of json's "fix" (and every rule's properties.fixable as --list-rules has it),
#      Microsoft's SARIF Multitool `validate` (SARIF and GitHub rules) and the SARIF 2.1.0 JSON
#      schema (ajv), fixes included (each must reject a file broken only in a fix), both from
#      npm, installed once into ${XDG_CACHE_HOME:-$HOME/.cache}/domlint-test-npm (outside the repo).
#      Without npm or the registry those checks print SKIP and count as skipped, not passed.
#
# usage: sh tests/formats_test.sh DOMLINT JSONGET   (from the repository root; build JSONGET with
#        `make build/jsonget`). CONFORMANCE=DIR overrides the conformance folder,
#        DOMLINT_TEST_NPM_DIR the npm cache folder.
# Prints one line per check (ok/FAIL/SKIP), then `formats-test: N passed, M failed`; exits 1 on
# any failure.
set -u
LC_ALL=C # byte-wise sed, grep, awk and od: file names and messages are compared as bytes
export LC_ALL
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
ok_prefix='ok ' # this test's ok lines: "ok MSG"

domlint=$(abspath "${1:-./domlint}")
jsonget=$(abspath "${2:-build/jsonget}")
if [ ! -x "$domlint" ] || [ ! -x "$jsonget" ]; then
	echo "usage: sh tests/formats_test.sh DOMLINT JSONGET (build JSONGET with 'make build/jsonget')" >&2
	exit 2
fi
root=$PWD
conformance=${CONFORMANCE:-../shared/conformance/libvirt-9.0.0}
npm_dir=${DOMLINT_TEST_NPM_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/domlint-test-npm}
multitool_pkg=@microsoft/sarif-multitool@5.7.0
ajv_pkgs="ajv-cli@5.0.0 ajv-formats@2.1.1"

make_tmp || exit 1
# One binary for the whole run, even if DOMLINT is rebuilt meanwhile.
cp "$domlint" "$tmp/domlint" || exit 1
domlint=$tmp/domlint

# verdict DESCRIPTION PROBLEMS: ok when PROBLEMS is empty
verdict() {
	if [ -z "$2" ]; then ok "$1"; else bad "$1: $2"; fi
}
# add PROBLEM: appends to $problems
add() {
	problems="${problems:+$problems; }$1"
}

# every guest address, in every format (github prints none unless asked): the formats are compared
dl() {
	"$domlint" --no-config --addresses=all "$@"
}
# jv FILE PATH...: the values at PATHs in the JSON document FILE, one a line
jv() {
	jv_file=$1
	shift
	"$jsonget" "$@" <"$jv_file"
}
# jv_each FILE ARRAY N FIELD...: the FIELDs of the first N elements of ARRAY in the JSON document
# FILE, element after element, one a line (nothing when N is 0)
jv_each() {
	je_file=$1 je_array=$2 je_n=$3
	shift 3
	je_fields=$* # field paths hold no blanks
	set --
	je_k=0
	while [ "$je_k" -lt "$je_n" ]; do
		for je_f in $je_fields; do
			set -- "$@" "$je_array.$je_k.$je_f"
		done
		je_k=$((je_k + 1))
	done
	[ "$#" -eq 0 ] || jv "$je_file" "$@"
}
valid_json() {
	"$jsonget" <"$1" >/dev/null 2>&1
}

# --- bytes as hex: file names and messages are compared as lists of hex bytes -------------------
# hexof: stdin -> "61 2c 0a" (lowercase, one space between bytes)
hexof() {
	od -An -v -tx1 | tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//'
}
# hex2str: hex bytes on stdin -> those bytes on stdout
hex2str() {
	h2s_fmt=$(awk 'function v(c) { return index("0123456789abcdef", c) - 1 }
		{ for (i = 1; i <= NF; i++) printf "\\%03o", v(substr($i, 1, 1)) * 16 + v(substr($i, 2, 1)) }')
	# shellcheck disable=SC2059 # the format is octal escapes only
	printf "$h2s_fmt"
}
# The hex of the ASCII digits of a hex byte: "0a" -> "30 61" (lower) or "30 41" (upper).
awk_hexdigits='function dig(c, upper) {
	if (c ~ /[0-9]/) return "3" c
	return (upper ? "4" : "6") index("abcdef", c)
}
function digits(b, upper) { return dig(substr(b, 1, 1), upper) " " dig(substr(b, 2, 1), upper) }'
# esc_hex MODE: hex bytes on stdin (one string a line) -> the hex of what domlint prints for them:
#   text     the text format: C0 controls and DEL as \xNN, C1 controls U+0080..U+009F as \xNN
#            (the code point, not its UTF-8 bytes), the bidirectional controls U+200E, U+200F,
#            U+202A..U+202E and U+2066..U+2069 as \uNNNN;
#   gh-data  GitHub workflow command data: first % CR LF as %XX, then as text, then every "##["
#            as "#" U+200B "#[" (the runner obeys the legacy "##[command]" anywhere in a line);
#   gh-prop  a GitHub workflow command property value: as gh-data, and : , as %XX too.
esc_hex() {
	MODE=$1 awk "$awk_hexdigits"'
	function hv(h) { return (index("0123456789abcdef", substr(h, 1, 1)) - 1) * 16 + index("0123456789abcdef", substr(h, 2, 1)) - 1 }
	function ascii_hex(s,   j, o) { # the hex of the ASCII string s of hex digits and letters
		o = ""
		for (j = 1; j <= length(s); j++)
			o = o (o == "" ? "" : " ") (substr(s, j, 1) == "u" ? "75" : substr(s, j, 1) == "x" ? "78" : dig(substr(s, j, 1), 0))
		return o
	}
	function github(s, prop,   n, a, i, b, o) {
		n = split(s, a, " ")
		o = ""
		for (i = 1; i <= n; i++) {
			b = a[i]
			if (b == "25" || b == "0d" || b == "0a" || (prop && (b == "3a" || b == "2c")))
				b = "25 " digits(b, 1)
			o = o (o == "" ? "" : " ") b
		}
		return o
	}
	function controls(s,   n, a, i, b, o) {
		n = split(s, a, " ")
		o = ""
		for (i = 1; i <= n; i++) {
			b = a[i]
			if (b < "20" || b == "7f")
				b = "5c " ascii_hex("x" b)
			else if (b == "c2" && i + 1 <= n && a[i + 1] >= "80" && a[i + 1] <= "9f") {
				b = "5c " ascii_hex("x" a[i + 1])
				i++
			} else if (b == "e2" && i + 2 <= n &&
				   ((a[i + 1] == "80" && (a[i + 2] == "8e" || a[i + 2] == "8f" || (a[i + 2] >= "aa" && a[i + 2] <= "ae"))) ||
				    (a[i + 1] == "81" && a[i + 2] >= "a6" && a[i + 2] <= "a9"))) {
				b = "5c " ascii_hex(sprintf("u%04x", (a[i + 1] == "80" ? 8192 : 8256) + hv(a[i + 2]) - 128))
				i += 2
			}
			o = o (o == "" ? "" : " ") b
		}
		return o
	}
	function no_legacy(s,   n, a, i, o) {
		n = split(s, a, " ")
		o = ""
		for (i = 1; i <= n; i++) {
			o = o (o == "" ? "" : " ") a[i]
			if (a[i] == "23" && i + 2 <= n && a[i + 1] == "23" && a[i + 2] == "5b")
				o = o " e2 80 8b"
		}
		return o
	}
	{
		if (ENVIRON["MODE"] == "text")
			print controls($0)
		else
			print no_legacy(controls(github($0, ENVIRON["MODE"] == "gh-prop")))
	}'
}
# esc MODE STRING: STRING as domlint prints it (see esc_hex)
esc() {
	printf '%s' "$2" | hexof | esc_hex "$1" | hex2str
}
# uri_decode_hex: a URI on stdin -> the hex of the bytes it stands for (%XX decoded; a bad %
# escape decodes to "zz", which matches nothing)
uri_decode_hex() {
	hexof | awk 'BEGIN {
		split("30 31 32 33 34 35 36 37 38 39 41 42 43 44 45 46 61 62 63 64 65 66", k, " ")
		split("0 1 2 3 4 5 6 7 8 9 a b c d e f a b c d e f", v, " ")
		for (i = 1; i <= 22; i++) d[k[i]] = v[i]
	}
	{ out = ""
	  for (i = 1; i <= NF; i++) {
		if ($i == "25") {
			h = ((i + 1 <= NF && ($(i + 1) in d)) ? d[$(i + 1)] : "z") ((i + 2 <= NF && ($(i + 2) in d)) ? d[$(i + 2)] : "z")
			i += 2
		} else
			h = $i
		out = out (out == "" ? "" : " ") h
	  }
	  print out }'
}
# shown NAME: NAME for this test's own messages, control characters escaped as in the text format
shown() {
	esc text "$1"
}
# uri_problem URI EXPECTED-PATH: why URI is not a URI reference for EXPECTED-PATH (empty when it is)
uri_problem() {
	up_uri=$1
	up_rest=$up_uri
	case $up_uri in
	file://*) up_rest=${up_uri#file://} ;;
	esac
	if printf '%s' "$up_uri" | tr '\n' ' ' | grep -q "[^-A-Za-z0-9._~/%!\$&'()*+;=@:]"; then
		echo "uri '$(shown "$up_uri")' has a raw character a URI may not hold"
		return
	fi
	case ${up_uri%%/*} in
	*:*) [ "${up_uri#file:///}" != "$up_uri" ] || {
		echo "relative uri '$up_uri' has a ':' in its first segment (reads as a scheme)"
		return
	} ;;
	esac
	if [ "$(printf '%s' "$up_rest" | uri_decode_hex)" != "$(printf '%s' "$2" | hexof)" ]; then
		echo "uri '$up_uri' does not decode to the path"
	fi
}
raw_c0=$(printf '[\001-\011\013-\037\177]') # C0 controls but newline, and DEL
raw_c1=$(printf '\302[\200-\237]')           # U+0080..U+009F (NEL, CSI, ...) in UTF-8
# U+200E, U+200F, U+202A..U+202E, U+2066..U+2069 (bidirectional controls) in UTF-8, for grep -E
raw_bidi=$(printf '\342\200[\216\217\252-\256]|\342\201[\246-\251]')

# gh_kinds FILE [PROPERTY]: the kind of each line of the github output FILE, one a line. domlint's
# own workflow commands, with the file property PROPERTY (already escaped; without PROPERTY, any
# property up to the first comma):
#   finding     ::error|warning|notice file=P,line=N,col=N,title=RULE::MESSAGE
#   note        ::notice file=P,line=N,col=N,title=guest PCI address::NOTE
#   unreadable  ::error file=P,title=domlint::WHY
# and any other line:
#   forged      starts with '::' once leading blanks are trimmed (as the runner trims them before
#               looking for a command): a workflow command that is not domlint's own
#   other       anything else
gh_kinds() {
	gk_any=yes
	[ $# -lt 2 ] || gk_any=
	P=${2-} ANY=$gk_any awk '{
		kind = "other"
		if (match($0, /^::(error|warning|notice) file=/)) {
			level = substr($0, 3, index($0, " ") - 3)
			rest = substr($0, RLENGTH + 1)
			if (ENVIRON["ANY"] != "") {
				c = index(rest, ",")
				prop_ok = c > 0
				rest = substr(rest, c + 1)
			} else {
				prop_ok = index(rest, ENVIRON["P"] ",") == 1
				rest = substr(rest, length(ENVIRON["P"]) + 2)
			}
			if (prop_ok) {
				if (rest ~ /^line=[0-9]+,col=[0-9]+,title=[a-z0-9-]+::/)
					kind = "finding"
				else if (level == "notice" && rest ~ /^line=[0-9]+,col=[0-9]+,title=guest PCI address::/)
					kind = "note"
				else if (level == "error" && rest ~ /^title=domlint::/)
					kind = "unreadable"
			}
		}
		if (kind == "other") {
			s = $0
			sub(/^[ \t\v\f\r]+/, "", s)
			if (substr(s, 1, 2) == "::")
				kind = "forged"
		}
		print kind
	}' "$1"
}

# github_problems FILE EXPECTED-FILE-PROPERTY EXPECTED-FINDINGS EXPECTED-NOTES
# Every line is one of domlint's own commands (a finding or a guest-address notice) with that
# file property; no line holds '##[' (the runner reads the legacy '##[command]' form anywhere in a
# line) or a raw control character. EXPECTED-NOTES may be empty: not counted.
github_problems() {
	gh_kinds "$1" "$2" >"$tmp/gp.kinds"
	gp_findings=$(grep -c -x finding "$tmp/gp.kinds")
	[ "$gp_findings" = "$3" ] || echo "$gp_findings finding commands, expected $3"
	gp_notes=$(grep -c -x note "$tmp/gp.kinds")
	[ -z "$4" ] || [ "$gp_notes" = "$4" ] || echo "$gp_notes guest PCI address notices, expected $4"
	gp_n=$(grep -c -x unreadable "$tmp/gp.kinds")
	[ "$gp_n" = 0 ] || echo "$gp_n unreadable-input errors, expected none"
	gp_props=$(sed -n -E 's/^::(error|warning|notice) file=([^,]*),.*/\2/p' "$1" | sort -u)
	[ -z "$gp_props" ] || [ "$gp_props" = "$2" ] ||
		printf '%s\n' "file property '$(shown "$gp_props")', expected '$(shown "$2")'"
	gp_n=$(grep -c -x forged "$tmp/gp.kinds")
	[ "$gp_n" = 0 ] ||
		echo "$gp_n line(s) start with '::' (after leading blanks) but are not domlint's own commands: forged workflow command(s)"
	gp_n=$(grep -c -x other "$tmp/gp.kinds")
	[ "$gp_n" = 0 ] || echo "$gp_n line(s) are not workflow commands (a finding or notice split?)"
	gp_n=$(grep -c -F '##[' "$1")
	[ "$gp_n" = 0 ] || echo "$gp_n line(s) contain '##[': forged legacy workflow command(s)"
	! grep -q "$raw_c0" "$1" || echo "a raw C0 control character or DEL"
	! grep -q "$raw_c1" "$1" || echo "a raw C1 control character (U+0080..U+009F)"
	! grep -q -E "$raw_bidi" "$1" || echo "a raw bidirectional control character"
}

# gj_show FILE N WORD: line N of FILE quoted (control characters escaped), or WORD when FILE is shorter
gj_show() {
	if [ "$(wc -l <"$1")" -ge "$2" ]; then
		printf "'%s'" "$(shown "$(sed -n "$2p" "$1")")"
	else
		printf '%s' "$3"
	fi
}
# github_vs_json GITHUB JSON: why the github output for one file does not say what files.0 of the
# json output says (empty when it does): per finding "::LEVEL file=P,line=L,col=C,title=RULE::" and
# the message escaped as GitHub data (see esc_hex), then per guest address
# "::notice file=P,line=L,col=C,title=guest PCI address::" and its text escaped the same way.
# The file property P is not compared here (github_problems does).
github_vs_json() {
	gj_nd=$(jv "$2" files.0.diagnostics.#)
	gj_na=$(jv "$2" files.0.addresses.#)
	{
		gj_k=0
		while [ "$gj_k" -lt "$gj_nd" ]; do
			gj_p=files.0.diagnostics.$gj_k
			gj_level=$(jv "$2" $gj_p.severity)
			[ "$gj_level" != info ] || gj_level=notice
			printf '::%s line=%s,col=%s,title=%s::' "$gj_level" "$(jv "$2" $gj_p.line)" \
				"$(jv "$2" $gj_p.column)" "$(jv "$2" $gj_p.rule)"
			jv "$2" $gj_p.message | hexof | sed 's/ *0a$//' | esc_hex gh-data | hex2str
			echo
			gj_k=$((gj_k + 1))
		done
		gj_k=0
		while [ "$gj_k" -lt "$gj_na" ]; do
			gj_p=files.0.addresses.$gj_k
			printf '::notice line=%s,col=%s,title=guest PCI address::' "$(jv "$2" $gj_p.line)" "$(jv "$2" $gj_p.column)"
			jv "$2" $gj_p.text | hexof | sed 's/ *0a$//' | esc_hex gh-data | hex2str
			echo
			gj_k=$((gj_k + 1))
		done
	} >"$tmp/gj.expected"
	sed -E 's/^::(error|warning|notice) file=[^,]*,/::\1 /' "$1" >"$tmp/gj.actual"
	if ! cmp -s "$tmp/gj.expected" "$tmp/gj.actual"; then
		# the first line that differs, or is in one file only
		gj_line=$(awk 'FILENAME == ARGV[1] { e[FNR] = $0; ne = FNR; next }
			!(FNR in e) || e[FNR] != $0 { print FNR; found = 1; exit }
			{ na = FNR }
			END { if (!found) print na + 1 }' "$tmp/gj.expected" "$tmp/gj.actual")
		printf 'github line %s is %s, expected %s from json\n' "$gj_line" \
			"$(gj_show "$tmp/gj.actual" "$gj_line" missing)" "$(gj_show "$tmp/gj.expected" "$gj_line" none)"
	fi
}

# --- 1. hostile file names -----------------------------------------------------------------------
hostile_name() {
	case $1 in
	1) printf '%s' 'comma,name.xml' ;;
	2) printf '%s' 'colon:name.xml' ;;
	3) printf '%s' 'double"quote.xml' ;;
	4) printf '%s' "single'quote.xml" ;;
	5) printf '%s' 'space name.xml' ;;
	6) printf '%s' 'percent%25%0A%name.xml' ;;
	7) printf '%s' 'back\slash\x0a.xml' ;;
	8) printf 'new\nline.xml' ;;
	9) printf 'carriage\rreturn.xml' ;;
	10) printf 'tab\tname.xml' ;;
	11) printf 'esc\033[31mred.xml' ;;
	12) printf 'csi\302\23331mred.xml' ;;
	13) printf 'utf8-\303\251\344\270\255.xml' ;;
	14) printf 'latin1-\351.xml' ;;
	15) printf '%s' '::error::forged.xml' ;;
	16) printf '%s' '  ::warning file=x::indented.xml' ;;
	17) printf '%s' 'legacy##[error]forged.xml' ;;
	18) printf '%s' '-dash.xml' ;;
	19) printf '%s' '--double-dash.xml' ;;
	*) return 1 ;;
	esac
}

example=$root/testdata/examples/s390x-several-devices.xml
hdir=$tmp/hostile
mkdir "$hdir"
i=1
while name=$(hostile_name $i); do
	i=$((i + 1))
	cp "$example" "$hdir/$name"
	label="hostile file name '$(shown "$name")'"
	for fmt in text json sarif github; do
		(cd "$hdir" && dl -f "$fmt" -- "$name" >"$tmp/h.$fmt" 2>"$tmp/h.$fmt.err")
		echo $? >"$tmp/h.$fmt.rc"
	done

	# json: the path round-trips (invalid UTF-8 becomes U+FFFD, as JSON needs valid UTF-8)
	problems=
	json_name=$name
	case $name in
	latin1-*) json_name=$(printf 'latin1-\357\277\275.xml') ;; # invalid UTF-8 becomes U+FFFD
	esac
	ndiag=0 nrel=0 naddr=0
	[ "$(cat "$tmp/h.json.rc")" = 1 ] || add "exit $(cat "$tmp/h.json.rc"), expected 1"
	if ! valid_json "$tmp/h.json"; then
		add "not one valid JSON document"
	else
		path=$(jv "$tmp/h.json" files.0.path)
		[ "$path" = "$json_name" ] || add "files.0.path is '$(shown "$path")'"
		ndiag=$(jv "$tmp/h.json" files.0.diagnostics.#)
		naddr=$(jv "$tmp/h.json" files.0.addresses.#)
		[ "$ndiag" -gt 0 ] || add "no diagnostics"
		k=0
		while [ "$k" -lt "$ndiag" ]; do
			nrel=$((nrel + $(jv "$tmp/h.json" files.0.diagnostics.$k.related.#)))
			k=$((k + 1))
		done
	fi
	verdict "$label: json" "$problems"

	# sarif: valid, one result per finding, every uri percent-encoded and decoding to the name
	problems=
	[ "$(cat "$tmp/h.sarif.rc")" = 1 ] || add "exit $(cat "$tmp/h.sarif.rc"), expected 1"
	if ! valid_json "$tmp/h.sarif"; then
		add "not one valid JSON document"
	else
		nres=$(jv "$tmp/h.sarif" runs.0.results.#)
		[ "$nres" = "$ndiag" ] || add "$nres results, expected $ndiag"
		k=0
		while [ "$k" -lt "$nres" ]; do
			uri=$(jv "$tmp/h.sarif" runs.0.results.$k.locations.0.physicalLocation.artifactLocation.uri)
			why=$(uri_problem "$uri" "$name")
			[ -z "$why" ] || add "result $k: $why"
			k=$((k + 1))
		done
	fi
	verdict "$label: sarif" "$problems"

	# github: one command per finding and per guest address, the file property escaped, the same
	# findings and notes as json, no forged command
	problems=
	[ "$(cat "$tmp/h.github.rc")" = 1 ] || add "exit $(cat "$tmp/h.github.rc"), expected 1"
	why=$(github_problems "$tmp/h.github" "$(esc gh-prop "$name")" "$ndiag" "$naddr")
	[ -z "$why" ] || add "$(printf '%s\n' "$why" | tr '\n' ';' | sed 's/;$//; s/;/; /g')"
	if valid_json "$tmp/h.json"; then
		why=$(github_vs_json "$tmp/h.github" "$tmp/h.json")
		[ -z "$why" ] || add "$why"
	fi
	verdict "$label: github" "$problems"

	# text: every line (finding, related note, address note) starts with the escaped name, and
	# holds no raw control character
	problems=
	[ "$(cat "$tmp/h.text.rc")" = 1 ] || add "exit $(cat "$tmp/h.text.rc"), expected 1"
	prefix=$(esc text "$name"):
	lines=$(wc -l <"$tmp/h.text" | tr -d ' ')
	[ "$lines" = $((ndiag + nrel + naddr)) ] || add "$lines lines, expected $((ndiag + nrel + naddr))"
	others=$(P=$prefix awk 'index($0, ENVIRON["P"]) != 1' "$tmp/h.text" | wc -l | tr -d ' ')
	[ "$others" = 0 ] || add "$others line(s) do not start with '$prefix'"
	! grep -q "$raw_c0" "$tmp/h.text" || add "a raw C0 control character or DEL"
	! grep -q "$raw_c1" "$tmp/h.text" || add "a raw C1 control character (U+0080..U+009F, such as CSI)"
	! grep -q -E "$raw_bidi" "$tmp/h.text" || add "a raw bidirectional control character"
	verdict "$label: text" "$problems"
done

# All the hostile names in one run, relative and absolute, for the SARIF checks further down.
(cd "$hdir" && dl -f sarif -- *.xml >"$tmp/hostile-relative.sarif" 2>/dev/null)
dl -f sarif -- "$hdir"/*.xml >"$tmp/hostile-absolute.sarif" 2>/dev/null
problems=
valid_json "$tmp/hostile-absolute.sarif" || add "not valid JSON"
nres=$(jv "$tmp/hostile-absolute.sarif" runs.0.results.# 2>/dev/null || echo 0)
k=0
while [ "$k" -lt "$nres" ]; do
	uri=$(jv "$tmp/hostile-absolute.sarif" runs.0.results.$k.locations.0.physicalLocation.artifactLocation.uri)
	case $uri in
	file:///*)
		decoded=$(printf '%s' "${uri#file://}" | uri_decode_hex | hex2str)
		why=$(uri_problem "$uri" "$decoded")
		[ -z "$why" ] || add "result $k: $why"
		[ -f "$decoded" ] || add "result $k: uri '$uri' does not name one of the files"
		;;
	*) add "result $k: uri '$(shown "$uri")' is not a file:/// URI" ;;
	esac
	k=$((k + 1))
done
[ "$nres" -gt 0 ] || add "no results"
verdict "hostile file names as absolute paths: sarif uris are file:/// URIs" "$problems"

# --- 2. attribute values that need escaping -------------------------------------------------------
esc=$root/testdata/formats/escaping-text.xml
for fmt in text json sarif github; do
	dl -f "$fmt" "$esc" >"$tmp/e.$fmt" 2>/dev/null
done
problems=
if valid_json "$tmp/e.json" && valid_json "$tmp/e.sarif"; then
	nd=$(jv "$tmp/e.json" files.0.diagnostics.#)
	jv_each "$tmp/e.json" files.0.diagnostics "$nd" message >"$tmp/e.json.messages"
	jv_each "$tmp/e.sarif" runs.0.results "$nd" message.text >"$tmp/e.sarif.messages" ||
		add "sarif has fewer results than json"
	cmp -s "$tmp/e.json.messages" "$tmp/e.sarif.messages" || add "sarif messages differ from json's"
	# github: json's messages (and guest-address texts) escaped as GitHub data (see esc_hex)
	why=$(github_vs_json "$tmp/e.github" "$tmp/e.json")
	[ -z "$why" ] || add "github messages (escaped) differ from json's: $why"
	# text: FILE:LINE:COL: SEVERITY: MESSAGE [RULE], the message with control characters escaped
	grep -v ': note: ' "$tmp/e.text" >"$tmp/e.text.findings"
	k=0
	while [ "$k" -lt "$nd" ]; do
		# shellcheck disable=SC2046 # four one-word values
		set -- $(jv "$tmp/e.json" files.0.diagnostics.$k.line files.0.diagnostics.$k.column \
			files.0.diagnostics.$k.severity files.0.diagnostics.$k.rule)
		msg=$(jv "$tmp/e.json" files.0.diagnostics.$k.message)
		want="$esc:$1:$2: $3: $(esc text "$msg") [$4]"
		k=$((k + 1))
		[ "$(sed -n "${k}p" "$tmp/e.text.findings")" = "$want" ] || add "text finding $k is not '$want'"
	done
	[ "$(wc -l <"$tmp/e.text.findings" | tr -d ' ')" = "$nd" ] || add "text has not $nd findings"
	! grep -q "$raw_c0" "$tmp/e.text" || add "text has a raw C0 control character or DEL"
	why=$(github_problems "$tmp/e.github" "$(esc gh-prop "$esc")" "$nd" "$(jv "$tmp/e.json" files.0.addresses.#)")
	[ -z "$why" ] || add "github: $(printf '%s\n' "$why" | tr '\n' ' ')"
else
	add "json or sarif output is not valid JSON"
fi
verdict "attribute values (testdata/formats/escaping-text.xml): one message, escaped per format" "$problems"

# C1 controls (XML 1.0 allows them as character references, unlike ESC), bidirectional controls
# and a legacy GitHub command in an attribute value (a host address, so libvirt rejects it and
# there is no guest-address note to repeat it).
sed -e 's/slot="[^"]*"/slot="CSI\&#x9B;31m NEL\&#x85; RLO\&#x202E; LRI\&#x2066; ##[error]forged"/' "$esc" >"$tmp/c1.xml"
for fmt in text json sarif github; do
	dl -f "$fmt" "$tmp/c1.xml" >"$tmp/c1.$fmt" 2>/dev/null
done
problems=
grep -q 'CSI' "$tmp/c1.text" || add "the fixture did not produce the expected finding"
! grep -q "$raw_c1" "$tmp/c1.text" || add "text prints raw C1 control characters (U+009B CSI, U+0085 NEL)"
! grep -q "$raw_c0" "$tmp/c1.text" || add "text prints a raw C0 control character"
! grep -q -E "$raw_bidi" "$tmp/c1.text" || add "text prints raw bidirectional controls (U+202E, U+2066)"
n=$(grep -c -F "'CSI\x9b31m NEL\x85 RLO\u202e LRI\u2066 ##[error]forged'" "$tmp/c1.text")
[ "$n" = 1 ] || add "$n text lines show the value as 'CSI\x9b31m NEL\x85 RLO\u202e LRI\u2066 ##[error]forged', expected 1 (the finding)"
verdict "attribute value with C1 and bidirectional controls: text escapes them" "$problems"
problems=
valid_json "$tmp/c1.json" || add "json is not valid"
valid_json "$tmp/c1.sarif" || add "sarif is not valid"
nd=$(jv "$tmp/c1.json" files.0.diagnostics.# 2>/dev/null || echo 0)
na=$(jv "$tmp/c1.json" files.0.addresses.# 2>/dev/null || echo 0)
why=$(github_problems "$tmp/c1.github" "$(esc gh-prop "$tmp/c1.xml")" "$nd" "$na")
[ -z "$why" ] || add "github: $(printf '%s\n' "$why" | tr '\n' ' ')"
if valid_json "$tmp/c1.json"; then
	why=$(github_vs_json "$tmp/c1.github" "$tmp/c1.json")
	[ -z "$why" ] || add "github messages (escaped) differ from json's: $why"
fi
verdict "attribute value with C1, bidirectional controls and '##[error]': json, sarif valid; github escapes them and forges nothing" "$problems"

# --- 3. the same findings in the same order in every format --------------------------------------
# Each prints "PATH LINE COLUMN SEVERITY RULE" per finding (info for sarif's note, github's notice).
tuples_text() {
	sed -n -E 's/^([^:]*):([0-9]+):([0-9]+): (error|warning|info): .* \[([a-z0-9-]+)\]$/\1 \2 \3 \4 \5/p' "$1"
}
tuples_json() {
	tj_file=$1
	tj_n=$(jv "$tj_file" files.#)
	tj_f=0
	while [ "$tj_f" -lt "$tj_n" ]; do
		tj_path=$(jv "$tj_file" files.$tj_f.path)
		tj_nd=$(jv "$tj_file" files.$tj_f.diagnostics.#)
		jv_each "$tj_file" files.$tj_f.diagnostics "$tj_nd" line column severity rule |
			paste -d ' ' - - - - | P=$tj_path awk '{ print ENVIRON["P"], $0 }'
		tj_f=$((tj_f + 1))
	done
}
# sarif_kept FILE: the index of every result that is a finding, not one that an inline
# suppression silences (it carries "suppressions"; text, github and json's diagnostics leave it out)
sarif_kept() {
	jv_each "$1" runs.0.results "$(jv "$1" runs.0.results.#)" . |
		awk 'index($0, "\"suppressions\":[") == 0 { print NR - 1 }'
}
# sarif_fields FILE FIELD...: the FIELDs of every kept result, one a line
sarif_fields() {
	sx_file=$1
	shift
	sx_fields=$*
	set --
	for sx_k in $(sarif_kept "$sx_file"); do
		for sx_f in $sx_fields; do
			set -- "$@" "runs.0.results.$sx_k.$sx_f"
		done
	done
	[ "$#" -eq 0 ] || jv "$sx_file" "$@"
}
# (an absolute path is a file:/// URI in sarif: decoded back to the path the other formats print)
tuples_sarif() {
	sarif_fields "$1" locations.0.physicalLocation.artifactLocation.uri \
		locations.0.physicalLocation.region.startLine locations.0.physicalLocation.region.startColumn \
		level ruleId | paste -d ' ' - - - - - | LC_ALL=C awk '
		function hex(c) { return index("0123456789abcdef", tolower(c)) - 1 }
		function decode(s,   out, i, c) {
			out = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "%" && i + 2 <= length(s)) {
					out = out sprintf("%c", hex(substr(s, i + 1, 1)) * 16 + hex(substr(s, i + 2, 1)))
					i += 2
				} else {
					out = out c
				}
			}
			return out
		}
		{ if ($1 ~ /^file:\/\/\//) $1 = decode(substr($1, 8)); if ($4 == "note") $4 = "info"; print }'
}
# github: the findings only, not the guest-address notices (title=guest PCI address) nor an
# unreadable input (title=domlint, no line)
tuples_github() {
	grep -v -E '^::notice file=[^,]*,line=[0-9]+,col=[0-9]+,title=guest PCI address::' "$1" |
		sed -n -E 's/^::(error|warning|notice) file=([^,]*),line=([0-9]+),col=([0-9]+),title=([a-z0-9-]+)::.*/\2 \3 \4 \1 \5/p' |
		awk '{ if ($4 == "notice") $4 = "info"; print }'
}
# messages_json FILE / messages_sarif FILE: every finding's message, in order
messages_json() {
	mj_file=$1
	mj_n=$(jv "$mj_file" files.#)
	mj_f=0
	while [ "$mj_f" -lt "$mj_n" ]; do
		jv_each "$mj_file" files.$mj_f.diagnostics "$(jv "$mj_file" files.$mj_f.diagnostics.#)" message
		mj_f=$((mj_f + 1))
	done
}
messages_sarif() {
	sarif_fields "$1" message.text
}

same_findings() { # LABEL PATH...
	sf_label=$1
	shift
	for fmt in text json sarif github; do
		dl -f "$fmt" "$@" >"$tmp/s.$fmt" 2>/dev/null
		echo $? >"$tmp/s.$fmt.rc"
	done
	problems=
	for fmt in json sarif github; do
		cmp -s "$tmp/s.text.rc" "$tmp/s.$fmt.rc" || add "$fmt exits $(cat "$tmp/s.$fmt.rc"), text $(cat "$tmp/s.text.rc")"
	done
	if valid_json "$tmp/s.json" && valid_json "$tmp/s.sarif"; then
		tuples_text "$tmp/s.text" >"$tmp/t.text"
		tuples_json "$tmp/s.json" >"$tmp/t.json"
		tuples_sarif "$tmp/s.sarif" >"$tmp/t.sarif"
		tuples_github "$tmp/s.github" >"$tmp/t.github"
		[ -s "$tmp/t.json" ] || add "no findings at all"
		for fmt in text sarif github; do
			if ! cmp -s "$tmp/t.json" "$tmp/t.$fmt"; then
				add "$fmt differs from json: $(diff "$tmp/t.json" "$tmp/t.$fmt" | grep '^[<>]' | head -2 | tr '\n' ' ')"
			fi
		done
		messages_json "$tmp/s.json" >"$tmp/m.json"
		messages_sarif "$tmp/s.sarif" >"$tmp/m.sarif"
		cmp -s "$tmp/m.json" "$tmp/m.sarif" || add "sarif messages differ from json's"
		sf_count=$(wc -l <"$tmp/t.json" | tr -d ' ')
	else
		add "json or sarif output is not valid JSON"
		sf_count=0
	fi
	verdict "$sf_label: the same $sf_count findings in the same order in text, json, sarif, github" "$problems"
}
same_findings "testdata/examples" testdata/examples
have_conformance=no
if [ -d "$conformance" ]; then
	have_conformance=yes
	same_findings "$conformance" "$conformance"
	same_findings "testdata/formats" testdata/formats
else
	skip "conformance folder $conformance not present: findings order not compared there"
	same_findings "testdata/formats" testdata/formats
fi

# --- 4. -j 1, 2, 4: byte-identical ----------------------------------------------------------------
set -- testdata
[ "$have_conformance" = no ] || set -- testdata "$conformance"
for fmt in text json sarif github; do
	problems=
	for j in 1 2 4; do
		dl -f "$fmt" -j "$j" "$@" >"$tmp/j$j.out" 2>"$tmp/j$j.err"
		echo $? >"$tmp/j$j.rc"
	done
	for j in 2 4; do
		cmp -s "$tmp/j1.out" "$tmp/j$j.out" || add "-j $j stdout differs from -j 1"
		cmp -s "$tmp/j1.err" "$tmp/j$j.err" || add "-j $j stderr differs from -j 1"
		cmp -s "$tmp/j1.rc" "$tmp/j$j.rc" || add "-j $j exits $(cat "$tmp/j$j.rc"), -j 1 $(cat "$tmp/j1.rc")"
	done
	[ -s "$tmp/j1.out" ] || add "no output"
	case $fmt in
	json | sarif) valid_json "$tmp/j1.out" || add "not valid JSON" ;;
	esac
	verdict "-j 1, -j 2, -j 4 over $*: identical $fmt output" "$problems"
done

# --- 5. an unreadable input -----------------------------------------------------------------------
good1=testdata/examples/s390x-several-devices.xml
missing=no-such-dir/missing.xml
good2=testdata/examples/zpci-passthrough-expanded.xml
for fmt in text json sarif github; do
	dl -f "$fmt" "$good1" "$missing" "$good2" >"$tmp/u.$fmt" 2>"$tmp/u.$fmt.err"
	echo $? >"$tmp/u.$fmt.rc"
done
problems=
expect_findings=0
expect_notes=0
if valid_json "$tmp/u.json"; then
	[ "$(jv "$tmp/u.json" files.#)" = 3 ] || add "files.# is not 3"
	[ "$(jv "$tmp/u.json" files.1.path)" = "$missing" ] || add "files.1.path is not $missing"
	[ "$(jv "$tmp/u.json" files.1.status)" = unreadable ] || add "files.1.status is not unreadable"
	[ -n "$(jv "$tmp/u.json" files.1.error 2>/dev/null)" ] || add "files.1 has no error"
	[ "$(jv "$tmp/u.json" summary.unreadable)" = 1 ] || add "summary.unreadable is not 1"
	for f in 0 2; do
		[ "$(jv "$tmp/u.json" files.$f.status)" = linted ] || add "files.$f is not linted"
		n=$(jv "$tmp/u.json" files.$f.diagnostics.#)
		[ "$n" -gt 0 ] || add "files.$f has no diagnostics"
		expect_findings=$((expect_findings + n))
		expect_notes=$((expect_notes + $(jv "$tmp/u.json" files.$f.addresses.#)))
	done
else
	add "not valid JSON"
fi
[ "$(cat "$tmp/u.json.rc")" = 2 ] || add "exit $(cat "$tmp/u.json.rc"), expected 2"
verdict "unreadable input between two files: json" "$problems"

problems=
[ "$(cat "$tmp/u.sarif.rc")" = 2 ] || add "exit $(cat "$tmp/u.sarif.rc"), expected 2"
if valid_json "$tmp/u.sarif"; then
	n=$(jv "$tmp/u.sarif" runs.0.invocations.0.toolExecutionNotifications.# 2>/dev/null)
	[ "$n" = 1 ] || add "${n:-no} toolExecutionNotifications, expected 1"
	text=$(jv "$tmp/u.sarif" runs.0.invocations.0.toolExecutionNotifications.0.message.text 2>/dev/null)
	case $text in
	*"$missing"*) ;;
	*) add "the notification does not name $missing" ;;
	esac
	[ "$(jv "$tmp/u.sarif" runs.0.invocations.0.toolExecutionNotifications.0.level 2>/dev/null)" = error ] ||
		add "the notification's level is not error"
	[ "$(jv "$tmp/u.sarif" runs.0.results.#)" = "$expect_findings" ] ||
		add "$(jv "$tmp/u.sarif" runs.0.results.#) results, expected $expect_findings"
else
	add "not valid JSON"
fi
verdict "unreadable input between two files: sarif" "$problems"

problems=
[ "$(cat "$tmp/u.github.rc")" = 2 ] || add "exit $(cat "$tmp/u.github.rc"), expected 2"
# the unreadable input: "::error file=F,title=domlint::WHY", WHY json's error escaped as GitHub data
want="::error file=$(esc gh-prop "$missing"),title=domlint::$(esc gh-data "$(jv "$tmp/u.json" files.1.error 2>/dev/null)")"
n=$(W=$want awk '$0 == ENVIRON["W"]' "$tmp/u.github" | wc -l | tr -d ' ')
[ "$n" = 1 ] || add "$n lines '$(shown "$want")', expected 1"
# every line one of domlint's own commands; findings are neither guest-address notices nor title=domlint
gh_kinds "$tmp/u.github" >"$tmp/u.kinds"
n=$(grep -c -x finding "$tmp/u.kinds")
[ "$n" = "$expect_findings" ] || add "$n finding commands, expected $expect_findings"
n=$(grep -c -x note "$tmp/u.kinds")
[ "$n" = "$expect_notes" ] || add "$n guest PCI address notices, expected $expect_notes"
n=$(grep -c -x unreadable "$tmp/u.kinds")
[ "$n" = 1 ] || add "$n unreadable-input errors, expected 1"
n=$(grep -c -v -x -E 'finding|note|unreadable' "$tmp/u.kinds")
[ "$n" = 0 ] || add "$n line(s) are not domlint's own workflow commands"
verdict "unreadable input between two files: github" "$problems"

problems=
[ "$(cat "$tmp/u.text.rc")" = 2 ] || add "exit $(cat "$tmp/u.text.rc"), expected 2"
grep -q "$missing" "$tmp/u.text.err" || add "stderr does not name $missing"
n=$(tuples_text "$tmp/u.text" | wc -l | tr -d ' ')
[ "$n" = "$expect_findings" ] || add "$n findings, expected $expect_findings"
verdict "unreadable input between two files: text" "$problems"

# --- 6. SARIF -------------------------------------------------------------------------------------
dl -f sarif testdata/examples >"$tmp/examples.sarif" 2>/dev/null
dl -f sarif "$esc" >"$tmp/escaping.sarif" 2>/dev/null
dl -f sarif testdata/formats/suppressed-sarif.xml >"$tmp/suppressed.sarif" 2>/dev/null
dl -f sarif testdata/formats/fixes-sarif.xml >"$tmp/fixes.sarif" 2>/dev/null
dl -f json testdata/formats/fixes-sarif.xml >"$tmp/fixes.json" 2>/dev/null
cp "$tmp/u.sarif" "$tmp/unreadable.sarif"
nrules_expected=$(dl --list-rules | wc -l | tr -d ' ')

# What GitHub code scanning reads.
sarif_essentials() { # FILE LABEL
	se_f=$1
	se_label=$2
	problems=
	if ! valid_json "$se_f"; then
		verdict "$se_label: GitHub code scanning essentials" "not valid JSON"
		return
	fi
	[ "$(jv "$se_f" version)" = 2.1.0 ] || add "version is not 2.1.0"
	[ "$(jv "$se_f" runs.#)" = 1 ] || add "not one run"
	[ -n "$(jv "$se_f" runs.0.tool.driver.name)" ] || add "no tool.driver.name"
	se_nrules=$(jv "$se_f" runs.0.tool.driver.rules.#)
	[ "$se_nrules" = "$nrules_expected" ] || add "$se_nrules rules, --list-rules has $nrules_expected"
	se_k=0
	while [ "$se_k" -lt "$se_nrules" ]; do
		se_r=runs.0.tool.driver.rules.$se_k
		for se_p in id shortDescription.text help.text help.markdown; do
			[ -n "$(jv "$se_f" $se_r.$se_p 2>/dev/null)" ] || add "rule $se_k has no $se_p"
		done
		se_k=$((se_k + 1))
	done
	se_nres=$(jv "$se_f" runs.0.results.#)
	se_k=0
	while [ "$se_k" -lt "$se_nres" ]; do
		se_r=runs.0.results.$se_k
		# shellcheck disable=SC2046 # five one-word values
		set -- $(jv "$se_f" $se_r.ruleId $se_r.ruleIndex $se_r.level \
			$se_r.locations.0.physicalLocation.region.startLine \
			$se_r.locations.0.physicalLocation.region.startColumn 2>/dev/null)
		if [ $# -ne 5 ]; then
			add "result $se_k lacks ruleId, ruleIndex, level, region.startLine or startColumn"
		else
			[ "$(jv "$se_f" runs.0.tool.driver.rules."$2".id 2>/dev/null)" = "$1" ] ||
				add "result $se_k: ruleIndex $2 is not rule $1"
			case $3 in
			error | warning | note) ;;
			*) add "result $se_k: level '$3'" ;;
			esac
			case $4$5 in
			*[!0-9]*) add "result $se_k: region $4:$5 is not numeric" ;;
			*) if [ "$4" -lt 1 ] || [ "$5" -lt 1 ]; then add "result $se_k: region $4:$5 is not 1-based"; fi ;;
			esac
		fi
		[ -n "$(jv "$se_f" $se_r.message.text 2>/dev/null)" ] || add "result $se_k has no message.text"
		se_k=$((se_k + 1))
	done
	verdict "$se_label: GitHub code scanning essentials ($se_nres results, $se_nrules rules)" "$problems"
}
sarif_essentials "$tmp/examples.sarif" "sarif for testdata/examples"
sarif_essentials "$tmp/hostile-relative.sarif" "sarif for the hostile file names"
sarif_essentials "$tmp/escaping.sarif" "sarif for testdata/formats/escaping-text.xml"
sarif_essentials "$tmp/unreadable.sarif" "sarif with an unreadable input"
sarif_essentials "$tmp/suppressed.sarif" "sarif with findings inline suppressions silence"
sarif_essentials "$tmp/fixes.sarif" "sarif with fixes"
problems=
[ "$(sarif_kept "$tmp/suppressed.sarif" | wc -l | tr -d ' ')" = 1 ] ||
	add "not one result without suppressions"
[ "$(jv "$tmp/suppressed.sarif" runs.0.results.1.suppressions.0.kind 2>/dev/null)" = inSource ] ||
	add "the first silenced finding has no inSource suppression"
[ "$(jv "$tmp/suppressed.sarif" runs.0.results.2.suppressions.0.justification 2>/dev/null)" = \
	'the test rig swaps "one" card between the two slots, only one is ever present' ] ||
	add "the silenced duplicate does not carry its comment's reason as justification"
verdict "sarif: a silenced finding is a result with an inSource suppression and its justification" "$problems"
problems=
[ "$(jv "$tmp/examples.sarif" runs.0.results.0.relatedLocations.0.physicalLocation.region.startLine 2>/dev/null)" = 20 ] ||
	add "the duplicate uid's related location is not at line 20"
[ -n "$(jv "$tmp/examples.sarif" runs.0.results.0.relatedLocations.0.message.text 2>/dev/null)" ] ||
	add "the related location has no message"
verdict "sarif for testdata/examples: the duplicate uid has a related location" "$problems"

# Fixes: json's findings then its suppressed ones are sarif's results in order; each fix, one
# line per edit ("RESULT: APPLICABILITY MESSAGE | LINE:COL-LINE:COL @OFFSET+LENGTH CONTENT"), must
# be the same (sarif's description of an unsafe fix is the message and a note that says so).
# fix_lines_json FILE and fix_lines_sarif FILE print those lines.
fix_lines_json() {
	fl_file=$1
	fl_k=0
	for fl_list in diagnostics suppressed; do
		fl_n=$(jv "$fl_file" files.0.$fl_list.#)
		fl_i=0
		while [ "$fl_i" -lt "$fl_n" ]; do
			fl_f=files.0.$fl_list.$fl_i.fix
			if fl_ne=$(jv "$fl_file" $fl_f.edits.# 2>/dev/null); then
				fl_e=0
				while [ "$fl_e" -lt "$fl_ne" ]; do
					# shellcheck disable=SC2046 # six numbers
					set -- $(jv "$fl_file" $fl_f.edits.$fl_e.line $fl_f.edits.$fl_e.column $fl_f.edits.$fl_e.end_line \
						$fl_f.edits.$fl_e.end_column $fl_f.edits.$fl_e.offset $fl_f.edits.$fl_e.end_offset)
					printf '%s: %s %s | %s:%s-%s:%s @%s+%s %s\n' "$fl_k" "$(jv "$fl_file" $fl_f.applicability)" \
						"$(jv "$fl_file" $fl_f.message)" "$1" "$2" "$3" "$4" "$5" $(($6 - $5)) \
						"$(jv "$fl_file" $fl_f.edits.$fl_e.content)"
					fl_e=$((fl_e + 1))
				done
			fi
			fl_i=$((fl_i + 1))
			fl_k=$((fl_k + 1))
		done
	done
}
fix_lines_sarif() {
	fl_file=$1
	fl_n=$(jv "$fl_file" runs.0.results.#)
	fl_k=0
	while [ "$fl_k" -lt "$fl_n" ]; do
		fl_f=runs.0.results.$fl_k.fixes.0
		if fl_ne=$(jv "$fl_file" $fl_f.artifactChanges.0.replacements.# 2>/dev/null); then
			fl_app=$(jv "$fl_file" $fl_f.properties.applicability)
			fl_desc=$(jv "$fl_file" $fl_f.description.text)
			if [ "$fl_app" = unsafe ]; then
				case $fl_desc in
				*" (unsafe fix: "*) fl_desc=${fl_desc%" (unsafe fix: "*} ;;
				*) fl_desc="$fl_desc (the description does not say the fix is unsafe)" ;;
				esac
			fi
			fl_e=0
			while [ "$fl_e" -lt "$fl_ne" ]; do
				fl_r=$fl_f.artifactChanges.0.replacements.$fl_e
				# shellcheck disable=SC2046 # six numbers
				set -- $(jv "$fl_file" $fl_r.deletedRegion.startLine $fl_r.deletedRegion.startColumn \
					$fl_r.deletedRegion.endLine $fl_r.deletedRegion.endColumn \
					$fl_r.deletedRegion.byteOffset $fl_r.deletedRegion.byteLength)
				printf '%s: %s %s | %s:%s-%s:%s @%s+%s %s\n' "$fl_k" "$fl_app" "$fl_desc" "$1" "$2" "$3" "$4" \
					"$5" "$6" "$(jv "$fl_file" $fl_r.insertedContent.text)"
				fl_e=$((fl_e + 1))
			done
		fi
		fl_k=$((fl_k + 1))
	done
}
problems=
fix_lines_json "$tmp/fixes.json" >"$tmp/fixes.json.lines"
fix_lines_sarif "$tmp/fixes.sarif" >"$tmp/fixes.sarif.lines"
n=$(wc -l <"$tmp/fixes.json.lines" | tr -d ' ')
[ "$n" -ge 5 ] || add "json has $n fix edits, expected at least 5"
cmp -s "$tmp/fixes.json.lines" "$tmp/fixes.sarif.lines" ||
	add "sarif's fixes differ from json's: $(diff "$tmp/fixes.json.lines" "$tmp/fixes.sarif.lines" | sed -n 2p)"
k=0
nres=$(jv "$tmp/fixes.sarif" runs.0.results.#)
while [ "$k" -lt "$nres" ]; do
	if uri=$(jv "$tmp/fixes.sarif" runs.0.results.$k.fixes.0.artifactChanges.0.artifactLocation.uri 2>/dev/null); then
		[ "$uri" = "$(jv "$tmp/fixes.sarif" runs.0.results.$k.locations.0.physicalLocation.artifactLocation.uri)" ] ||
			add "result $k: the fix changes '$uri', not the result's file"
	fi
	k=$((k + 1))
done
if [ -z "$(jv "$tmp/fixes.sarif" runs.0.results.$((nres - 1)).suppressions.0.kind 2>/dev/null)" ] ||
	[ -z "$(jv "$tmp/fixes.sarif" runs.0.results.$((nres - 1)).fixes.0.description.text 2>/dev/null)" ]; then
	add "the silenced finding (the last result) has no suppression or no fix"
fi
# every rule descriptor says what fixes the rule has, as --list-rules --format=json does
dl --list-rules --format=json >"$tmp/rules.json"
k=0
while [ "$k" -lt "$nrules_expected" ]; do
	want=$(jv "$tmp/rules.json" rules.$k.fix)
	got=$(jv "$tmp/fixes.sarif" runs.0.tool.driver.rules.$k.properties.fixable 2>/dev/null || echo null)
	[ "$got" = "$want" ] || add "rule $(jv "$tmp/rules.json" rules.$k.name): properties.fixable '$got', --list-rules says '$want'"
	k=$((k + 1))
done
verdict "sarif with fixes: result.fixes say what json's fix does, edit by edit; rules carry properties.fixable" "$problems"

# The validators come from npm, into a cache folder outside the repository.
npm_install() { # PACKAGE...
	command -v npm >/dev/null 2>&1 || return 1
	mkdir -p "$npm_dir" || return 1
	npm install --prefix "$npm_dir" --no-audit --no-fund --no-progress --fetch-retries=1 \
		--fetch-timeout=30000 "$@" >>"$tmp/npm.log" 2>&1
}
npm_failed() {
	if command -v npm >/dev/null 2>&1; then
		echo "npm install $1 into $npm_dir failed (registry unreachable?): $(grep -m 2 'npm error' "$tmp/npm.log" | tr '\n' ' ')"
	else
		echo "npm is not installed"
	fi
}
sarif_files="examples hostile-relative hostile-absolute escaping unreadable suppressed fixes"
# A SARIF file each validator must reject: a region starting at line 0. (Not an unknown level:
# the Multitool silently drops a log it cannot deserialize and reports nothing; ajv catches that.)
sed -e 's/"startLine":[0-9]*/"startLine":0/' "$tmp/examples.sarif" >"$tmp/broken.sarif"
# And one wrong only in a fix (its first deleted region starts at line 0): the validators look
# into fixes too.
sed -e 's/"deletedRegion":{"startLine":[0-9]*/"deletedRegion":{"startLine":0/' "$tmp/fixes.sarif" >"$tmp/broken-fix.sarif"

# (a) Microsoft's SARIF Multitool: the SARIF rules and the GitHub ingestion rules (GH*).
mt_dir=$npm_dir/node_modules/@microsoft/sarif-multitool-linux
mt=$mt_dir/Sarif.Multitool
[ -f "$mt" ] || npm_install "$multitool_pkg" || true
if [ ! -f "$mt" ]; then
	skip "SARIF Multitool validation: $(npm_failed "$multitool_pkg")"
else
	[ -x "$mt" ] || chmod u+x "$mt" # its postinstall does this; npm 11 does not run it
	mt_run() {
		DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 timeout 120 "$mt" "$@"
	}
	if ! mt_run --version >"$tmp/mt.version" 2>&1; then
		skip "SARIF Multitool validation: $mt does not run here: $(head -2 "$tmp/mt.version" | tr '\n' ' ')"
	else
		mkdir "$tmp/mt"
		# mt_validate NAME: errors found in $tmp/NAME.sarif (a count), details in $tmp/mt/NAME.errors
		mt_validate() {
			cp "$tmp/$1.sarif" "$tmp/mt/$1.sarif"
			(cd "$tmp/mt" && mt_run validate "$1.sarif" --output "$1.out.sarif" --log ForceOverwrite \
				--rule-kind "Sarif;Gh" >"$1.log" 2>&1)
			mv_rc=$?
			if [ "$mv_rc" != 0 ] || ! valid_json "$tmp/mt/$1.out.sarif"; then
				echo "validate failed (exit $mv_rc): $(tail -3 "$tmp/mt/$1.log" | tr '\n' ' ')" >"$tmp/mt/$1.errors"
				echo -1
				return
			fi
			mv_n=$(jv "$tmp/mt/$1.out.sarif" runs.0.results.#)
			mv_k=0
			: >"$tmp/mt/$1.errors"
			while [ "$mv_k" -lt "$mv_n" ]; do
				# a result without a level is a warning
				if [ "$(jv "$tmp/mt/$1.out.sarif" runs.0.results.$mv_k.level 2>/dev/null)" = error ]; then
					jv "$tmp/mt/$1.out.sarif" runs.0.results.$mv_k.ruleId \
						runs.0.results.$mv_k.message.arguments | tr '\n' ' ' >>"$tmp/mt/$1.errors"
					echo >>"$tmp/mt/$1.errors"
				fi
				mv_k=$((mv_k + 1))
			done
			wc -l <"$tmp/mt/$1.errors" | tr -d ' '
		}
		n=$(mt_validate broken)
		if [ "$n" -gt 0 ]; then
			ok "SARIF Multitool $(head -1 "$tmp/mt.version" | sed 's/^SARIF Multitool //; s/+.*//') rejects a broken SARIF file ($n errors)"
			n=$(mt_validate broken-fix)
			if [ "$n" -gt 0 ]; then
				ok "SARIF Multitool rejects a SARIF file broken only in a fix ($n errors)"
			else
				bad "SARIF Multitool does not reject a SARIF file broken only in a fix: $(head -2 "$tmp/mt/broken-fix.errors")"
			fi
			for f in $sarif_files; do
				n=$(mt_validate "$f")
				warnings=$(grep -c ': warning ' "$tmp/mt/$f.log")
				if [ "$n" = 0 ]; then
					ok "SARIF Multitool validate (SARIF and GitHub rules): $f.sarif has no errors ($warnings warnings)"
				else
					bad "SARIF Multitool validate (SARIF and GitHub rules): $f.sarif: $(head -3 "$tmp/mt/$f.errors" | tr '\n' ' ')"
				fi
			done
		else
			bad "SARIF Multitool does not reject a broken SARIF file, so it validates nothing: $(head -2 "$tmp/mt/broken.errors")"
		fi
	fi
fi

# (b) The SARIF 2.1.0 JSON schema (shipped in the Multitool package) with ajv: the Multitool
# misses some schema errors, such as a result level outside error/warning/note/none.
schema=$mt_dir/sarif-2.1.0.json
ajv=$npm_dir/node_modules/ajv-cli/dist/index.js
if [ -f "$schema" ] && { [ ! -f "$ajv" ] || [ ! -d "$npm_dir/node_modules/ajv-formats" ]; }; then
	# shellcheck disable=SC2086 # a list of packages
	npm_install $ajv_pkgs || true
fi
if [ ! -f "$schema" ]; then
	skip "SARIF JSON schema validation: no schema ($(npm_failed "$multitool_pkg"))"
elif [ ! -f "$ajv" ] || ! command -v node >/dev/null 2>&1; then
	skip "SARIF JSON schema validation: $(npm_failed "$ajv_pkgs")"
else
	mkdir -p "$tmp/ajv"
	ajv_validate() { # NAME: exit status 0 when valid
		cp "$tmp/$1.sarif" "$tmp/ajv/$1.json"
		(cd "$npm_dir" && timeout 120 node "$ajv" validate --spec=draft2020 -c ajv-formats --strict=false \
			--errors=line -s "$schema" -d "$tmp/ajv/$1.json") >"$tmp/ajv/$1.log" 2>&1
	}
	if ajv_validate broken; then
		bad "ajv accepts a broken SARIF file, so it validates nothing: $(head -2 "$tmp/ajv/broken.log")"
	elif ! grep -q 'invalid' "$tmp/ajv/broken.log"; then
		bad "ajv does not run: $(head -3 "$tmp/ajv/broken.log" | tr '\n' ' ')"
	else
		ok "ajv with the SARIF 2.1.0 schema rejects a broken SARIF file"
		if ajv_validate broken-fix; then
			bad "ajv accepts a SARIF file broken only in a fix"
		else
			ok "ajv with the SARIF 2.1.0 schema rejects a SARIF file broken only in a fix"
		fi
		for f in $sarif_files; do
			if ajv_validate "$f"; then
				ok "SARIF 2.1.0 JSON schema (ajv): $f.sarif is valid"
			else
				bad "SARIF 2.1.0 JSON schema (ajv): $f.sarif: $(tail -1 "$tmp/ajv/$f.log" | cut -c1-300)"
			fi
		done
	fi
fi

summary formats-test
