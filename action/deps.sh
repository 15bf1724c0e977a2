#!/bin/sh
# deps.sh - the action's first step: install what building domlint needs and the runner lacks
# (tools/build-deps.sh says what), with apt-get, through sudo unless the step runs as root.
# Nothing missing, nothing installed. Elsewhere than on Debian or Ubuntu (no apt-get), it names
# the packages and fails: install them in an earlier step.
set -u
here=${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: this runs as a step of the action}

missing=$(sh "$here/tools/build-deps.sh") || exit 1
if [ -z "$missing" ]; then
	echo "domlint: the build dependencies are installed"
	exit 0
fi
debs=$(printf '%s\n' "$missing" | cut -f 2 | tr '\n' ' ')
what=$(printf '%s\n' "$missing" | cut -f 1 | tr '\n' ',' | sed 's/,$//; s/,/, /g')
if ! command -v apt-get >/dev/null 2>&1; then
	rpms=$(printf '%s\n' "$missing" | cut -f 3 | tr '\n' ' ')
	echo "::error title=domlint::missing $what and no apt-get to install them: install them before this step (Debian: ${debs% }; Fedora/RHEL: ${rpms% })"
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1; then
	as_root="sudo -n"
else
	echo "::error title=domlint::missing $what; not root and no sudo to install them: apt-get install ${debs% }"
	exit 1
fi

echo "::group::domlint: installing ${debs% }"
# A runner's package lists may be stale: install, and only when that fails update and retry.
# shellcheck disable=SC2086 # the package names are words
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $debs ||
	{ $as_root apt-get update -qq &&
		$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $debs; }
status=$?
echo "::endgroup::"
if [ "$status" -ne 0 ]; then
	echo "::error title=domlint::could not install ${debs% } with apt-get (status $status)"
	exit 1
fi
missing=$(sh "$here/tools/build-deps.sh")
if [ -n "$missing" ]; then
	echo "::error title=domlint::still missing after apt-get install: $(printf '%s\n' "$missing" | cut -f 1 | tr '\n' ' ')"
	exit 1
fi
