#!/bin/sh
# schema_test.sh - domlint --schema must agree with virt-xml-validate (valid or not) on every
# well-formed domain in testdata/ and in libvirt's conformance fixtures, and must compile the
# schema once per run, not once per file.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
conformance=${2:-../shared/conformance/libvirt-9.0.0}
make_tmp || exit 1
command -v virt-xml-validate >/dev/null 2>&1 || {
	echo "FAIL virt-xml-validate is not installed (make schema-deps installs libvirt-clients)"
	exit 1
}
rng=/usr/share/libvirt/schemas/domain.rng
[ -f "$rng" ] || {
	echo "FAIL no $rng (make schema-deps installs libvirt-clients)"
	exit 1
}
# virt-xml-validate loads external DTDs and entities (and fails on them); domlint never does
find testdata "$conformance" -name '*.xml' 2>/dev/null | LC_ALL=C sort |
	while IFS= read -r f; do grep -q 'SYSTEM\|PUBLIC' "$f" || printf '%s\n' "$f"; done >"$tmp/files"
# per_file JSON: domlint's JSON report of many files, one line per file (in input order):
# PATH, a tab, then that file's part of the report
per_file() {
	sed 's/{"path":/\
&/g' "$1" | sed -n 's/^{"path":"\([^"]*\)",/\1	&/p'
}
# One domlint run for all the files, then one with --schema for those both judge (well-formed XML
# whose root is <domain>): domlint lints many files as it does one, and compiles the schema once.
# shellcheck disable=SC2046 # the file list: paths without blanks (testdata and libvirt's tests)
"$domlint" --no-config --no-addresses -f json $(cat "$tmp/files") >"$tmp/plain.json" 2>/dev/null
per_file "$tmp/plain.json" >"$tmp/plain"
[ "$(wc -l <"$tmp/plain")" = "$(wc -l <"$tmp/files")" ] ||
	bad "domlint -f json reported $(wc -l <"$tmp/plain") of the $(wc -l <"$tmp/files") files"
grep -v '"rule":"xml-syntax"\|"rule":"not-a-domain"' "$tmp/plain" | cut -f1 >"$tmp/judged"
# shellcheck disable=SC2046 # as above
"$domlint" --no-config --no-addresses --schema -f json $(cat "$tmp/judged") >"$tmp/schema.json" 2>/dev/null
# a schema finding counts whether or not a domlint-disable comment silences it
per_file "$tmp/schema.json" | awk -F '\t' '{ print $1 "\t" ($2 ~ /"rule":"schema"/ ? "invalid" : "valid") }' \
	>"$tmp/ours"
# libvirt's verdict: virt-xml-validate FILE domain runs xmllint --noout --relaxng with domain.rng on
# FILE; one xmllint for all the files compiles the schema once and says "FILE validates" or "FILE
# fails to validate" of each.
# shellcheck disable=SC2046 # as above
xmllint --noout --relaxng "$rng" $(cat "$tmp/judged") 2>&1 >/dev/null |
	sed -n 's/^\(.*\) validates$/\1	 valid/p; s/^\(.*\) fails to validate$/\1	invalid/p' |
	sed 's/	 valid$/	valid/' >"$tmp/theirs"
while IFS= read -r f; do
	ours=$(awk -F '\t' -v f="$f" '$1 == f { print $2; exit }' "$tmp/ours")
	theirs=$(awk -F '\t' -v f="$f" '$1 == f { print $2; exit }' "$tmp/theirs")
	# no verdict from xmllint (a document it will not parse, such as an entity bomb): ask
	# virt-xml-validate itself
	if [ -z "$theirs" ]; then
		if virt-xml-validate "$f" domain >/dev/null 2>&1; then theirs=valid; else theirs=invalid; fi
	fi
	if [ -z "$ours" ]; then
		bad "$f: no verdict from domlint --schema"
	elif [ "$ours" = "$theirs" ]; then
		ok
	else
		bad "$f: domlint --schema says $ours, virt-xml-validate (xmllint --relaxng) says $theirs"
	fi
done <"$tmp/judged"
# virt-xml-validate itself agrees with the one xmllint run: on every 25th file.
awk 'NR % 25 == 1' "$tmp/judged" >"$tmp/sample"
while IFS= read -r f; do
	if virt-xml-validate "$f" domain >/dev/null 2>&1; then v=valid; else v=invalid; fi
	if grep -qxF "$f	$v" "$tmp/theirs"; then ok; else
		bad "$f: virt-xml-validate says $v, unlike xmllint --relaxng $rng"
	fi
done <"$tmp/sample"
[ "$pass" -gt 20 ] || bad "only $pass files compared"

# One compilation per run: validating many files must not cost a compilation each.
one=$(find testdata/examples -name '*.xml' | head -n 1)
i=0
while [ $i -lt 200 ]; do echo "$one"; i=$((i + 1)); done >"$tmp/list"
start=$(date +%s%N)
"$domlint" --no-config --schema "$one" >/dev/null 2>&1
single=$(($(date +%s%N) - start))
start=$(date +%s%N)
# shellcheck disable=SC2046 # 200 copies of one path, on purpose
"$domlint" --no-config --schema $(cat "$tmp/list") >/dev/null 2>&1
many=$(($(date +%s%N) - start))
# 200 files in less time than 20 single runs: the compilation is shared (a sanity bound, not a benchmark)
if [ "$many" -lt $((single * 20)) ]; then
	ok
else
	bad "200 files took ${many}ns, one file ${single}ns: is the schema compiled per file?"
fi

# A missing schema is exit status 3 with a clear message.
"$domlint" --no-config --schema=/nonexistent/domain.rng "$one" >/dev/null 2>"$tmp/err"
if [ $? = 3 ] && grep -q 'no schema there' "$tmp/err"; then ok; else
	bad "--schema=/nonexistent: expected exit 3 and 'no schema there'"
fi
# --schema takes its path only with '=': "--schema X.rng vm.xml" would lint the schema as a domain.
"$domlint" --no-config --schema /usr/share/libvirt/schemas/domain.rng "$one" >"$tmp/out" 2>"$tmp/err"
if [ $? = 3 ] && [ ! -s "$tmp/out" ] && grep -q 'takes its path only as --schema=PATH' "$tmp/err"; then ok; else
	bad "--schema X.rng: expected exit 3, no output and 'takes its path only as --schema=PATH'"
fi

# --enable=schema turns validation on, as --schema does; --disable=schema turns it off (the
# schema is then not even loaded).
printf '<domain type="kvm"><name>x</name><memory>1</memory><os><type>hvm</type></os><nonsense/></domain>\n' >"$tmp/bad.xml"
"$domlint" --no-config --enable=schema "$tmp/bad.xml" >"$tmp/out" 2>&1
if [ $? = 1 ] && grep -q '\[schema\]$' "$tmp/out"; then ok; else
	bad "--enable=schema: expected a finding of the rule schema and exit 1"
fi
if "$domlint" --no-config "$tmp/bad.xml" >"$tmp/out" 2>&1 && ! grep -q '\[schema\]$' "$tmp/out"; then ok; else
	bad "without --schema or --enable=schema: no schema finding expected"
fi
if "$domlint" --no-config --schema=/nonexistent/domain.rng --disable=schema "$tmp/bad.xml" >/dev/null 2>&1; then ok; else
	bad "--schema=PATH --disable=schema: the schema is not loaded, exit 0 expected"
fi
summary schema-test
