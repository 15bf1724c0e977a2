#!/bin/sh
# s390x.sh - the big-endian check (make check-s390x): cross-builds domlint and the unit tests for
# s390x, where integers are big-endian and plain char is unsigned, and runs them under qemu-user:
# the unit tests, then the golden suite and the docs check with the s390x binary, whose output
# must be byte-identical to the expectations written on amd64.
#
# usage: sh tests/s390x.sh [DIR]
#   DIR (default build-s390x) keeps the s390x sysroot (DIR/sysroot) and the build (DIR/obj), so a
#   second run only rebuilds what changed; delete it to fetch the libraries again.
#
# The s390x libraries are never installed: Debian's s390x packages (libc6-dev and the -dev
# packages the Makefile needs, with their dependencies) are fetched with apt-get download, from the
# machine's own apt sources through a private apt state in DIR/apt, and unpacked into DIR/sysroot.
# (A multiarch install would need the same versions for both architectures, and a security archive
# that carries no s390x breaks that.) What runs on the build machine (the cross compiler,
# qemu-user, gcc for BUILD_CC) is installed with apt-get as root when missing, as the Makefile's
# ensure does.
#
# Environment: MAKE (make), BUILD_CC (cc), S390X_CFLAGS (-O2 -Werror: the cross build is to stay
# warning-free), S390X_TESTS (unit golden docs: the steps to run).
set -eu
dir=${1:-build-s390x}
triplet=s390x-linux-gnu
make=${MAKE:-make}
roots="libc6-dev libxml2-dev libpcre2-dev libjson-c-dev libpci-dev check libsubunit-dev"

say() { printf 's390x: %s\n' "$*"; }
die() {
	printf 's390x: %s\n' "$*" >&2
	exit 1
}

# ensure TEST PACKAGES: apt-get install the packages unless the shell TEST succeeds.
ensure() {
	if sh -c "$1" >/dev/null 2>&1; then return 0; fi
	say "installing $2"
	[ "$(id -u)" = 0 ] || die "not root; please run: sudo apt-get install $2"
	# shellcheck disable=SC2086 # a list of packages
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
		--no-install-recommends $2 >/dev/null 2>&1 ||
		{ apt-get -o DPkg::Lock::Timeout=600 update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
				--no-install-recommends $2 >/dev/null; } || die "could not install $2"
}

ensure "command -v $triplet-gcc" "gcc-$triplet"
ensure "command -v qemu-s390x" "qemu-user"
ensure "command -v pkg-config" "pkg-config"
[ -n "${BUILD_CC:-}" ] || ensure "command -v cc" "gcc"

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sysroot=$dir/sysroot

# The sysroot: fetched once, kept while DIR/sysroot.stamp names the same root packages.
if [ ! -d "$sysroot" ] || [ "$(cat "$dir/sysroot.stamp" 2>/dev/null)" != "$roots" ]; then
	start=$(date +%s)
	apt=$dir/apt
	rm -rf "$sysroot" "$sysroot.new" "$dir/sysroot.stamp" "$dir/sysroot.list.new" "$apt"
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/sources" "$apt/debs"
	: >"$apt/status"
	# The machine's own sources (either format), read for s390x alone.
	[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$apt/sources/host.list"
	for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && cp "$f" "$apt/sources/"
	done
	set -- -o APT::Architecture=s390x -o APT::Architectures::=s390x \
		-o Dir::State="$apt" -o Dir::State::status="$apt/status" \
		-o Dir::Cache="$apt/cache" -o Dir::Etc::SourceList=/dev/null \
		-o Dir::Etc::SourceParts="$apt/sources"
	say "fetching the s390x package lists"
	# A source that carries no s390x (a security archive, say) is skipped by apt, and one that
	# cannot be reached only matters if the packages are then missing.
	apt-get "$@" update -qq >"$apt/update.log" 2>&1 || cat "$apt/update.log" >&2
	# Every package the roots need, recursively, by Depends and Pre-Depends (virtual names, in
	# <>, are provided by one that is listed).
	# shellcheck disable=SC2086 # a list of packages
	pkgs=$(apt-cache "$@" depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances $roots | grep -v '^[ <]' | sort -u)
	[ -n "$pkgs" ] || die "apt found none of: $roots"
	say "downloading $(echo "$pkgs" | wc -l) s390x packages"
	# shellcheck disable=SC2086 # a list of packages
	(cd "$apt/debs" && apt-get "$@" download $pkgs >"$apt/download.log" 2>&1) ||
		{ cat "$apt/download.log" >&2; die "apt-get download failed"; }
	mkdir -p "$sysroot.new"
	for deb in "$apt/debs"/*.deb; do
		dpkg-deb -x "$deb" "$sysroot.new"
		dpkg-deb -f "$deb" Package Version | paste -sd' ' >>"$dir/sysroot.list.new"
	done
	# A link to an absolute path (libm.so -> /lib/s390x-linux-gnu/libm.so.6) would leave the
	# sysroot for the build machine's files: made relative, it stays inside.
	find "$sysroot.new" -type l -lname '/*' | while read -r link; do
		ln -sfn "$(realpath -m --relative-to="${link%/*}" "$sysroot.new$(readlink "$link")")" "$link"
	done
	rm -rf "$apt"
	sort "$dir/sysroot.list.new" >"$dir/sysroot.list" && rm "$dir/sysroot.list.new"
	mv "$sysroot.new" "$sysroot"
	echo "$roots" >"$dir/sysroot.stamp"
	say "sysroot ready in $(($(date +%s) - start)) s: $dir/sysroot.list says what is in it"
fi

# pkg-config answers from the sysroot's .pc files, with paths inside it; the sysroot's own
# system directories are left out as the build machine's are.
PKG_CONFIG_SYSROOT_DIR=$sysroot
PKG_CONFIG_LIBDIR=$sysroot/usr/lib/$triplet/pkgconfig:$sysroot/usr/share/pkgconfig
PKG_CONFIG_SYSTEM_INCLUDE_PATH=$sysroot/usr/include
PKG_CONFIG_SYSTEM_LIBRARY_PATH=$sysroot/usr/lib/$triplet:$sysroot/lib/$triplet
export PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR PKG_CONFIG_SYSTEM_INCLUDE_PATH \
	PKG_CONFIG_SYSTEM_LIBRARY_PATH

# The build has a directory of its own: the Makefile reads every *.d under it.
obj=$dir/obj
say "cross-building in $obj"
start=$(date +%s)
$make O="$obj" CC="$triplet-gcc --sysroot=$sysroot" BUILD_CC="${BUILD_CC:-cc}" \
	PKG_CONFIG=pkg-config CFLAGS="${S390X_CFLAGS:--O2 -Werror}" LDFLAGS= \
	"$obj/domlint" "$obj/check_unit"

say "built in $(($(date +%s) - start)) s"

# Both must be big-endian s390x ELF files (EI_DATA 2, e_machine 22), or this proves nothing.
for bin in "$obj/domlint" "$obj/check_unit"; do
	if [ "$(od -An -tu1 -j5 -N1 "$bin" | tr -d ' ')" != 2 ] ||
		[ "$(od -An -tx1 -j18 -N2 "$bin" | tr -d ' ')" != 0016 ]; then
		die "$bin is not a big-endian s390x executable"
	fi
done

# The golden and docs tests run ./domlint as a program: this one runs the s390x binary.
cat >"$dir/domlint-qemu" <<EOF
#!/bin/sh
exec qemu-s390x -L '$sysroot' '$obj/domlint' "\$@"
EOF
chmod +x "$dir/domlint-qemu"

status=0
for step in ${S390X_TESTS:-unit golden docs}; do
	say "$step tests under qemu-s390x"
	start=$(date +%s)
	case $step in
	unit) qemu-s390x -L "$sysroot" "$obj/check_unit" || status=1 ;;
	golden) sh tests/golden.sh "$dir/domlint-qemu" || status=1 ;;
	docs) sh tests/docs_check.sh "$dir/domlint-qemu" || status=1 ;;
	*) die "S390X_TESTS: no step $step" ;;
	esac
	say "$step tests took $(($(date +%s) - start)) s"
done
if [ "$status" = 0 ]; then say "passed"; else say "FAILED"; fi
exit "$status"
