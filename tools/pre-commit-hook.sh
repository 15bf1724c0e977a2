#!/bin/sh
# pre-commit-hook.sh - the pre-commit hook "domlint": build domlint in the checkout of this
# repository that pre-commit made, then lint the files it passes, in the caller's directory.
# The arguments are the hook's entry: flags, then the user's args:, then the staged files.
set -u
here=$(cd "$(dirname "$0")/.." && pwd) || exit 2
# Build output goes to stderr so that only domlint's report is on stdout.
make -s -C "$here" domlint >&2 || {
	echo "domlint: could not build domlint in $here (see above)" >&2
	exit 2
}
exec "$here/domlint" "$@"
