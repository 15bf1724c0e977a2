# shellcheck shell=sh
# lib.sh - the harness the shell tests share; a test sources it first:
#   . "$(dirname "$0")/lib.sh"
#
#   ok [MSG]     one check passed; prints "ok   MSG" ($ok_prefix, then MSG) when given MSG
#   bad MSG      one check failed; prints "FAIL MSG"
#   skip MSG     one check could not run; prints "SKIP MSG"
#   summary NAME the closing line "NAME: P passed, F failed", then ", K skipped" when a check was
#                skipped (always, where the test sets show_skipped=1); returns 1 if a check
#                failed, else 0. CI reads this line.
#   finish NAME  summary NAME, then exit with its status (for a test that cannot go on)
#   make_tmp     sets tmp to a new scratch directory that goes when the test exits, also on
#                HUP, INT and TERM (which exit 1); status 1 when mktemp fails
#   at_exit CMD  on exit, run CMD (a command line) before the scratch directory goes: to stop a
#                background process, say
#   abspath PATH PATH, made absolute against the current directory
#   doc_block MARKER FILE
#                the fenced code block that follows the line <!-- MARKER --> in the Markdown FILE
#   check NAME RC [COND]...
#                the last run (exit status $rc, output in $tmp/out and $tmp/err) exited with RC
#                and meets every COND: out=TEXT / out!TEXT stdout has / has no line containing
#                TEXT, err=TEXT / err!TEXT the same for stderr; any other COND goes to the
#                test's own check_more COND, which sets why when it does not hold
#
# The counters are pass, fail and skipped.

pass=0
fail=0
skipped=0
ok_prefix='ok   '
show_skipped=0

ok() {
	pass=$((pass + 1))
	[ "$#" -eq 0 ] || printf '%s%s\n' "$ok_prefix" "$*"
}
bad() {
	fail=$((fail + 1))
	printf 'FAIL %s\n' "$*"
}
skip() {
	skipped=$((skipped + 1))
	printf 'SKIP %s\n' "$*"
}
summary() {
	if [ "$skipped" -gt 0 ] || [ "$show_skipped" = 1 ]; then
		printf '%s: %s passed, %s failed, %s skipped\n' "$1" "$pass" "$fail" "$skipped"
	else
		printf '%s: %s passed, %s failed\n' "$1" "$pass" "$fail"
	fi
	[ "$fail" -eq 0 ]
}
finish() {
	summary "$1"
	exit
}

harness_at_exit=
at_exit() {
	harness_at_exit="$harness_at_exit$1
"
}
harness_exit() {
	eval "$harness_at_exit"
	if [ -n "${tmp:-}" ]; then
		chmod -R u+rwx "$tmp" 2>/dev/null # a test may leave a directory it cannot enter
		rm -rf "$tmp"
	fi
}
make_tmp() {
	tmp=$(mktemp -d) || return 1
	trap harness_exit EXIT
	trap 'exit 1' HUP INT TERM
}

abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$PWD" "$1" ;;
	esac
}
doc_block() {
	awk -v m="<!-- $1 -->" '
		$0 == m { state = 1; next }
		state == 1 && /^```/ { state = 2; next }
		state == 2 && /^```/ { exit }
		state == 2 { print }
	' "$2"
}

check_more() {
	why="test bug: unknown condition '$1'"
}
check() {
	name=$1
	want=$2
	shift 2
	why=
	# shellcheck disable=SC2154 # rc is the caller's: the exit status of the run it checks
	[ "$rc" = "$want" ] || why="exit status $rc, expected $want"
	for cond in "$@"; do
		[ -n "$why" ] && break
		case $cond in
		out=*) grep -qF -e "${cond#out=}" "$tmp/out" || why="stdout lacks '${cond#out=}'" ;;
		out!*) grep -qF -e "${cond#out!}" "$tmp/out" && why="stdout has '${cond#out!}'" ;;
		err=*) grep -qF -e "${cond#err=}" "$tmp/err" || why="stderr lacks '${cond#err=}'" ;;
		err!*) grep -qF -e "${cond#err!}" "$tmp/err" && why="stderr has '${cond#err!}'" ;;
		*) check_more "$cond" ;;
		esac
	done
	if [ -z "$why" ]; then
		ok "$name"
	else
		bad "$name: $why"
		sed 's/^/       stdout: /' "$tmp/out" | head -n 12
		sed 's/^/       stderr: /' "$tmp/err" | head -n 6
	fi
}
