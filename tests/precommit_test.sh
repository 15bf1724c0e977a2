#!/bin/sh
# precommit_test.sh - the pre-commit configurations of docs/integration.md, extracted from the doc
# and run as written with the real pre-commit, against this repository's committed HEAD. With
# id: domlint-system (the documented default; DOMLINT on PATH): the plain recipe lets warnings
# through and refuses a duplicate zPCI uid; the --fail-on=warning recipe refuses a warning but
# not the network XML staged next to the domains (the hook's own --disable=not-a-domain survives
# the user's args:); the --fix recipe fixes a staged file. With id: domlint (built from the
# clone): where pkg-config finds no library, the commit is refused naming the Debian and RPM
# packages, and nothing is installed (apt-get and sudo on PATH record any call, for the whole
# test); then it builds and refuses a duplicate uid.
# Nothing in a recipe is rewritten: git's url.insteadOf sends the doc's repo URL to a clone of
# HEAD, in which the doc's rev is made a tag.
#   sh tests/precommit_test.sh [DOMLINT]
set -u
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# show FILE: the last lines of a log, indented, after a FAIL line.
show() { tail -n 25 "$1" | sed 's/^/  /'; }

# Nothing from a calling git (a hook, a rebase) may point git at another repository.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
	GIT_COMMON_DIR GIT_PREFIX
here=$(cd "$(dirname "$0")" && pwd) || exit 1
if ! top=$(git -C "$here" rev-parse --show-toplevel 2>/dev/null); then
	bad "$here is not in a git repository: pre-commit installs hooks from a git repository's commit"
	finish precommit-test
fi
domlint=$(abspath "${1:-$top/domlint}")
if [ ! -x "$domlint" ]; then
	bad "no domlint at $domlint for the domlint-system hook (run make)"
	finish precommit-test
fi

if ! command -v pre-commit >/dev/null 2>&1; then
	if [ "$(id -u)" != 0 ]; then
		bad "pre-commit is not installed; please run: sudo apt-get install pre-commit"
		finish precommit-test
	fi
	echo "precommit-test: installing pre-commit" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends pre-commit >/dev/null 2>&1 ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends pre-commit >/dev/null; }
	if ! command -v pre-commit >/dev/null 2>&1; then
		bad "could not install pre-commit with apt-get"
		finish precommit-test
	fi
fi

make_tmp || exit 1
# Keep pre-commit's cache and git's global configuration away from the real home.
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_CONFIG_HOME="$tmp/home/.config" GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_COLOR=never
mkdir -p "$HOME"

# The hook repository: this repository's committed HEAD, uncommitted changes left out.
hooks=$tmp/domlint
if git clone -q "$top" "$hooks" 2>"$tmp/clone.log"; then ok; else
	bad "git clone $top failed:"
	show "$tmp/clone.log"
	finish precommit-test
fi
rev=$(git -C "$hooks" rev-parse HEAD)
missing=
for file in .pre-commit-hooks.yaml tools/pre-commit-hook.sh; do
	git -C "$hooks" cat-file -e "HEAD:$file" 2>/dev/null || missing="$missing $file"
done
if [ -n "$missing" ]; then
	bad "not committed in HEAD ($rev) of $top:$missing; pre-commit takes hooks only from a commit, so commit them first"
	finish precommit-test
fi
ok
case $(git -C "$hooks" ls-tree HEAD tools/pre-commit-hook.sh) in
100755\ *) ok ;;
*) bad "tools/pre-commit-hook.sh is not executable in HEAD ($rev): git update-index --chmod=+x it" ;;
esac
if pre-commit validate-manifest "$hooks/.pre-commit-hooks.yaml" >"$tmp/validate.log" 2>&1; then ok; else
	bad "pre-commit validate-manifest .pre-commit-hooks.yaml:"
	show "$tmp/validate.log"
fi

# The recipes, as the doc writes them.
doc=$top/docs/integration.md
recipe_plain=$tmp/recipe-plain.yaml
recipe_warn=$tmp/recipe-fail-on-warning.yaml
recipe_fix=$tmp/recipe-fix.yaml
recipe_source=$tmp/recipe-source.yaml
# extract MARKER FILE: the doc's block after <!-- MARKER --> into FILE, or FAIL and stop.
extract() {
	doc_block "$1" "$doc" >"$2"
	if [ -s "$2" ]; then ok; else
		bad "docs/integration.md has no code block after <!-- $1 -->"
		finish precommit-test
	fi
}
extract precommit-config "$recipe_plain"
extract precommit-config-fail-on-warning "$recipe_warn"
extract precommit-config-fix "$recipe_fix"
extract precommit-config-source "$recipe_source"
# hook_id FILE: the recipe's hook id.
hook_id() { sed -n 's/^ *- *id: *\([^ #]*\).*/\1/p' "$1"; }
for recipe in "$recipe_plain" "$recipe_warn" "$recipe_fix"; do
	if [ "$(hook_id "$recipe")" = domlint-system ]; then ok; else
		bad "$(basename "$recipe"): the hook is '$(hook_id "$recipe")', not the documented default domlint-system"
	fi
done
if [ "$(hook_id "$recipe_source")" = domlint ]; then ok; else
	bad "the <!-- precommit-config-source --> recipe's hook is '$(hook_id "$recipe_source")', not domlint"
fi
if grep -q '^ *args: *\[--fix\] *$' "$recipe_fix"; then ok; else
	bad "the <!-- precommit-config-fix --> recipe has no 'args: [--fix]'"
fi
if grep -q '^ *args: *\[--fail-on=warning\] *$' "$recipe_warn"; then ok; else
	bad "the <!-- precommit-config-fail-on-warning --> recipe has no 'args: [--fail-on=warning]'"
fi
# repo_of FILE, rev_of FILE: the recipe's repository URL and rev.
repo_of() { sed -n 's/^ *- *repo: *\([^ #]*\).*/\1/p' "$1"; }
rev_of() { sed -n 's/^ *rev: *\([^ #]*\).*/\1/p' "$1"; }
url=$(repo_of "$recipe_plain")
tag=$(rev_of "$recipe_plain")
for recipe in "$recipe_warn" "$recipe_fix" "$recipe_source"; do
	if [ "$(repo_of "$recipe")" = "$url" ] && [ "$(rev_of "$recipe")" = "$tag" ]; then ok; else
		bad "$(basename "$recipe"): repo and rev differ from the first recipe's ($url, $tag)"
	fi
done
if [ -n "$url" ] && [ -n "$tag" ] && git -C "$hooks" tag "$tag" >"$tmp/tag.log" 2>&1; then ok; else
	bad "cannot read repo and rev from the doc's recipe ('$url', '$tag'), or tag the clone with it:"
	show "$tmp/tag.log"
	finish precommit-test
fi
git config --global url."file://$hooks".insteadOf "$url"

# PATH: the domlint under test, for domlint-system; apt-get and sudo that record every call and
# install nothing. The "nopc" directory's pkg-config finds no library.
mkdir -p "$tmp/bin" "$tmp/nopc"
ln -s "$domlint" "$tmp/bin/domlint"
for prog in apt-get sudo; do
	printf '#!/bin/sh\necho "%s $*" >>"%s/installs.log"\nexit 100\n' "$prog" "$tmp" >"$tmp/bin/$prog"
done
printf '#!/bin/sh\nexit 1\n' >"$tmp/nopc/pkg-config"
chmod +x "$tmp/bin/apt-get" "$tmp/bin/sudo" "$tmp/nopc/pkg-config"
PATH=$tmp/bin:$PATH
export PATH

# A throwaway repository that uses the recipes.
work=$tmp/work
git init -q "$work" || exit 1
cd "$work" || exit 1
git config user.name "domlint test"
git config user.email "domlint-test@example.invalid"
git config commit.gpgsign false
mkdir vms

# use RECIPE: make RECIPE the repository's .pre-commit-config.yaml, staged.
use() {
	cp "$1" .pre-commit-config.yaml
	if pre-commit validate-config .pre-commit-config.yaml >"$tmp/validate.log" 2>&1; then ok; else
		bad "pre-commit validate-config $(basename "$1"):"
		show "$tmp/validate.log"
	fi
	git add .pre-commit-config.yaml
}
# no_network_finding WHAT: the networks staged with the domains are not reported.
no_network_finding() {
	if grep -q 'not-a-domain' "$tmp/commit.log"; then
		bad "$1: a staged network was reported (the hook lost its --disable=not-a-domain):"
		show "$tmp/commit.log"
	else
		ok
	fi
}
# refused WHAT RULE: git commit fails naming RULE, and HEAD stays where it was.
refused() {
	before=$(git rev-parse HEAD)
	if git commit -m "$1" >"$tmp/commit.log" 2>&1; then
		bad "$1: git commit succeeded; the hook should refuse it for $2:"
		show "$tmp/commit.log"
	else
		ok
	fi
	if grep -q "\[$2\]" "$tmp/commit.log"; then ok; else
		bad "$1: the refused commit's output does not name $2:"
		show "$tmp/commit.log"
	fi
	if [ "$(git rev-parse HEAD)" = "$before" ]; then ok; else bad "$1: HEAD moved although the hook failed"; fi
	no_network_finding "$1"
}
# accepted WHAT FILE...: git commit succeeds, and each FILE is in the new HEAD.
accepted() {
	what=$1
	shift
	if git commit -m "$what" >"$tmp/commit.log" 2>&1; then ok; else
		bad "$what: git commit failed:"
		show "$tmp/commit.log"
	fi
	for f in "$@"; do
		if git cat-file -e "HEAD:$f" 2>/dev/null; then ok; else bad "$what: $f is not in HEAD"; fi
	done
	no_network_finding "$what"
}

# network NAME: a libvirt network definition: XML, but no domain.
network() {
	cat <<EOF
<network>
  <name>$1</name>
  <forward mode='nat'/>
  <bridge name='virbr-$1'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'/>
</network>
EOF
}
# web NAME BUS: an x86 domain passing host PCI device 0000:BUS:00.0 through. BUS '010' is a
# warning (address-octal), '0x10' is clean.
web() {
	cat <<EOF
<domain type='kvm'>
  <name>$1</name>
  <memory unit='MiB'>2048</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='0x0000' bus='$2' slot='0x00' function='0x0'/>
      </source>
    </hostdev>
  </devices>
</domain>
EOF
}
# hostdev DOMAIN UID FID: passes the host PCI function DOMAIN:06:00.0 through, with zpci UID and FID.
hostdev() {
	cat <<EOF
    <hostdev mode='subsystem' type='pci' managed='yes'>
      <source>
        <address domain='$1' bus='0x06' slot='0x00' function='0x0'/>
      </source>
      <address type='pci'>
        <zpci uid='$2' fid='$3'/>
      </address>
    </hostdev>
EOF
}
# zguest UID2: an s390x domain passing through two PCI functions, with zpci uids 0x0001 and UID2.
zguest() {
	cat <<EOF
<domain type='kvm'>
  <name>zguest</name>
  <memory unit='MiB'>2048</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>
  </os>
  <devices>
EOF
	hostdev 0x0002 0x0001 0x00000000
	hostdev 0x0003 "$1" 0x00000001
	printf '  </devices>\n</domain>\n'
}

# ---- The plain recipe: an error refuses the commit; a warning and a network do not.
use "$recipe_plain"
if pre-commit install >"$tmp/install.log" 2>&1 && [ -x .git/hooks/pre-commit ]; then ok; else
	bad "pre-commit install failed:"
	show "$tmp/install.log"
	finish precommit-test
fi
if git commit -q -m "use domlint" >"$tmp/commit.log" 2>&1; then ok; else
	bad "the first commit (only .pre-commit-config.yaml) failed:"
	show "$tmp/commit.log"
	finish precommit-test
fi
network default >vms/default-net.xml
web web 010 >vms/web.xml
git add vms
accepted "plain recipe: a network and a domain with a warning" vms/default-net.xml vms/web.xml
# pre-commit prints a passing hook's output only with verbose: true, as the doc says.
if grep -q '^domlint (installed)\.*Passed$' "$tmp/commit.log"; then ok; else
	bad "plain recipe: the hook did not pass on a warning:"
	show "$tmp/commit.log"
fi
zguest 0x0001 >vms/zguest.xml
git add vms/zguest.xml
refused "plain recipe: two devices, one uid" zpci-duplicate-uid
zguest 0x0002 >vms/zguest.xml
git add vms/zguest.xml
accepted "plain recipe: distinct uids" vms/zguest.xml

# ---- args: [--fail-on=warning]: a warning refuses the commit, the network next to it does not.
use "$recipe_warn"
network isolated >vms/isolated-net.xml
web web2 010 >vms/web.xml
git add vms
refused "fail-on=warning recipe: a network and a domain with a warning" address-octal
web web2 0x10 >vms/web.xml
git add vms/web.xml
accepted "fail-on=warning recipe: the warning fixed, a network staged" vms/isolated-net.xml

# ---- args: [--fix]: the hook fixes a staged file, which refuses the commit; staged, it passes.
use "$recipe_fix"
zguest 0x0002 | sed "s|<address type='pci'>|<address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'>|" >vms/zguest.xml
cp vms/zguest.xml "$tmp/zguest.before"
git add vms/zguest.xml
before=$(git rev-parse HEAD)
if git commit -m "fix recipe: explicit target addresses" >"$tmp/commit.log" 2>&1; then
	bad "fix recipe: the commit went through although the hook fixed a staged file:"
	show "$tmp/commit.log"
elif [ "$(git rev-parse HEAD)" = "$before" ] && grep -q 'files were modified by this hook' "$tmp/commit.log"; then
	ok
else
	bad "fix recipe: the commit failed, but not because the hook fixed the file:"
	show "$tmp/commit.log"
fi
if ! cmp -s vms/zguest.xml "$tmp/zguest.before" && ! grep -q "<address type='pci' domain" vms/zguest.xml; then ok; else
	bad "fix recipe: vms/zguest.xml was not fixed in the working tree"
fi
git add vms/zguest.xml
accepted "fix recipe: the fixed file staged" vms/zguest.xml

# ---- id: domlint, which builds domlint in pre-commit's clone of the hook repository.
use "$recipe_source"
# Without the libraries (pkg-config finds none), the hook names the packages and installs none.
web web4 0x10 >vms/web.xml
git add vms/web.xml
before=$(git rev-parse HEAD)
if PATH=$tmp/nopc:$PATH git commit -m "source recipe: no libraries" >"$tmp/commit.log" 2>&1; then
	bad "source recipe without libraries: the commit went through:"
	show "$tmp/commit.log"
elif [ "$(git rev-parse HEAD)" = "$before" ] && grep -q 'installs nothing' "$tmp/commit.log" &&
	grep -q 'apt-get install.* libxml2-dev libpcre2-dev libjson-c-dev' "$tmp/commit.log" &&
	grep -q 'dnf install.* libxml2-devel pcre2-devel json-c-devel' "$tmp/commit.log" &&
	grep -q 'domlint-system' "$tmp/commit.log"; then
	ok
else
	bad "source recipe without libraries: refused, but not naming the Debian and RPM packages to install:"
	show "$tmp/commit.log"
fi
# With them: it builds (once), then works as the other hook does.
zguest 0x0001 >vms/zguest.xml
git add vms/zguest.xml
refused "source recipe: two devices, one uid" zpci-duplicate-uid
if find "$PRE_COMMIT_HOME" -name domlint -type f -perm -u+x 2>/dev/null | grep -q .; then ok; else
	bad "source recipe: no domlint was built in pre-commit's cache ($PRE_COMMIT_HOME)"
fi
zguest 0x0002 >vms/zguest.xml
git add vms/zguest.xml
accepted "source recipe: distinct uids" vms/zguest.xml vms/web.xml

# Whatever was missing, no hook ran apt-get or sudo.
if [ -s "$tmp/installs.log" ]; then
	bad "a hook tried to install packages:"
	show "$tmp/installs.log"
else
	ok
fi
finish precommit-test
