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
# Needs npm (and the npm registry); the work is tools/fetch-npm-file.sh's.
set -eu

pkg='@microsoft/sarif-multitool-linux'
version='5.7.0'
member='package/sarif-2.1.0.json'
sha256='1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c'
name='sarif-schema-2.1.0.json'

exec sh "$(dirname "$0")/fetch-npm-file.sh" "$pkg" "$version" "$member" "$sha256" "$name" "$@"
