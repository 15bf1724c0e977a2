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
files=$(find testdata "$conformance" -name '*.xml' 2>/dev/null | LC_ALL=C sort)
for f in $files; do
	# only what both judge: well-formed XML whose root is <domain>
	"$domlint" --no-config --no-addresses -f json "$f" >"$tmp/out" 2>/dev/null
	grep -q '"rule":"xml-syntax"\|"rule":"not-a-domain"' "$tmp/out" && continue
	# virt-xml-validate loads external DTDs and entities (and fails on them); domlint never does
	grep -q 'SYSTEM\|PUBLIC' "$f" && continue
	# a schema finding counts whether or not a domlint-disable comment silences it
	"$domlint" --no-config --no-addresses --schema -f json "$f" >"$tmp/out" 2>/dev/null
	if grep -q '"rule":"schema"' "$tmp/out"; then ours=invalid; else ours=valid; fi
	if virt-xml-validate "$f" domain >/dev/null 2>&1; then theirs=valid; else theirs=invalid; fi
	if [ "$ours" = "$theirs" ]; then
		ok
	else
		bad "$f: domlint --schema says $ours, virt-xml-validate says $theirs"
	fi
done
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
