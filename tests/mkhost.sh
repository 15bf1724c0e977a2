#!/bin/sh
# mkhost.sh - builds a host root file system (sys/, dev/, etc/, lib/modules/, proc/) for
# `domlint --host=ROOT` from a short description, the way Linux lays sysfs out: devices under
# sys/devices, sys/bus/pci/devices and the IOMMU groups as symlinks to them, drivers and
# groups as symlinks a device points to.
#
#   sh tests/mkhost.sh DESCRIPTION ROOT
#
# A description has one item a line ('#' starts a comment):
#   kernel RELEASE          proc/sys/kernel/osrelease and lib/modules/RELEASE (default 6.1.0-test)
#   iommu                   the IOMMU is on: /dev/vfio/vfio and sys/kernel/iommu_groups
#   vfio-pci STATE          loaded (sys/module/vfio_pci and its driver), builtin (modules.builtin),
#                           module (installed: modules.dep), absent (neither); default absent
#   pci ADDR VVVV:DDDD [class=0xCCCCCC] [driver=NAME] [group=N] [override=NAME] [noconfig]
#       [uid=0xU] [uid_is_unique=0|1] [function_id=0xF]
#                           a PCI function (class defaults to 0x020000, a NIC)
#   mdev UUID PARENT TYPE API
#                           a mediated device of type TYPE (device_api API) on PARENT: a PCI
#                           address, a subchannel (0.0.0313) or matrix (vfio_ap)
#   file PATH TEXT...       append the line TEXT to ROOT/PATH
#   driverctl ADDR DRIVER   etc/driverctl.d/pci-ADDR holding DRIVER
#   nomodules               no lib/modules at all (a copy without them: vfio-pci cannot be told)
set -eu
[ $# -eq 2 ] || {
	echo "usage: mkhost.sh DESCRIPTION ROOT" >&2
	exit 2
}
desc=$1
root=$2
rm -rf "$root"
mkdir -p "$root/sys/bus/pci/devices" "$root/sys/bus/pci/drivers" "$root/sys/devices" \
	"$root/sys/module" "$root/proc/sys/kernel" "$root/etc" "$root/dev"

kernel=6.1.0-test
vfio=absent
nomodules=no
# The kernel release first: module lists depend on it.
while read -r word rest; do
	[ "$word" = kernel ] && kernel=$rest
done <"$desc"
echo "$kernel" >"$root/proc/sys/kernel/osrelease"
mods=$root/lib/modules/$kernel
mkdir -p "$mods/kernel/drivers/net"
echo "kernel/drivers/net/dummy.ko:" >"$mods/modules.dep"
echo "kernel/drivers/base/firmware_loader/firmware_class.ko" >"$mods/modules.builtin"

# A directory relative to another under ROOT ("sys/bus/pci/devices" to "sys/devices/x"): the
# ../ steps a symlink in the first needs to reach the second.
up() {
	printf '%s' "$1" | sed 's|[^/][^/]*|..|g'
}

# driver DEVDIR DEVPATH NAME: bind the device at ROOT/DEVPATH to driver NAME.
driver() {
	mkdir -p "$root/sys/bus/pci/drivers/$3"
	ln -s "$(up "$2")/sys/bus/pci/drivers/$3" "$1/driver"
	ln -s "$(up sys/bus/pci/drivers/"$3")/$2" "$root/sys/bus/pci/drivers/$3/$(basename "$2")"
}

pci() {
	addr=$1
	ids=$2
	shift 2
	dom=${addr%%:*}
	rest=${addr#*:}
	bus=${rest%%:*}
	devpath=sys/devices/pci$dom:$bus/$addr
	dir=$root/$devpath
	mkdir -p "$dir"
	echo "0x${ids%%:*}" >"$dir/vendor"
	echo "0x${ids#*:}" >"$dir/device"
	class=0x020000
	config=yes
	for kv; do
		case $kv in
		class=*) class=${kv#class=} ;;
		driver=*) driver "$dir" "$devpath" "${kv#driver=}" ;;
		group=*)
			g=$root/sys/kernel/iommu_groups/${kv#group=}
			mkdir -p "$g/devices"
			ln -s "$(up "$devpath")/sys/kernel/iommu_groups/${kv#group=}" "$dir/iommu_group"
			ln -s "$(up sys/kernel/iommu_groups/x/devices)/$devpath" "$g/devices/$addr"
			;;
		override=*) echo "${kv#override=}" >"$dir/driver_override" ;;
		noconfig) config=no ;;
		uid=*) echo "${kv#uid=}" >"$dir/uid" ;;
		uid_is_unique=*) echo "${kv#uid_is_unique=}" >"$dir/uid_is_unique" ;;
		function_id=*) echo "${kv#function_id=}" >"$dir/function_id" ;;
		*)
			echo "mkhost.sh: $desc: unknown pci item '$kv'" >&2
			exit 2
			;;
		esac
	done
	echo "$class" >"$dir/class"
	[ "$config" = no ] || printf '%s' "config space" >"$dir/config"
	[ -f "$dir/driver_override" ] || echo "(null)" >"$dir/driver_override"
	ln -s "$(up sys/bus/pci/devices)/$devpath" "$root/sys/bus/pci/devices/$addr"
}

mdev() {
	uuid=$1
	parent=$2
	type=$3
	api=$4
	case $parent in
	*:*)
		dom=${parent%%:*}
		rest=${parent#*:}
		pdir=sys/devices/pci$dom:${rest%%:*}/$parent
		;;
	vfio_ap) pdir=sys/devices/vfio_ap/matrix ;;
	*) pdir=sys/devices/css0/$parent ;;
	esac
	mkdir -p "$root/$pdir/mdev_supported_types/$type" "$root/$pdir/$uuid" "$root/sys/bus/mdev/devices"
	echo "$api" >"$root/$pdir/mdev_supported_types/$type/device_api"
	ln -s "../mdev_supported_types/$type" "$root/$pdir/$uuid/mdev_type"
	ln -s "$(up sys/bus/mdev/devices)/$pdir/$uuid" "$root/sys/bus/mdev/devices/$uuid"
}

while read -r word rest; do
	# shellcheck disable=SC2086 # the items of a line are words
	case $word in
	'' | '#'*) ;;
	kernel) ;;
	iommu)
		mkdir -p "$root/sys/kernel/iommu_groups" "$root/dev/vfio"
		: >"$root/dev/vfio/vfio"
		;;
	vfio-pci) vfio=$rest ;;
	nomodules) nomodules=yes ;;
	pci) pci $rest ;;
	mdev) mdev $rest ;;
	file)
		path=${rest%% *}
		mkdir -p "$(dirname "$root/$path")"
		printf '%s\n' "${rest#* }" >>"$root/$path"
		;;
	driverctl)
		mkdir -p "$root/etc/driverctl.d"
		echo "${rest#* }" >"$root/etc/driverctl.d/pci-${rest%% *}"
		;;
	*)
		echo "mkhost.sh: $desc: unknown item '$word'" >&2
		exit 2
		;;
	esac
done <"$desc"

case $vfio in
loaded)
	mkdir -p "$root/sys/module/vfio_pci" "$root/sys/bus/pci/drivers/vfio-pci"
	echo live >"$root/sys/module/vfio_pci/initstate"
	mkdir -p "$mods/kernel/drivers/vfio/pci"
	: >"$mods/kernel/drivers/vfio/pci/vfio-pci.ko"
	echo "kernel/drivers/vfio/pci/vfio-pci.ko: kernel/drivers/vfio/pci/vfio-pci-core.ko" >>"$mods/modules.dep"
	;;
builtin)
	mkdir -p "$root/sys/bus/pci/drivers/vfio-pci"
	echo "kernel/drivers/vfio/pci/vfio-pci.ko" >>"$mods/modules.builtin"
	;;
module)
	mkdir -p "$mods/kernel/drivers/vfio/pci"
	: >"$mods/kernel/drivers/vfio/pci/vfio-pci.ko"
	echo "kernel/drivers/vfio/pci/vfio-pci.ko: kernel/drivers/vfio/pci/vfio-pci-core.ko" >>"$mods/modules.dep"
	;;
absent) ;;
*)
	echo "mkhost.sh: $desc: vfio-pci is loaded, builtin, module or absent, not '$vfio'" >&2
	exit 2
	;;
esac
[ "$nomodules" = no ] || rm -rf "$root/lib/modules"
