#!/bin/sh
# parallel.sh - runs test commands JOBS at a time (make check, make integration-check), each
# with its own output, and fails when any of them fails.
#   sh tests/parallel.sh JOBS 'COMMAND LINE' ['COMMAND LINE']...
# The commands start in the order given (put the slowest first), each as sh -c 'COMMAND LINE'
# with stdin from /dev/null; a command's whole output (stdout and stderr, as it wrote them) is
# printed in one piece when it ends, under "==> COMMAND LINE", and followed by "<== COMMAND LINE:
# passed|FAILED (exit status N), S s". At the end every failed command is named again, and the
# exit status is 1 when one failed (else 0). JOBS=1 runs them one after another.
set -u
if [ "$#" -lt 1 ] || ! [ "$1" -ge 1 ] 2>/dev/null; then
	echo "usage: sh tests/parallel.sh JOBS 'COMMAND LINE'..." >&2
	exit 2
fi
jobs=$1
shift
dir=$(mktemp -d) || exit 2
pids=
trap 'rm -rf "$dir"' EXIT
# An interrupt stops every command still running.
trap '[ -z "$pids" ] || kill -TERM $pids 2>/dev/null; exit 1' HUP INT TERM

# Each command's line, by number: $dir/N.cmd.
n=0
for cmd in "$@"; do
	n=$((n + 1))
	printf '%s\n' "$cmd" >"$dir/$n.cmd"
done

# Each command in a session of its own (setsid), so that an interrupt stops the processes it
# started too: its process group.
own=
command -v setsid >/dev/null 2>&1 && own=setsid

# worker: go through the commands in order, running each one no other worker has claimed
# (mkdir is atomic); print its output whole, one worker at a time (the lock is a directory too).
worker() {
	child=
	# (a background shell ignores SIGINT: an interrupt reaches it as the SIGTERM below)
	trap '[ -z "$child" ] || kill -TERM -"$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null; exit 1' TERM
	i=0
	while [ "$i" -lt "$n" ]; do
		i=$((i + 1))
		mkdir "$dir/$i.claim" 2>/dev/null || continue
		cmd=$(cat "$dir/$i.cmd")
		start=$(date +%s)
		$own sh -c "$cmd" </dev/null >"$dir/$i.log" 2>&1 &
		child=$!
		wait "$child"
		rc=$?
		child=
		secs=$(($(date +%s) - start))
		echo "$rc" >"$dir/$i.rc"
		if [ "$rc" = 0 ]; then verdict=passed; else verdict="FAILED (exit status $rc)"; fi
		until mkdir "$dir/print.lock" 2>/dev/null; do sleep 0.1; done
		printf '==> %s\n' "$cmd"
		cat "$dir/$i.log"
		printf '<== %s: %s, %s s\n' "$cmd" "$verdict" "$secs"
		rmdir "$dir/print.lock"
	done
}

w=0
while [ "$w" -lt "$jobs" ] && [ "$w" -lt "$n" ]; do
	worker &
	pids="$pids $!"
	w=$((w + 1))
done
for pid in $pids; do wait "$pid"; done

status=0
i=0
while [ "$i" -lt "$n" ]; do
	i=$((i + 1))
	rc=$(cat "$dir/$i.rc" 2>/dev/null) || rc="none (did not run)"
	if [ "$rc" != 0 ]; then
		[ "$status" = 0 ] && echo "parallel: failed:"
		printf '  %s (exit status %s)\n' "$(cat "$dir/$i.cmd")" "$rc"
		status=1
	fi
done
[ "$status" = 0 ] && echo "parallel: all $n passed"
exit "$status"
