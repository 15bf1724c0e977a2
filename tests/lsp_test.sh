#!/bin/sh
# lsp_test.sh - tests of the language server, `domlint --lsp`:
#   1. every session testdata/lsp/*.script, run by the scripted client (tests/lsp_client.c):
#      the exact replies of a whole editing session on the zPCI example (diagnostics, hover,
#      quick fix and fix-all action, the fixed text, close, shutdown, exit), the rules' fixes
#      as quick fixes and all safe ones as source.fixAll.domlint (context.only, suppressed
#      findings, too-large and excluded documents), UTF-16 columns after non-ASCII text,
#      protocol errors and broken frames, notifications, relatedInformation and "(auto)" ids,
#      edits (didChange with ranges), changes that lose the text, NUL bytes; the host option
#      (initializationOptions.host, on a host tree built from testdata/lsp/NAME.host);
#   2. AGREEMENT: every golden fixture testdata/rules/*/*.xml and testdata/examples/*.xml (but
#      those with a NAME.args, and files that are not valid UTF-8), opened through the server,
#      gives the same findings as `domlint --format=json` on the file: line, byte column (the
#      client converts LSP's UTF-16 position back), rule, severity, and the related locations,
#      in the same order.
#
# usage: sh tests/lsp_test.sh DOMLINT LSPCLIENT JSONGET   (from the repository root; LSPCLIENT is
#        build/lsp_client from tests/lsp_client.c, JSONGET build/jsonget)
# Prints ok/FAIL lines, then `lsp-test: N passed, M failed`; exits 1 on any failure.
set -u
LC_ALL=C
export LC_ALL
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
client=${2:-build/lsp_client}
jsonget=${3:-build/jsonget}
for tool in "$domlint" "$client" "$jsonget"; do
	[ -x "$tool" ] || { bad "no executable $tool (usage: sh tests/lsp_test.sh DOMLINT LSPCLIENT JSONGET)"; finish lsp-test; }
done
make_tmp || exit 1

# ---- 1. the scripted sessions ----
# @HOSTS@ in a script is a directory holding a host root (tests/mkhost.sh) for each
# testdata/lsp/NAME.host, as NAME
for desc in testdata/lsp/*.host; do
	[ -f "$desc" ] || continue
	name=${desc##*/}
	sh tests/mkhost.sh "$desc" "$tmp/hosts/${name%.host}" || bad "$desc: cannot build the host"
done
for script in testdata/lsp/*.script; do
	[ -f "$script" ] || continue
	# server options for one session (a configuration file) in NAME.args beside NAME.script
	args=
	[ -f "${script%.script}.args" ] && args=$(cat "${script%.script}.args")
	run=$script
	if grep -qF @HOSTS@ "$script"; then
		run=$tmp/session.script
		sed "s|@HOSTS@|$tmp/hosts|g" "$script" >"$run"
	fi
	# shellcheck disable=SC2086 # args is a word list
	if "$client" "$domlint" "$run" $args >"$tmp/out" 2>"$tmp/err"; then
		ok "$script: $(tail -n 1 "$tmp/err")"
	else
		bad "$script:"
		sed 's/^/     | /' "$tmp/err"
	fi
done

# ---- 2. the server and the command line agree on every fixture ----

# cli_findings JSON: the findings of `domlint --format=json` as the client's dump prints them:
# "LINE COLUMN RULE SEVERITY", then "  related LINE COLUMN" for each related location.
cli_findings() {
	cf_json=$1
	n=$("$jsonget" files.0.diagnostics.# <"$cf_json") || return 1
	[ "$n" -gt 0 ] || return 0
	# one jsonget for every diagnostic's line, column, rule, severity and related.# (one-line values:
	# numbers and rule and severity names), then one for every related location's line and column
	set --
	i=0
	while [ "$i" -lt "$n" ]; do
		d=files.0.diagnostics.$i
		set -- "$@" "$d.line" "$d.column" "$d.rule" "$d.severity" "$d.related.#"
		i=$((i + 1))
	done
	"$jsonget" "$@" <"$cf_json" >"$tmp/fields" || return 1
	[ "$(wc -l <"$tmp/fields")" -eq $((n * 5)) ] || return 1
	# the related locations' paths, in order: diagnostic i's k-th related location
	set --
	i=0
	while read -r line && read -r col && read -r rule && read -r sev && read -r nrel; do
		k=0
		while [ "$k" -lt "$nrel" ]; do
			set -- "$@" "files.0.diagnostics.$i.related.$k.line" "files.0.diagnostics.$i.related.$k.column"
			k=$((k + 1))
		done
		i=$((i + 1))
	done <"$tmp/fields"
	: >"$tmp/related"
	if [ "$#" -gt 0 ]; then
		"$jsonget" "$@" <"$cf_json" >"$tmp/related" || return 1
	fi
	# print each diagnostic, then its related locations, taking those from $tmp/related in order
	while read -r line && read -r col && read -r rule && read -r sev && read -r nrel; do
		echo "$line $col $rule $sev"
		k=0
		while [ "$k" -lt "$nrel" ]; do
			read -r rline <&3 && read -r rcol <&3 || return 1
			echo "  related $rline $rcol"
			k=$((k + 1))
		done
	done <"$tmp/fields" 3<"$tmp/related"
}

not_utf8=""
for xml in testdata/rules/*/*.xml testdata/examples/*.xml; do
	[ -f "$xml" ] || continue
	[ -f "${xml%.xml}.args" ] && continue
	if ! iconv -f UTF-8 -t UTF-8 "$xml" >/dev/null 2>&1; then
		not_utf8="$not_utf8 $xml"
		continue
	fi
	"$domlint" --no-config --format=json "$xml" >"$tmp/cli.json" 2>"$tmp/cli.err"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		bad "agreement $xml: the command line exited with $rc: $(head -n 1 "$tmp/cli.err")"
		continue
	fi
	if ! cli_findings "$tmp/cli.json" >"$tmp/cli"; then
		bad "agreement $xml: cannot read the command line's JSON"
		continue
	fi
	uri="file:///lsp-agreement/$xml"
	cat >"$tmp/agree.script" <<EOF
send {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}
skip
send {"jsonrpc":"2.0","method":"initialized","params":{}}
send {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"$uri","languageId":"xml","version":1,"text":@FILE:$xml@}}}
dump
send {"jsonrpc":"2.0","id":2,"method":"shutdown"}
expect {"jsonrpc":"2.0","id":2,"result":null}
send {"jsonrpc":"2.0","method":"exit"}
expect-eof
exit-status 0
EOF
	if ! "$client" "$domlint" "$tmp/agree.script" >"$tmp/lsp" 2>"$tmp/err"; then
		bad "agreement $xml: the session failed:"
		sed 's/^/     | /' "$tmp/err"
	elif ! cmp -s "$tmp/cli" "$tmp/lsp"; then
		bad "agreement $xml: the server and the command line differ (--- command line, +++ server):"
		diff -u "$tmp/cli" "$tmp/lsp" | tail -n +3 | sed 's/^/     | /'
	else
		ok "agreement $xml ($(grep -c -v '^ ' "$tmp/cli") findings)"
	fi
done
[ -n "$not_utf8" ] && echo "note: not valid UTF-8, left out of the agreement check:$not_utf8"
finish lsp-test
