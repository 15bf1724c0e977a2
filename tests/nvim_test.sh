#!/bin/sh
# nvim_test.sh - the Neovim set-up of docs/integration.md ("Language server"), in a real
# Neovim: headless Neovim runs the Lua block of the doc (vim.lsp.start_client and
# vim.lsp.buf_attach_client, the API of Neovim 0.7, Debian 12's; later versions keep it), with
# `domlint` on PATH running `DOMLINT --lsp --no-config`, opens a copy of
# testdata/examples/s390x-several-devices.xml, waits (vim.wait, up to 10 s) for the diagnostics
# and writes what vim.diagnostic.get() returns. Checked against `domlint --format=json` on the
# same file:
#   1. the diagnostics arrive;
#   2. the same findings: line, column (Neovim converts LSP's UTF-16 positions to bytes, as
#      domlint counts), rule (the diagnostic's code), severity and message;
#   3. every diagnostic has source "domlint", and the duplicate uid carries its related location;
#   4. hover on a device without <zpci> shows its guest address and the "(auto)" ids;
#   5. the server ends with status 0 when Neovim stops the client (shutdown, then exit).
#
# usage: sh tests/nvim_test.sh DOMLINT   (from the repository root)
# Installs Debian's neovim package (apt-get, as root) when nvim is missing; not root and no nvim
# is a SKIP. NVIM=PROGRAM runs another Neovim. Prints ok/FAIL lines, then
# `nvim-test: N passed, M failed`; exits 1 on any failure. Takes a few seconds (at most 60).
set -u
LC_ALL=C
export LC_ALL
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
show() { head -n 30 "$1" | sed 's/^/     | /'; }

here=$(cd "$(dirname "$0")/.." && pwd) || exit 1
domlint=$(abspath "${1:-$here/domlint}")
[ -x "$domlint" ] || { bad "no domlint at $domlint (run make)"; finish nvim-test; }
jsonget=$here/build/jsonget
[ -x "$jsonget" ] || make -s -C "$here" build/jsonget >/dev/null || { bad "cannot build build/jsonget"; finish nvim-test; }

nvim=${NVIM:-nvim}
if ! command -v "$nvim" >/dev/null 2>&1; then
	if [ "$(id -u)" != 0 ]; then
		echo "SKIP nvim is missing and this is not root: sudo apt-get install neovim"
		finish nvim-test
	fi
	echo "nvim-test: installing Debian's neovim package"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq neovim >/dev/null 2>&1 ||
		{ apt-get update -qq && apt-get install -y -qq neovim >/dev/null; } ||
		{ bad "apt-get install neovim failed"; finish nvim-test; }
fi
echo "nvim-test: $("$nvim" --version | head -n 1)"

make_tmp || exit 1
mkdir "$tmp/vms"
xml=$tmp/vms/s390x-several-devices.xml
cp "$here/testdata/examples/s390x-several-devices.xml" "$xml"

# The Neovim side: the Neovim 0.7 set-up as docs/integration.md gives it (the block after
# <!-- nvim-lsp-start-client -->), whose `domlint` is found on PATH: a wrapper that runs
# DOMLINT with --no-config. The test wraps vim.lsp.start_client only to learn the client and
# the server's exit status. Output lines: "diag LINE COL CODE SOURCE SEVERITY MESSAGE"
# (0-based, byte column, as vim.diagnostic gives them), "related LINE CHARACTER", "hover TEXT",
# "exit CODE SIGNAL", "error TEXT".
doc_block nvim-lsp-start-client "$here/docs/integration.md" >"$tmp/setup.lua"
if ! grep -q 'start_client' "$tmp/setup.lua"; then
	bad "docs/integration.md has no Neovim block after <!-- nvim-lsp-start-client -->"
	finish nvim-test
fi
mkdir "$tmp/bin"
printf '#!/bin/sh\nexec "%s" "$@" --no-config\n' "$domlint" >"$tmp/bin/domlint"
chmod +x "$tmp/bin/domlint"

cat >"$tmp/test.lua" <<'EOF'
local out = assert(io.open(vim.env.NVIM_TEST_OUT, 'w'))
local function say(...) out:write(table.concat({...}, ' '), '\n') end

local function main()
  local client_id, exited = nil, nil
  local start_client = vim.lsp.start_client
  vim.lsp.start_client = function(config)
    config.on_exit = function(code, signal) exited = { code, signal } end
    client_id = start_client(config)
    return client_id
  end
  dofile(vim.env.NVIM_TEST_SETUP) -- the set-up of docs/integration.md
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.NVIM_TEST_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo.filetype ~= 'xml' then return say('error', 'filetype is "' .. vim.bo.filetype .. '", not xml') end
  if not client_id then return say('error', 'the set-up started no client') end

  if not vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then
    return say('error', 'no diagnostics within 10 s')
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    say('diag', d.lnum, d.col, tostring(d.code), tostring(d.source), d.severity, d.message)
    local lsp = d.user_data and d.user_data.lsp or {}
    for _, r in ipairs(lsp.relatedInformation or {}) do
      say('related', r.location.range.start.line, r.location.range.start.character)
    end
  end

  -- hover on the NVMe hostdev (line 33), whose zpci uid and fid libvirt will assign
  local client = vim.lsp.get_client_by_id(client_id)
  local reply = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 32, character = 6 },
  }, 10000, bufnr)
  if not reply or reply.err or not reply.result then
    say('error', 'hover: ' .. vim.inspect(reply))
  else
    say('hover', (reply.result.contents.value:gsub('\n', ' ')))
  end

  client.stop()
  if not vim.wait(10000, function() return exited ~= nil end, 20) then
    return say('error', 'the server did not exit within 10 s of stop()')
  end
  say('exit', exited[1], exited[2])
end

local okay, err = xpcall(main, debug.traceback)
if not okay then say('error', (tostring(err):gsub('\n', ' | '))) end
out:close()
vim.cmd('qall!')
EOF

start=$(date +%s)
XDG_CACHE_HOME=$tmp/xdg XDG_STATE_HOME=$tmp/xdg XDG_DATA_HOME=$tmp/xdg \
	PATH=$tmp/bin:$PATH NVIM_TEST_SETUP=$tmp/setup.lua NVIM_TEST_FILE=$xml NVIM_TEST_OUT=$tmp/nvim.out \
	timeout 55 "$nvim" --headless --clean -n -i NONE -c "luafile $tmp/test.lua" >"$tmp/nvim.log" 2>&1 </dev/null
rc=$?
took=$(($(date +%s) - start))
if [ "$rc" != 0 ] || [ ! -s "$tmp/nvim.out" ]; then
	bad "headless Neovim exited with status $rc after $took s (124: the 55 s time-out)"
	show "$tmp/nvim.log"
	finish nvim-test
fi
if grep -q '^error ' "$tmp/nvim.out"; then
	bad "Neovim: $(grep '^error ' "$tmp/nvim.out" | head -n 3)"
fi

# 1. the diagnostics arrived
ndiag=$(grep -c '^diag ' "$tmp/nvim.out")
if [ "$ndiag" -gt 0 ]; then ok "Neovim received $ndiag diagnostics ($took s in all)"; else bad "Neovim received no diagnostics"; show "$tmp/nvim.out"; fi

# 2. the same findings as the command line: "LINE COL RULE SEVERITY MESSAGE", sorted
"$domlint" --no-config --format=json "$xml" >"$tmp/cli.json" 2>/dev/null
n=$("$jsonget" files.0.diagnostics.# <"$tmp/cli.json") || { bad "cannot read the command line's JSON"; finish nvim-test; }
i=0
: >"$tmp/cli"
: >"$tmp/cli.related"
while [ "$i" -lt "$n" ]; do
	d=files.0.diagnostics.$i
	"$jsonget" "$d.line" "$d.column" "$d.rule" "$d.severity" "$d.message" "$d.related.#" <"$tmp/cli.json" >"$tmp/fields"
	{ read -r line; read -r col; read -r rule; read -r sev; read -r msg; read -r nrel; } <"$tmp/fields"
	echo "$line $col $rule $sev $msg" >>"$tmp/cli"
	k=0
	while [ "$k" -lt "$nrel" ]; do
		"$jsonget" "$d.related.$k.line" "$d.related.$k.column" <"$tmp/cli.json" >"$tmp/fields"
		{ read -r rline; read -r rcol; } <"$tmp/fields"
		echo "$line $col $rule: related $rline $rcol" >>"$tmp/cli.related"
		k=$((k + 1))
	done
	i=$((i + 1))
done
# Neovim's 0-based lines and byte columns, its severities 1 ERROR, 2 WARN, 3 INFO
awk '$1 == "diag" {
	sev = $6 == 1 ? "error" : $6 == 2 ? "warning" : $6 == 3 ? "info" : "hint"
	msg = $0; for (f = 1; f <= 6; f++) sub(/^[^ ]* /, "", msg)
	print ($2 + 1) " " ($3 + 1) " " $4 " " sev " " msg
}' "$tmp/nvim.out" | sort >"$tmp/nvim"
sort "$tmp/cli" >"$tmp/cli.sorted"
if [ "$n" -gt 0 ] && cmp -s "$tmp/cli.sorted" "$tmp/nvim"; then
	ok "the diagnostics in Neovim are the command line's $n findings (line, column, rule, severity, message)"
else
	bad "Neovim's diagnostics differ from the command line's findings (--- command line, +++ Neovim):"
	diff -u "$tmp/cli.sorted" "$tmp/nvim" | tail -n +3 | sed 's/^/     | /'
fi

# 3. source "domlint" everywhere; the related location (LSP's 0-based line and character;
# this file is ASCII, so the character is the byte column - 1)
if [ "$ndiag" -gt 0 ] && ! awk '$1 == "diag" && $5 != "domlint" { exit 1 }' "$tmp/nvim.out"; then
	bad "a diagnostic whose source is not domlint: $(awk '$1 == "diag" && $5 != "domlint"' "$tmp/nvim.out" | head -n 1)"
elif [ "$ndiag" -gt 0 ]; then
	ok "every diagnostic has source domlint"
fi
awk '$1 == "diag" { at = ($2 + 1) " " ($3 + 1) " " $4 } $1 == "related" { print at ": related " ($2 + 1) " " ($3 + 1) }' \
	"$tmp/nvim.out" | sort >"$tmp/nvim.related"
sort "$tmp/cli.related" >"$tmp/cli.related.sorted"
if [ -s "$tmp/cli.related.sorted" ] && cmp -s "$tmp/cli.related.sorted" "$tmp/nvim.related"; then
	ok "relatedInformation in Neovim: $(cat "$tmp/nvim.related")"
else
	bad "related locations differ (--- command line, +++ Neovim):"
	diff -u "$tmp/cli.related.sorted" "$tmp/nvim.related" | tail -n +3 | sed 's/^/     | /'
fi

# 4. hover: the NVMe function gets uid 0x0001 and fid 0 from libvirt
# shellcheck disable=SC2016 # backquotes of markdown, not commands
want='**hostdev 0003:00:00.0** → guest PCI address `0001:00:00.0`  zPCI uid `0x0001` (auto), fid `0x00000000` (auto)  (auto): libvirt assigns it when the domain is defined'
got=$(sed -n 's/^hover //p' "$tmp/nvim.out")
if [ "$got" = "$want" ]; then
	ok "hover on the NVMe hostdev: $got"
else
	bad "hover on the NVMe hostdev: got '$got', expected '$want'"
fi

# 5. Neovim's stop(): shutdown, then exit, and the server's status 0
got=$(sed -n 's/^exit //p' "$tmp/nvim.out")
if [ "$got" = "0 0" ]; then
	ok "the server exited with status 0 when Neovim stopped it"
else
	bad "the server's exit when Neovim stopped it: '$got' (code signal), expected '0 0'"
fi
[ "$took" -lt 60 ] || bad "the test took $took s, over 60"
finish nvim-test
