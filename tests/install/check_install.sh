#!/bin/sh
# What a C user gets from `meson install`: installs the build into a scratch
# DESTDIR, then checks the installed header, libstacklint (shared and static)
# and stacklint.pc the way a user's build would meet them:
#  - the files are there: the header (as in the source tree), the shared
#    library with its soname link, a real (not thin) static archive, the .pc;
#  - the shared library exports exactly the functions stacklint.h declares
#    (nm -D), which are exactly those src/libstacklint.map lists;
#  - tests/install/lint_buffer.c, compiled as C99 with the flags of
#    `pkg-config --cflags --libs stacklint` against the installed copy, runs
#    with LD_LIBRARY_PATH on the installed shared library, and again linked
#    fully statically with `pkg-config --static` (no shared library at all);
#  - tests/install/header_cxx.cpp does the same from C++ (extern "C"), when a
#    C++ compiler is installed.
# In a sanitizer build (B_SANITIZE is not "none") the library needs the
# sanitizer's runtime first in the program: the programs are built with the
# same -fsanitize (and run under it: leaks fail them), and the static link is
# left out (ASan has no -static).
# Usage: check_install.sh BUILD_DIR SOURCE_DIR B_SANITIZE "CC [ARGS]"
# MESON names the meson command (default: meson on PATH). Exit 0 when
# everything holds, 1 on a failure, 77 (skip) without
# pkg-config, nm or readelf.
# shellcheck disable=SC2086 # $cc, $san and the pkg-config flags are lists of words
set -eu
build=$1 src=$2 sanitize=$3 cc=$4
here=$src/tests/install

san=
[ "$sanitize" = none ] || san=-fsanitize=$sanitize
for tool in pkg-config nm readelf; do
	command -v "$tool" >/dev/null 2>&1 || { echo "skip: $tool is not installed"; exit 77; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
dest=$tmp/root
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

${MESON:-meson} install -C "$build" --no-rebuild --destdir "$dest" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; echo "FAIL: meson install"; exit 1; }

pc=$(find "$dest" -path '*/pkgconfig/stacklint.pc' | head -n 1)
hdr=$(find "$dest" -path '*/include/stacklint/stacklint.h' | head -n 1)
[ -n "$pc" ] || { find "$dest" -type f; echo "FAIL: no pkgconfig/stacklint.pc installed"; exit 1; }
[ -n "$hdr" ] || { find "$dest" -type f; echo "FAIL: no include/stacklint/stacklint.h installed"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
echo "installed: ${pc#"$dest"}, ${hdr#"$dest"}, libdir ${libdir#"$dest"}"
cmp -s "$hdr" "$src/include/stacklint/stacklint.h" || fail "the installed header differs from include/stacklint/stacklint.h"

# The libraries: libstacklint.so -> libstacklint.so.SONAME -> the file itself.
so=$libdir/libstacklint.so
a=$libdir/libstacklint.a
[ -L "$so" ] || fail "libstacklint.so is not a symlink"
real=$(readlink -f "$so")
{ [ -f "$real" ] && [ ! -L "$real" ]; } || fail "libstacklint.so leads to no file"
soname=$(readelf -d "$real" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ -n "$soname" ] || fail "libstacklint.so has no SONAME"
{ [ -L "$libdir/$soname" ] && [ "$(readlink -f "$libdir/$soname")" = "$real" ]; } ||
	fail "no $soname link to ${real##*/}"
echo "shared: ${real##*/}, soname $soname"
[ -f "$a" ] || fail "no libstacklint.a installed"
[ "$(head -c 8 "$a" 2>/dev/null)" = '!<arch>' ] || fail "libstacklint.a is not an ordinary archive (a thin one holds only paths into the build directory)"
for blob in sl_spec_blob sl_iam_blob; do
	nm "$a" 2>/dev/null | grep -q " [Rr] $blob\$" || fail "libstacklint.a lacks $blob (the compiled-in data)"
	nm "$real" 2>/dev/null | grep -q " [Rr] $blob\$" || fail "libstacklint.so lacks $blob (the compiled-in data)"
done

# Exported = declared in the header = listed in the version script.
nm -D --defined-only "$real" | awk '{ sub(/@.*/, "", $3); print $3 }' | sort >"$tmp/exported"
sed -n 's/^[A-Za-z].*[ *]\(sl_[a-z0-9_]*\)(.*/\1/p' "$src/include/stacklint/stacklint.h" | sort -u >"$tmp/declared"
sed -n 's/^[[:space:]]*\(sl_[a-z0-9_]*\);.*/\1/p' "$src/src/libstacklint.map" | sort -u >"$tmp/listed"
echo "exported: $(tr '\n' ' ' <"$tmp/exported")"
[ -s "$tmp/declared" ] || fail "found no function declarations in stacklint.h"
cmp -s "$tmp/exported" "$tmp/declared" ||
	{ fail "nm -D exports other names than stacklint.h declares:"; diff "$tmp/declared" "$tmp/exported" || true; }
cmp -s "$tmp/listed" "$tmp/declared" ||
	{ fail "src/libstacklint.map lists other names than stacklint.h declares:"; diff "$tmp/declared" "$tmp/listed" || true; }

pkgconf() { PKG_CONFIG_PATH=$libdir/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest pkg-config "$@"; }
pkgconf --exists stacklint || { pkgconf --print-errors --exists stacklint; echo "FAIL: pkg-config cannot read stacklint.pc"; exit 1; }
[ "$(pkgconf --modversion stacklint)" = "$(sed -n 's/^#define STACKLINT_VERSION "\(.*\)"/\1/p' "$hdr")" ] ||
	fail "stacklint.pc's version $(pkgconf --modversion stacklint) is not the header's"
cflags=$(pkgconf --cflags stacklint)
libs=$(pkgconf --libs stacklint)
static_libs=$(pkgconf --static --libs stacklint)
echo "pkg-config --cflags --libs: $cflags $libs"
echo "pkg-config --static --libs: $static_libs"

# The C program, shared. Its header must be the installed one.
# shellcheck disable=SC1003,SC2020 # tr maps space and backslash to newlines
$cc -M $cflags "$here/lint_buffer.c" | tr ' \\' '\n\n' | grep -qx "$dest/.*/stacklint/stacklint.h" ||
	fail "lint_buffer.c does not include the installed stacklint.h"
if $cc -std=c99 -pedantic-errors -Wall -Wextra -Werror $san $cflags -o "$tmp/lint_shared" "$here/lint_buffer.c" $libs -pthread; then
	LD_LIBRARY_PATH=$libdir ldd "$tmp/lint_shared" | grep -q "libstacklint.* => $libdir/" ||
		fail "lint_shared does not load the installed libstacklint"
	echo "--- lint_shared (LD_LIBRARY_PATH=${libdir#"$dest"} under DESTDIR)"
	LD_LIBRARY_PATH=$libdir "$tmp/lint_shared" || fail "lint_shared"
else
	fail "compiling lint_buffer.c against the shared library"
fi

# The C program, static: no shared library of ours or of anyone's.
if [ -n "$san" ]; then
	echo "note: no static link in a sanitizer build ($san)"
elif $cc -std=c99 -pedantic-errors -Wall -Wextra -Werror -static $cflags -o "$tmp/lint_static" "$here/lint_buffer.c" $static_libs -pthread 2>"$tmp/static.log"; then
	grep -v 'statically linked applications requires at runtime' "$tmp/static.log" | grep -v 'in function' || true
	readelf -d "$tmp/lint_static" | grep -q NEEDED && fail "lint_static needs shared libraries: $(readelf -d "$tmp/lint_static" | grep NEEDED)"
	echo "--- lint_static"
	env -u LD_LIBRARY_PATH "$tmp/lint_static" || fail "lint_static"
else
	cat "$tmp/static.log"
	fail "linking lint_buffer.c statically (pkg-config --static)"
fi

# The header from C++.
cxx=${CXX:-c++}
if command -v "${cxx%% *}" >/dev/null 2>&1; then
		if $cxx -std=c++11 -pedantic-errors -Wall -Wextra -Werror $san $cflags -o "$tmp/header_cxx" "$here/header_cxx.cpp" $libs; then
		echo "--- header_cxx"
		LD_LIBRARY_PATH=$libdir "$tmp/header_cxx" || fail "header_cxx"
	else
		fail "compiling header_cxx.cpp (C++) against the installed header and library"
	fi
else
	echo "note: no C++ compiler ($cxx): the C++ check did not run"
fi

if [ "$fails" -ne 0 ]; then
	echo "$fails failure(s)"
	exit 1
fi
echo "ok: the installed header, libraries and stacklint.pc work for a C user"
