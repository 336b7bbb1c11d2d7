#!/bin/sh
# Installs what building and testing stacklint needs on Debian 12 (bookworm):
# the compiler, meson/ninja, the three libraries, and the tools the tests run
# (python3 for CLI tests, git and pre-commit for the hook test, jsonschema for
# the SARIF validator, npm to fetch the SARIF schema once, clang for the second
# sanitizer build).
# Runs apt-get as root directly, otherwise through sudo.
set -eu
if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# what building needs; --build-only installs just these (the GitHub Action's
# build step, tools/action/build.sh)
build_deps="gcc libc6-dev meson ninja-build pkg-config libyaml-dev libfyaml-dev libpcre2-dev"
if [ "${1:-}" = --build-only ]; then
	$SUDO apt-get install -y -qq --no-install-recommends $build_deps >/dev/null
	exit 0
fi
$SUDO apt-get install -y -qq --no-install-recommends $build_deps \
	g++ clang python3 python3-jsonschema libxml2-utils git pre-commit ca-certificates vim-nox vim-ale neovim emacs-nox elpa-eglot >/dev/null
# npm fetches the SARIF and JUnit schemas the output tests validate against
command -v npm >/dev/null 2>&1 || $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
# the completions' tests ask bash, zsh and fish; tests/packaging/test_deb.sh builds the .deb
$SUDO apt-get install -y -qq --no-install-recommends bash-completion zsh fish debhelper dpkg-dev man-db >/dev/null
