#!/bin/sh
# walk_test.sh - directory walks: every file linted once (by device and inode, across walks and
# named files; "-" never merged), symlinked directories followed only with --follow-symlinks
# (loops stopped), hidden entries skipped, .gitignore honoured through git inside a work tree
# (tracked files and named files always linted, --no-gitignore, no git, a failing git, a hostile
# core.fsmonitor), and the warning for a directory with no *.xml.
#   sh tests/walk_test.sh ./domlint
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
if [ $# -ne 1 ]; then
	echo "usage: sh tests/walk_test.sh DOMLINT" >&2
	exit 2
fi
DOMLINT=$(abspath "$1")
if [ ! -x "$DOMLINT" ]; then
	echo "walk-test: $DOMLINT is not an executable (run make)" >&2
	exit 2
fi
make_tmp || exit 1
tmp=$(cd "$tmp" && pwd -P) || exit 1

# git only from the repositories made here: no calling hook's repository, no user or system
# configuration (a global core.excludesFile would change what is ignored).
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
	GIT_COMMON_DIR GIT_PREFIX GIT_CONFIG_GLOBAL GIT_CONFIG_SYSTEM GIT_CEILING_DIRECTORIES
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
have_git=0
command -v git >/dev/null 2>&1 && have_git=1

# A clean domain: linted, no findings; the JSON report names every file linted.
domain() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "<domain type='kvm'><name>vm</name><memory>1</memory></domain>" >"$1"
}

# run DIR [ARG]...: domlint -f json ARGs in DIR; $tmp/files gets the reported paths in order,
# $tmp/err stderr, rc the exit status.
run() {
	dir=$1
	shift
	(cd "$dir" && exec "$DOMLINT" --format=json "$@") </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	grep -o '"path":"[^"]*"' "$tmp/out" | sed 's/^"path":"//; s/"$//' >"$tmp/files"
}

# expect NAME RC FILES [COND]...: check (lib.sh) that the run exited with RC, linted FILES (the
# paths, blank-separated, in order) and meets every err=/err! COND.
check_more() {
	got=$(tr '\n' ' ' <"$tmp/files" | sed 's/ $//')
	[ "$got" = "${1#files=}" ] || why="linted '$got', expected '${1#files=}'"
}
expect() {
	name=$1 want_rc=$2 want=$3
	shift 3
	check "$name" "$want_rc" "files=$want" "$@"
}

# --- outside any git work tree ------------------------------------------------------------
w=$tmp/plain
domain "$w/vms/a.xml"
domain "$w/vms/sub/b.xml"
domain "$w/elsewhere/e.xml"
domain "$w/vms/.hidden/h.xml"
domain "$w/vms/.dot.xml"
ln -s ../elsewhere "$w/vms/link"
ln -s .. "$w/vms/sub/up"
ln -s a.xml "$w/vms/same.xml"
ln -s ../../elsewhere/e.xml "$w/vms/sub/filelink.xml"
# a dangling *.xml found by a walk is a file not linted (exit 2), no longer "skipped": it has
# its own directory, so the walks of vms below keep their exit status 0
mkdir "$w/dangling"
ln -s missing.xml "$w/dangling/broken.xml"
ln "$w/vms/a.xml" "$w/vms/sub/hard.xml"
printf 'a.xml\nsub/\n' >"$w/vms/.gitignore" # no work tree: git has no say
if [ -d "$tmp/plain/.git" ] || (cd "$w" && git rev-parse --git-dir >/dev/null 2>&1); then
	skip "walks outside a work tree: $tmp is inside a git repository"
else
	run "$w" vms
	expect "symlinked directory not followed; hidden entries skipped; one inode once; .gitignore without a repository ignored" \
		0 "vms/a.xml vms/sub/b.xml vms/sub/filelink.xml" \
		"err!symbolic link loop" "err!no *.xml"
	run "$w" dangling
	expect "a dangling *.xml found by a walk: exit 2, naming it" 2 "dangling/broken.xml" \
		"out=cannot open: No such file or directory (a dangling symbolic link)" "err=1 unreadable"
	rm -r "$w/dangling"
	run "$w" --follow-symlinks vms
	expect "--follow-symlinks walks symlinked directories, stops at the loop; e.xml once" \
		0 "vms/a.xml vms/link/e.xml vms/sub/b.xml" \
		"err=vms/sub/up: skipped: symbolic link loop"
	if [ -d /proc/self ] && [ "$(uname -s)" = Linux ]; then
		mkdir "$w/kernel"
		domain "$w/kernel/k.xml"
		ln -s /proc "$w/kernel/proc"
		ln -s /sys "$w/kernel/sys"
		run "$w" --follow-symlinks kernel
		expect "--follow-symlinks: a link to /proc or /sys is not walked (a link to / would take it there)" \
			0 "kernel/k.xml" "err=kernel/proc: skipped: a kernel file system" \
			"err=kernel/sys: skipped: a kernel file system"
		rm -r "$w/kernel"
	else
		skip "kernel file systems: not Linux"
	fi
	run "$w" vms/sub/hard.xml vms elsewhere/e.xml
	expect "the same file by a named path, a hard link, a symlink and a walk: once, the first" \
		0 "vms/sub/hard.xml vms/sub/b.xml vms/sub/filelink.xml"
	run "$w" vms/a.xml vms/a.xml ./vms/same.xml
	expect "a file named twice, and by its symlink: once" 0 "vms/a.xml"
	run "$w" vms/link
	expect "a symlinked directory named on the command line is walked" 0 "vms/link/e.xml"
	run "$w" vms/.dot.xml vms/.hidden
	expect "hidden file and directory named on the command line are linted" \
		0 "vms/.dot.xml vms/.hidden/h.xml"
	run "$w" vms vms/sub
	expect "a directory inside one walked already: nothing twice, no warning" \
		0 "vms/a.xml vms/sub/b.xml vms/sub/filelink.xml" "err!no *.xml"
	run "$w" .
	expect "'.' names files without './'; e.xml once, by its first path" \
		0 "elsewhere/e.xml vms/a.xml vms/sub/b.xml"
	mkdir "$w/nets"
	echo "<network><name>n</name></network>" >"$w/nets/net.xml"
	run "$w" nets nets/net.xml
	expect "a file found by a walk and named after it: linted once, as a named file" \
		1 "nets/net.xml" "err=1 file linted"
	run "$w" nets
	expect "the same file only walked: skipped, and not reported as not-a-domain" 0 "" \
		"err=1 skipped"
	rm -r "$w/nets"
	printf '%s\n' "<domain type='kvm'><name>in</name></domain>" >"$tmp/stdin.xml"
	(cd "$w" && "$DOMLINT" --format=json - vms/a.xml - <"$tmp/stdin.xml") >"$tmp/out" 2>"$tmp/err"
	n=$(grep -o '"path":"<stdin>"' "$tmp/out" | wc -l | tr -d ' ')
	if [ "$n" = 2 ]; then ok "'-' twice is read twice"; else bad "'-' twice reported $n times, expected 2"; fi
fi

# --- a directory with nothing to lint -----------------------------------------------------
mkdir -p "$tmp/empty" "$tmp/noxml/deeper"
echo text >"$tmp/noxml/notes.txt"
echo text >"$tmp/noxml/deeper/x.xmlx"
domain "$tmp/noxml/.hidden.xml"
domain "$tmp/good.xml"
run "$tmp" empty
expect "an empty directory: a warning, exit status 0" 0 "" "err=domlint: empty: no *.xml files found"
run "$tmp" good.xml noxml empty/
expect "directories with no *.xml beside a good file: a warning each, exit status unchanged" \
	0 "good.xml" "err=domlint: noxml: no *.xml files found" "err=domlint: empty/: no *.xml files found"
printf '%s\n' "<domain type='kvm'><name>x</name><devices><hostdev mode='subsystem' type='pci'><source><address domain='0' bus='010' slot='0' function='0'/></source></hostdev></devices></domain>" >"$tmp/bad.xml"
run "$tmp" --fail-on=warning bad.xml empty
expect "the warning leaves a findings exit status alone" 1 "bad.xml" "err=domlint: empty: no *.xml files found"

# --- inside a git work tree ---------------------------------------------------------------
if [ "$have_git" = 0 ]; then
	skip ".gitignore: no git here"
	finish walk-test
fi
r=$tmp/repo
git init -q "$r" || { bad "git init failed"; finish walk-test; }
printf '%s\n' 'build/' '*.gen.xml' '/excluded-by-info.xml' >"$r/.gitignore"
domain "$r/keep.xml"
domain "$r/sub/ok.xml"
domain "$r/sub/out.gen.xml"
domain "$r/build/made.xml"
domain "$r/build/deep/made2.xml"
domain "$r/tracked.gen.xml"
domain "$r/excluded-by-info.xml"
domain "$r/info.xml"
echo 'info.xml' >>"$r/.git/info/exclude"
git -C "$r" add -f tracked.gen.xml || bad "git add -f failed"
# a nested repository with its own .gitignore, and a symlink to a directory outside
git init -q "$r/nested"
echo 'skip.xml' >"$r/nested/.gitignore"
domain "$r/nested/n.xml"
domain "$r/nested/skip.xml"
ln -s ../plain/elsewhere "$r/outlink"
ln -s build "$r/buildlink"
echo 'ignoredlink' >>"$r/.gitignore"
ln -s ../plain/elsewhere "$r/ignoredlink"

run "$r" .
expect ".gitignore, info/exclude and a nested repository's .gitignore honoured; tracked file linted" \
	0 "keep.xml nested/n.xml sub/ok.xml tracked.gen.xml" "err!.gitignore not applied"
run "$tmp" repo
expect "the same, from outside the work tree" \
	0 "repo/keep.xml repo/nested/n.xml repo/sub/ok.xml repo/tracked.gen.xml"
run "$r/sub" .
expect "a subdirectory of the work tree" 0 "ok.xml"
run "$r" --follow-symlinks .
expect "--follow-symlinks follows a listed symlink, not an ignored one" \
	0 "buildlink/deep/made2.xml buildlink/made.xml keep.xml nested/n.xml outlink/e.xml sub/ok.xml tracked.gen.xml"
run "$r" sub/out.gen.xml build/made.xml info.xml keep.xml
expect "named ignored files are linted" 0 "sub/out.gen.xml build/made.xml info.xml keep.xml"
run "$r" build
expect "a named ignored directory is walked whole" 0 "build/deep/made2.xml build/made.xml" "err!no *.xml"
run "$r" build/deep
expect "a named directory inside an ignored one is walked whole" 0 "build/deep/made2.xml"
run "$r" --no-gitignore .
expect "--no-gitignore walks ignored files too" \
	0 "build/deep/made2.xml build/made.xml excluded-by-info.xml info.xml keep.xml nested/n.xml nested/skip.xml sub/ok.xml sub/out.gen.xml tracked.gen.xml"
mkdir -p "$r/gen"
domain "$r/gen/only.gen.xml"
run "$r" gen
expect "a directory whose files are all ignored: the warning says why" 0 "" \
	"err=domlint: gen: no *.xml files found (.gitignore left some out; --no-gitignore walks them)"
rm -r "$r/gen"

# no git on PATH: the plain walk, without a word
mkdir -p "$tmp/nogit"
ln -s "$DOMLINT" "$tmp/nogit/domlint"
(cd "$r" && PATH="$tmp/nogit" exec domlint --format=json .) </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
grep -o '"path":"[^"]*"' "$tmp/out" | sed 's/^"path":"//; s/"$//' >"$tmp/files"
expect "no git: every file walked, no note" \
	0 "build/deep/made2.xml build/made.xml excluded-by-info.xml info.xml keep.xml nested/n.xml nested/skip.xml sub/ok.xml sub/out.gen.xml tracked.gen.xml" \
	"err!gitignore"

# a git that refuses the repository (owned by someone else): the plain walk, one note
if (cd "$r" && GIT_TEST_ASSUME_DIFFERENT_OWNER=1 git ls-files >/dev/null 2>&1); then
	skip "dubious ownership: this git does not know GIT_TEST_ASSUME_DIFFERENT_OWNER"
else
	(cd "$r" && GIT_TEST_ASSUME_DIFFERENT_OWNER=1 exec "$DOMLINT" --format=json sub build/deep .) \
		</dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	grep -o '"path":"[^"]*"' "$tmp/out" | sed 's/^"path":"//; s/"$//' >"$tmp/files"
	expect "git refuses the repository: plain walk, one note" \
		0 "sub/ok.xml sub/out.gen.xml build/deep/made2.xml build/made.xml excluded-by-info.xml info.xml keep.xml nested/n.xml nested/skip.xml tracked.gen.xml" \
		"err=domlint: sub: .gitignore not applied: git: detected dubious ownership"
	n=$(grep -c 'gitignore not applied' "$tmp/err")
	if [ "$n" = 1 ]; then ok "the note once per run"; else bad "the note $n times, expected once"; fi
fi

# a hostile repository: core.fsmonitor would have git run a command for us
h=$tmp/hostile
git init -q "$h"
domain "$h/vm.xml"
git -C "$h" add vm.xml
git -C "$h" config core.fsmonitor "touch '$tmp/canary'; false"
(cd "$h" && git ls-files >/dev/null 2>&1)
if [ -e "$tmp/canary" ]; then
	rm -f "$tmp/canary"
	run "$h" .
	expect "a hostile core.fsmonitor: linted" 0 "vm.xml"
	if [ -e "$tmp/canary" ]; then bad "domlint let git run the repository's core.fsmonitor command"; else ok "core.fsmonitor not run"; fi
else
	skip "core.fsmonitor: this git's ls-files does not run it"
fi

finish walk-test
