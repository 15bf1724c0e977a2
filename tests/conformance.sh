#!/bin/sh
# conformance.sh - checks domlint against libvirt's own verdicts on libvirt's own test domains:
# every line of EXPECTED.tsv (accepted: no error; rejected: an error from the expected rule;
# zpci_assigned: the uid/fid and guest address domlint predicts equal libvirt's).
# CONFORMANCE_REQUIRED=1 makes a missing folder a failure (CI sets it).
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
domlint=${1:-./domlint}
dir=${2:-../shared/conformance/libvirt-9.0.0}
if [ ! -f "$dir/EXPECTED.tsv" ]; then
	echo "conformance: SKIPPED: $dir/EXPECTED.tsv not found (set CONFORMANCE=DIR to point at libvirt's fixtures)"
	[ "${CONFORMANCE_REQUIRED:-0}" = 1 ] && exit 1
	exit 0
fi
make_tmp || exit 1
tab=$(printf '\t')
while IFS="$tab" read -r file arch verdict rule _ assigned; do
	case "$file" in '#'* | '') continue ;; esac
	"$domlint" --addresses=all "$dir/$file" >"$tmp/out" 2>/dev/null
	problems=$(awk -v verdict="$verdict" -v rule="$rule" -v assigned="$assigned" '
		/: error: / { errors++; if (index($0, "[" rule "]") == length($0) - length(rule) - 1) hit = 1 }
		/: note: .* -> guest / {
			label = $0; sub(/^.*: note: /, "", label); sub(/ -> guest .*$/, "", label)
			kind = ""
			if (label ~ /^(hostdev|interface hostdev) /) kind = "hostdev" (nh++)
			else if (label ~ /^disk /) kind = "virtio-disk" (nd++)
			else if (match(label, /^controller pci\.[0-9]+/)) kind = substr(label, 12, RLENGTH - 11)
			if (kind != "" && match($0, /-> guest [0-9a-f]+:00:00\.0 \(zpci uid 0x[0-9a-f]+( \(auto\))?, fid 0x[0-9a-f]+/)) {
				s = substr($0, RSTART, RLENGTH)
				nw = split(s, w, " ")
				dom = w[3]; sub(/:.*/, "", dom)
				uid = w[6]; sub(/,$/, "", uid)
				fid = w[nw]
				got[kind] = hex(uid) "/" hex(fid)
				if (hex("0x" dom) != hex(uid)) bad = bad " " kind ": guest domain " dom " is not the uid"
			}
		}
		function hex(s,   i, c, v) {
			v = 0; s = tolower(s); sub(/^0x/, "", s)
			for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c }
			return sprintf("%.0f", v)
		}
		END {
			if (verdict == "accept" && errors) print "libvirt accepts it, domlint reports " errors " error(s)"
			if (verdict == "reject" && !hit) print "libvirt rejects it, domlint has no error from " rule
			if (assigned != "-" && assigned != "") {
				n = split(assigned, pairs, " ")
				for (i = 1; i <= n; i++) {
					split(pairs[i], kv, "=")
					if (!(kv[1] in got)) print kv[1] ": no predicted zpci (libvirt: " kv[2] ")"
					else if (got[kv[1]] != kv[2]) print kv[1] ": predicted " got[kv[1]] ", libvirt assigned " kv[2]
				}
			}
			if (bad != "") print bad
		}' "$tmp/out")
	if [ -z "$problems" ]; then
		ok
	else
		bad "$file ($arch, libvirt: $verdict):"
		echo "$problems" | sed 's/^/  /'
	fi
done <"$dir/EXPECTED.tsv"
summary conformance && [ "$pass" -gt 0 ]
