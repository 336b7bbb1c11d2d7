#!/bin/sh
# The Debian packages, built and installed as a user would: copies the source
# tree (the files git tracks or would track: `git ls-files -co
# --exclude-standard`, uncommitted changes included; never the build
# directories) into a scratch directory, runs `dpkg-buildpackage -us -uc -b`
# there, and checks:
#  - the packages' versions are meson.build's project version, and their
#    contents (dpkg-deb -c): stacklint has the binary, the manual page, the
#    documentation and the bash, zsh and fish completions; libstacklint0.1 the
#    shared library; libstacklint-dev the header, .so link, .a and .pc;
#  - dpkg installs all three into an empty root with a fresh database
#    (dpkg --root, unprivileged as well as as root), and knows them there;
#  - the installed stacklint runs: its version; a template with mistakes
#    (docs/examples/template.yaml: exit 6, E3038 and W2001 at their lines) and
#    a clean one (exit 0, no output), also from standard input;
#  - `man -l` renders the installed page with no groff warning;
#  - the installed completions: each shell's own search path names the
#    directory the file is installed in (bash-completion's loader and fish
#    find and load it in the scratch root), and check_completions.py (static,
#    bash, fish) passes on the installed files with the installed binary.
# With STACKLINT_DEBOOTSTRAP=1 (root and a reachable Debian mirror needed) it
# also makes a minimal Debian 12 with debootstrap and installs the .deb there
# with apt-get, which fetches its dependencies, then runs stacklint inside it.
#
# Usage: tests/packaging/test_deb.sh [SOURCE_DIR]   (default: this checkout)
# Env: DEB_BUILD_OPTIONS is passed on (default "parallel=<cores>");
#      STACKLINT_DEBOOTSTRAP=1, STACKLINT_MIRROR (default: the first
#      deb.debian.org-style URI apt uses here, else http://deb.debian.org/debian);
#      KEEP=1 keeps the scratch directory; STACKLINT_DEBS=DIR tests the .debs in
#      DIR (as KEEP=1 leaves them in SCRATCH/build) instead of building them.
# Exit 0 when everything holds, 1 on a failure, 77 (skip) when a tool is
# missing (dpkg-buildpackage, debhelper, git) or a build dependency is unmet.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "${1:-$here/../..}" && pwd)

for tool in dpkg-buildpackage dpkg-deb dpkg dh git; do
	command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool is not installed (apt-get install debhelper dpkg-dev git)"; exit 77; }
done
git -C "$src" rev-parse --git-dir >/dev/null 2>&1 || { echo "skip: $src is not a git checkout"; exit 77; }
if ! unmet=$(cd "$src" && dpkg-checkbuilddeps 2>&1); then
	echo "skip: $unmet"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-deb.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
	echo "scratch directory: $tmp"
else
	trap 'rm -rf "$tmp"' EXIT INT TERM
fi
chmod 755 "$tmp"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
t0=$(date +%s)
step() { echo "== $* ($(($(date +%s) - t0)) s)"; }

version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$src/meson.build" | head -n 1)
[ -n "$version" ] || { echo "FAIL: no version in meson.build"; exit 1; }

if [ -n "${STACKLINT_DEBS:-}" ]; then
	# test .debs built before (by this script with KEEP=1, or by hand)
	mkdir "$tmp/build"
	cp "$STACKLINT_DEBS"/*.deb "$tmp/build/"
	echo "testing the .debs of $STACKLINT_DEBS (not built here)"
else
	# ---- the source tree, as git sees it, in a scratch directory ----------------
	step "copying the source tree"
	tree=$tmp/build/stacklint-$version
	mkdir -p "$tree"
	# files deleted but not yet committed are left out
	(cd "$src" && git ls-files -co --exclude-standard -z |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done; :' sh |
		tar -cf - --null -T -) | tar -xf - -C "$tree"
	[ -x "$tree/debian/rules" ] || { echo "FAIL: no debian/rules in the copied tree"; exit 1; }

	# ---- dpkg-buildpackage -------------------------------------------------------
	step "dpkg-buildpackage -us -uc -b"
	cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
	export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS-parallel=$cores}"
	if ! (cd "$tree" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; then
		tail -n 60 "$tmp/build.log"
		echo "FAIL: dpkg-buildpackage (log above)"
		exit 1
	fi
	grep -E '^(Ok|Fail|Skipped): ' "$tmp/build.log" | tr -s ' ' | tr '\n' ' ' | sed 's/^/build-time tests: /;s/$/\n/'
fi
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
deb=$tmp/build/stacklint_${version}_$arch.deb
lib=$tmp/build/libstacklint0.1_${version}_$arch.deb
dev=$tmp/build/libstacklint-dev_${version}_$arch.deb
for f in "$deb" "$lib" "$dev"; do
	[ -f "$f" ] || { ls "$tmp/build"; echo "FAIL: ${f##*/} was not built"; exit 1; }
done
echo "built: $(cd "$tmp/build" && ls -s --block-size=K ./*.deb | tr '\n' ' ')"

# ---- what the packages hold ------------------------------------------------------
step "dpkg-deb -c"
for f in "$deb" "$lib" "$dev"; do
	v=$(dpkg-deb -f "$f" Version)
	[ "$v" = "$version" ] || fail "${f##*/}: version $v, meson.build says $version"
done
contents() { dpkg-deb -c "$1" | awk '{ print $6 }' | sed 's|^\./|/|'; }
has() { # has DEB PATH...: each PATH is in DEB
	d=$1
	shift
	contents "$d" >"$tmp/list"
	for p in "$@"; do
		grep -qxF "$p" "$tmp/list" || fail "${d##*/} lacks $p"
	done
}
has "$deb" /usr/bin/stacklint /usr/share/man/man1/stacklint.1.gz \
	/usr/share/bash-completion/completions/stacklint \
	/usr/share/zsh/vendor-completions/_stacklint \
	/usr/share/fish/vendor_completions.d/stacklint.fish \
	/usr/share/doc/stacklint/copyright /usr/share/doc/stacklint/README.md.gz \
	/usr/share/doc/stacklint/usage.md.gz /usr/share/doc/stacklint/rules.md.gz \
	/usr/share/doc/stacklint/examples/template.yaml
has "$lib" "/usr/lib/$multiarch/libstacklint.so.0.1.0" "/usr/lib/$multiarch/libstacklint.so.0.1"
has "$dev" /usr/include/stacklint/stacklint.h "/usr/lib/$multiarch/libstacklint.so" \
	"/usr/lib/$multiarch/libstacklint.a" "/usr/lib/$multiarch/pkgconfig/stacklint.pc"
# nothing of the library in the command's package, nor the reverse
contents "$deb" | grep -E 'libstacklint|/include/' && fail "stacklint holds library files"
contents "$lib" | grep -E '/bin/|\.a$|\.h$' && fail "libstacklint0.1 holds more than the shared library"
dpkg-deb -f "$deb" Depends | grep -q libstacklint && fail "stacklint depends on libstacklint (it links it statically)"

# ---- installed with dpkg into an empty root --------------------------------------
# dpkg --root: the files go under $root, the database is $root/var/lib/dpkg
# (made empty here); --force-depends because libc6, libyaml and the others are
# not in that database; --force-not-root and --force-script-chrootless let a
# user who is not root install there (the packages have no maintainer script
# that needs a chroot). Run as root, the same command works as it is.
install_root() { # install_root DIR [runuser -u USER --]: install the three .debs into DIR
	r=$1
	shift
	mkdir -p "$r/var/lib/dpkg/updates" "$r/var/lib/dpkg/info"
	: >"$r/var/lib/dpkg/status"
	: >"$r/var/lib/dpkg/available"
	[ $# -gt 0 ] && chown -R nobody "$r"
	"$@" dpkg --root="$r" --log="$r/dpkg.log" --force-depends --force-not-root \
		--force-script-chrootless -i "$deb" "$lib" "$dev" >"$r.log" 2>&1
}
step "dpkg --root -i"
root=$tmp/root
if ! install_root "$root"; then
	cat "$root.log"
	echo "FAIL: dpkg -i into $root"
	exit 1
fi
for p in stacklint libstacklint0.1 libstacklint-dev; do
	st=$(dpkg --root="$root" -s "$p" 2>/dev/null | sed -n 's/^Status: //p')
	[ "$st" = "install ok installed" ] || fail "dpkg --root: $p is '$st', not installed"
done
dpkg --root="$root" -L stacklint | grep -qx /usr/bin/stacklint || fail "dpkg -L stacklint lacks /usr/bin/stacklint"
# unprivileged too, when this runs as root and can become nobody (as a user, the
# install above was already unprivileged)
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	chmod 755 "$tmp/build"
	chmod 644 "$deb" "$lib" "$dev"
	if install_root "$tmp/root-nobody" runuser -u nobody --; then
		owner=$(stat -c %U "$tmp/root-nobody/usr/bin/stacklint")
		[ "$owner" = nobody ] || fail "unprivileged dpkg --root: /usr/bin/stacklint belongs to $owner"
		echo "unprivileged install (as nobody): ok"
	else
		cat "$tmp/root-nobody.log"
		fail "dpkg --root -i as nobody"
	fi
fi

# ---- the installed stacklint runs ---------------------------------------------------
step "running the installed stacklint"
sl=$root/usr/bin/stacklint
out=$("$sl" --version) || fail "stacklint --version exits $?"
[ "$out" = "stacklint $version" ] || fail "--version prints '$out', not 'stacklint $version'"
bad=$root/usr/share/doc/stacklint/examples/template.yaml
set +e
"$sl" "$bad" >"$tmp/bad.out" 2>&1
st=$?
set -e
[ "$st" -eq 6 ] || fail "the example template: exit $st, not 6 (errors and warnings)"
grep -q "^$bad:18:11: error E3038 " "$tmp/bad.out" || fail "the example template: no E3038 at 18:11"
grep -q "^$bad:9:3: warning W2001 " "$tmp/bad.out" || fail "the example template: no W2001 at 9:3"
cat >"$tmp/good.yaml" <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
Outputs:
  BucketName:
    Value: !Ref Bucket
EOF
set +e
"$sl" "$tmp/good.yaml" >"$tmp/good.out" 2>&1
st=$?
"$sl" --format json - <"$tmp/good.yaml" >"$tmp/stdin.out" 2>&1
st2=$?
set -e
[ "$st" -eq 0 ] && [ ! -s "$tmp/good.out" ] || { cat "$tmp/good.out"; fail "a clean template: exit $st"; }
[ "$st2" -eq 0 ] && [ "$(cat "$tmp/stdin.out")" = "[]" ] || { cat "$tmp/stdin.out"; fail "a clean template on stdin, json: exit $st2"; }
echo "installed stacklint: --version, example (exit 6), clean template (exit 0): ok"

# ---- the manual page ----------------------------------------------------------------
step "man -l"
if command -v man >/dev/null 2>&1; then
	page=$root/usr/share/man/man1/stacklint.1.gz
	if LC_ALL=C.UTF-8 MANWIDTH=80 MAN_DISABLE_SECCOMP=1 man --warnings -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err"; then
		grep -q '^SYNOPSIS' "$tmp/man.txt" || fail "man -l: no SYNOPSIS in the rendered page"
		grep -q -- '--column-unit' "$tmp/man.txt" || fail "man -l: the page does not name --column-unit"
		[ ! -s "$tmp/man.err" ] || { cat "$tmp/man.err"; fail "man -l: groff warnings"; }
		echo "man -l: $(wc -l <"$tmp/man.txt") lines"
	else
		cat "$tmp/man.err"
		fail "man -l $page"
	fi
else
	echo "note: man is not installed; the page was not rendered"
fi

# ---- the installed completions --------------------------------------------------------
step "completions"
share=$root/usr/share
if [ -r /usr/share/bash-completion/bash_completion ] && command -v bash >/dev/null 2>&1; then
	# bash-completion's own loader, searching XDG_DATA_DIRS, as on first <Tab>
	got=$(XDG_DATA_DIRS=$share PATH=$root/usr/bin:$PATH bash --norc --noprofile -c '
		. /usr/share/bash-completion/bash_completion
		__load_completion stacklint && complete -p stacklint' 2>&1) || true
	case $got in
	*"-F _stacklint stacklint"*) echo "bash-completion loads $share/bash-completion/completions/stacklint" ;;
	*) fail "bash-completion did not load the installed completion: $got" ;;
	esac
fi
if command -v zsh >/dev/null 2>&1; then
	zsh -fc 'print -l $fpath' | grep -qx /usr/share/zsh/vendor-completions ||
		fail "zsh's fpath lacks /usr/share/zsh/vendor-completions"
fi
if command -v fish >/dev/null 2>&1; then
	# fish looks in $XDG_DATA_DIRS/fish/vendor_completions.d (default /usr/share)
	mkdir "$tmp/home"
	got=$(HOME=$tmp/home XDG_DATA_DIRS=$share PATH=$root/usr/bin:$PATH fish -c 'complete -C "stacklint --for"' 2>&1) || true
	case $got in
	--format*) echo "fish loads $share/fish/vendor_completions.d/stacklint.fish" ;;
	*) fail "fish did not load the installed completion: $got" ;;
	esac
fi
mkdir "$tmp/compl"
ln -s "$share/bash-completion/completions/stacklint" "$tmp/compl/stacklint.bash"
ln -s "$share/zsh/vendor-completions/_stacklint" "$tmp/compl/_stacklint"
ln -s "$share/fish/vendor_completions.d/stacklint.fish" "$tmp/compl/stacklint.fish"
for mode in static bash fish; do
	st=0
	python3 "$src/tests/completions/check_completions.py" "$sl" "$tmp/compl" "$mode" >"$tmp/compl.log" 2>&1 || st=$?
	[ "$st" -eq 0 ] || [ "$st" -eq 77 ] || { cat "$tmp/compl.log"; fail "completions ($mode) of the installed files"; }
done
echo "installed completions: $(tail -n 1 "$tmp/compl.log")"

# ---- optional: a minimal Debian made with debootstrap ---------------------------------
if [ "${STACKLINT_DEBOOTSTRAP:-}" = 1 ]; then
	step "debootstrap"
	mirror=${STACKLINT_MIRROR:-}
	if [ -z "$mirror" ]; then
		mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
		mirror=${mirror:-http://deb.debian.org/debian}
	fi
	if [ "$(id -u)" -ne 0 ] || ! command -v debootstrap >/dev/null 2>&1; then
		fail "STACKLINT_DEBOOTSTRAP=1 needs root and debootstrap"
	elif ! debootstrap --variant=minbase bookworm "$tmp/chroot" "$mirror" >"$tmp/debootstrap.log" 2>&1; then
		tail -n 20 "$tmp/debootstrap.log"
		fail "debootstrap bookworm from $mirror"
	else
		step "apt-get install ./stacklint_*.deb in the chroot"
		cp "$deb" "$tmp/chroot/tmp/"
		cp /etc/resolv.conf "$tmp/chroot/etc/resolv.conf" 2>/dev/null || true
		if chroot "$tmp/chroot" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends /tmp/${deb##*/}" >"$tmp/apt.log" 2>&1; then
			cp "$bad" "$tmp/chroot/tmp/t.yaml"
			set +e
			out=$(chroot "$tmp/chroot" stacklint /tmp/t.yaml 2>&1)
			st=$?
			set -e
			[ "$st" -eq 6 ] && echo "$out" | grep -q "E3038" ||
				fail "stacklint in the chroot: exit $st: $out"
			chroot "$tmp/chroot" dpkg -s stacklint | grep -q '^Status: install ok installed' ||
				fail "dpkg in the chroot does not know stacklint"
			echo "debootstrap chroot: apt-get installed stacklint and its dependencies; it runs"
		else
			tail -n 20 "$tmp/apt.log"
			fail "apt-get install in the chroot"
		fi
	fi
fi

step "done"
[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo ok
