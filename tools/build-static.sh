#!/bin/sh
# Builds the self-contained static stacklint (issue 15; docs/install.md): a
# release build with -Dstatic=true, which links libyaml, libfyaml, PCRE2 and
# glibc (libc.a, threads included) into one executable that needs no library
# at run time. Debian's libyaml-dev, libfyaml-dev, libpcre2-dev and libc6-dev
# ship the .a archives (tools/install-deps.sh installs them).
#
#     tools/build-static.sh [BUILDDIR]      (default: build-static;
#                                           NINJAFLAGS=-j1 to limit ninja)
#
# Leaves BUILDDIR/src/stacklint (with symbols) and BUILDDIR/stacklint-static
# (stripped: the file to ship), and prints the latter's path and size. Fails
# if the result is not static or does not run. Only the binary is built; the
# tests of suite 'static' run with `meson test -C BUILDDIR --suite static`.
set -eu
cd "$(dirname "$0")/.."
builddir=${1:-build-static}

if [ -f "$builddir/build.ninja" ]; then
	meson configure "$builddir" -Dstatic=true -Dbuildtype=release
else
	meson setup "$builddir" -Dstatic=true -Dbuildtype=release
fi
ninja -C "$builddir" ${NINJAFLAGS:-} src/stacklint

exe=$builddir/src/stacklint
# ldd succeeds only on a dynamic executable ("not a dynamic executable", 1)
if ldd "$exe" >/dev/null 2>&1; then
	echo "build-static.sh: $exe is not statically linked:" >&2
	ldd "$exe" >&2
	exit 1
fi
strip -o "$builddir/stacklint-static" "$exe"
"$builddir/stacklint-static" --version >/dev/null
echo "$builddir/stacklint-static: $(wc -c <"$builddir/stacklint-static") bytes ($("$builddir/stacklint-static" --version))"
