#!/usr/bin/env bash
# The lint step of the GitHub Action (action.yml at the repository root):
# runs stacklint on the workspace and reports its exit status as the step's
# output `exit-code`. GitHub gives a composite action's steps no INPUT_*
# variables of their own, so action.yml passes each input in the step's `env:`;
# tests/cli/test_action.py runs this script the same way.
#
#   INPUT_PATHS    files, directories or patterns to lint (default: .)
#   INPUT_FORMAT   the --format value (default: github, workflow annotations)
#   INPUT_ARGS     further stacklint options
#   STACKLINT_BIN  the stacklint to run (default: stacklint on PATH)
#   GITHUB_OUTPUT  the runner's output file; exit-code=N is appended to it
#
# INPUT_PATHS and INPUT_ARGS are split into words as xargs splits its input:
# at blanks and newlines, with '...' and "..." keeping a word together and a
# backslash escaping the next character. Nothing is expanded: no variables, no
# command substitution, no globbing (stacklint expands patterns itself), so an
# input is never run as shell code.
#
# Exits with stacklint's status (0 clean; 2, 4 and 8 for errors, warnings and
# informational findings, added; 1 for a failure), so the step fails on
# findings at the level --non-zero-exit-code selects. A malformed input or a
# missing binary is reported as an ::error:: annotation and exit status 1.
set -uo pipefail

# Appends exit-code=$1 to $GITHUB_OUTPUT (when the runner gave one), then exits with $1.
finish() {
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		printf 'exit-code=%s\n' "$1" >>"$GITHUB_OUTPUT" || exit 1
	fi
	exit "$1"
}

# annotate MESSAGE: prints MESSAGE as an ::error:: workflow command, escaped as
# the runner reads command data (% CR LF), so that it stays one annotation.
annotate() {
	local m=${1//%/%25}
	m=${m//$'\r'/%0D}
	printf '::error title=stacklint action::%s\n' "${m//$'\n'/%0A}"
}

# split_words NAME TEXT: sets the array NAME to the words of TEXT (see above).
# Returns 1, with xargs's message on standard error, when a quote is not closed.
split_words() {
	local -n words_=$1
	words_=()
	case $2 in *[![:space:]]*) ;; *) return 0 ;; esac
	local tmp rc
	tmp=$(mktemp) || return 1
	printf '%s\n' "$2" | xargs printf '%s\0' >"$tmp"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		mapfile -d '' words_ <"$tmp"
	fi
	rm -f "$tmp"
	[ "$rc" -eq 0 ]
}

if ! split_words paths "${INPUT_PATHS-.}"; then
	annotate "input 'paths' has an unclosed quote: ${INPUT_PATHS}"
	finish 1
fi
if ! split_words args "${INPUT_ARGS-}"; then
	annotate "input 'args' has an unclosed quote: ${INPUT_ARGS}"
	finish 1
fi
format=${INPUT_FORMAT:-github}
bin=${STACKLINT_BIN:-stacklint}
if ! command -v "$bin" >/dev/null 2>&1; then
	annotate "stacklint not found: $bin"
	finish 1
fi

# Options first, then '--' and the paths: a multi-value option at the end of
# args (--parameter-files p.json, cfn-lint's nargs='+') then cannot take a
# path as one of its values.
cmd=("$bin" --format "$format" "${args[@]}")
if [ "${#paths[@]}" -gt 0 ]; then
	cmd+=(-- "${paths[@]}")
fi
"${cmd[@]}"
finish $?
