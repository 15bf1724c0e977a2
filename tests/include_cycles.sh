#!/bin/sh
# include_cycles.sh - fails when the modules of the given directories include each other in a
# cycle. A module is X.c with its header X.h (one concept per file pair); module X depends on
# module Y when X.c or X.h has #include "Y.h". A header-only module is its .h alone.
# Each cycle is printed as the modules in order, then the #include lines that make it.
# Usage: sh tests/include_cycles.sh [DIR]...   (default: src rules; run from the top directory)
# An #include "NAME" is looked up as the compiler does with -Isrc: beside the including file,
# then in src/; names found nowhere among the given directories (system headers) are left out.
set -u
[ $# -gt 0 ] || set -- src rules
files=$(find "$@" -maxdepth 1 -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)
[ -n "$files" ] || { echo "include_cycles: no .c or .h file in $*" >&2; exit 2; }
# shellcheck disable=SC2086 # one path a line, none with blanks (the source tree's own names)
LC_ALL=C awk -v search=src '
# "a/b/../c.h" -> "a/c.h", "./x" -> "x"
function normal(p,    n, i, k, part, out) {
	n = split(p, part, "/")
	k = 0
	for (i = 1; i <= n; i++) {
		if (part[i] == "" || part[i] == ".")
			continue
		if (part[i] == ".." && k > 0 && stack[k] != "..") {
			k--
			continue
		}
		stack[++k] = part[i]
	}
	out = ""
	for (i = 1; i <= k; i++)
		out = out (i > 1 ? "/" : "") stack[i]
	return out
}
function dir_of(p) { return p ~ /\// ? substr(p, 1, match(p, /\/[^\/]*$/) - 1) : "." }
function module(p) { sub(/\.[ch]$/, "", p); return p }
FNR == 1 { known[normal(FILENAME)] = 1; nfiles++ }
/^[ \t]*#[ \t]*include[ \t]*"/ {
	name = $0
	sub(/^[^"]*"/, "", name)
	sub(/".*/, "", name)
	inc_from[++ninc] = normal(FILENAME)
	inc_name[ninc] = name
	inc_line[ninc] = FNR
	inc_text[ninc] = $0
}
END {
	for (i = 1; i <= ninc; i++) {
		from = inc_from[i]
		to = normal(dir_of(from) "/" inc_name[i])
		if (!(to in known))
			to = normal(search "/" inc_name[i])
		if (!(to in known))
			continue
		a = module(from)
		b = module(to)
		if (a == b)
			continue
		if (!((a, b) in why)) {
			succ[a] = succ[a] " " b
			why[a, b] = from ":" inc_line[i] ": " inc_text[i]
			edge_a[++nedges] = a
			edge_b[nedges] = b
		}
	}
	# Each edge a -> b on a cycle closes the shortest path b -> ... -> a (breadth first).
	# A cycle is printed once, from its smallest module.
	ncycles = 0
	for (e = 1; e <= nedges; e++) {
		a = edge_a[e]
		b = edge_b[e]
		split("", prev)
		split("", queue)
		head = 1
		tail = 1
		queue[1] = b
		prev[b] = ""
		found = (b == a)
		while (head <= tail && !found) {
			u = queue[head++]
			n = split(succ[u], next_of, " ")
			for (k = 1; k <= n; k++) {
				v = next_of[k]
				if (v in prev)
					continue
				prev[v] = u
				queue[++tail] = v
				if (v == a) {
					found = 1
					break
				}
			}
		}
		if (!found)
			continue
		# the path b .. a, then back to b
		m = 0
		for (v = a; v != b; v = prev[v])
			rev[++m] = v
		rev[++m] = b
		for (k = 1; k <= m; k++)
			cyc[k] = rev[m - k + 1]
		# rotate to start at the smallest module, so each cycle has one spelling
		start = 1
		for (k = 2; k <= m; k++)
			if (cyc[k] < cyc[start])
				start = k
		key = ""
		for (k = 0; k < m; k++)
			key = key cyc[(start + k - 1) % m + 1] " -> "
		key = key cyc[start]
		if (key in seen)
			continue
		seen[key] = 1
		ncycles++
		print "include cycle: " key
		for (k = 0; k < m; k++) {
			x = cyc[(start + k - 1) % m + 1]
			y = cyc[(start + k) % m + 1]
			print "\t" why[x, y]
		}
	}
	nmods = 0
	for (f in known) {
		mod = module(f)
		if (!(mod in counted)) {
			counted[mod] = 1
			nmods++
		}
	}
	if (ncycles) {
		printf "include_cycles: %d cycle%s among %d modules\n", ncycles, ncycles == 1 ? "" : "s", nmods
		exit 1
	}
	printf "include_cycles: no include cycle among %d modules\n", nmods
}' $files
