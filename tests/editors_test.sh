#!/bin/sh
# editors_test.sh - tries every set-up of docs/integration.md with the blocks extracted from the
# doc itself (each follows a line <!-- NAME -->): vim's compiler file (:make, quickfix), Emacs
# (M-x compile, M-x domlint, the Flymake backend), the VS Code tasks' problem matcher (node),
# the GitHub workflow's run: steps (build, SARIF, annotations) and the GitLab job's script run as
# written (SARIF, workflow commands, the jq Code Quality converter), and the pre-commit hook ids.
# The pre-commit recipes themselves run in tests/precommit_test.sh.
#   sh tests/editors_test.sh [DOMLINT]
# EMACS_INSTALL=1 installs emacs-nox with apt-get when emacs is missing (as root); without it a
# missing emacs is a SKIP. EMACS=PROGRAM runs another emacs. Prints ok/FAIL/SKIP lines, then
# "editors-test: N passed, M failed, K skipped"; exit status 1 on any failure.
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
show_skipped=1
# show FILE: the first lines of a file, indented, after a FAIL line.
show() { head -n 20 "$1" | sed 's/^/     | /'; }
# same GOT WANT OK-MSG FAIL-MSG: ok when GOT is not empty and is WANT; else FAIL with the first
# lines of the difference, and status 1.
same() {
	if [ -s "$1" ] && cmp -s "$1" "$2"; then
		ok "$3"
	else
		bad "$4"
		diff "$1" "$2" | head -n 10 | sed 's/^/     | /'
		return 1
	fi
}
# tally FILE: count the "ok ..." and "FAIL ..." lines a helper (node, emacs, python) wrote.
tally() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"FAIL "*) bad "${line#FAIL }" ;;
		"SKIP "*) skip "${line#SKIP }" ;;
		esac
	done <"$1"
}

here=$(cd "$(dirname "$0")/.." && pwd) || exit 1
doc=$here/docs/integration.md
domlint=$(abspath "${1:-$here/domlint}")
[ -x "$domlint" ] || { bad "no domlint at $domlint (run make)"; finish editors-test; }
[ -f "$doc" ] || { bad "no $doc"; finish editors-test; }

make_tmp || exit 1
# domlint on PATH, as every set-up expects; no config from above the scratch directories.
mkdir -p "$tmp/bin"
ln -s "$domlint" "$tmp/bin/domlint"
PATH=$tmp/bin:$PATH
export PATH
unset NO_COLOR
# A stray .domlint.conf above /tmp must not change the results.
printf '# editors_test.sh: empty configuration\n' >"$tmp/.domlint.conf"

# Run with a time limit where timeout(1) exists.
limit() {
	if command -v timeout >/dev/null 2>&1; then timeout "$@"; else shift; "$@"; fi
}

# extract NAME FILE: write the code block after <!-- NAME --> in the doc to FILE; FAIL (status 1)
# when the doc has no such block.
extract() {
	doc_block "$1" "$doc" >"$2"
	if [ -s "$2" ]; then return 0; fi
	bad "docs/integration.md has no code block after <!-- $1 -->"
	return 1
}

# The workspace: the shipped examples as a repository's vms/, plus a file with two identical
# findings (for Code Quality fingerprints) and a tab-indented copy (for columns).
ws=$tmp/ws
mkdir -p "$ws"
cp -R "$here/testdata/examples" "$ws/vms"
# The repository's .domlint.conf, which every set-up must pick up; it also makes one rule info,
# so that all three severities reach the editors.
printf '[rules]\naddress-octal = info\n' >"$ws/.domlint.conf"
cat >"$ws/vms/two-hostdevs.xml" <<'EOF'
<domain type='kvm'>
  <name>two-hostdevs</name>
  <memory unit='GiB'>4</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='0x06' slot='0x00' function='010'/>
      </source>
    </hostdev>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='0x07' slot='0x00' function='010'/>
      </source>
    </hostdev>
  </devices>
</domain>
EOF
mkdir -p "$ws/tabs"
sed -e ':a' -e 's/^\(	*\)  /\1	/' -e 'ta' "$here/testdata/examples/s390x-several-devices.xml" >"$ws/tabs/tabs.xml"
one=vms/s390x-several-devices.xml

# lines OUT: "FILE|LINE|COL|KIND|TEXT" for each finding or note line of domlint's text output.
lines() {
	sed -n -E 's/^(.*):([0-9]+):([0-9]+): (error|warning|info|note): (.*)$/\1|\2|\3|\4|\5/p' "$1"
}

(cd "$ws" && domlint --color=never vms/ >"$tmp/all.out" 2>"$tmp/all.err")
status=$?
lines "$tmp/all.out" >"$tmp/all.lines"
nfind=$(grep -c -v -E '\|note\|' "$tmp/all.lines")
if [ "$status" -eq 1 ] && [ "$nfind" -gt 0 ] && grep -q '|error|' "$tmp/all.lines" &&
	grep -q '|warning|' "$tmp/all.lines" && grep -q '|info|' "$tmp/all.lines"; then
	ok "domlint vms/: $nfind findings (errors, warnings, info from .domlint.conf), exit status 1"
else
	bad "domlint vms/ on the examples: exit status $status, $nfind findings (want 1 and some)"
	show "$tmp/all.err"
	finish editors-test
fi
(cd "$ws" && domlint --color=never "$one" >"$tmp/one.out" 2>/dev/null)
lines "$tmp/one.out" >"$tmp/one.lines"

# ---------------------------------------------------------------------------------------- vim
# vim_make CMD QF: vim on $one with the compiler file, ":silent CMD!", then the quickfix list
# written to QF, an entry a line: FILE|LINE|COL|TYPE|TEXT.
vim_make() {
	vm_entries='map(getqflist(), {_, e -> bufname(e.bufnr) . "|" . e.lnum . "|" . e.col . "|" . e.type . "|" . e.text})'
	(cd "$ws" && limit 30 vim -Nu NONE -i NONE -es "$one" \
		-c "set rtp^=$tmp/vim" -c 'compiler domlint' -c "silent $1!" \
		-c "call writefile($vm_entries, '$2')" -c 'qa!' </dev/null >"$tmp/vim.log" 2>&1)
}
# vim_want LINES: the quickfix entries expected for the lines of LINES (see lines): the type letter
# for error/warning/info, none for notes; the text after "KIND: ".
vim_want() {
	awk -F'|' '{ t = ($4 == "note") ? "" : substr($4, 1, 1)
		txt = $0; for (i = 1; i <= 4; i++) sub(/^[^|]*\|/, "", txt)
		print $1 "|" $2 "|" $3 "|" t "|" txt }' "$1"
}
vim_test() {
	if ! command -v vim >/dev/null 2>&1; then
		skip "vim (not installed)"
		return
	fi
	mkdir -p "$tmp/vim/compiler"
	extract vim-compiler "$tmp/vim/compiler/domlint.vim" || return
	# :compiler domlint, then :make on the current file, exactly as the doc says.
	vim_make make "$tmp/vim.qf"
	if [ ! -f "$tmp/vim.qf" ]; then
		bad "vim: :compiler domlint | make wrote no quickfix list"
		show "$tmp/vim.log"
		return
	fi
	vim_want "$tmp/one.lines" >"$tmp/vim.want"
	want=$(wc -l <"$tmp/vim.want")
	got=$(wc -l <"$tmp/vim.qf")
	if [ "$got" -eq "$want" ]; then
		ok "vim: :make gives $got quickfix entries, one per finding and note line (summary left out)"
	else
		bad "vim: :make gives $got quickfix entries, want $want"
	fi
	first=$(head -n 1 "$tmp/vim.qf")
	rule=$(sed -n '1s/.*\[\([a-z0-9-]*\)\]$/\1/p' "$tmp/one.out")
	wline=$(head -n 1 "$tmp/vim.want" | cut -d'|' -f2-3)
	case $first in
	"$one|$wline|e|"*"[$rule]") ok "vim: first entry $one:$wline, type e, text ends in [$rule]" ;;
	*) bad "vim: first entry is '$first', want $one|$wline|e|...[$rule]" ;;
	esac
	if grep -q '^[^|]*|[0-9]*|[0-9]*||hostdev .* -> guest ' "$tmp/vim.qf" &&
		! grep -q '^[^|]*|[0-9]*|[0-9]*|[^|]*|note: ' "$tmp/vim.qf"; then
		ok "vim: note lines (related place, guest addresses) are entries without a type"
	else
		bad "vim: note lines are not entries without a type and with the bare message"
	fi
	if cmp -s "$tmp/vim.qf" "$tmp/vim.want"; then
		ok "vim: every entry has the file, line, column, type and message of its line"
	else
		bad "vim: quickfix list differs from domlint's output (got, then want):"
		diff "$tmp/vim.qf" "$tmp/vim.want" | head -n 10 | sed 's/^/     | /'
	fi
	# The doc's whole-repository command (the backquotes are the doc's, not the shell's).
	# shellcheck disable=SC2016
	cmd=$(sed -n 's/.*`:\(let &l:makeprg = [^`]*\)`.*/\1/p' "$doc" | head -n 1)
	if [ -z "$cmd" ]; then
		bad "vim: no ':let &l:makeprg = ...' whole-repository command in the doc"
		return
	fi
	vim_make "$cmd" "$tmp/vim-all.qf"
	vim_want "$tmp/all.lines" >"$tmp/vim-all.want"
	if [ -f "$tmp/vim-all.qf" ] && cmp -s "$tmp/vim-all.qf" "$tmp/vim-all.want"; then
		ok "vim: ':$cmd' lists all $(wc -l <"$tmp/vim-all.want") lines of the repository (with -j)"
	else
		bad "vim: ':$cmd' does not list the repository's findings and notes"
		[ -f "$tmp/vim-all.qf" ] && diff "$tmp/vim-all.qf" "$tmp/vim-all.want" | head -n 10 | sed 's/^/     | /'
	fi
}

# -------------------------------------------------------------------------------------- emacs
emacs_test() {
	emacs=${EMACS:-emacs}
	if ! command -v "$emacs" >/dev/null 2>&1; then
		if [ "${EMACS_INSTALL:-0}" != 1 ]; then
			skip "emacs (not installed; EMACS_INSTALL=1 installs it)"
			return
		fi
		if [ "$(id -u)" != 0 ]; then
			bad "emacs: EMACS_INSTALL=1 but not root; please run: sudo apt-get install emacs-nox"
			return
		fi
		echo "editors-test: installing emacs-nox" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -qq --no-install-recommends emacs-nox >"$tmp/apt.log" 2>&1 ||
			{ apt-get update -qq && apt-get install -y -qq --no-install-recommends emacs-nox >>"$tmp/apt.log" 2>&1; }
		emacs=emacs
		if ! command -v emacs >/dev/null 2>&1; then
			bad "emacs: could not install emacs-nox with apt-get"
			show "$tmp/apt.log"
			return
		fi
	fi
	extract emacs-compile "$tmp/domlint-compile.el" || return
	extract emacs-flymake "$tmp/domlint-flymake.el" || return
	cat >"$tmp/et.el" <<'EOF'
;;; et.el --- editors_test.sh's driver: prints what compilation-mode and Flymake parsed -*- lexical-binding: t -*-
(require 'compile)
(setq compilation-ask-about-save nil)
(defun et-wait (buf)
  (let ((deadline (+ (float-time) 20)))
    (while (and (get-buffer-process buf) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (with-current-buffer buf
      (if (fboundp 'compilation--ensure-parse)
          (compilation--ensure-parse (point-max))
        (font-lock-ensure)))))
(defun et-msg (msg)
  (let ((loc (compilation--message->loc msg)))
    (format "%s|%s|%s|%s" (caar (compilation--loc->file-struct loc))
            (compilation--loc->line loc) (compilation--loc->col loc)
            (compilation--message->type msg))))
(defun et-print (fmt &rest args) (princ (concat (apply #'format fmt args) "\n")))
(defun et-messages (buf)
  "Print ALL for every message of BUF, then NEXT for every stop of compilation-next-error."
  (with-current-buffer buf
    (let ((pos (point-min)) last msg)
      (while (setq pos (next-single-property-change pos 'compilation-message))
        (setq msg (get-text-property pos 'compilation-message))
        (when (and msg (not (eq msg last)))
          (et-print "ALL %s" (et-msg msg)))
        (setq last msg)))
    (goto-char (point-min))
    (while (condition-case nil (progn (compilation-next-error 1) t) (error nil))
      (et-print "NEXT %s" (et-msg (get-text-property (point) 'compilation-message))))))
(let ((mode (getenv "ET_MODE")))
  (cond
   ((equal mode "compile")
    (let ((buf (compile (getenv "ET_CMD"))))
      (et-wait buf)
      (et-messages buf)))
   ((equal mode "domlint")
    (load (getenv "ET_EL") nil t)
    (let ((buf (domlint (getenv "ET_TARGET"))))
      (et-wait buf)
      (et-print "MODE %s %s" (buffer-name buf) (buffer-local-value 'major-mode buf))
      (et-messages buf)
      ;; next-error from the top: where does the first error put point in the file?
      (with-current-buffer buf (goto-char (point-min)))
      (setq next-error-last-buffer buf)
      (next-error 1 t)
      (with-current-buffer buf
        (let* ((msg (get-text-property compilation-current-error 'compilation-message))
               (mk (compilation--loc->marker (compilation--message->loc msg))))
          (with-current-buffer (marker-buffer mk)
            (goto-char mk)
            (et-print "GOTO %s|%s|%s" (line-number-at-pos)
                      (1+ (- (point) (line-beginning-position)))
                      (buffer-substring-no-properties (point) (min (line-end-position)
                                                                   (+ (point) 12)))))))))
   ((equal mode "flymake")
    (load (getenv "ET_EL") nil t)
    (let ((buf (find-file-noselect (getenv "ET_FILE"))))
      (with-current-buffer buf
        (et-print "HOOK %s %s %s" major-mode (and flymake-mode t)
                  (and (memq 'domlint-flymake flymake-diagnostic-functions) t))
        (flymake-start nil t)
        (let ((deadline (+ (float-time) 20)))
          (while (and (< (float-time) deadline)
                      (not (memq 'domlint-flymake (flymake-reporting-backends))))
            (accept-process-output nil 0.05)))
        (et-print "REPORTED %s" (and (memq 'domlint-flymake (flymake-reporting-backends)) t))
        (dolist (d (sort (seq-filter (lambda (d) (eq (flymake-diagnostic-backend d) 'domlint-flymake))
                                     (flymake-diagnostics))
                         (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
          (save-excursion
            (goto-char (flymake-diagnostic-beg d))
            (et-print "DIAG %s|%s|%s|%s" (line-number-at-pos)
                      (1+ (- (point) (line-beginning-position)))
                      (flymake-diagnostic-type d) (flymake-diagnostic-text d)))))))))
EOF
	# 1. M-x compile with the doc's command line and the default error regexps.
	(cd "$ws" && ET_MODE=compile ET_CMD="domlint --color=never vms/" \
		limit 60 "$emacs" --batch -Q -l "$tmp/et.el" >"$tmp/emacs.out" 2>"$tmp/emacs.err")
	awk -F'|' '{ t = ($4 == "error") ? 2 : ($4 == "warning") ? 1 : 0
		print "ALL " $1 "|" $2 "|" $3 "|" t }' "$tmp/all.lines" >"$tmp/emacs.want"
	grep '^ALL ' "$tmp/emacs.out" >"$tmp/emacs.all"
	same "$tmp/emacs.all" "$tmp/emacs.want" \
		"emacs: M-x compile parses all $(wc -l <"$tmp/emacs.want") lines (file, line, column; error 2, warning 1, note/info 0)" \
		"emacs: M-x compile 'domlint --color=never vms/' parses differently (got, then want):" ||
		show "$tmp/emacs.err"
	# next-error stops at errors and warnings, once per place, and steps over notes and info.
	awk -F'|' '$4 == "error" || $4 == "warning" { k = $1 "|" $2 "|" $3
		if (!(k in seen)) { seen[k] = 1; print "NEXT " k "|" (($4 == "error") ? 2 : 1) } }' \
		"$tmp/all.lines" >"$tmp/emacs.nwant"
	grep '^NEXT ' "$tmp/emacs.out" >"$tmp/emacs.next"
	same "$tmp/emacs.next" "$tmp/emacs.nwant" \
		"emacs: next-error stops at the $(wc -l <"$tmp/emacs.nwant") places with errors or warnings, not at notes" \
		"emacs: next-error stops differ from the doc (got, then want):"
	# 2. The doc's M-x domlint on a tab-indented file: next-error lands on the column's text.
	(cd "$ws" && domlint --color=never tabs/tabs.xml >"$tmp/tabs.out" 2>/dev/null)
	first=$(grep -E ': (error|warning): ' "$tmp/tabs.out" | head -n 1)
	fline=$(echo "$first" | sed -E 's/^.*:([0-9]+):([0-9]+): [a-z]+: .*/\1/')
	fcol=$(echo "$first" | sed -E 's/^.*:([0-9]+):([0-9]+): [a-z]+: .*/\2/')
	ftext=$(sed -n "${fline}p" "$ws/tabs/tabs.xml" | cut -c"$fcol"- | cut -c1-12)
	(cd "$ws" && ET_MODE=domlint ET_EL="$tmp/domlint-compile.el" ET_TARGET=tabs/tabs.xml \
		limit 60 "$emacs" --batch -Q -l "$tmp/et.el" >"$tmp/emacs2.out" 2>"$tmp/emacs2.err")
	if grep -q '^MODE \*domlint\* domlint-compilation-mode$' "$tmp/emacs2.out" &&
		[ "$(grep -c '^ALL ' "$tmp/emacs2.out")" -eq "$(lines "$tmp/tabs.out" | wc -l)" ]; then
		ok "emacs: M-x domlint lists every line in a *domlint* buffer"
	else
		bad "emacs: M-x domlint did not list the findings:"
		show "$tmp/emacs2.out"
		show "$tmp/emacs2.err"
	fi
	goto=$(sed -n 's/^GOTO //p' "$tmp/emacs2.out")
	if [ "$goto" = "$fline|$fcol|$ftext" ]; then
		ok "emacs: M-x domlint's next-error lands on line $fline column $fcol ('$ftext') in a tab-indented file"
	else
		bad "emacs: M-x domlint's next-error lands at '$goto', want '$fline|$fcol|$ftext'"
	fi
	# 3. The Flymake backend, turned on by nxml-mode-hook.
	(cd "$ws" && ET_MODE=flymake ET_EL="$tmp/domlint-flymake.el" ET_FILE="$one" \
		limit 60 "$emacs" --batch -Q -l "$tmp/et.el" >"$tmp/emacs3.out" 2>"$tmp/emacs3.err")
	if grep -q '^HOOK nxml-mode t t$' "$tmp/emacs3.out" && grep -q '^REPORTED t$' "$tmp/emacs3.out"; then
		ok "emacs: Flymake backend on in nxml-mode via the hook, and it reports"
	else
		bad "emacs: Flymake backend not on or not reporting:"
		show "$tmp/emacs3.out"
		show "$tmp/emacs3.err"
	fi
	awk -F'|' '$4 != "note" { t = ($4 == "error") ? ":error" : ($4 == "warning") ? ":warning" : ":note"
		txt = $0; for (i = 1; i <= 4; i++) sub(/^[^|]*\|/, "", txt)
		print "DIAG " $2 "|" $3 "|" t "|" txt }' "$tmp/one.lines" | sort >"$tmp/emacs3.want"
	grep '^DIAG ' "$tmp/emacs3.out" | sort >"$tmp/emacs3.diag"
	same "$tmp/emacs3.diag" "$tmp/emacs3.want" \
		"emacs: Flymake has the $(wc -l <"$tmp/emacs3.want") findings at their line and column, with type and message" \
		"emacs: Flymake diagnostics differ from domlint's findings (got, then want):"
}

# ------------------------------------------------------------------------------------ VS Code
vscode_test() {
	if ! command -v node >/dev/null 2>&1; then
		skip "VS Code problem matcher (node is not installed)"
		return
	fi
	extract vscode-tasks "$tmp/tasks.json" || return
	cat >"$tmp/vscode.js" <<'EOF'
// Runs each task of tasks.json as VS Code's "process" tasks do and applies its problem matcher
// to every line of the terminal (stdout and stderr), comparing with domlint --format=json.
const fs = require('fs'), cp = require('child_process'), path = require('path');
const [tasksFile, ws, file] = process.argv.slice(2);
const say = (s) => console.log(s);
let tasks;
try {
  tasks = JSON.parse(fs.readFileSync(tasksFile, 'utf8')).tasks;
} catch (e) {
  say('FAIL vscode: tasks.json is not JSON: ' + e.message);
  process.exit(0);
}
if (!Array.isArray(tasks) || tasks.length === 0) { say('FAIL vscode: no tasks'); process.exit(0); }
const subst = (s) => s.replace(/\$\{file\}/g, file).replace(/\$\{workspaceFolder\}/g, ws);
for (const t of tasks) {
  const name = 'vscode: task "' + t.label + '"';
  const m = t.problemMatcher, p = m && m.pattern;
  if (!p || typeof p.regexp !== 'string') { say('FAIL ' + name + ': no problemMatcher.pattern.regexp'); continue; }
  let re;
  try { re = new RegExp(p.regexp); } catch (e) { say('FAIL ' + name + ': regexp: ' + e.message); continue; }
  const args = (t.args || []).map(subst);
  const cwd = subst((t.options && t.options.cwd) || '${workspaceFolder}');
  const run = cp.spawnSync(t.command, args, { cwd, encoding: 'utf8' });
  if (run.error) { say('FAIL ' + name + ': cannot run ' + t.command + ': ' + run.error.message); continue; }
  const jargs = args.filter((a) => !a.startsWith('--color')).concat(['--format=json']);
  const truth = JSON.parse(cp.spawnSync(t.command, jargs, { cwd, encoding: 'utf8' }).stdout);
  const want = [];
  for (const f of truth.files)
    for (const d of f.diagnostics)
      want.push([f.path, d.line, d.column, d.severity, d.message, d.rule].join('|'));
  const got = [], notes = [];
  for (const line of (run.stdout + run.stderr).split('\n')) {
    const g = re.exec(line);
    if (g) {
      got.push([g[p.file], +g[p.line], +g[p.column], g[p.severity], g[p.message], g[p.code]].join('|'));
      if (/: note: /.test(line)) notes.push(line);
    }
  }
  if (want.length === 0) { say('FAIL ' + name + ': domlint found nothing to match'); continue; }
  if (got.join('\n') === want.join('\n'))
    say('ok ' + name + ': ' + got.length + ' problems, each with file, line, column, severity, message and rule as code');
  else {
    say('FAIL ' + name + ': problems differ from domlint --format=json');
    for (let i = 0; i < Math.max(got.length, want.length); i++)
      if (got[i] !== want[i]) { say('     | got  ' + got[i] + '\n     | want ' + want[i]); break; }
  }
  const noteLines = run.stdout.split('\n').filter((l) => /: note: /.test(l)).length;
  if (noteLines > 0 && notes.length === 0)
    say('ok ' + name + ': the ' + noteLines + ' note lines and the summary are not problems');
  else if (noteLines === 0)
    say('FAIL ' + name + ': no note lines in the output to check');
  else
    say('FAIL ' + name + ': note lines matched as problems: ' + notes[0]);
  // fileLocation autoDetect: a relative path is tried under the prefix, else taken as absolute.
  const loc = m.fileLocation || [];
  const missing = got.map((g) => g.split('|')[0])
    .map((f) => (loc[0] === 'autoDetect' && !path.isAbsolute(f)) ? path.join(subst(loc[1] || ws), f) : f)
    .filter((f) => !fs.existsSync(f));
  if (loc[0] !== 'autoDetect') say('FAIL ' + name + ': fileLocation is not autoDetect as the doc says');
  else if (missing.length) say('FAIL ' + name + ': fileLocation does not find ' + missing[0]);
  else say('ok ' + name + ': fileLocation autoDetect finds every file');
}
EOF
	limit 30 node "$tmp/vscode.js" "$tmp/tasks.json" "$ws" "$ws/$one" >"$tmp/vscode.out" 2>&1
	tally "$tmp/vscode.out"
	grep -q '^ok ' "$tmp/vscode.out" || { bad "vscode: node printed no result:"; show "$tmp/vscode.out"; }
}

# JSON validity: build/jsonget if there is one (make build/jsonget), else node.
jsonget=$here/build/jsonget
[ -x "$jsonget" ] || make -s -C "$here" build/jsonget >/dev/null 2>&1
json_ok() {
	if [ -x "$jsonget" ]; then
		"$jsonget" <"$1" >/dev/null
	elif command -v node >/dev/null 2>&1; then
		node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$1" 2>/dev/null
	else
		jq -e . "$1" >/dev/null 2>&1
	fi
}
# jsonval FILE PATH: a value from a JSON file (jsonget's dotted PATH, as in runs.0.results.#).
jsonval() {
	if [ -x "$jsonget" ]; then
		"$jsonget" "$2" <"$1" 2>/dev/null
	else
		jq -r "$(echo ".$2" | sed -e 's/\.\([0-9][0-9]*\)/[\1]/g' -e 's/\.#$/ | length/')" "$1" 2>/dev/null
	fi
}
# Debian's python3 (make check installs python3-yaml for it), else whichever python3 is first on PATH
python=/usr/bin/python3
[ -x "$python" ] || python=python3
have_pyyaml() { command -v "$python" >/dev/null 2>&1 && "$python" -c 'import yaml' 2>/dev/null; }

# ------------------------------------------------------------------------------------- GitHub
github_test() {
	extract github-workflow "$tmp/workflow.yml" || return
	if ! have_pyyaml; then
		skip "github: the workflow's steps not run (no python3 yaml module to read it)"
		return
	fi
	# The workflow's structure, and its steps in order: N.uses or N.run (the script), N.env
	# (the job's env, then the step's), N.always when it runs after a failed step.
	steps=$tmp/gh-steps
	mkdir -p "$steps"
	"$python" - "$tmp/workflow.yml" "$steps" >"$tmp/gh.py.out" 2>&1 <<'EOF'
import os, sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
out = sys.argv[2]
def check(cond, what):
    print(("ok " if cond else "FAIL ") + "github: workflow " + what)
check(w.get("permissions", {}).get("security-events") == "write", "grants security-events: write")
jobs = list(w["jobs"].values())
check(len(jobs) == 1, "has one job")
job = jobs[0]
steps = job["steps"]
up = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
check(len(up) == 1 and up[0].get("if") == "always()",
      "uploads the SARIF with github/codeql-action/upload-sarif, if: always()")
for i, s in enumerate(steps):
    base = os.path.join(out, "%02d" % i)
    env = dict(job.get("env", {}) or {})
    env.update(s.get("env", {}) or {})
    with open(base + ".env", "w") as f:
        for k, v in env.items():
            f.write("%s=%s\n" % (k, v))
    if "uses" in s:
        with open(base + ".uses", "w") as f:
            f.write(s["uses"] + "\n")
            for k, v in (s.get("with", {}) or {}).items():
                f.write("%s=%s\n" % (k, v))
    else:
        with open(base + ".run", "w") as f:
            f.write(s["run"] if s["run"].endswith("\n") else s["run"] + "\n")
    if s.get("if") == "always()":
        open(base + ".always", "w").close()
EOF
	tally "$tmp/gh.py.out"
	ls "$steps"/*.run >/dev/null 2>&1 || { bad "github: workflow YAML does not parse:"; show "$tmp/gh.py.out"; return; }

	# What cannot run offline is stood in for: the checkout is a copy of the workspace; sudo
	# apt-get only checks that the packages it names are installed; git clones of
	# https://example.org/ go to a copy of this working tree, tagged with $DOMLINT_REV; the SARIF
	# upload checks the file it would upload. Everything else runs as written, with bash -eo
	# pipefail as GitHub's ubuntu runners do, each step from the workspace.
	gh=$tmp/gh
	runner=$tmp/gh-runner
	mkdir -p "$gh" "$runner/bin" "$runner/temp" "$runner/remote"
	cat >"$runner/bin/sudo" <<'EOF'
#!/bin/sh
# sudo, for the workflow's steps run offline: apt-get checks that each package it names is installed.
[ "$1" = apt-get ] || exec "$@"
shift
for arg in "$@"; do
	case $arg in
	update) exit 0 ;;
	-* | install) ;;
	*)
		command -v dpkg-query >/dev/null 2>&1 || continue
		dpkg-query -W -f='${Status}\n' "$arg" 2>/dev/null | grep -q 'install ok installed' || {
			echo "sudo apt-get (offline stand-in): $arg is not an installed package" >&2
			exit 100
		} ;;
	esac
done
EOF
	chmod +x "$runner/bin/sudo"
	rev=$(sed -n 's/^DOMLINT_REV=//p' "$steps"/*.env | head -n 1)
	src=$runner/remote/domlint.git
	mkdir -p "$src"
	# (tar: a file deleted in the working tree but still in the index is left out)
	(cd "$here" && git ls-files -z --cached --others --exclude-standard |
		tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C "$src" -xf -) 2>"$tmp/gh-src.log"
	if [ -n "$rev" ] && [ -f "$src/Makefile" ] && (cd "$src" && git init -q && git add -A &&
		git -c user.name=t -c user.email=t@example.invalid commit -q -m src && git tag "$rev") >>"$tmp/gh-src.log" 2>&1; then
		ok "github: a copy of this working tree stands in for https://example.org/domlint.git, tagged $rev"
	else
		bad "github: no DOMLINT_REV in the workflow, or the stand-in repository could not be made:"
		show "$tmp/gh-src.log"
		return
	fi
	printf '[url "file://%s/"]\n\tinsteadOf = https://example.org/\n' "$runner/remote" >"$runner/gitconfig"

	# The checkout: the workspace's vms/ and .domlint.conf, plus a domain with twelve passed-through
	# functions sorted first, whose guest addresses would come before any info finding.
	cp -R "$ws/vms" "$ws/.domlint.conf" "$gh/"
	{
		printf "<domain type='kvm'>\n  <name>many</name>\n  <memory unit='GiB'>8</memory>\n"
		printf "  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n"
		for b in 10 11 12 13 14 15 16 17 18 19 1a 1b; do
			printf "    <hostdev mode='subsystem' type='pci' managed='yes'>\n      <source>\n"
			printf "        <address domain='0x0000' bus='0x%s' slot='0x00' function='0x0'/>\n" "$b"
			printf "      </source>\n    </hostdev>\n"
		done
		printf "  </devices>\n</domain>\n"
	} >"$gh/vms/0-many-devices.xml"
	(cd "$gh" && domlint --color=never vms/ >"$tmp/gh-truth.out" 2>/dev/null)
	lines "$tmp/gh-truth.out" >"$tmp/gh-truth.lines"
	ghall=$(grep -c -v -E '\|note\|' "$tmp/gh-truth.lines")
	ghinfo=$(grep -c '|info|' "$tmp/gh-truth.lines")

	failed=0
	nruns=0
	for step in "$steps"/*.env; do
		step=${step%.env}
		n=$(basename "$step")
		if [ "$failed" = 1 ] && [ ! -f "$step.always" ]; then
			continue # GitHub skips a step after a failed one, unless if: always()
		fi
		if [ -f "$step.uses" ]; then
			action=$(head -n 1 "$step.uses")
			case $action in
			actions/checkout@*) (cd "$gh" && git init -q && git add -A &&
				git -c user.name=t -c user.email=t@example.invalid commit -q -m checkout) ;;
			github/codeql-action/upload-sarif@*)
				sarif=$gh/$(sed -n 's/^sarif_file=//p' "$step.uses")
				if [ -f "$sarif" ] && json_ok "$sarif" && [ "$(jsonval "$sarif" version)" = 2.1.0 ] &&
					[ "$(jsonval "$sarif" runs.0.results.#)" = "$ghall" ]; then
					ok "github: step $n ($action) would upload SARIF 2.1.0 with the $ghall results"
				else
					bad "github: step $n ($action): $sarif is not SARIF 2.1.0 with $ghall results"
				fi ;;
			*) bad "github: step $n uses $action, which this test cannot stand in for" ;;
			esac
			continue
		fi
		nruns=$((nruns + 1))
		(
			cd "$gh" || exit 99
			while IFS= read -r kv; do export "${kv?}"; done <"$step.env"
			export RUNNER_TEMP="$runner/temp" GITHUB_WORKSPACE="$gh" CI=true GITHUB_ACTIONS=true \
				GIT_CONFIG_GLOBAL="$runner/gitconfig" GIT_CONFIG_NOSYSTEM=1 PATH="$runner/bin:$PATH"
			limit 300 bash --noprofile --norc -eo pipefail "$step.run"
		) >"$tmp/gh.stdout" 2>"$tmp/gh.stderr"
		st=$?
		script=$(tr '\n' ' ' <"$step.run" | cut -c1-70)
		case $(cat "$step.run") in
		*--format=sarif*)
			if [ "$st" -eq 0 ]; then ok "github: step $n ($script) exits 0"; else
				bad "github: step $n ($script): exit status $st, want 0 (--fail-on=never)"
				show "$tmp/gh.stderr"
			fi ;;
		*--format=github*)
			# Every line a workflow command: findings titled with their rule; with or without
			# guest addresses (notices titled "guest PCI address"), which this test does not need.
			grep -v 'title=guest PCI address::' "$tmp/gh.stdout" >"$tmp/gh.findings"
			nfound=$(grep -c '' "$tmp/gh.findings")
			nbad=$(grep -c -v -E '^::(error|warning|notice) file=[^,:]+,line=[1-9][0-9]*,col=[1-9][0-9]*,title=([a-z0-9-]+|guest PCI address)::.' "$tmp/gh.stdout")
			if [ "$st" -eq 1 ] && [ "$nfound" = "$ghall" ] && [ "$nbad" -eq 0 ]; then
				ok "github: step $n ($script) exits 1 (the job fails on errors) with $nfound well-formed finding commands"
			else
				bad "github: step $n ($script): exit status $st (want 1), $nfound finding commands (want $ghall), $nbad lines that are no workflow command"
				show "$tmp/gh.stdout"
			fi
			# GitHub shows the first 10 annotations of each kind of a step: domlint's info
			# findings, which are notices, must be among the first 10 notices.
			grep '^::notice ' "$tmp/gh.stdout" | head -n 10 | grep -c -v 'title=guest PCI address::' >"$tmp/gh.shown" || true
			if [ "$ghinfo" -gt 0 ] && [ "$ghinfo" -le 10 ] && [ "$(cat "$tmp/gh.shown")" = "$ghinfo" ]; then
				ok "github: step $n shows all $ghinfo info findings within GitHub's first 10 notices"
			else
				bad "github: step $n: $(cat "$tmp/gh.shown") of the $ghinfo info findings are among the first 10 notices, which are all GitHub shows"
				grep '^::notice ' "$tmp/gh.stdout" | head -n 12 | show /dev/stdin
			fi ;;
		*make*)
			if [ "$st" -eq 0 ] && [ -x "$gh/domlint" ]; then
				ok "github: step $n ($script) builds ./domlint"
			else
				bad "github: step $n ($script): exit status $st, or no ./domlint:"
				show "$tmp/gh.stderr"
			fi ;;
		*) bad "github: step $n ($script) is not one this test knows what to expect of" ;;
		esac
		[ "$st" -eq 0 ] || failed=1
	done
	[ "$nruns" -eq 3 ] || bad "github: $nruns run: steps in the workflow, want 3 (build, SARIF, annotations)"
}

# ------------------------------------------------------------------------------------- GitLab
gitlab_test() {
	if ! command -v jq >/dev/null 2>&1; then
		skip "gitlab: jq is not installed"
		return
	fi
	extract gitlab-ci "$tmp/gitlab-ci.yml" || return
	gl=$tmp/gl
	mkdir -p "$gl/ci"
	extract gitlab-codequality-jq "$gl/ci/domlint-codequality.jq" || return
	cp -R "$ws/vms" "$ws/.domlint.conf" "$gl/"
	if have_pyyaml; then
		"$python" - "$tmp/gitlab-ci.yml" >"$tmp/gl.py.out" 2>&1 <<'EOF'
import sys, yaml
ci = yaml.safe_load(open(sys.argv[1]))
job = ci["domlint"]
art = job.get("artifacts", {})
ok = art.get("when") == "always" and art.get("reports", {}).get("codequality") == "gl-code-quality-report.json"
print(("ok " if ok else "FAIL ") + "gitlab: job uploads gl-code-quality-report.json as reports: codequality, when: always")
with open(sys.argv[1] + ".script", "w") as f:
    for line in job["script"]:
        f.write(line + "\n")
EOF
		tally "$tmp/gl.py.out"
		[ -s "$tmp/gitlab-ci.yml.script" ] || { bad "gitlab: .gitlab-ci.yml does not parse:"; show "$tmp/gl.py.out"; return; }
	else
		skip "gitlab: .gitlab-ci.yml not parsed (no python3 yaml module); script read with awk"
		awk '/^  script:/ { s = 1; next } s && /^    - / { sub(/^    - /, ""); print; next } s { exit }' \
			"$tmp/gitlab-ci.yml" >"$tmp/gitlab-ci.yml.script"
	fi
	# Run the job's script as written: every line but the last succeeds, the last fails on errors.
	n=$(wc -l <"$tmp/gitlab-ci.yml.script")
	i=0
	statuses=
	while IFS= read -r cmd; do
		i=$((i + 1))
		(cd "$gl" && sh -c "$cmd" >"$tmp/gl.stdout" 2>"$tmp/gl.stderr")
		statuses="$statuses $?"
	done <"$tmp/gitlab-ci.yml.script"
	want=$(i=1; s=; while [ "$i" -lt "$n" ]; do s="$s 0"; i=$((i + 1)); done; echo "$s 1")
	if [ "$n" -ge 2 ] && [ "$statuses" = "$want" ] && grep -q ': error: .*\[' "$tmp/gl.stdout"; then
		ok "gitlab: script runs; only the text step exits 1 on errors (statuses$statuses)"
	else
		bad "gitlab: script exit statuses$statuses, want$want (and text output from the last line)"
		show "$tmp/gl.stderr"
	fi
	report=$gl/gl-code-quality-report.json
	if [ ! -s "$report" ] || ! json_ok "$report"; then
		bad "gitlab: the jq program made no valid JSON report"
		return
	fi
	ntwo=$nfind
	checks=$(jq -r --argjson n "$ntwo" '
		def str: type == "string" and length > 0;
		[ (if type == "array" then "ok" else "not an array" end),
		  (if length == $n then "ok" else "\(length) issues, want \($n)" end),
		  (if all(.[]; (.description | str) and (.check_name | str) and (.fingerprint | str)
		      and (.severity | IN("info", "minor", "major", "critical", "blocker"))
		      and (.location.path | str) and (.location.path | test("^[./]") | not)
		      and (.location.lines.begin | type == "number" and . >= 1))
		   then "ok" else "an issue lacks a field or has a bad value" end),
		  (if ([.[].fingerprint] | unique | length) == length then "ok" else "fingerprints are not unique" end),
		  (if any(.[]; .severity == "major") and any(.[]; .severity == "minor") then "ok"
		   else "errors are not major or warnings not minor" end)
		] | map(select(. != "ok")) | join("; ")' "$report" 2>&1)
	if [ -z "$checks" ]; then
		ok "gitlab: Code Quality report: array of $ntwo issues with description, check_name, unique fingerprint, severity, location.path, location.lines.begin"
	else
		bad "gitlab: Code Quality report: $checks"
	fi
	# Two identical findings in one file (vms/two-hostdevs.xml) still get two fingerprints.
	dup=$(jq -r '[.[] | select(.location.path == "vms/two-hostdevs.xml")]
		| "\(length) \([.[].fingerprint] | unique | length) \(group_by(.description) | map(length) | max)"' "$report")
	# shellcheck disable=SC2086 # split into its three numbers
	set -- $dup
	if [ "$#" -eq 3 ] && [ "$1" -eq "$2" ] && [ "$3" -ge 2 ]; then
		ok "gitlab: identical findings in one file get distinct fingerprints ($1 issues, $2 fingerprints)"
	else
		bad "gitlab: vms/two-hostdevs.xml: issues, distinct fingerprints, most identical: '$dup', want N N >=2"
	fi
}

# --------------------------------------------------------------------------------- pre-commit
precommit_test() {
	extract precommit-config "$tmp/pre-commit-config.yaml" || return
	hooks=$here/.pre-commit-hooks.yaml
	if [ ! -f "$hooks" ]; then
		skip "pre-commit: $hooks does not exist yet; hook ids not checked"
		return
	fi
	have=$(sed -n 's/^- id: *\([A-Za-z0-9_.-]*\).*/\1/p' "$hooks")
	# The ids in the config block and every "id: NAME" the doc's pre-commit section mentions.
	ids=$( (sed -n 's/^ *- id: *\([A-Za-z0-9_.-]*\).*/\1/p' "$tmp/pre-commit-config.yaml"
		awk '/^## pre-commit/ { s = 1; next } /^## / { s = 0 } s' "$doc" |
			grep -o 'id: [A-Za-z0-9_.-]*' | sed 's/^id: //') | sort -u)
	for id in $ids; do
		if echo "$have" | grep -qxF "$id"; then
			ok "pre-commit: hook id '$id' is in .pre-commit-hooks.yaml"
		else
			bad "pre-commit: the doc names hook id '$id', which .pre-commit-hooks.yaml does not define"
		fi
	done
	[ -n "$ids" ] || bad "pre-commit: the doc's config names no hook id"
	if grep -q '^ *rev: *v[0-9]' "$tmp/pre-commit-config.yaml"; then
		ok "pre-commit: rev is pinned to a tag"
	else
		bad "pre-commit: rev is not a tag"
	fi
	if have_pyyaml; then
		"$python" - "$tmp/pre-commit-config.yaml" >"$tmp/pc.py.out" 2>&1 <<'EOF'
import re, sys, yaml
hook = yaml.safe_load(open(sys.argv[1]))["repos"][0]["hooks"][0]
files = re.compile(hook.get("files", r"\.xml$"))
good = all(files.search(p) for p in ["vms/a.xml", "vms/s390x/b.xml"])
quiet = not any(files.search(p) for p in ["networks/default.xml", "vms/notes.txt"])
print(("ok " if good and quiet else "FAIL ") + "pre-commit: files: selects vms/**.xml and nothing else")
EOF
		tally "$tmp/pc.py.out"
		grep -qE '^(ok|FAIL) ' "$tmp/pc.py.out" || { bad "pre-commit: config YAML does not parse:"; show "$tmp/pc.py.out"; }
	fi
}

vim_test
emacs_test
vscode_test
github_test
gitlab_test
precommit_test
finish editors-test
