#!/bin/sh
# docs/rules.md is generated from the rule descriptors by `stacklint --explain all`.
# Fails, with the difference, when the committed file is stale. Regenerate with:
#   build/src/stacklint --explain all > docs/rules.md
set -eu
exe=$1
doc=$2
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$exe" --explain all > "$tmp"
if ! diff -u "$doc" "$tmp"; then
	echo "docs/rules.md is stale: regenerate it with '$exe --explain all > docs/rules.md'" >&2
	exit 1
fi
