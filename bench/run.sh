#!/bin/sh
# bench/run.sh - domlint's benchmark: generates corpora, times domlint against xmllint and
# virt-xml-validate, prints every figure and a summary table (method: docs/performance.md)
#
#   sh bench/run.sh DOMLINT GEN_CORPUS        (make bench builds both and runs this)
#
# It never fails on a number: the exit status is 0 unless a tool is missing or a command
# errors (a crash, or a status that means the tool could not do its work). BENCH_REPS (default
# 5) sets the number of timed runs per measurement; the figure is their median.
# shellcheck disable=SC2317 # the measured commands are functions, called through timed
set -u

die() {
	echo "bench: $*" >&2
	exit 1
}

[ $# -eq 2 ] || { echo "usage: sh bench/run.sh DOMLINT GEN_CORPUS" >&2; exit 2; }

abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd)" "$1" ;;
	esac
}
DOMLINT=$(abspath "$1")
GEN=$(abspath "$2")
REPS=${BENCH_REPS:-5}
SCHEMA=/usr/share/libvirt/schemas/domain.rng
N_BIG=10000
N_SMALL=1000
N_SAMPLE=200
DEV_SMALL=2000
DEV_BIG=20000
SCALE_N=2000 # section 7: each hostile-scale input at SCALE_N and 4 x SCALE_N

case $REPS in '' | *[!0-9]* | 0) die "BENCH_REPS must be a positive number, not '$REPS'" ;; esac
[ -x "$DOMLINT" ] || die "$DOMLINT: no such executable (make bench builds it)"
[ -x "$GEN" ] || die "$GEN: no such executable (make bench builds it)"
for tool in xmllint virt-xml-validate date awk sort cmp find; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool not found (Debian: libxml2-utils for xmllint, libvirt-clients for virt-xml-validate)"
done
[ -f "$SCHEMA" ] || die "$SCHEMA not found (Debian: libvirt0)"
case $(date +%s%N) in *N* | '') die "date +%s%N does not give nanoseconds (GNU date needed)" ;; esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/domlint-bench.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM HUP
cd "$WORK" || die "cannot enter $WORK"

# ---- helpers ---------------------------------------------------------------------------------

# timed MAXRC CMD...: run CMD once, stdout and stderr to /dev/null; ELAPSED = wall time in µs.
# A status above MAXRC means the tool failed (findings give 1 for domlint, 3 for an invalid
# file under RelaxNG): stop, since the figure would be meaningless.
ELAPSED=0
timed() {
	t_max=$1
	shift
	t_0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t_rc=$?
	t_1=$(date +%s%N)
	[ "$t_rc" -le "$t_max" ] || die "command failed with exit status $t_rc: $1"
	ELAPSED=$(((t_1 - t_0) / 1000))
}

# median V...: the median of integers (the mean of the middle two for an even count).
median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure NAME MAXRC CMD...: one untimed warm-up run, then REPS timed runs; prints them and
# sets MED (µs).
MED=0
measure() {
	m_name=$1
	shift
	timed "$@"
	m_runs=
	m_i=0
	while [ "$m_i" -lt "$REPS" ]; do
		timed "$@"
		m_runs="$m_runs $ELAPSED"
		m_i=$((m_i + 1))
	done
	# shellcheck disable=SC2086 # word splitting wanted
	MED=$(median $m_runs)
	# shellcheck disable=SC2086
	printf '  %-44s median %10s   runs (ms):%s\n' "$m_name" "$(ms "$MED")" "$(list_ms $m_runs)"
}

# measure_pair NAME_A MAXRC_A FUNC_A NAME_B MAXRC_B FUNC_B: like measure for two commands,
# alternating A and B so that drift in the machine's speed hits both alike; MED_A, MED_B.
MED_A=0
MED_B=0
measure_pair() {
	timed "$2" "$3"
	timed "$5" "$6"
	p_a=
	p_b=
	p_i=0
	while [ "$p_i" -lt "$REPS" ]; do
		timed "$2" "$3"
		p_a="$p_a $ELAPSED"
		timed "$5" "$6"
		p_b="$p_b $ELAPSED"
		p_i=$((p_i + 1))
	done
	# shellcheck disable=SC2086
	MED_A=$(median $p_a)
	# shellcheck disable=SC2086
	MED_B=$(median $p_b)
	# shellcheck disable=SC2086
	printf '  %-44s median %10s   runs (ms):%s\n' "$1" "$(ms "$MED_A")" "$(list_ms $p_a)"
	# shellcheck disable=SC2086
	printf '  %-44s median %10s   runs (ms):%s\n' "$4" "$(ms "$MED_B")" "$(list_ms $p_b)"
}

ms() { awk -v u="$1" 'BEGIN { printf "%.1f ms", u / 1000 }'; }
list_ms() { awk 'BEGIN { for (i = 1; i < ARGC; i++) printf " %.1f", ARGV[i] / 1000 }' "$@"; }
per_file_ms() { awk -v u="$1" -v n="$2" 'BEGIN { if (u == "n/a") print "n/a"; else printf "%.3f ms", u / n / 1000 }'; }
# ratio A B: A/B with 2 decimals, or n/a.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 <= 0) print "n/a"; else printf "%.2f\n", a / b }'
}
# met VALUE OP LIMIT (OP is <= or >=): yes, no or n/a.
met() {
	awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
		if (v == "n/a" || v == "") { print "n/a"; exit }
		if (op == "<=") print (v + 0 <= l + 0) ? "yes" : "no"; else print (v + 0 >= l + 0) ? "yes" : "no" }'
}

# Instruction counts: perf stat where the machine has a usable PMU, else callgrind, else none.
INSTR_TOOL=none
if command -v perf >/dev/null 2>&1 &&
	perf stat -x, -e instructions -o "$WORK/perf.probe" -- true >/dev/null 2>&1 &&
	grep -q '^[0-9][0-9]*,' "$WORK/perf.probe"; then
	INSTR_TOOL=perf
elif command -v valgrind >/dev/null 2>&1; then
	INSTR_TOOL=callgrind
fi
# instructions MAXRC CMD...: prints the user-space instructions CMD executes, or n/a.
instructions() {
	i_max=$1
	shift
	case $INSTR_TOOL in
	perf)
		perf stat -x, -e instructions -o "$WORK/perf.out" -- "$@" >/dev/null 2>&1
		i_rc=$?
		[ "$i_rc" -le "$i_max" ] || die "command failed under perf with exit status $i_rc: $1"
		awk -F, '/instructions/ && $1 ~ /^[0-9]+$/ { print $1; found = 1 } END { if (!found) print "n/a" }' "$WORK/perf.out"
		;;
	callgrind)
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$WORK/cg.err"
		i_rc=$?
		[ "$i_rc" -le "$i_max" ] || die "command failed under callgrind with exit status $i_rc: $1"
		awk '/Collected :/ { print $NF; found = 1 } END { if (!found) print "n/a" }' "$WORK/cg.err"
		;;
	*) echo n/a ;;
	esac
}

# Peak RSS with GNU time, else n/a.
HAVE_GNU_TIME=no
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$WORK/time.probe" true 2>/dev/null &&
	grep -q '^[0-9][0-9]*$' "$WORK/time.probe"; then
	HAVE_GNU_TIME=yes
fi
# peak_rss MAXRC CMD...: prints the peak RSS in KiB (median of REPS runs), or n/a.
peak_rss() {
	if [ "$HAVE_GNU_TIME" != yes ]; then
		echo n/a
		return
	fi
	r_max=$1
	shift
	r_all=
	r_i=0
	while [ "$r_i" -lt "$REPS" ]; do
		/usr/bin/time -f %M -o "$WORK/rss.out" "$@" >/dev/null 2>&1
		r_rc=$?
		[ "$r_rc" -le "$r_max" ] || die "command failed with exit status $r_rc: $1"
		r_all="$r_all $(tail -n 1 "$WORK/rss.out")"
		r_i=$((r_i + 1))
	done
	# shellcheck disable=SC2086
	median $r_all
}

# ---- the commands measured (functions, so that each is one line to read) -----------------------

# domlint is given the directory: it walks and sorts it itself, as in CI. xmllint gets the same
# files, sorted, on ONE command line: one process (xargs would split the list; see below).
domlint_10k() { "$DOMLINT" --no-config -j 1 c10k; }
domlint_10k_j2() { "$DOMLINT" --no-config -j 2 c10k; }
xmllint_10k() { xmllint --noout c10k/*.xml; }
# The schema sample: dom00000.xml .. dom00199.xml of the 10,000-file corpus (N_SAMPLE files).
domlint_sample() { "$DOMLINT" --no-config c10k/dom00[01]??.xml; }
domlint_one_schema() { "$DOMLINT" --no-config --schema c10k/dom00000.xml; }
domlint_sample_schema() { "$DOMLINT" --no-config --schema c10k/dom00[01]??.xml; }
xmllint_sample_rng() { xmllint --noout --relaxng "$SCHEMA" c10k/dom00[01]??.xml; }
vxv_sample() {
	for v_f in c10k/dom00[01]??.xml; do
		virt-xml-validate "$v_f" >/dev/null 2>&1
		v_rc=$?
		[ "$v_rc" -le 3 ] || return "$v_rc" # 3 = invalid; 4 and up = it could not validate
	done
	return 0
}
domlint_dev_small() { "$DOMLINT" --no-config "big$DEV_SMALL.xml"; }
domlint_dev_big() { "$DOMLINT" --no-config "big$DEV_BIG.xml"; }
domlint_sup_small() { "$DOMLINT" --no-config --addresses=none "sup$SCALE_N.xml"; }
domlint_sup_big() { "$DOMLINT" --no-config --addresses=none "sup$((SCALE_N * 4)).xml"; }
domlint_color_small() { "$DOMLINT" --no-config --color=always --addresses=none "line$SCALE_N.xml"; }
domlint_color_big() { "$DOMLINT" --no-config --color=always --addresses=none "line$((SCALE_N * 4)).xml"; }
domlint_walk_small() { "$DOMLINT" --no-config --follow-symlinks --addresses=none "tree$SCALE_N"; }
domlint_walk_big() { "$DOMLINT" --no-config --follow-symlinks --addresses=none "tree$((SCALE_N * 4))"; }

# ---- machine and inputs ----------------------------------------------------------------------

echo "domlint benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  domlint:     $DOMLINT ($("$DOMLINT" --version 2>/dev/null | head -n 1))"
echo "  xmllint:     $(xmllint --version 2>&1 | head -n 1)"
echo "  virt-xml-validate: $(virt-xml-validate --version 2>/dev/null | head -n 1)"
echo "  machine:     $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores," \
	"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)," \
	"$(uname -sr)"
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
echo "  load:        $(loadavg) (1, 5, 15 min; other work on the machine makes wall times noisy)"
echo "  method:      wall time by date +%s%N around each run; 1 warm-up, then median of $REPS runs"
echo

echo "Generating corpora in $WORK ..."
"$GEN" corpus c10k "$N_BIG" || die "gen_corpus failed"
"$GEN" corpus c1k "$N_SMALL" || die "gen_corpus failed"
"$GEN" big "big$DEV_SMALL.xml" "$DEV_SMALL" || die "gen_corpus failed"
"$GEN" big "big$DEV_BIG.xml" "$DEV_BIG" || die "gen_corpus failed"
for g_n in "$SCALE_N" $((SCALE_N * 4)); do
	"$GEN" suppressed "sup$g_n.xml" "$g_n" || die "gen_corpus failed"
	"$GEN" oneline "line$g_n.xml" "$g_n" || die "gen_corpus failed"
	"$GEN" tree "tree$g_n" "$g_n" || die "gen_corpus failed"
done
set -- c10k/dom00[01]??.xml
[ $# -eq "$N_SAMPLE" ] || die "the schema sample has $# files, not $N_SAMPLE"
bytes=$(find c10k -name '*.xml' -exec cat {} + | wc -c)
echo "  $N_BIG files, $(awk -v b="$bytes" -v n="$N_BIG" 'BEGIN { printf "%.1f MB, %.1f KB per file", b / 1e6, b / n / 1e3 }')"
echo "  findings in it: $("$DOMLINT" --no-config c10k 2>&1 >/dev/null | tail -n 1)"
echo "  big domains: $DEV_SMALL devices $(wc -c <"big$DEV_SMALL.xml") bytes, $DEV_BIG devices $(wc -c <"big$DEV_BIG.xml") bytes"

# xmllint must get all files in one process. The list is passed in one exec; make sure it fits
# (xargs would split it into several processes at its 128 KiB buffer).
arg_max=$(getconf ARG_MAX 2>/dev/null || echo 131072)
list_bytes=$(printf '%s\n' c10k/*.xml | wc -c)
[ $((list_bytes + list_bytes / 2)) -lt "$arg_max" ] ||
	die "the file list ($list_bytes bytes) does not fit one command line (ARG_MAX $arg_max)"
echo "  xmllint gets the $N_BIG paths on one command line ($list_bytes bytes, ARG_MAX $arg_max): one process"

o_runs=
for o_i in 0 1 2 3 4; do
	timed 0 true
	[ "$o_i" -eq 0 ] || o_runs="$o_runs $ELAPSED"
done
# shellcheck disable=SC2086
T_OVERHEAD=$(median $o_runs)
echo "  timer overhead (timing 'true', median of 4): $(ms "$T_OVERHEAD"), included in every figure"
echo

# ---- 1. the corpus against xmllint ---------------------------------------------------------------

echo "1. $N_BIG files: domlint (-j 1) against xmllint --noout (one process), all output to /dev/null"
measure_pair "domlint --no-config -j 1 c10k" 1 domlint_10k "xmllint --noout c10k/*.xml" 1 xmllint_10k
T_D10K=$MED_A
T_X10K=$MED_B
R_XML=$(ratio "$T_D10K" "$T_X10K")
echo "  ratio domlint/xmllint: $R_XML (target <= 1.15)"
echo

# ---- 2. -j 2 against -j 1 --------------------------------------------------------------------

echo "2. $N_BIG files: domlint -j 2 against -j 1"
measure_pair "domlint -j 1" 1 domlint_10k "domlint -j 2" 1 domlint_10k_j2
T_J1=$MED_A
T_J2=$MED_B
SPEEDUP=$(ratio "$T_J1" "$T_J2")
"$DOMLINT" --no-config -j 1 -f json c10k >j1.json 2>/dev/null
[ $? -le 1 ] || die "domlint -j 1 -f json failed"
"$DOMLINT" --no-config -j 2 -f json c10k >j2.json 2>/dev/null
[ $? -le 1 ] || die "domlint -j 2 -f json failed"
if [ -s j1.json ] && cmp -s j1.json j2.json; then IDENTICAL=yes; else IDENTICAL=no; fi
echo "  speed-up -j 2 over -j 1: ${SPEEDUP}x; json output byte-identical: $IDENTICAL ($(wc -c <j1.json) bytes)"
echo

# ---- 3. schema validation ------------------------------------------------------------------------

echo "3. $N_SAMPLE files (dom00000..dom00199): schema validation"
measure "domlint --no-config --schema (one process)" 1 domlint_sample_schema
T_DS=$MED
measure "domlint --no-config --schema, 1 file" 1 domlint_one_schema
T_DS1=$MED
measure "xmllint --noout --relaxng domain.rng (one)" 3 xmllint_sample_rng
T_XS=$MED
measure "domlint --no-config (one process)" 1 domlint_sample
T_DN=$MED
measure "virt-xml-validate (one process per file)" 0 vxv_sample
T_VXV=$MED
echo "  per file: domlint --schema $(per_file_ms "$T_DS" "$N_SAMPLE"), xmllint --relaxng $(per_file_ms "$T_XS" "$N_SAMPLE")," \
	"domlint $(per_file_ms "$T_DN" "$N_SAMPLE"), virt-xml-validate $(per_file_ms "$T_VXV" "$N_SAMPLE")"
R_VXV_S=$(ratio "$T_VXV" "$T_DS")
R_VXV_N=$(ratio "$T_VXV" "$T_DN")
R_DS_XS=$(ratio "$T_DS" "$T_XS")
# The fixed cost (start-up, loading and compiling the schema) against the cost of one more file.
T_DS_MARGINAL=$(awk -v a="$T_DS" -v b="$T_DS1" -v n="$N_SAMPLE" 'BEGIN { m = (a - b) / (n - 1); if (m <= 0) print "n/a"; else printf "%.1f\n", m }')
R_VXV_M=$(ratio "$(awk -v v="$T_VXV" -v n="$N_SAMPLE" 'BEGIN { printf "%.1f\n", v / n }')" "$T_DS_MARGINAL")
echo "  domlint --schema: fixed cost (1 file) $(ms "$T_DS1"), each further file $(per_file_ms "$T_DS_MARGINAL" 1)" \
	"(n/a if noise hides it); virt-xml-validate per file / that: $R_VXV_M"
echo "  virt-xml-validate/domlint --schema: $R_VXV_S (target >= 50);" \
	"virt-xml-validate/domlint: $R_VXV_N; domlint --schema/xmllint --relaxng: $R_DS_XS"
echo

# ---- 4. one big domain ---------------------------------------------------------------------------

echo "4. one s390x domain: $DEV_BIG zPCI hostdevs against $DEV_SMALL"
measure_pair "domlint, $DEV_SMALL devices" 1 domlint_dev_small "domlint, $DEV_BIG devices" 1 domlint_dev_big
T_B2=$MED_A
T_B20=$MED_B
R_BIG=$(ratio "$T_B20" "$T_B2")
echo "  ratio $DEV_BIG/$DEV_SMALL devices: $R_BIG (10x the devices; target <= 12)"
echo

# ---- 5. peak memory ------------------------------------------------------------------------------

echo "5. peak RSS (GNU time %M, median of $REPS), domlint -j 1"
RSS1=$(peak_rss 1 "$DOMLINT" --no-config -j 1 c1k)
RSS10=$(peak_rss 1 "$DOMLINT" --no-config -j 1 c10k)
if [ "$HAVE_GNU_TIME" = yes ]; then
	R_RSS=$(ratio "$RSS10" "$RSS1")
	echo "  $N_SMALL files: $RSS1 KiB; $N_BIG files: $RSS10 KiB; ratio $R_RSS (target <= 1.2)"
	RSS_FIG=$R_RSS
else
	echo "  n/a (install GNU time)"
	RSS_FIG=n/a
	R_RSS=n/a
fi
echo

# ---- 6. instructions -----------------------------------------------------------------------------

echo "6. instructions (deterministic, unlike wall time)"
case $INSTR_TOOL in
none)
	echo "  n/a: neither perf stat -e instructions nor valgrind is usable here"
	I_D=n/a I_X=n/a I_B2=n/a I_B20=n/a
	;;
*)
	[ "$INSTR_TOOL" = callgrind ] &&
		echo "  perf stat -e instructions is not usable here (no PMU in this VM?); using valgrind --tool=callgrind (Ir)"
	[ "$INSTR_TOOL" = perf ] && echo "  perf stat -e instructions (user and kernel)"
	I_D=$(instructions 1 "$DOMLINT" --no-config -j 1 c1k)
	I_X=$(instructions 1 xmllint --noout c1k/*.xml)
	I_B2=$(instructions 1 "$DOMLINT" --no-config "big$DEV_SMALL.xml")
	I_B20=$(instructions 1 "$DOMLINT" --no-config "big$DEV_BIG.xml")
	echo "  $N_SMALL files: domlint $I_D, xmllint --noout $I_X; ratio $(ratio "$I_D" "$I_X")"
	echo "  big domain: $DEV_SMALL devices $I_B2, $DEV_BIG devices $I_B20; ratio $(ratio "$I_B20" "$I_B2")"
	;;
esac
R_I_XML=$(ratio "$I_D" "$I_X")
R_I_BIG=$(ratio "$I_B20" "$I_B2")
echo

# ---- 7. hostile scale ---------------------------------------------------------------------------

# Inputs a hostile repository can make large: linear means 4x the input costs about 4x the
# time; a quadratic term would show as 16x.
echo "7. hostile scale: each input at $SCALE_N and $((SCALE_N * 4)) (linear: ratio about 4; quadratic: 16)"
echo "  suppression: N hostdevs with a finding each, silenced by N/2 file-wide directives, N/2 before <devices>, one before each"
measure_pair "domlint, $SCALE_N findings silenced" 0 domlint_sup_small "domlint, $((SCALE_N * 4)) findings silenced" 0 domlint_sup_big
R_SUP=$(ratio "$MED_B" "$MED_A")
echo "  ratio: $R_SUP"
echo "  colour: a one-line domain with 2N findings, --color=always (a window of the line per finding)"
measure_pair "domlint --color, $((SCALE_N * 2)) findings" 1 domlint_color_small "domlint --color, $((SCALE_N * 8)) findings" 1 domlint_color_big
R_COL=$(ratio "$MED_B" "$MED_A")
B_COL_S=$("$DOMLINT" --no-config --color=always --addresses=none "line$SCALE_N.xml" 2>/dev/null | wc -c)
B_COL_B=$("$DOMLINT" --no-config --color=always --addresses=none "line$((SCALE_N * 4)).xml" 2>/dev/null | wc -c)
R_COL_B=$(ratio "$B_COL_B" "$B_COL_S")
echo "  ratio: $R_COL; output $B_COL_S and $B_COL_B bytes, ratio $R_COL_B"
echo "  walk: N directories, each with a domain and links to the top and to the next, --follow-symlinks"
measure_pair "domlint --follow-symlinks, $SCALE_N directories" 1 domlint_walk_small "domlint --follow-symlinks, $((SCALE_N * 4)) directories" 1 domlint_walk_big
R_WALK=$(ratio "$MED_B" "$MED_A")
echo "  ratio: $R_WALK"
echo

# ---- summary -------------------------------------------------------------------------------------

row() { printf '| %-52s | %-10s | %-8s | %-4s |\n' "$1" "$2" "$3" "$4"; }
echo "Summary ($REPS runs each, medians; $(date -u '+%Y-%m-%d'); load average at the end $(loadavg))"
echo
row "what" "figure" "target" "met"
row "----------------------------------------------------" "----------" "--------" "----"
row "domlint / xmllint --noout, wall, $N_BIG files" "$R_XML" "<= 1.15" "$(met "$R_XML" '<=' 1.15)"
row "domlint / xmllint --noout, instructions, $N_SMALL files" "$R_I_XML" "-" "-"
row "domlint -j 2 speed-up over -j 1 (2 cores)" "$SPEEDUP" "-" "-"
row "domlint -j 2 json output identical to -j 1" "$IDENTICAL" "yes" "$IDENTICAL"
row "virt-xml-validate / domlint --schema, per file" "$R_VXV_S" "-" "-"
row "virt-xml-validate / domlint, per file" "$R_VXV_N" ">= 50" "$(met "$R_VXV_N" '>=' 50)"
row "virt-xml-validate / domlint --schema, marginal file" "$R_VXV_M" "-" "-"
row "domlint --schema / xmllint --relaxng, $N_SAMPLE files" "$R_DS_XS" "-" "-"
row "time $DEV_BIG / $DEV_SMALL devices, wall" "$R_BIG" "<= 12" "$(met "$R_BIG" '<=' 12)"
row "time $DEV_BIG / $DEV_SMALL devices, instructions" "$R_I_BIG" "<= 12" "$(met "$R_I_BIG" '<=' 12)"
row "suppression, 4x directives and findings, wall" "$R_SUP" "<= 6" "$(met "$R_SUP" '<=' 6)"
row "--color one-line domain, 4x findings, wall" "$R_COL" "<= 6" "$(met "$R_COL" '<=' 6)"
row "--color one-line domain, 4x findings, output bytes" "$R_COL_B" "<= 6" "$(met "$R_COL_B" '<=' 6)"
row "--follow-symlinks walk, 4x directories, wall" "$R_WALK" "<= 6" "$(met "$R_WALK" '<=' 6)"
if [ "$RSS_FIG" = n/a ]; then
	row "peak RSS $N_BIG / $N_SMALL files" "n/a (install GNU time)" "<= 1.2" "n/a"
else
	row "peak RSS $N_BIG / $N_SMALL files ($RSS10 / $RSS1 KiB)" "$R_RSS" "<= 1.2" "$(met "$R_RSS" '<=' 1.2)"
fi
echo
echo "Times: domlint $(ms "$T_D10K"), xmllint $(ms "$T_X10K") ($N_BIG files); -j 1 $(ms "$T_J1"), -j 2 $(ms "$T_J2");" \
	"per file: domlint --schema $(per_file_ms "$T_DS" "$N_SAMPLE"), domlint $(per_file_ms "$T_DN" "$N_SAMPLE")," \
	"virt-xml-validate $(per_file_ms "$T_VXV" "$N_SAMPLE"); $DEV_SMALL devices $(ms "$T_B2"), $DEV_BIG devices $(ms "$T_B20")"
exit 0
