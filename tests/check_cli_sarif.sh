#!/bin/sh
# End to end: the real CLI's SARIF over every rule fixture (findings of every
# rule, broken templates included) validates against the SARIF 2.1.0 schema.
# Usage: check_cli_sarif.sh STACKLINT VALIDATE_SARIF_PY SCHEMA FIXTURES_DIR
set -u
exe=$1 validator=$2 schema=$3 fixtures=$4
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$exe" --format sarif -c I "$fixtures" > "$tmp"
status=$?
if [ $((status & 1)) -ne 0 ]; then
	echo "stacklint failed (status $status)" >&2
	exit 1
fi
exec /usr/bin/env python3 "$validator" "$schema" "$tmp"
