#!/bin/sh
# Checks the repository's .pre-commit-hooks.yaml with the real pre-commit,
# offline: a scratch git repository holds a bad and a good template, and
# `pre-commit try-repo <hooks repo> stacklint --files ...` must fail on the bad
# one and pass on the good one, running the freshly built binary (put first on
# PATH, since the hook is `language: system`).
#
# try-repo is not pointed at the source tree itself: it reads only what is
# committed there (plus changes to tracked files, through a full clone), so a
# hooks file not yet committed would be missed. The hooks file is copied into
# a small git repository of its own instead, committed, and tried from there.
#
#   test_precommit.sh STACKLINT        (or STACKLINT=path test_precommit.sh)
#
# Exit status: 0 pass, 1 fail, 77 skip (pre-commit or git not installed).
set -eu

stacklint=${1:-${STACKLINT:-}}
if [ -z "$stacklint" ]; then
	echo "usage: test_precommit.sh STACKLINT" >&2
	exit 1
fi
case $stacklint in
/*) ;;
*) stacklint=$(pwd)/$stacklint ;;
esac
if [ ! -x "$stacklint" ]; then
	echo "test_precommit.sh: $stacklint is not an executable" >&2
	exit 1
fi
for tool in git pre-commit; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool is not installed"
		exit 77
	fi
done

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
hooks_file=$root/.pre-commit-hooks.yaml
if [ ! -f "$hooks_file" ]; then
	echo "FAIL: $hooks_file is missing" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-precommit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Hermetic: no user or system git configuration, no shared pre-commit cache.
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL=/dev/null
export PRE_COMMIT_HOME="$tmp/cache"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export NO_COLOR=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true

mkdir "$tmp/bin"
ln -s "$stacklint" "$tmp/bin/stacklint"
PATH=$tmp/bin:$PATH
export PATH

failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# pre-commit's own schema check of the hooks file
if ! pre-commit validate-manifest "$hooks_file" >"$tmp/validate.log" 2>&1; then
	cat "$tmp/validate.log" >&2
	fail "pre-commit validate-manifest rejects .pre-commit-hooks.yaml"
fi

# the hooks repository: just the hooks file, committed
mkdir "$tmp/hooks"
cp "$hooks_file" "$tmp/hooks/.pre-commit-hooks.yaml"
git -C "$tmp/hooks" init -q
git -C "$tmp/hooks" add .pre-commit-hooks.yaml
git -C "$tmp/hooks" commit -q -m "hooks"

# the user's repository: a bad and a good template
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
# side files: a CodeDeploy appspec.yml with a wrong version, a samconfig.toml
printf 'version: 1.0\nos: linux\n' >"$tmp/project/stacks/appspec.yml"
printf 'version = 0.1\n' >"$tmp/project/samconfig.toml"
echo "not a template" >"$tmp/project/notes.txt"
mkdir -p "$tmp/project/.github/workflows"
printf 'on: push\njobs: {}\n' >"$tmp/project/.github/workflows/ci.yml"
printf 'repos: []\n' >"$tmp/project/.pre-commit-config.yaml"
git -C "$tmp/project" init -q
git -C "$tmp/project" add stacks notes.txt samconfig.toml .github .pre-commit-config.yaml
git -C "$tmp/project" commit -q -m "templates"

# try_repo FILE... : runs the hook on the files; the log is in $tmp/out
try_repo() {
	(cd "$tmp/project" && pre-commit try-repo --color never "$tmp/hooks" stacklint --files "$@") \
		>"$tmp/out" 2>&1
}

if try_repo stacks/bad.yaml; then
	cat "$tmp/out" >&2
	fail "the hook passed on a template with an error"
else
	grep -q "stacks/bad.yaml:6:23: error E1020" "$tmp/out" ||
		{ cat "$tmp/out" >&2; fail "the hook's output lacks stacklint's diagnostic for bad.yaml"; }
	grep -q "Failed" "$tmp/out" ||
		{ cat "$tmp/out" >&2; fail "pre-commit did not report the hook as failed"; }
fi

if ! try_repo stacks/good.yaml; then
	cat "$tmp/out" >&2
	fail "the hook failed on a clean template"
else
	grep -q "Passed" "$tmp/out" ||
		{ cat "$tmp/out" >&2; fail "pre-commit did not report the hook as passed"; }
fi

if try_repo stacks/good.yaml stacks/bad.yaml; then
	cat "$tmp/out" >&2
	fail "the hook passed on a bad and a good template together"
fi

# side files are linted by their names, with their own rules
if try_repo stacks/appspec.yml; then
	cat "$tmp/out" >&2
	fail "the hook passed on an appspec.yml with a wrong version"
else
	grep -q "stacks/appspec.yml:1:10: error E99801" "$tmp/out" ||
		{ cat "$tmp/out" >&2; fail "the hook's output lacks E99801 for appspec.yml"; }
fi
if ! try_repo samconfig.toml; then
	cat "$tmp/out" >&2
	fail "the hook failed on a samconfig.toml"
else
	grep -q "Passed" "$tmp/out" ||
		{ cat "$tmp/out" >&2; fail "the hook's files pattern skipped samconfig.toml"; }
fi

# files outside the hook's `files` pattern, or in its `exclude`, are not
# passed to stacklint (which would lint them as templates and fail)
for f in notes.txt .github/workflows/ci.yml .pre-commit-config.yaml; do
	if ! try_repo "$f"; then
		cat "$tmp/out" >&2
		fail "the hook ran on $f"
	fi
done

# the user's files are left as they were, and nothing is added
if [ -n "$(git -C "$tmp/project" status --porcelain)" ]; then
	fail "the hook changed files in the repository"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed" >&2
	exit 1
fi
echo "PASS: pre-commit try-repo runs the stacklint hook"
exit 0
