#!/bin/sh
# lint_test.sh - make lint finds what it is for. A small tree (the Makefile, .clang-format,
# tests/include_cycles.sh, two C modules, two shell scripts) passes make lint; a copy of it with
# one problem planted fails make lint and the check for that problem, naming it:
#   1. an include cycle (b.c includes a.h, a.c includes b.h)        lint-cycles
#   2. a shellcheck warning in a script known only by its #! line    lint-sh
#   3. a cppcheck finding: qsort(NULL, 0, ...)                       lint-c
#   4. a formatting deviation, which make format then repairs        lint-format
# The clean tree also holds a warning that a # shellcheck directive allows, so directives count.
# Usage: sh tests/lint_test.sh (from the top directory; installs the tools as make lint does)
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
root=$(abspath "$(dirname "$0")/..")
make_tmp || exit 1

# The clean tree.
clean=$tmp/clean
mkdir -p "$clean/src" "$clean/rules" "$clean/tests" "$clean/tools"
cp "$root/Makefile" "$root/.clang-format" "$clean/"
cp "$root/tests/include_cycles.sh" "$clean/tests/"
cat >"$clean/src/a.h" <<'EOF'
/* a.h - one module of the test tree */
#ifndef A_H
#define A_H

int a_value(int x);

#endif
EOF
cat >"$clean/src/a.c" <<'EOF'
/* a.c - one module of the test tree */
#include "a.h"

#include "b.h"

int a_value(int x)
{
	return b_value(x) + 1;
}
EOF
cat >"$clean/src/b.h" <<'EOF'
/* b.h - the module a depends on */
#ifndef B_H
#define B_H

int b_value(int x);

#endif
EOF
cat >"$clean/src/b.c" <<'EOF'
/* b.c - the module a depends on */
#include "b.h"

int b_value(int x)
{
	return x * 2;
}
EOF
cat >"$clean/tests/words.sh" <<'EOF'
#!/bin/sh
# shellcheck disable=SC2086 # the arguments are a word list
set -- $1
echo "$#"
EOF
printf '#!/bin/sh\nexit 0\n' >"$clean/tools/hook"

# run NAME DIR TARGET: make TARGET in DIR, its output (both streams) in $tmp/out
run() {
	make -C "$2" --no-print-directory "$3" >"$tmp/out" 2>&1
	rc=$?
	: >"$tmp/err"
}
# plant NAME: a fresh copy of the clean tree in $tmp/NAME, its path in $tree
plant() {
	tree=$tmp/$1
	cp -R "$clean" "$tree"
}

run clean "$clean" lint
check "the clean tree passes make lint" 0
if [ "$rc" != 0 ]; then
	finish lint-test # every planted case below would fail for the wrong reason
fi

# 1. an include cycle
plant cycle
printf '#include "a.h"\n' >>"$tree/src/b.c"
run cycle "$tree" lint-cycles
check "a planted include cycle fails lint-cycles, naming it" 2 \
	"out=include cycle: src/a -> src/b -> src/a" 'out=src/b.c:8: #include "a.h"'
run cycle "$tree" lint
check "a planted include cycle fails make lint" 2 "out=include cycle: src/a -> src/b -> src/a"

# 2. a shellcheck warning, in a script without .sh (found by its #! line)
plant shell
cat >"$tree/tools/hook" <<'EOF'
#!/bin/sh
cd "$1"
exit 0
EOF
run shell "$tree" lint-sh
check "a planted shellcheck warning fails lint-sh" 2 "out=SC2164"
run shell "$tree" lint
check "a planted shellcheck warning fails make lint" 2 "out=tools/hook"

# 3. a cppcheck finding
plant cppcheck
cat >"$tree/src/c.c" <<'EOF'
/* c.c - sorts an empty list */
#include <stdlib.h>

static int by_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

void c_sort(void);

void c_sort(void)
{
	qsort(NULL, 0, sizeof(int), by_int);
}
EOF
run cppcheck "$tree" lint-c
check "a planted qsort(NULL, 0, ...) fails lint-c" 2 "out=src/c.c:13:" "out=[nullPointer]"
run cppcheck "$tree" lint
check "a planted qsort(NULL, 0, ...) fails make lint" 2 "out=[nullPointer]"

# 4. a formatting deviation, then make format
plant format
sed 's/b_value(x) + 1/b_value(x)+1/' "$clean/src/a.c" >"$tree/src/a.c"
run format "$tree" lint-format
check "a planted formatting deviation fails lint-format" 2 "out=src/a.c:8:"
run format "$tree" lint
check "a planted formatting deviation fails make lint" 2 "out=make format rewrites"
run format "$tree" format
run format "$tree" lint-format
if cmp -s "$clean/src/a.c" "$tree/src/a.c"; then
	check "make format repairs it" 0
else
	bad "make format did not give back the clean src/a.c: $(diff "$clean/src/a.c" "$tree/src/a.c")"
fi

finish lint-test
