#!/bin/sh
# json_schema_test.sh - the JSON domlint prints is what docs/json-output.schema.json and
# docs/json-rules.schema.json say (Debian's python3-jsonschema validates): a run over every
# fixture of testdata (default addresses and --addresses=all; findings with fixes, suppressed
# ones too; --host against the largest host tree of testdata/host), an unreadable input, standard
# input, a baseline read and one written, --list-rules --format=json; and the schemas are strict
# (an undocumented field fails), so the documentation cannot fall behind the output unseen.
#   sh tests/json_schema_test.sh ./domlint
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
python=${PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import jsonschema' 2>/dev/null; then
	bad "$python has no jsonschema module (Debian: apt-get install python3-jsonschema; make check installs it)"
	finish json-schema-test
fi
make_tmp || exit 1

# valid SCHEMA FILE NAME: FILE is one JSON document SCHEMA accepts.
valid() {
	if why=$("$python" - "$root/docs/$1" "$2" <<'PY' 2>&1
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
doc = json.load(open(sys.argv[2]))
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:5]:
    print("/".join(str(p) for p in e.path) + ": " + e.message[:300])
sys.exit(1 if errors else 0)
PY
	); then
		ok "$3"
	else
		bad "$3: $(printf '%s\n' "$why" | head -n 5 | tr '\n' ' ')"
	fi
}

# Every fixture in one run: every rule's findings, every kind of guest address.
set -- "$root"/testdata/rules/*/*.xml "$root"/testdata/examples/*.xml "$root"/testdata/formats/*.xml \
	"$root"/testdata/suppress/*.xml "$root"/testdata/fidelity/*.xml
"$domlint" --no-config -f json "$@" >"$tmp/all.json" 2>/dev/null
valid json-output.schema.json "$tmp/all.json" "every fixture of testdata, default addresses ($# files)"
"$domlint" --no-config -f json --addresses=all "$@" >"$tmp/all-addr.json" 2>/dev/null
valid json-output.schema.json "$tmp/all-addr.json" "every fixture of testdata, --addresses=all"
if grep -q '"ccw":{' "$tmp/all-addr.json" && grep -q '"uid_auto":true' "$tmp/all-addr.json" &&
	grep -q '"unknown":"' "$tmp/all-addr.json"; then ok "the run shows CCW, predicted zPCI and unknown addresses"; else
	bad "the run over testdata lacks a CCW address, a predicted zPCI id or an unknown address"
fi
if grep -q '"justification":"' "$tmp/all.json" && grep -q '"justification":null' "$tmp/all.json"; then
	ok "the run shows suppressed findings with and without a reason"; else
	bad "the run over testdata lacks a suppressed finding with a justification, or one without"
fi

if "$python" -c 'import json, sys
files = json.load(open(sys.argv[1]))["files"]
fixed = lambda key: any("fix" in d for f in files for d in f.get(key, []))
sys.exit(0 if fixed("diagnostics") and fixed("suppressed") else 1)' "$tmp/all.json"; then
	ok "the run shows findings with a fix, a suppressed one among them"; else
	bad "the run over testdata lacks a finding with a fix, or a suppressed finding with one"
fi

# --host: the notes' host object, against the largest host tree of testdata/host (mkhost.sh
# takes seconds a tree), over the host rules' fixtures and the examples.
nhost=0
for desc in $(wc -l "$root"/testdata/host/*.host 2>/dev/null | sort -rn | awk '$2 != "total" { print $2 }' | head -n 1); do
	[ -f "$desc" ] || continue
	name=$(basename "$desc" .host)
	sh "$root/tests/mkhost.sh" "$desc" "$tmp/host-$name" || { bad "$desc: cannot build the host"; continue; }
	"$domlint" --no-config -f json --addresses=all --host="$tmp/host-$name" "$root"/testdata/rules/host-*/*.xml \
		"$root"/testdata/examples/*.xml >"$tmp/host.json" 2>/dev/null
	valid json-output.schema.json "$tmp/host.json" "--host=$name over the host fixtures and the examples"
	grep -q '"host":{"present":' "$tmp/host.json" && nhost=$((nhost + 1))
done
if [ "$nhost" -gt 0 ]; then ok "a --host run shows a note's host object"; else
	bad "no --host run over testdata/host shows a note's host object"
fi

# An unreadable input and standard input.
"$domlint" --no-config -f json "$root/testdata/examples/x86_64-vfio.xml" "$tmp/missing.xml" - \
	<"$root/testdata/examples/s390x-several-devices.xml" >"$tmp/unreadable.json" 2>/dev/null
valid json-output.schema.json "$tmp/unreadable.json" "an unreadable input and standard input"
if grep -q '"status":"unreadable","error":' "$tmp/unreadable.json"; then ok "the unreadable input has its error"; else
	bad "no unreadable file with an error in the output"
fi

# A baseline written, then read.
cp "$root/testdata/examples/s390x-several-devices.xml" "$tmp/vm.xml"
"$domlint" --no-config -f json --write-baseline="$tmp/baseline.json" "$tmp/vm.xml" >"$tmp/written.json" 2>/dev/null
valid json-output.schema.json "$tmp/written.json" "--write-baseline: summary.baseline.written"
"$domlint" --no-config -f json --baseline="$tmp/baseline.json" "$tmp/vm.xml" >"$tmp/read.json" 2>/dev/null
valid json-output.schema.json "$tmp/read.json" "--baseline: summary.baseline.hidden and stale"
if grep -q '"baseline":{"hidden":' "$tmp/read.json"; then ok "the baseline counts are in the summary"; else
	bad "no baseline counts in the summary of a --baseline run"
fi

# --list-rules --format=json, and the same rules as the text listing.
"$domlint" --list-rules --format=json >"$tmp/rules.json"
valid json-rules.schema.json "$tmp/rules.json" "--list-rules --format=json"
# text: NAME SEVERITY [(opt-in)] [(fix: KIND)] SUMMARY
"$domlint" --list-rules | sed -E 's/^([^ ]+) +([^ ]+) +(\(opt-in\) )?(\(fix: ([a-z ]+)\) )?.*/\1 \2 \5/' >"$tmp/rules.text"
"$python" -c 'import json, sys
for r in json.load(open(sys.argv[1]))["rules"]: print(r["name"], r["default_severity"], r["fix"] or "")' \
	"$tmp/rules.json" >"$tmp/rules.fromjson"
if cmp -s "$tmp/rules.text" "$tmp/rules.fromjson"; then ok "--list-rules: the same rules, severities and fixes in json and text"; else
	bad "--list-rules: json and text list different rules, severities or fixes"
fi

# The schemas are strict: a field they do not document is an error.
sed 's/"tool":"domlint"/"tool":"domlint","undocumented":1/' "$tmp/all.json" >"$tmp/extra.json"
if "$python" - "$root/docs/json-output.schema.json" "$tmp/extra.json" <<'PY' 2>/dev/null; then
import json, sys
import jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
	bad "the output schema accepts an undocumented field"
else
	ok "the output schema refuses an undocumented field"
fi
summary json-schema-test
