# Shell functions (sourced, not run) that fetch a pinned npm package the way
# the tools/update-*.sh scripts do: `npm pack` into a directory (nothing is
# installed; npm checks the tarball against the registry's integrity hash),
# then a check of the tarball against the hash pinned in the repository, so
# that a package republished under the same version is refused.
#
#   . "$here/npm-pack-checked.sh"
#   line=$(sl_pin_read "$here/iam-data-package" tools/iam-data-package)
#   set -- $line
#   sl_npm_pack_checked "$1" "$2" "$tmp" update-iam-data
#
# Needs npm, tar and python3.

# Prints the first pin line of a pin file (comments and blank lines skipped):
# "@scope/name@version integrity ..." or "name@version integrity ...".
# $1 the file, $2 its name for messages. Exits 1 when there is none.
sl_pin_read() {
	line=$(grep -v '^#' "$1" | grep -v '^[[:space:]]*$' | head -n 1)
	case $line in
		?*@*' 'sha512-*) printf '%s\n' "$line" ;;
		*)
			echo "$2 should read name@version sha512-..., not '$line'" >&2
			exit 1
			;;
	esac
}

# Fetches $1 (name@version) into directory $3 with `npm pack`, checks the
# tarball against $2 (the registry's integrity string, sha512-BASE64) and
# unpacks it there (into $3/package). $4 names the caller in messages.
# Exits 1 on a mismatch or when npm fails.
sl_npm_pack_checked() {
	mkdir -p "$3"
	(cd "$3" && npm pack --silent "$1" >/dev/null)
	tarball=$(ls "$3"/*.tgz)
	got=$(python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")
	if [ "$got" != "$2" ]; then
		echo "$4: $1: tarball integrity $got, pinned $2" >&2
		exit 1
	fi
	tar -xzf "$tarball" -C "$3"
}
