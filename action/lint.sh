#!/bin/sh
# lint.sh - the action's lint step: domlint once per output asked for (github annotations and
# text to the log, sarif to a file), over the paths, with the same options each time. It fails
# only on bad inputs: domlint's exit status (the worst of the runs) becomes the step's output
# exit-status, which the verdict step passes on after the SARIF upload. Outputs: exit-status,
# sarif-file (absolute, or empty), summary; the summary line also goes to the job summary.
# Inputs: DOMLINT (the binary), INPUT_PATHS, INPUT_FORMATS, INPUT_FAIL_ON, INPUT_CONFIG,
# INPUT_ARGS, INPUT_SARIF_FILE, INPUT_UPLOAD_SARIF.
set -u
out=${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: this runs as a step of the action}
domlint=${DOMLINT:-}
# input_error MESSAGE: an annotation on the workflow, and the step fails.
input_error() {
	echo "::error title=domlint::$1"
	exit 3
}
[ -x "$domlint" ] || input_error "no domlint binary ('$domlint'): the build step did not run"

# Paths and args are split on blanks and newlines, and not globbed: a directory is walked by
# domlint itself (every *.xml below it, what git ignores left out).
set -f
paths=${INPUT_PATHS:-.}
[ -n "$(printf '%s' "$paths" | tr -d ' \t\n')" ] || paths=.
formats=$(printf '%s' "${INPUT_FORMATS:-github}" | tr ',' ' ')
log_formats=
sarif=no
for f in $formats; do
	case $f in
	github | text) log_formats="$log_formats $f" ;;
	sarif) sarif=yes ;;
	*) input_error "formats: unknown format '$f' (github, text, sarif)" ;;
	esac
done
case $(printf '%s' "${INPUT_UPLOAD_SARIF:-false}" | tr '[:upper:]' '[:lower:]') in
true) sarif=yes ;;
false | '') ;;
*) input_error "upload-sarif: '$INPUT_UPLOAD_SARIF' is not true or false" ;;
esac
sarif_file=
if [ "$sarif" = yes ]; then
	sarif_file=${INPUT_SARIF_FILE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/domlint.sarif}
	case $sarif_file in /*) ;; *) sarif_file=$PWD/$sarif_file ;; esac
	mkdir -p "$(dirname "$sarif_file")" || input_error "sarif-file: cannot make the directory of $sarif_file"
fi
config=${INPUT_CONFIG:-}
fail_on=${INPUT_FAIL_ON:-error}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0
summary=
runs=0
# run FORMAT: one domlint run, its report on standard output; its standard error follows it
# in the log (the summary line only once). The worst exit status is kept.
run() {
	runs=$((runs + 1))
	# shellcheck disable=SC2086 # args and paths are lists of words
	"$domlint" --format="$1" --fail-on="$fail_on" ${config:+"--config=$config"} ${INPUT_ARGS:-} -- $paths 2>"$tmp/err"
	st=$?
	[ "$st" -gt "$status" ] && status=$st
	line=$(grep -E '^domlint: [0-9]+ files? linted' "$tmp/err" | tail -n 1)
	if [ "$runs" = 1 ]; then
		cat "$tmp/err" >&2
		summary=$line
	else
		grep -v -E '^domlint: [0-9]+ files? linted' "$tmp/err" >&2
	fi
	return 0
}
for f in $log_formats; do
	run "$f"
done
if [ "$sarif" = yes ]; then
	run sarif >"$sarif_file"
	echo "domlint: SARIF written to $sarif_file"
fi
[ "$runs" -gt 0 ] || run github >/dev/null # no format at all: the status and summary still count

{
	echo "exit-status=$status"
	echo "sarif-file=$sarif_file"
	echo "summary=$summary"
} >>"$out"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	{
		echo "### domlint"
		echo
		[ -z "$summary" ] || printf '%s%s%s\n\n' '`' "$summary" '`'
		echo "Exit status $status (fail-on: $fail_on)."
	} >>"$GITHUB_STEP_SUMMARY"
fi
exit 0
