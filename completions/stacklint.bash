# bash completion for stacklint(1)                          -*- shell-script -*-
#
# Installed as $datadir/bash-completion/completions/stacklint, where
# bash-completion loads it the first time `stacklint <Tab>` is pressed; it
# needs nothing from bash-completion itself, so `source` also works (from
# ~/.bashrc, for a stacklint built from source).
#
# Options and their fixed values are those of `stacklint --help`
# (tests/completions/check_completions.py fails when the two differ). Rule IDs
# for -i, -c, -m and --explain are read from `stacklint --list-rules` when they
# are completed, so they are always those of the stacklint that runs.

# Every option --help lists, long and short.
_stacklint_options='
	-t --template -f --format -i --ignore-checks -c --include-checks
	-m --mandatory-checks -r --regions --severity --non-zero-exit-code
	--config --config-file --output-file -z --custom-rules --stdin-filename
	--ignore-templates --only-templates --file-type --parameters
	--parameter-files --deployment-files -x --configure-rule -g --build-graph
	-b --ignore-bad-template -j --jobs --max-size --spec -o --override-spec
	-s --registry-schemas --lint-date --color --column-unit --exit-zero
	--yaml-backend -l --list-rules -L --list-templates --merge-configs
	--no-unused-suppressions --explain -v --version -h --help
	-u --update-specs -p --patch-specs -D --debug -I --info
	-e --include-experimental -a --append-rules'

# _stacklint_rule_ids COMMAND: the rule IDs COMMAND knows, one a line.
_stacklint_rule_ids()
{
	local cmd=$1
	[[ $cmd == '~'* ]] && cmd=$HOME${cmd#'~'}
	"$cmd" --list-rules 2>/dev/null | while read -r id _; do
		[[ $id == [EWI][0-9]* ]] && printf '%s\n' "$id"
	done
}

_stacklint()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=value: bash splits it at '=' (COMP_WORDBREAKS) into three words
	if [[ $cur == = && $prev == --* ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)) &&
		[[ ${COMP_WORDS[COMP_CWORD - 2]} == --* ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	COMPREPLY=()

	local values=
	case $prev in
	-f | --format)
		values='text json parseable sarif junit github pretty quiet standard' ;;
	--severity)
		values='error warning info' ;;
	--non-zero-exit-code)
		values='informational info warning error none' ;;
	--color)
		values='auto always never' ;;
	--column-unit)
		values='char byte utf16' ;;
	--yaml-backend)
		values='libyaml libfyaml' ;;
	--file-type)
		values='template appspec samconfig dockerrun eb-env eb-cron ebextension parameters deployment' ;;
	-i | --ignore-checks | -c | --include-checks | -m | --mandatory-checks | --explain)
		# a comma-separated list: complete its last element
		local head='' ids
		[[ $cur == *,* ]] && head=${cur%,*},
		ids=$(_stacklint_rule_ids "${COMP_WORDS[0]}")
		[[ $prev == --explain ]] && ids+=$'\nall'
		mapfile -t COMPREPLY < <(compgen -P "$head" -W "$ids" -- "${cur##*,}")
		return 0 ;;
	-s | --registry-schemas | -a | --append-rules)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		compopt -o filenames 2>/dev/null
		return 0 ;;
	-t | --template | --config | --config-file | --output-file | -z | --custom-rules | \
		--stdin-filename | --parameter-files | --deployment-files | --spec | \
		-o | --override-spec)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		compopt -o filenames 2>/dev/null
		return 0 ;;
	-r | --regions | -j | --jobs | --max-size | --lint-date | --parameters | \
		-x | --configure-rule | --ignore-templates)
		# free values: nothing to offer
		return 0 ;;
	esac
	if [[ -n $values ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
		return 0
	fi

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$_stacklint_options" -- "$cur")
		return 0
	fi
	# `stacklint lsp`: the language server, as the first argument
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	if ((COMP_CWORD == 1)) && [[ lsp == "$cur"* ]]; then
		COMPREPLY+=(lsp)
	fi
	compopt -o filenames 2>/dev/null
	return 0
}
complete -F _stacklint stacklint
