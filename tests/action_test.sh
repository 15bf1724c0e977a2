#!/bin/sh
# shellcheck disable=SC2016,SC2034 # the checks are strings that expect evaluates (at its call)
# action_test.sh - the GitHub Action (action.yml) run as a runner runs it, offline, by
# tests/action_runner.py: the inputs and their defaults, ${{ }} expressions, each step's script
# with bash -eo pipefail from the workspace (whose path has a space), GITHUB_ACTION_PATH,
# GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY, RUNNER_TEMP; the SARIF upload stood in for.
# Checked: the steps' shape (each run: is a script under action/); a failing and a clean
# workspace (exit status, the action's outputs, annotations as domlint prints them, the job
# summary); text and SARIF output (valid SARIF 2.1.0 with every finding, at sarif-file, uploaded
# before the job fails); fail-on, config, args and paths; bad inputs; the dependency step on a
# fresh runner (sudo apt-get, or apt-get as root, of the missing packages only; without apt-get
# a message naming them) and on one that has them (no apt-get at all); tools/build-deps.sh
# against the Makefile's DEB_PKGS; and the workflow of docs/integration.md (<!-- github-action -->)
# as written, its uses: OWNER/domlint@vX.Y.Z being this action.
#   sh tests/action_test.sh
# The action is this working tree, whose make finds ./domlint up to date (make check built it),
# so the build step really runs but takes a moment. ACTION_TEST_CLEAN=1 copies the tree's files
# (git ls-files) to a fresh directory and builds there from nothing, as on a real runner.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/.." && pwd) || exit 1
show() { tail -n "${2:-15}" "$1" | sed 's/^/     | /'; }

python=/usr/bin/python3
[ -x "$python" ] || python=python3
if ! "$python" -c 'import yaml' 2>/dev/null; then
	skip "no python3 with the yaml module (Debian: python3-yaml; make check installs it) to read action.yml"
	finish action-test
fi
make_tmp || exit 1

action=$here
if [ "${ACTION_TEST_CLEAN:-}" = 1 ]; then
	# Where a runner puts an action: _actions/OWNER/NAME/REF, here with a space on the way.
	action="$tmp/_actions/OWNER/domlint/v 0.2.0"
	mkdir -p "$action"
	(cd "$here" && git ls-files -z --cached --others --exclude-standard |
		tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -C "$action" -xf - ||
		{ bad "could not copy the working tree to $action"; finish action-test; }
	ok "ACTION_TEST_CLEAN=1: the action is a fresh copy of the tree, built from nothing"
fi

# ---- The steps' shape: every run: step is shell: bash running a script of action/ that exists.
"$python" - "$action/action.yml" >"$tmp/shape.out" 2>&1 <<'EOF'
import os, re, sys, yaml
path = sys.argv[1]
a = yaml.safe_load(open(path))
def check(cond, what):
    print(("ok " if cond else "FAIL ") + "action.yml: " + what)
check(a.get("runs", {}).get("using") == "composite", "runs.using is composite")
for name, spec in (a.get("inputs") or {}).items():
    check(bool((spec or {}).get("description")), "input %s has a description" % name)
for name, spec in (a.get("outputs") or {}).items():
    check(bool((spec or {}).get("description")) and "${{ steps." in str((spec or {}).get("value")),
          "output %s has a description and a step's output as its value" % name)
for s in a["runs"]["steps"]:
    if "run" not in s:
        continue
    m = re.fullmatch(r'sh "\$GITHUB_ACTION_PATH/(action/[a-z-]+\.sh)"', s["run"].strip())
    check(s.get("shell") == "bash" and m is not None and
          os.path.isfile(os.path.join(os.path.dirname(path), m.group(1))),
          "step '%s' runs a script of action/ with shell: bash, its inputs in env:" % s.get("name"))
    check("${{" not in s["run"], "step '%s' splices no expression into its script" % s.get("name"))
EOF
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok }" ;;
	"FAIL "*) bad "${line#FAIL }" ;;
	esac
done <"$tmp/shape.out"
grep -qE '^(ok|FAIL) ' "$tmp/shape.out" || { bad "action.yml does not parse:"; show "$tmp/shape.out"; }

# ---- The workspace (a path with a space): failing, clean and warning-only domains, a config.
ws="$tmp/runner work/repo"
mkdir -p "$ws/clean" "$ws/warn" "$ws/ci" "$tmp/temp"
cp -R "$here/testdata/examples" "$ws/vms"
rm -f "$ws/vms"/*.out "$ws/vms"/*.rc
cp "$here/testdata/examples/zpci-passthrough-recommended.xml" "$ws/clean/"
cat >"$ws/warn/web.xml" <<'EOF'
<domain type='kvm'>
  <name>web</name>
  <memory unit='MiB'>2048</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='010' slot='0x00' function='0x0'/>
      </source>
    </hostdev>
  </devices>
</domain>
EOF
printf '[rules]\naddress-octal = off\n' >"$ws/ci/domlint.conf"
# What domlint itself says, for comparison.
(cd "$ws" && "$here/domlint" --format=github vms >"$tmp/truth.github" 2>/dev/null)
(cd "$ws" && "$here/domlint" --format=text vms >"$tmp/truth.text" 2>/dev/null)
nfindings=$(grep -c -v 'title=guest PCI address::' "$tmp/truth.github")

# Stand-ins on PATH, first: apt-get and sudo that record their calls; id -u says $FAKE_UID
# when set. pkg-config fails --exists until apt-get "installed" something (in the "nopc" dir).
rec=$tmp/rec
nopc=$tmp/nopc
mkdir -p "$rec" "$nopc"
cat >"$rec/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$* [DEBIAN_FRONTEND=\${DEBIAN_FRONTEND:-}]" >>"$tmp/apt.log"
case " \$* " in *" install "*) touch "$tmp/installed" ;; esac
exit 0
EOF
cat >"$rec/sudo" <<EOF
#!/bin/sh
echo "sudo \$*" >>"$tmp/sudo.log"
[ "\$1" = -n ] && shift
exec "\$@"
EOF
real_id=$(command -v id)
cat >"$rec/id" <<EOF
#!/bin/sh
if [ "\$1" = -u ] && [ -n "\${FAKE_UID:-}" ]; then echo "\$FAKE_UID"; exit 0; fi
exec "$real_id" "\$@"
EOF
real_pc=$(command -v pkg-config) || real_pc=/usr/bin/pkg-config
cat >"$nopc/pkg-config" <<EOF
#!/bin/sh
[ -f "$tmp/installed" ] && exec "$real_pc" "\$@"
exit 1
EOF
chmod +x "$rec"/* "$nopc"/*
PATH=$rec:$PATH
export PATH
unset FAKE_UID DOMLINT INPUT_PATHS INPUT_FORMATS INPUT_FAIL_ON INPUT_CONFIG INPUT_ARGS \
	INPUT_SARIF_FILE INPUT_UPLOAD_SARIF GITHUB_OUTPUT GITHUB_ENV GITHUB_STEP_SUMMARY GITHUB_PATH

# act NAME [NAME=VALUE]...: run the action with these inputs; its log in $tmp/NAME.out and
# .err, the runner's report in $tmp/NAME.json, its status in $st. The runner starts elsewhere
# than the workspace (the steps must not depend on where it started), with PATH=$runner_path
# when that is set.
act() {
	name=$1
	shift
	rm -f "$tmp/apt.log" "$tmp/sudo.log" "$tmp/installed"
	rm -rf "$tmp/temp"
	mkdir -p "$tmp/temp"
	n=$#
	for kv in "$@"; do set -- "$@" --with "$kv"; done
	shift "$n"
	# shellcheck disable=SC2030 # the runner's PATH, in its subshell only
	(cd / && PATH=${runner_path:-$PATH} && "$python" "$here/tests/action_runner.py" --action "$action" \
		--workspace "$ws" --temp "$tmp/temp" --report "$tmp/$name.json" "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
	st=$?
}
# rep NAME EXPR: a value from the runner's report r of run NAME (a Python expression).
rep() {
	"$python" -c 'import json, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # grep -q may stop reading
r = json.load(open(sys.argv[1]))
try:
    v = eval(sys.argv[2])
except (KeyError, IndexError):
    v = "<none>"
print(json.dumps(v) if isinstance(v, (dict, list)) else v)' "$tmp/$1.json" "$2"
}
# expect NAME WHAT COND: ok WHAT when the shell condition COND holds, else FAIL with the log.
expect() {
	if eval "$3"; then ok "$1: $2"; else
		bad "$1: $2 (status $st)"
		show "$tmp/$1.out" 8
		show "$tmp/$1.err" 8
	fi
}
# no_apt NAME: the run called neither apt-get nor sudo.
no_apt() {
	expect "$1" "no apt-get, no sudo (the dependencies are there)" '[ ! -s "$tmp/apt.log" ] && [ ! -s "$tmp/sudo.log" ]'
}
annotations() { grep -E '^::(error|warning|notice) file=' "$1"; }

# ---- A failing workspace, all defaults (paths ., formats github).
# Under "." the walk finds vms/, clean/ and warn/; the annotations are those of every domain.
(cd "$ws" && "$here/domlint" --format=github . >"$tmp/truth-all.github" 2>/dev/null)
act defaults
expect defaults "action fails with status 1" '[ "$st" = 1 ]'
expect defaults "outputs: exit-status 1, no sarif-file, the summary line" \
	'[ "$(rep defaults "r[\"outputs\"][\"exit-status\"]")" = 1 ] && [ -z "$(rep defaults "r[\"outputs\"][\"sarif-file\"]")" ] &&
	 rep defaults "r[\"outputs\"][\"summary\"]" | grep -q "^domlint: 6 files linted: 3 errors, 4 warnings"'
expect defaults "output domlint is the built binary" '[ -x "$(rep defaults "r[\"outputs\"][\"domlint\"]")" ]'
annotations "$tmp/defaults.out" >"$tmp/defaults.ann"
expect defaults "the annotations are domlint's own, in order, paths relative to the workspace" \
	'[ -s "$tmp/defaults.ann" ] && cmp -s "$tmp/defaults.ann" "$tmp/truth-all.github" && grep -q "^::error file=vms/" "$tmp/defaults.ann"'
expect defaults "no text output, no SARIF, no upload" \
	'! grep -q ": error: " "$tmp/defaults.out" && [ ! -e "$tmp/temp/domlint.sarif" ] && [ "$(rep defaults "len(r[\"uploads\"])")" = 0 ]'
expect defaults "steps: deps, build, lint pass; upload skipped; the verdict fails" \
	'[ "$(rep defaults "[(s[\"ran\"], s.get(\"status\")) for s in r[\"steps\"]]")" = "[[true, 0], [true, 0], [true, 0], [false, null], [true, 1]]" ]'
expect defaults "the job summary has the summary line and the status" \
	'rep defaults "r[\"step_summary\"]" | grep -q "^.domlint: 6 files linted" && rep defaults "r[\"step_summary\"]" | grep -q "^Exit status 1 (fail-on: error)"'
expect defaults "the log says why the step failed" 'grep -q "findings at or above fail-on: error" "$tmp/defaults.err"'
no_apt defaults

# ---- A clean workspace.
act clean paths=clean
expect clean "action passes" '[ "$st" = 0 ] && [ "$(rep clean "r[\"outputs\"][\"exit-status\"]")" = 0 ]'
expect clean "no finding annotated" '! annotations "$tmp/clean.out" | grep -qv "title=guest PCI address::"'
expect clean "the verdict step ran and passed" '[ "$(rep clean "r[\"steps\"][-1]")" = "{\"name\": \"domlint'"'"'s verdict\", \"ran\": true, \"status\": 0}" ]'

# ---- Every format, SARIF to a relative sarif-file, uploaded.
act all formats="text, github,sarif" sarif-file=reports/domlint.sarif upload-sarif=true paths=vms
sarif="$ws/reports/domlint.sarif"
expect all "action fails with status 1, after the upload" \
	'[ "$st" = 1 ] && [ "$(rep all "[(s[\"ran\"], s.get(\"status\")) for s in r[\"steps\"]][3:]")" = "[[true, 0], [true, 1]]" ]'
expect all "text output in the log, as domlint prints it" 'grep -qxF "$(head -n 1 "$tmp/truth.text")" "$tmp/all.out" && [ "$(grep -c ": error: " "$tmp/all.out")" = "$(grep -c ": error: " "$tmp/truth.text")" ]'
annotations "$tmp/all.out" >"$tmp/all.ann"
expect all "annotations too" 'cmp -s "$tmp/all.ann" "$tmp/truth.github"'
expect all "output sarif-file is the absolute path of sarif-file" '[ "$(rep all "r[\"outputs\"][\"sarif-file\"]")" = "$sarif" ]'
expect all "the SARIF is valid JSON, SARIF 2.1.0 with every finding" \
	'"$python" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d[\"version\"] == \"2.1.0\" and sum(len(x[\"results\"]) for x in d[\"runs\"]) == int(sys.argv[2])))" "$sarif" "$nfindings"'
expect all "the upload got that file, category domlint" \
	'[ "$(rep all "[(u[\"sarif_file\"], u[\"category\"], u[\"version\"], u[\"results\"]) for u in r[\"uploads\"]]")" = "[[\"$sarif\", \"domlint\", \"2.1.0\", $nfindings]]" ]'
expect all "the summary line is in the log once" '[ "$(grep -c "^domlint: 4 files linted" "$tmp/all.err")" = 1 ]'

# ---- SARIF by default in the runner's temporary directory; fail-on: never passes.
act never fail-on=never upload-sarif=TRUE paths=vms
expect never "fail-on: never passes with findings annotated" \
	'[ "$st" = 0 ] && [ "$(rep never "r[\"outputs\"][\"exit-status\"]")" = 0 ] && grep -q "^::error file=vms/" "$tmp/never.out"'
expect never "the SARIF goes to RUNNER_TEMP/domlint.sarif and is uploaded" \
	'[ "$(rep never "r[\"outputs\"][\"sarif-file\"]")" = "$tmp/temp/domlint.sarif" ] && [ "$(rep never "r[\"uploads\"][0][\"results\"]")" = "$nfindings" ]'

# ---- fail-on, config, args, several paths.
act warn paths=warn
expect warn "a warning passes by default" '[ "$st" = 0 ] && grep -q "^::warning file=warn/web.xml,.*title=address-octal::" "$tmp/warn.out"'
act warnfail paths=warn fail-on=warning
expect warnfail "fail-on: warning fails on it" '[ "$st" = 1 ] && [ "$(rep warnfail "r[\"outputs\"][\"exit-status\"]")" = 1 ]'
act config paths=warn fail-on=warning config=ci/domlint.conf
expect config "config: a file that turns the rule off" '[ "$st" = 0 ] && ! grep -q "title=address-octal" "$tmp/config.out"'
act args paths=warn "args=--severity=address-octal=error  --no-addresses"
expect args "args: two options, split on blanks" \
	'[ "$st" = 1 ] && grep -q "^::error file=warn/web.xml,.*title=address-octal::" "$tmp/args.out"'
act paths "paths=warn/web.xml
  clean/zpci-passthrough-recommended.xml" fail-on=warning
expect paths "paths: two files, on two lines" \
	'[ "$st" = 1 ] && rep paths "r[\"outputs\"][\"summary\"]" | grep -q "^domlint: 2 files linted: 0 errors, 1 warning"'
act badconf paths=warn config=ci/missing.conf
expect badconf "a configuration that does not exist: status 3" '[ "$st" = 3 ] && [ "$(rep badconf "r[\"outputs\"][\"exit-status\"]")" = 3 ]'

# ---- Bad inputs: the lint step fails with an annotation; nothing is uploaded.
act badformat formats=github,xml upload-sarif=true
expect badformat "formats: xml is refused (lint step fails, no upload)" \
	'[ "$st" = 3 ] && grep -q "^::error title=domlint::formats: unknown format .xml." "$tmp/badformat.out" && [ "$(rep badformat "len(r[\"uploads\"])")" = 0 ]'
act badbool upload-sarif=yes
expect badbool "upload-sarif: yes is refused" '[ "$st" = 3 ] && grep -q "upload-sarif: .yes. is not true or false" "$tmp/badbool.out"'

# ---- The dependency step. A fresh runner (not root): sudo apt-get install of the missing only.
# shellcheck disable=SC2031 # the test's own PATH, which act's subshell does not change
runner_path=$nopc:$PATH
FAKE_UID=1001
export FAKE_UID
act fresh paths=clean
expect fresh "installs the missing libraries with sudo apt-get, then builds and lints" \
	'[ "$st" = 0 ] && grep -qx "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libxml2-dev libpcre2-dev libjson-c-dev libpci-dev" "$tmp/sudo.log" &&
	 grep -qx "apt-get install -y -qq --no-install-recommends libxml2-dev libpcre2-dev libjson-c-dev libpci-dev \[DEBIAN_FRONTEND=noninteractive\]" "$tmp/apt.log" && [ "$(grep -c "" "$tmp/apt.log")" = 1 ]'
FAKE_UID=0
act asroot paths=clean
expect asroot "as root: apt-get itself, no sudo" \
	'[ "$st" = 0 ] && [ ! -s "$tmp/sudo.log" ] && grep -q "^apt-get install .* libxml2-dev libpcre2-dev libjson-c-dev libpci-dev \[DEBIAN_FRONTEND=noninteractive\]" "$tmp/apt.log"'
# No apt-get (and no sudo) at all: a PATH of links to the programs the steps need until then.
bare=$tmp/bare
mkdir -p "$bare"
for prog in bash sh cat cut dirname env grep sed tr make cc; do
	p=$(command -v "$prog") && ln -s "$p" "$bare/$prog"
done
ln -s "$rec/id" "$bare/id"
runner_path=$nopc:$bare
FAKE_UID=1001
act noapt paths=clean
runner_path=
expect noapt "no apt-get: fails before building, naming the Debian and Fedora packages" \
	'[ "$st" = 1 ] && grep -q "^::error title=domlint::missing libxml-2.0 (pkg-config), libpcre2-8 (pkg-config), json-c (pkg-config), libpci (pkg-config) and no apt-get.*Debian: libxml2-dev libpcre2-dev libjson-c-dev libpci-dev; Fedora/RHEL: libxml2-devel pcre2-devel json-c-devel pciutils-devel)" "$tmp/noapt.out" &&
	 [ "$(rep noapt "[s[\"ran\"] for s in r[\"steps\"]]")" = "[true, false, false, false, false]" ] && [ -z "$(rep noapt "r[\"outputs\"][\"exit-status\"]")" ]'
unset FAKE_UID

# ---- tools/build-deps.sh, everything missing, names the Makefile's DEB_PKGS.
debs=$(CC=no-cc MAKE=no-make PKG_CONFIG=no-pkg-config sh "$action/tools/build-deps.sh" | cut -f 2 | sort | tr '\n' ' ')
makefile=$(sed -n 's/^DEB_PKGS *:= *//p' "$action/Makefile" | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
if [ -n "$debs" ] && [ "$debs" = "$makefile" ]; then
	ok "tools/build-deps.sh names the Makefile's DEB_PKGS ($debs)"
else
	bad "tools/build-deps.sh names '$debs', the Makefile's DEB_PKGS are '$makefile'"
fi

# ---- The workflow of docs/integration.md, as written; uses: OWNER/domlint@vX.Y.Z is this action.
doc_block github-action "$here/docs/integration.md" >"$tmp/workflow.yml"
uses=$(sed -n 's/^ *- *uses: *\([^ #]*\/domlint@[^ #]*\).*/\1/p' "$tmp/workflow.yml" | head -n 1)
if [ ! -s "$tmp/workflow.yml" ] || [ -z "$uses" ]; then
	bad "docs/integration.md: no workflow after <!-- github-action -->, or it uses no .../domlint@REF"
else
	version=$("$here/domlint" --version | sed -n 's/^domlint //p')
	if [ "${uses##*@}" = "v$version" ]; then ok "docs: the recipe pins $uses, this release"; else
		bad "docs: the recipe pins $uses, but domlint --version says $version"
	fi
	rm -rf "$tmp/temp" && mkdir -p "$tmp/temp"
	(cd / && "$python" "$here/tests/action_runner.py" --workflow "$tmp/workflow.yml" --uses "$uses" \
		--action "$action" --workspace "$ws" --temp "$tmp/temp" --report "$tmp/doc.json") \
		>"$tmp/doc.out" 2>"$tmp/doc.err"
	st=$?
	expect doc "the job fails on the examples' errors (status 1)" \
		'[ "$st" = 1 ] && [ "$(rep doc "r[\"action\"][\"status\"]")" = 1 ]'
	expect doc "annotations for vms/" 'annotations "$tmp/doc.out" | cmp -s - "$tmp/truth.github"'
	if [ "$(rep doc "r[\"action\"][\"with\"].get(\"upload-sarif\", \"false\")")" = true ]; then
		expect doc "uploads the SARIF, with permissions: security-events: write" \
			'[ "$(rep doc "r[\"uploads\"][0][\"results\"]")" = "$nfindings" ] && [ "$(rep doc "(r[\"permissions\"] or r[\"job_permissions\"])[\"security-events\"]")" = write ]'
	fi
fi
finish action-test
