#!/bin/sh
# Checks the `stacklint-build` hook of .pre-commit-hooks.yaml with Debian's
# pre-commit, offline: the hook is `language: python`, so pre-commit makes a
# virtualenv and runs `pip install .` in its clone of this repository, and
# pip builds stacklint there with meson and ninja through the in-tree build
# backend tools/precommit_backend.py (docs/usage.md, "pre-commit"). Nothing
# comes from PyPI: PIP_NO_INDEX=1 and no pip configuration.
#
#   both ways: both hooks have the same entry, files and exclude;
#   test_precommit_build.sh            the quick checks (meson test, suite cli):
#       - with no build tools on PATH, `pre-commit try-repo` fails before
#         building, naming meson, ninja, a C compiler, pkg-config and the
#         three library packages; with the libraries missing (an empty
#         PKG_CONFIG_LIBDIR), it names just those;
#       - the backend's wheel, made with a stand-in for the meson build,
#         installs an executable bin/stacklint into a virtualenv;
#   test_precommit_build.sh --build    the real build instead (.ci/run; minutes):
#       a project whose .pre-commit-config.yaml names a committed scratch copy
#       of this source tree; `pre-commit install-hooks` builds stacklint into
#       the hook's virtualenv; then, with no stacklint anywhere on PATH,
#       `pre-commit run stacklint-build` fails on a bad template with
#       stacklint's diagnostic and passes on good ones, reusing the
#       environment (no second build); the source copy, the project and
#       TMPDIR are left as they were. NINJAFLAGS (e.g. -j1) reaches ninja.
#
# The scratch copies are committed because pre-commit clones the hook
# repository (git clone), which sees only what is committed. The build test
# uses `pre-commit run` with a config rather than try-repo, because try-repo
# installs into a temporary store that it deletes: every call would build
# again, and reuse could not be seen.
#
# Exit status: 0 pass, 1 fail, 77 skip (git, pre-commit or, for --build, a
# build dependency not installed; or the source tree is not a git checkout).
set -eu

build=no
case ${1:-} in
--build) build=yes ;;
'') ;;
*)
	echo "usage: test_precommit_build.sh [--build]" >&2
	exit 1
	;;
esac

for tool in git pre-commit; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool is not installed"
		exit 77
	fi
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for f in .pre-commit-hooks.yaml pyproject.toml tools/precommit_backend.py meson.build; do
	if [ ! -f "$root/$f" ]; then
		echo "FAIL: $root/$f is missing" >&2
		exit 1
	fi
done

if [ "$build" = yes ]; then
	for tool in meson ninja cc pkg-config; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			echo "SKIP: $tool is not installed (needed to build stacklint)"
			exit 77
		fi
	done
	for module in yaml-0.1 libfyaml libpcre2-8; do
		if ! pkg-config --exists "$module"; then
			echo "SKIP: pkg-config cannot find $module (needed to build stacklint)"
			exit 77
		fi
	done
	if ! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		echo "SKIP: $root is not a git checkout (the scratch copy takes its files from git)"
		exit 77
	fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-precommit-build.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

# Hermetic: no user or system git or pip configuration, no shared pre-commit
# cache, no package index.
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL 2>/dev/null || true
export NO_COLOR=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true

old_ifs=$IFS
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$root/meson.build" | head -n 1)

# --- both hooks run the same command on the same files ---
if ! pre-commit validate-manifest "$root/.pre-commit-hooks.yaml" >"$tmp/validate.log" 2>&1; then
	cat "$tmp/validate.log" >&2
	fail "pre-commit validate-manifest rejects .pre-commit-hooks.yaml"
fi
# pre-commit is Python with PyYAML: read the manifest with the interpreter it runs on
pc_python=$(sed -n '1s/^#! *//p' "$(command -v pre-commit)" | cut -d ' ' -f 1)
case $pc_python in '' | */env) pc_python=python3 ;; esac
if ! "$pc_python" - "$root/.pre-commit-hooks.yaml" >"$tmp/same.log" 2>&1 <<'EOF'; then
import sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1], encoding="utf-8"))}
system, built = hooks["stacklint"], hooks["stacklint-build"]
assert system["language"] == "system", system["language"]
assert built["language"] == "python", built["language"]
for key in ("entry", "files", "exclude", "require_serial"):
    assert system.get(key) == built.get(key), "%s differs: %r / %r" % (key, system.get(key), built.get(key))
EOF
	cat "$tmp/same.log" >&2
	fail "the stacklint and stacklint-build hooks differ"
fi

# --- the user's project: a bad and a good template ---
mkdir -p "$tmp/project/stacks"
cat >"$tmp/project/stacks/bad.yaml" <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref NoSuchParameter
EOF
cat >"$tmp/project/stacks/good.yaml" <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  TopicName:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref TopicName
EOF
# enough good files for pre-commit to start stacklint in parallel processes
good_files=stacks/good.yaml
for i in 1 2 3 4 5 6 7; do
	cp "$tmp/project/stacks/good.yaml" "$tmp/project/stacks/good$i.yaml"
	good_files="$good_files stacks/good$i.yaml"
done
mkdir -p "$tmp/project/.github/workflows"
printf 'on: push\njobs: {}\n' >"$tmp/project/.github/workflows/ci.yml"
git -C "$tmp/project" init -q
git -C "$tmp/project" add stacks .github
git -C "$tmp/project" commit -q -m "templates"

# --- missing build dependencies: a clear message, before any build ---
# (not with --build: .ci/run has run these already, in meson test)
if [ "$build" = no ]; then
	# The hook repository for these needs only what runs before meson would.
	mkdir -p "$tmp/hooks-min/tools"
	cp "$root/.pre-commit-hooks.yaml" "$root/pyproject.toml" "$root/meson.build" "$tmp/hooks-min/"
	cp "$root/tools/precommit_backend.py" "$tmp/hooks-min/tools/"
	git -C "$tmp/hooks-min" init -q
	git -C "$tmp/hooks-min" add .
	git -C "$tmp/hooks-min" commit -q -m "hooks"

	# A PATH with everything on the current one except the build tools.
	mkdir "$tmp/nobuild-bin"
	IFS=:
	for dir in $PATH; do
		[ -d "$dir" ] || continue
		for exe in "$dir"/*; do
			name=${exe##*/}
			case $name in
			meson | ninja | samu | cc | gcc | clang | c89 | c99 | pkg-config | pkgconf) continue ;;
			esac
			if [ -f "$exe" ] && [ -x "$exe" ] && [ ! -e "$tmp/nobuild-bin/$name" ]; then
				ln -s "$exe" "$tmp/nobuild-bin/$name"
			fi
		done
	done
	IFS=$old_ifs

	# try_missing LOG [VAR=VALUE...]: try-repo the hook with the environment
	# changed as given; the install must fail (pre-commit's status 3).
	try_missing() {
		log=$1
		shift
		status=0
		(cd "$tmp/project" && env PRE_COMMIT_HOME="$tmp/cache-missing" "$@" \
			pre-commit try-repo --color never "$tmp/hooks-min" stacklint-build \
			--files stacks/good.yaml) >"$log" 2>&1 || status=$?
		if [ "$status" -ne 3 ]; then
			cat "$log" >&2
			fail "try-repo with $* exited $status, not 3 (the install should fail)"
			return 1
		fi
	}

	# no build tool at all: every one is named, with the packages to install
	if try_missing "$tmp/missing-tools.log" PATH="$tmp/nobuild-bin" CC=; then
		# shellcheck disable=SC2016 # the backquotes are text in the message
		for what in '- meson' '- ninja' '- a C compiler' '- pkg-config' \
			'- libyaml-dev (pkg-config module yaml-0.1)' '- libfyaml-dev' '- libpcre2-dev' \
			'apt-get install meson ninja-build gcc pkg-config libyaml-dev libfyaml-dev libpcre2-dev' \
			'or use the `stacklint` hook'; do
			grep -qF -- "$what" "$tmp/missing-tools.log" ||
				{ cat "$tmp/missing-tools.log" >&2; fail "no build tools: the message lacks '$what'"; }
		done
		# stopped at pip's metadata step, before any build, with one message
		[ "$(grep -c 'cannot build stacklint' "$tmp/missing-tools.log")" -eq 1 ] ||
			{ cat "$tmp/missing-tools.log" >&2; fail "no build tools: the message is not printed exactly once"; }
		grep -q 'metadata-generation-failed' "$tmp/missing-tools.log" ||
			{ cat "$tmp/missing-tools.log" >&2; fail "no build tools: the install did not stop at pip's metadata step"; }
	fi

	# The wheel the backend makes, with a stand-in for the meson build: pip
	# installs its one file as an executable bin/stacklint of a virtualenv.
	mkdir "$tmp/wheel"
	if ! wheel=$("$pc_python" - "$root/tools" "$tmp/wheel" 2>"$tmp/wheel.log" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
import precommit_backend as backend

def stand_in(tools, builddir):
    os.makedirs(builddir)
    path = os.path.join(builddir, "stacklint")
    with open(path, "w") as f:
        f.write('#!/bin/sh\necho "stand-in $*"\n')
    os.chmod(path, 0o755)
    return path

backend._tools_or_exit = lambda: {}
backend._build_binary = stand_in
print(backend.build_wheel(sys.argv[2]))
EOF
	); then
		cat "$tmp/wheel.log" >&2
		fail "the backend's build_wheel failed"
	elif ! "$pc_python" -m virtualenv -q "$tmp/venv" >"$tmp/venv.log" 2>&1 ||
		! "$tmp/venv/bin/python" -m pip install -q "$tmp/wheel/$wheel" >>"$tmp/venv.log" 2>&1; then
		cat "$tmp/venv.log" >&2
		fail "pip cannot install the backend's wheel $wheel"
	elif [ "$("$tmp/venv/bin/stacklint" --version 2>&1)" != "stand-in --version" ]; then
		ls -l "$tmp/venv/bin" >&2
		fail "the wheel did not install an executable bin/stacklint"
	fi

	# the tools are there but the libraries are not: just the libraries
	have_tools=yes
	for tool in meson ninja cc pkg-config; do
		command -v "$tool" >/dev/null 2>&1 || have_tools=no
	done
	if [ "$have_tools" = no ]; then
		echo "note: meson, ninja, cc or pkg-config is not installed: the libraries-only check is not run"
	elif try_missing "$tmp/missing-libs.log" PKG_CONFIG_LIBDIR="$tmp/no-pc" PKG_CONFIG_PATH=; then
		grep -qF 'apt-get install libyaml-dev libfyaml-dev libpcre2-dev)' "$tmp/missing-libs.log" ||
			{ cat "$tmp/missing-libs.log" >&2; fail "no libraries: the message does not name exactly the three library packages"; }
		if grep -q -e '- meson$' -e '- ninja$' "$tmp/missing-libs.log"; then
			cat "$tmp/missing-libs.log" >&2
			fail "no libraries: the message names tools that are installed"
		fi
	fi
fi

# --- the real build ---
if [ "$build" = yes ]; then
	# the hook repository: this source tree as it is now (tracked and new,
	# not ignored files), committed
	mkdir "$tmp/src"
	(cd "$root" && git ls-files -z -c -o --exclude-standard |
		tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -C "$tmp/src" -xf -
	git -C "$tmp/src" init -q
	git -C "$tmp/src" add -A
	git -C "$tmp/src" commit -q -m "source"
	rev=$(git -C "$tmp/src" rev-parse HEAD)

	cat >"$tmp/project/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $tmp/src
    rev: $rev
    hooks:
      - id: stacklint-build
EOF
	git -C "$tmp/project" add .pre-commit-config.yaml
	git -C "$tmp/project" commit -q -m "pre-commit"

	# No stacklint on PATH: drop every directory that has one.
	nostack_path=
	IFS=:
	for dir in $PATH; do
		[ -x "$dir/stacklint" ] && continue
		nostack_path=${nostack_path:+$nostack_path:}$dir
	done
	IFS=$old_ifs
	export PRE_COMMIT_HOME="$tmp/cache"
	mkdir "$tmp/tmpdir"

	start=$(date +%s)
	if ! (cd "$tmp/project" && PATH=$nostack_path TMPDIR="$tmp/tmpdir" pre-commit install-hooks) \
		>"$tmp/install.log" 2>&1; then
		cat "$tmp/install.log" >&2
		fail "pre-commit install-hooks could not build the stacklint-build hook"
	fi
	echo "pre-commit install-hooks (the build): $(($(date +%s) - start)) s (NINJAFLAGS=${NINJAFLAGS:-})"

	built=
	for f in "$PRE_COMMIT_HOME"/repo*/py_env-*/bin/stacklint; do
		[ -e "$f" ] && built=$f
	done
	if [ -z "$built" ] || [ ! -x "$built" ]; then
		ls -R "$PRE_COMMIT_HOME" >&2 || true
		fail "no stacklint in the hook's virtualenv"
	elif ! "$built" --version | grep -qF "$version"; then
		fail "the built stacklint does not say version $version: $("$built" --version)"
	fi
	# the temporary meson build directory is gone
	if [ -n "$(ls -A "$tmp/tmpdir")" ]; then
		ls -A "$tmp/tmpdir" >&2
		fail "the build left files in TMPDIR"
	fi

	# run_hook FILE...: the hook on the files, stacklint not on PATH; log in $tmp/out
	run_hook() {
		(cd "$tmp/project" && PATH=$nostack_path pre-commit run --color never stacklint-build --files "$@") \
			>"$tmp/out" 2>&1
	}
	if (PATH=$nostack_path && command -v stacklint >/dev/null 2>&1); then
		fail "stacklint is still on the PATH the hook runs with"
	fi

	if run_hook stacks/bad.yaml stacks/good.yaml; then
		cat "$tmp/out" >&2
		fail "the hook passed on a template with an error"
	else
		grep -q "stacks/bad.yaml:6:23: error E1020" "$tmp/out" ||
			{ cat "$tmp/out" >&2; fail "the hook's output lacks stacklint's diagnostic for bad.yaml"; }
		! grep -q "good.yaml:" "$tmp/out" ||
			{ cat "$tmp/out" >&2; fail "the hook reported something in good.yaml"; }
	fi

	# shellcheck disable=SC2086 # a list of names without blanks, split on purpose
	if ! run_hook $good_files; then
		cat "$tmp/out" >&2
		fail "the hook failed on clean templates"
	else
		grep -q "Passed" "$tmp/out" ||
			{ cat "$tmp/out" >&2; fail "pre-commit did not report the hook as passed"; }
	fi
	if grep -q "Installing environment" "$tmp/out"; then
		cat "$tmp/out" >&2
		fail "pre-commit installed the environment again instead of reusing it"
	fi

	# outside the hook's files, or excluded: not passed to stacklint
	if ! run_hook .github/workflows/ci.yml; then
		cat "$tmp/out" >&2
		fail "the hook ran on .github/workflows/ci.yml"
	fi

	# the hook repository and the user's project are left as they were
	if [ -n "$(git -C "$tmp/src" status --porcelain --ignored)" ]; then
		git -C "$tmp/src" status --porcelain --ignored | head >&2
		fail "building wrote into the hook repository's checkout"
	fi
	if [ -n "$(git -C "$tmp/project" status --porcelain --ignored)" ]; then
		git -C "$tmp/project" status --porcelain --ignored | head >&2
		fail "the hook wrote into the project"
	fi
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed" >&2
	exit 1
fi
if [ "$build" = yes ]; then
	echo "PASS: pre-commit builds stacklint for the stacklint-build hook and runs it"
else
	echo "PASS: the stacklint-build hook (quick checks; --build for the build)"
fi
exit 0
