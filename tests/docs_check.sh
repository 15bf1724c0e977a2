#!/bin/sh
# docs_check.sh - every rule has its table entry, doc page (with the required sections, the
# table's severity and summary on its Severity line, its fix flags on a Fix line, and the same
# text from --explain), a README row with the table's severity and fix flags, fixtures that fire
# and fixtures that do not; --help and README agree.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
make_tmp || exit 1

rules=$("$domlint" --list-rules | awk '{ print $1 }')
[ -n "$rules" ] || bad "--list-rules printed nothing"
for rule in $rules; do
	page=docs/rules/$rule.md
	if [ ! -f "$page" ]; then
		bad "$rule: no $page"
		continue
	fi
	for heading in "# $rule" "## What it flags" "## Why it matters" "## Bad" "## Good" "## Silencing"; do
		if grep -qxF "$heading" "$page"; then ok; else bad "$page: no '$heading' heading"; fi
	done
	"$domlint" --explain="$rule" >"$tmp/explain"
	if cmp -s "$tmp/explain" "$page"; then ok; else bad "$rule: --explain differs from $page"; fi
	fires=0
	clean=0
	for out in testdata/rules/"$rule"/*.out; do
		[ -f "$out" ] || continue
		if grep -qF "[$rule]" "$out"; then fires=$((fires + 1)); else clean=$((clean + 1)); fi
	done
	if [ "$fires" -gt 0 ]; then ok; else bad "$rule: no fixture in testdata/rules/$rule that fires"; fi
	if [ "$clean" -gt 0 ]; then ok; else bad "$rule: no fixture in testdata/rules/$rule that stays quiet"; fi
done
# Each page's "**Severity:** LEVEL (default) · **Summary:** TEXT" line and each README row
# "| [RULE](docs/rules/RULE.md) | LEVEL | ... |" say what the rule table says. A rule that can
# fix (--list-rules marks it "(fix: KIND)") has one "**Fix:** KIND — WHAT IT DOES" line on its
# page and a README row ending in "(fix: KIND) |"; any other has neither.
"$domlint" --list-rules >"$tmp/list"
while read -r rule severity summary_text; do
	summary_text=${summary_text#(opt-in) } # --list-rules marks rules that check only when asked
	fix=
	case $summary_text in
	"(fix: "*)
		fix=${summary_text#(fix: }
		fix=${fix%%)*}
		summary_text=${summary_text#"(fix: $fix) "}
		;;
	esac
	page=docs/rules/$rule.md
	[ -f "$page" ] || continue
	want="**Severity:** $severity (default) · **Summary:** $summary_text"
	if grep -qxF -- "$want" "$page"; then ok; else
		bad "$page: no line '$want' (the rule table's severity and summary)"
	fi
	row=$(grep -F -- "| [$rule](docs/rules/$rule.md) | $severity |" README.md)
	if [ -n "$row" ]; then ok; else
		bad "README.md: the rules table has no row for $rule with severity $severity"
	fi
	fix_lines=$(grep -c '^\*\*Fix:\*\*' "$page")
	if [ -z "$fix" ]; then
		if [ "$fix_lines" = 0 ]; then ok; else bad "$page: a '**Fix:**' line, but the rule table gives $rule no fix"; fi
		case $row in
		*"(fix: "*) bad "README.md: the row for $rule marks a fix, but the rule table gives it none" ;;
		*) ok ;;
		esac
		continue
	fi
	if [ "$fix_lines" = 1 ] && grep -q "^\*\*Fix:\*\* $fix — ." "$page"; then ok; else
		bad "$page: no single line '**Fix:** $fix — WHAT IT DOES' (the rule table's fix flags)"
	fi
	case $row in
	*"(fix: $fix) |") ok ;;
	*) bad "README.md: the row for $rule does not end in '(fix: $fix) |' (the rule table's fix flags)" ;;
	esac
done <"$tmp/list"
for page in docs/rules/*.md; do
	name=$(basename "$page" .md)
	if echo "$rules" | grep -qxF "$name"; then ok; else bad "$page documents no rule in the table"; fi
done
for opt in $("$domlint" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	if grep -qF -- "$opt" README.md; then ok; else bad "README.md does not mention $opt from --help"; fi
done
# README's sample output is what domlint prints today.
sample=testdata/examples/zpci-passthrough-expanded.xml
awk -v cmd="\$ ./domlint $sample" '$0 == cmd { on = 1; next } on && /^```/ { exit } on' README.md >"$tmp/readme"
"$domlint" --no-config --color=never "$sample" >"$tmp/actual" 2>&1
if [ -s "$tmp/readme" ] && cmp -s "$tmp/readme" "$tmp/actual"; then ok; else
	bad "README.md's sample output for $sample is not what domlint prints"
	diff "$tmp/readme" "$tmp/actual" | head -10
fi
summary docs-check
