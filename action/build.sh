#!/bin/sh
# build.sh - the action's second step: build domlint in the action's own checkout (the ref the
# workflow pinned, as in uses: OWNER/domlint@v0.2.0), never installing anything (the step before
# did), and hand the binary on as the step's output "domlint".
set -u
here=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: this runs as a step of the action}
out=${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: this runs as a step of the action}

jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || jobs=2
echo "::group::domlint: building in $here"
make -s -C "$here" -j "${jobs:-2}" INSTALL_DEPS=no domlint
status=$?
echo "::endgroup::"
if [ "$status" -ne 0 ] || [ ! -x "$here/domlint" ]; then
	echo "::error title=domlint::could not build domlint in $here (make: status $status; the log above says why)"
	exit 1
fi
"$here/domlint" --version || exit 1
printf 'domlint=%s\n' "$here/domlint" >>"$out"
