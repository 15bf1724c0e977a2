#!/bin/sh
# verdict.sh - the action's last step: fail as domlint did. The lint step never fails, so that
# the SARIF upload between them runs whatever domlint found; this step then passes on its status.
set -u
status=${DOMLINT_STATUS:-}
case $status in
0) exit 0 ;;
1) echo "domlint: findings at or above fail-on: ${INPUT_FAIL_ON:-error} (exit status 1)" >&2 ;;
2) echo "domlint: an input could not be read (exit status 2)" >&2 ;;
3) echo "domlint: bad usage or a bad configuration file (exit status 3)" >&2 ;;
'' | *[!0-9]*)
	echo "domlint: no exit status from the lint step" >&2
	exit 2 ;;
*) echo "domlint: exit status $status" >&2 ;;
esac
exit "$status"
