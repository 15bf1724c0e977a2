#!/bin/sh
# precommit_test.sh - the "domlint" hook of .pre-commit-hooks.yaml, as pre-commit runs it from this
# repository's committed HEAD: a commit with a duplicate zPCI uid is refused, the fixed one goes in.
#   sh tests/precommit_test.sh
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

# A throwaway repository that uses the hook.
work=$tmp/work
git init -q "$work" || exit 1
cd "$work" || exit 1
git config user.name "domlint test"
git config user.email "domlint-test@example.invalid"
git config commit.gpgsign false
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: domlint
EOF
if pre-commit validate-config .pre-commit-config.yaml >"$tmp/validate.log" 2>&1; then ok; else
	bad "pre-commit validate-config:"
	show "$tmp/validate.log"
fi
if pre-commit install >"$tmp/install.log" 2>&1 && [ -x .git/hooks/pre-commit ]; then ok; else
	bad "pre-commit install failed:"
	show "$tmp/install.log"
	finish precommit-test
fi
git add .pre-commit-config.yaml
if git commit -q -m "use domlint" >"$tmp/commit0.log" 2>&1; then ok; else
	bad "the first commit (only .pre-commit-config.yaml) failed:"
	show "$tmp/commit0.log"
	finish precommit-test
fi

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
# domain UID2: an s390x domain passing through two PCI functions, with zpci uids 0x0001 and UID2.
domain() {
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

# (a) two hostdevs share zpci uid 0x0001: the commit is refused, with the rule named.
before=$(git rev-parse HEAD)
domain 0x0001 >zguest.xml
git add zguest.xml
if git commit -m "two devices, one uid" >"$tmp/commit1.log" 2>&1; then
	bad "git commit of a domain with a duplicate zpci uid succeeded; the domlint hook should refuse it:"
	show "$tmp/commit1.log"
else
	ok
fi
if grep -q 'zpci-duplicate-uid' "$tmp/commit1.log"; then ok; else
	bad "the refused commit's output does not mention zpci-duplicate-uid:"
	show "$tmp/commit1.log"
fi
if [ "$(git rev-parse HEAD)" = "$before" ]; then ok; else bad "HEAD moved although the hook failed"; fi

# (b) fixed: distinct uids, managed='yes', only <zpci> in the guest address: the commit goes in.
domain 0x0002 >zguest.xml
git add zguest.xml
if git commit -m "distinct uids" >"$tmp/commit2.log" 2>&1; then ok; else
	bad "git commit of the fixed domain failed:"
	show "$tmp/commit2.log"
fi
if git cat-file -e HEAD:zguest.xml 2>/dev/null; then ok; else bad "zguest.xml is not in HEAD after the fixed commit"; fi
finish precommit-test
