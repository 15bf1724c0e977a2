#!/bin/sh
# man_check.sh - docs/domlint.1 agrees with --help (every option both ways) and --list-rules
# (every rule in RULES, with its default severity and its fix marker), and renders without
# warnings.
#   sh tests/man_check.sh ./domlint
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
root=$(cd "$(dirname "$0")/.." && pwd) || exit 1
page=$root/docs/domlint.1
make_tmp || exit 1

if [ ! -f "$page" ]; then
	bad "no $page"
	finish man-check
fi

# The page as plain text, enough to search: \- is -, font changes, \& and \c go.
sed -e 's/\\-/-/g' -e 's/\\f\[[^]]*\]//g' -e 's/\\f([A-Za-z][A-Za-z]//g' -e 's/\\f[A-Za-z1-4]//g' \
	-e 's/\\&//g' -e 's/\\c$//' "$page" >"$tmp/page"
# section NAME: the lines of one .SH section of the plain page.
section() {
	awk -v want="$1" '
		/^\.SH[ \t]/ { name = $0; sub(/^\.SH[ \t]+/, "", name); gsub(/"/, "", name)
			       insec = (name == want); next }
		insec' "$tmp/page"
}
section OPTIONS >"$tmp/options"
section RULES >"$tmp/rules"
if grep -q . "$tmp/options"; then ok; else bad "$page has no OPTIONS section"; fi
if grep -q . "$tmp/rules"; then ok; else bad "$page has no RULES section"; fi

# --help against OPTIONS, both ways.
if "$domlint" --help >"$tmp/help" 2>"$tmp/help.err" && [ -s "$tmp/help" ]; then
	ok
else
	bad "'$domlint --help' failed or printed nothing: $(head -n 3 "$tmp/help.err")"
fi
grep -o -- '--[a-z][a-z0-9-]*' "$tmp/help" | sort -u >"$tmp/help.long"
grep -o -- '--[a-z][a-z0-9-]*' "$tmp/options" | sort -u >"$tmp/man.long"
# A word boundary that treats - as part of a word, so --no-config is not --no.
word() { grep -qE -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|\$)" "$2"; }
while read -r opt; do
	if word "$opt" "$tmp/options"; then ok; else bad "$opt from --help is not in the OPTIONS section of $page"; fi
done <"$tmp/help.long"
while read -r opt; do
	if grep -qxF -- "$opt" "$tmp/help.long"; then ok; else bad "$opt in the OPTIONS section of $page is not in --help"; fi
done <"$tmp/man.long"
# Short options: "  -f, --format=FMT" in --help; the page gives both on one line, and no others.
sed -n 's/^[ \t]*\(-[A-Za-z]\), *\(--[a-z][a-z0-9-]*\).*/\1 \2/p' "$tmp/help" >"$tmp/help.short"
while read -r short long; do
	if grep -E -- "(^|[^A-Za-z0-9_-])$short([^A-Za-z0-9_-]|\$)" "$tmp/options" | word "$long" -; then
		ok
	else
		bad "$short, $long from --help is not one entry in the OPTIONS section of $page"
	fi
done <"$tmp/help.short"
grep -oE -- '(^|[ "(])-[A-Za-z]([ ",)]|$)' "$tmp/options" | grep -oE -- '-[A-Za-z]' | sort -u >"$tmp/man.short"
while read -r short; do
	if awk '{ print $1 }' "$tmp/help.short" | grep -qxF -- "$short"; then ok; else
		bad "$short in the OPTIONS section of $page is not in --help"; fi
done <"$tmp/man.short"

# Every rule of --list-rules in RULES, on a line with its default severity and, for a rule that
# can fix, --list-rules' "(fix: KIND)" marker (no marker for any other).
if "$domlint" --list-rules >"$tmp/list" 2>"$tmp/list.err" && [ -s "$tmp/list" ]; then
	ok
else
	bad "'$domlint --list-rules' failed or printed nothing: $(head -n 3 "$tmp/list.err")"
fi
while read -r rule severity rest; do
	rest=${rest#(opt-in) }
	fix=
	case $rest in
	"(fix: "*) fix="${rest%%)*})" ;;
	esac
	line=$(grep -E -- "(^|[^A-Za-z0-9_-])$rule([^A-Za-z0-9_-]|\$)" "$tmp/rules")
	if ! word "$rule" "$tmp/rules"; then
		bad "rule $rule is not in the RULES section of $page"
	elif ! printf '%s\n' "$line" | grep -qF "($severity)"; then
		bad "rule $rule is not shown as ($severity) in the RULES section of $page"
	elif [ -n "$fix" ] && ! printf '%s\n' "$line" | grep -qF "$fix"; then
		bad "rule $rule is not shown with $fix in the RULES section of $page"
	elif [ -z "$fix" ] && printf '%s\n' "$line" | grep -qF "(fix: "; then
		bad "rule $rule is shown with a fix in the RULES section of $page, but --list-rules gives it none"
	else
		ok
	fi
done <"$tmp/list"

# The page renders without warnings.
if command -v man >/dev/null 2>&1; then
	if man --warnings -E UTF-8 -l "$page" >/dev/null 2>"$tmp/render" && [ ! -s "$tmp/render" ]; then
		ok
	else
		bad "man --warnings -E UTF-8 -l $page: $(head -n 5 "$tmp/render")"
	fi
elif command -v groff >/dev/null 2>&1; then
	if groff -man -ww -z "$page" 2>"$tmp/render" && [ ! -s "$tmp/render" ]; then
		ok
	else
		bad "groff -man -ww -z $page: $(head -n 5 "$tmp/render")"
	fi
else
	echo "SKIP rendering $page: neither man nor groff is installed (apt-get install man-db)"
fi
finish man-check
