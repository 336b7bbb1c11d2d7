#!/bin/sh
# Regenerates rules/resources/itypes_data.c, the instance type tables of E3628,
# E3641, E3675, E3640, E3642-E3644 (SageMaker), E3652 and E3653 (OpenSearch
# Service), from the AWS SDK for JavaScript v3 client packages pinned,
# with their integrity hashes, in tools/instance-type-packages (Apache-2.0).
# Each package is fetched with `npm pack` into a temporary directory (nothing
# is installed; npm checks the tarball against the registry's integrity hash,
# and this script checks it against the pinned one), its dist-es/models/enums.js
# is handed to tools/gen_instance_types.py, and the temporary directory is
# removed.
#
#   sh tools/update-instance-types.sh
#
# To move to newer packages (new instance types): put the new versions and
# their hashes (`npm view NAME@VERSION dist.integrity`) in
# tools/instance-type-packages, run this, rebuild, run the fixtures of E3628,
# E3641, E3675, E3640, E3642, E3643, E3644, E3652 and E3653, commit both
# files. Needs npm, tar and python3. Exit status 0 on success, 1 on failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/npm-pack-checked.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-itypes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# the generator's arguments gather in "$@": --NAME DIR for each package
set --
source=''
while read -r pin integrity _; do
	case $pin in '' | '#'*) continue ;; esac
	name=${pin%@*}
	version=${pin##*@}
	short=${name##*/client-}
	dir=$tmp/$short
	sl_npm_pack_checked "$pin" "$integrity" "$dir" update-instance-types
	gotv=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
		"$dir/package/package.json")
	if [ "$gotv" != "$version" ]; then
		echo "update-instance-types: asked for $pin, npm gave version $gotv" >&2
		exit 1
	fi
	case $short in
		ec2 | gamelift | sagemaker | elasticsearch-service | opensearch)
			set -- "$@" "--$short" "$dir/package" ;;
		*) echo "update-instance-types: unexpected package $pin" >&2; exit 1 ;;
	esac
	source="$source${source:+ }$pin"
done < "$here/instance-type-packages"

# the generator stops with a message when a package it reads is not pinned
python3 "$here/gen_instance_types.py" "$@" --source "$source" \
	-o "$root/rules/resources/itypes_data.c"
