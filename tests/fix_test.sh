#!/bin/sh
# fix_test.sh - checks --fix, --diff and --unsafe-fixes on the command line:
#   1. every domain fixture with a fixable finding (testdata/rules with its NAME.args, examples,
#      fidelity, formats, suppress), safe fixes and
#      then unsafe ones too: --fix leaves no fixable finding and adds none (no rule has more
#      findings after than before), a second --fix changes nothing, and the diff of --diff applies
#      with `git apply` (and `patch -p1` where installed) to give exactly what --fix wrote;
#   2. a fix comes only from a rule whose table flags say it can fix, of that kind;
#   3. inputs that must not be lost: a symlink (its target is fixed and it says so), a read-only
#      file (refused, exit 2, unchanged), a file that is not well-formed (never changed), - (the
#      fixed text on stdout, the report on stderr), a clean file (--diff prints nothing, exit 0).
# A file that changes while it is being fixed is tested in tests/check_fixwrite.c.
# Usage: sh tests/fix_test.sh ./domlint
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=$(abspath "${1:-./domlint}")
root=$(abspath "$(dirname "$0")/..")
make_tmp || exit 1
have_patch=0
command -v patch >/dev/null 2>&1 && have_patch=1

# Findings per rule, one "RULE COUNT" line each, sorted: what "adds no finding" compares.
rule_counts() {
	"$domlint" --no-config --color=never --addresses=none "$@" 2>/dev/null |
		sed -n 's/.*\[\([a-z0-9-]*\)\]$/\1/p' | sort | uniq -c | awk '{ print $2, $1 }'
}

# Is every count of $2 at most the one of the same rule in $1?
no_more_findings() {
	awk 'NR == FNR { before[$1] = $2; next } ($2 > before[$1] + 0) { bad = 1 } END { exit bad }' "$1" "$2"
}

# The fixtures with something to fix at either level: one --diff over those without NAME.args
# (the diff's headers name them), one run each for the others.
# Every domain fixture but the hostile ones; options of other tests' NAME.args (formats, fidelity)
# are about output, not rules, and are left out.
(cd "$root" && for xml in testdata/rules/*/*.xml testdata/examples/*.xml testdata/fidelity/*.xml \
	testdata/formats/*.xml testdata/suppress/*.xml; do
	case $xml in testdata/rules/*) [ -f "${xml%.xml}.args" ] && continue ;; esac
	echo "$xml"
done) >"$tmp/plain"
(cd "$root" && xargs "$domlint" --no-config --diff --unsafe-fixes <"$tmp/plain" 2>/dev/null) |
	sed -n 's|^+++ b/||p' >"$tmp/fixable"
for xml in "$root"/testdata/rules/*/*.args; do
	args=$(cat "$xml")
	xml=${xml%.args}.xml
	case $args in *--schema*) continue ;; esac
	# shellcheck disable=SC2086 # args are words
	(cd "$root" && "$domlint" --no-config --diff --unsafe-fixes $args "$xml" >/dev/null 2>&1)
	[ $? -ne 1 ] || echo "${xml#"$root"/}" >>"$tmp/fixable"
done

fixtures=0
while IFS= read -r xml; do
	xml=$root/$xml
	name=${xml%.xml}
	args=
	case $xml in "$root"/testdata/rules/*) [ -f "$name.args" ] && args=$(cat "$name.args") ;; esac
	rel=$(basename "$(dirname "$xml")")/$(basename "$xml")
	cp "$xml" "$tmp/before.xml"
	# shellcheck disable=SC2086 # args are words
	(cd "$root" && rule_counts $args "$xml") >"$tmp/counts.before"
	# the unsafe level only where it does more than the safe one
	# shellcheck disable=SC2086
	(cd "$root" && "$domlint" --no-config --diff $args "$xml" >"$tmp/diff.safe" 2>/dev/null)
	# shellcheck disable=SC2086
	(cd "$root" && "$domlint" --no-config --diff --unsafe-fixes $args "$xml" >"$tmp/diff.unsafe" 2>/dev/null)
	for level in safe unsafe; do
		extra=
		[ "$level" = unsafe ] && extra=--unsafe-fixes
		[ -s "$tmp/diff.$level" ] || continue
		[ "$level" = unsafe ] && cmp -s "$tmp/diff.safe" "$tmp/diff.unsafe" && continue
		fixtures=$((fixtures + 1))
		work=$tmp/w && rm -rf "$work" && mkdir -p "$work/$(dirname "$rel")"
		cp "$xml" "$work/$rel"
		# shellcheck disable=SC2086
		(cd "$work" && "$domlint" --no-config --diff $extra $args "$rel" >"$tmp/diff" 2>"$tmp/err")
		rc=$?
		# shellcheck disable=SC2086
		(cd "$work" && "$domlint" --no-config --fix $extra $args "$rel" >"$tmp/out" 2>"$tmp/err")
		cp "$work/$rel" "$tmp/fixed.xml"
		# shellcheck disable=SC2086
		(cd "$work" && "$domlint" --no-config --fix $extra $args "$rel" >/dev/null 2>&1)
		# shellcheck disable=SC2086
		(cd "$work" && "$domlint" --no-config --diff $extra $args "$rel" >"$tmp/diff2" 2>/dev/null)
		rc2=$?
		# shellcheck disable=SC2086
		(cd "$work" && rule_counts $args "$rel") >"$tmp/counts.after"
		why=
		if [ "$rc" -ne 1 ] || [ ! -s "$tmp/diff" ]; then
			why="--diff exited $rc, or printed nothing"
		elif cmp -s "$tmp/fixed.xml" "$tmp/before.xml"; then
			why="--fix changed nothing"
		elif ! cmp -s "$work/$rel" "$tmp/fixed.xml"; then
			why="a second --fix changed the file again"
		elif [ "$rc2" -ne 0 ] || [ -s "$tmp/diff2" ]; then
			why="after --fix, --diff still finds a fix (exit $rc2)"
		elif ! no_more_findings "$tmp/counts.before" "$tmp/counts.after"; then
			why="a rule has more findings after --fix: $(tr '\n' ' ' <"$tmp/counts.after")(before: $(tr '\n' ' ' <"$tmp/counts.before"))"
		fi
		if [ -z "$why" ]; then
			# the diff, applied to the original, gives what --fix wrote
			g=$tmp/g && rm -rf "$g" && mkdir -p "$g/$(dirname "$rel")" && cp "$xml" "$g/$rel"
			if ! (cd "$g" && git apply "$tmp/diff" 2>"$tmp/apply.err"); then
				why="git apply refused the diff: $(head -c 300 "$tmp/apply.err")"
			elif ! cmp -s "$g/$rel" "$tmp/fixed.xml"; then
				why="git apply's result differs from --fix's"
			elif [ "$have_patch" = 1 ]; then
				cp "$xml" "$g/$rel"
				if ! (cd "$g" && patch -s -p1 <"$tmp/diff" >/dev/null 2>&1) ||
					! cmp -s "$g/$rel" "$tmp/fixed.xml"; then
					why="patch -p1 did not give what --fix wrote"
				fi
			fi
		fi
		if [ -z "$why" ]; then ok; else bad "$rel ($level): $why"; fi
	done
done <"$tmp/fixable"
if [ "$fixtures" -ge 5 ]; then ok "$fixtures fixture runs with fixes"; else
	bad "only $fixtures fixtures have a fix: the loop above tests too little"
fi

# 2. every fix comes from a rule whose table flags say it can fix, of that kind (--list-rules)
"$domlint" --list-rules --format=json >"$tmp/rules.json"
: >"$tmp/fixes.json"
while IFS= read -r xml; do
	args=
	case $xml in testdata/rules/*) [ -f "$root/${xml%.xml}.args" ] && args=$(cat "$root/${xml%.xml}.args") ;; esac
	# shellcheck disable=SC2086 # args are words
	(cd "$root" && "$domlint" --no-config --format=json $args "$xml" >>"$tmp/fixes.json" 2>/dev/null)
done <"$tmp/fixable"
if python3 - "$tmp/rules.json" "$tmp/fixes.json" >"$tmp/why" 2>&1 <<'PYEOF'
import json, sys
kinds = {r["name"]: r["fix"] or "" for r in json.load(open(sys.argv[1]))["rules"]}
text, dec, pos, seen, wrong = open(sys.argv[2]).read(), json.JSONDecoder(), 0, 0, []
while pos < len(text.rstrip()):
    run, pos = dec.raw_decode(text, pos)
    while pos < len(text) and text[pos].isspace():
        pos += 1
    for f in run["files"]:
        for d in f.get("diagnostics", []) + f.get("suppressed", []):
            if "fix" in d:
                seen += 1
                if d["fix"]["applicability"] not in kinds[d["rule"]].split(" and "):
                    wrong.append(d["rule"] + ": a " + d["fix"]["applicability"] + " fix, the table says '" + kinds[d["rule"]] + "'")
print("\n".join(wrong) or seen)
sys.exit(1 if wrong or seen == 0 else 0)
PYEOF
then
	ok "each of $(cat "$tmp/why") fixes comes from a rule the table says fixes that way"
else
	bad "fixes against the rule table: $(cat "$tmp/why")"
fi

# 3. inputs that must not be lost
fixable=$root/testdata/rules/target-address-explicit/fires-s390x-full-guest-address.xml
cp "$fixable" "$tmp/target.xml"
ln -s target.xml "$tmp/link.xml"
"$domlint" --no-config --fix "$tmp/link.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ -L "$tmp/link.xml" ] && ! cmp -s "$tmp/target.xml" "$fixable" && grep -q 'symlink' "$tmp/err"; then
	ok "a symlink: its target is fixed, the link stays, and it says so"
else
	bad "a symlink (exit $rc): $(cat "$tmp/err")"
fi

cp "$fixable" "$tmp/ro.xml"
chmod 0444 "$tmp/ro.xml"
"$domlint" --no-config --fix "$tmp/ro.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && cmp -s "$tmp/ro.xml" "$fixable" && grep -q 'read-only' "$tmp/err" &&
	grep -q 'target-address-explicit' "$tmp/out"; then
	ok "a read-only file: refused with exit 2, unchanged, its findings reported"
else
	bad "a read-only file (exit $rc): $(cat "$tmp/err")"
fi
chmod 0644 "$tmp/ro.xml"

printf '<domain type="qemu"><devices><hostdev mode="subsystem" type="pci">\n' >"$tmp/broken.xml"
cp "$tmp/broken.xml" "$tmp/broken.orig"
"$domlint" --no-config --fix "$tmp/broken.xml" >/dev/null 2>&1
if cmp -s "$tmp/broken.xml" "$tmp/broken.orig"; then
	ok "a file that is not well-formed is never changed"
else
	bad "--fix changed a file that is not well-formed"
fi

cp "$fixable" "$tmp/plain.xml"
"$domlint" --no-config --fix "$tmp/plain.xml" >/dev/null 2>&1
"$domlint" --no-config --fix - <"$fixable" >"$tmp/stdout" 2>"$tmp/err"
rc=$?
if cmp -s "$tmp/stdout" "$tmp/plain.xml" && [ "$rc" -eq 0 ]; then
	ok "--fix -: the fixed text on stdout, exit 0 with nothing left"
else
	bad "--fix - (exit $rc) did not print the fixed text: $(head -c 300 "$tmp/err")"
fi

"$domlint" --no-config --diff "$tmp/plain.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; then
	ok "--diff on a file with nothing to fix: no output, exit 0"
else
	bad "--diff on a fixed file: exit $rc, output $(head -c 200 "$tmp/out")"
fi

cp "$fixable" "$tmp/mode.xml"
chmod 0640 "$tmp/mode.xml"
"$domlint" --no-config --fix "$tmp/mode.xml" >/dev/null 2>&1
mode=$(stat -c %a "$tmp/mode.xml")
leftover=$(find "$tmp" -name '.*domlint*' | head -1)
if [ "$mode" = 640 ] && [ -z "$leftover" ]; then
	ok "--fix keeps the file's mode and leaves no temporary file"
else
	bad "--fix: mode $mode, leftover '$leftover'"
fi

"$domlint" --no-config --fix --lsp >/dev/null 2>"$tmp/err" </dev/null
rc=$?
if [ "$rc" -eq 3 ]; then ok "--fix with --lsp is a usage error"; else bad "--fix --lsp exited $rc"; fi

finish fix
