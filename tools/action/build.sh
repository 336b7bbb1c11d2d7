#!/usr/bin/env bash
# The build step of the GitHub Action (action.yml at the repository root): no
# prebuilt stacklint exists yet, so the action builds one from its own
# checkout, the source tree this script is in ($GITHUB_ACTION_PATH on a
# runner). Installs what building needs with tools/install-deps.sh --build-only
# (apt-get: Debian 12, Ubuntu 24.04), configures a release build and compiles
# the stacklint binary only, then appends binary=<its path> to $GITHUB_OUTPUT
# for the lint step (tools/action/run.sh).
#
# The build directory is $RUNNER_TEMP/stacklint-<checksum of the source path>:
# the runner empties RUNNER_TEMP after each job, so nothing outlives the job,
# and a second use of the same action in one job finds the build done (ninja
# rebuilds whatever changed). Nothing is cached across jobs.
#
# Exits non-zero, failing the step, when installing or building fails.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
sum=$(printf '%s' "$src" | cksum | cut -d ' ' -f 1)
build=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/stacklint-$sum

echo "::group::Install the build dependencies (tools/install-deps.sh --build-only)"
sh "$src/tools/install-deps.sh" --build-only
echo "::endgroup::"

echo "::group::Build stacklint from $src"
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$src" --buildtype=release
fi
# path and type: the library is named stacklint as well
meson compile -C "$build" src/stacklint:executable
"$build/src/stacklint" --version
echo "::endgroup::"

if [ -n "${GITHUB_OUTPUT:-}" ]; then
	printf 'binary=%s\n' "$build/src/stacklint" >>"$GITHUB_OUTPUT"
fi
