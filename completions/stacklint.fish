# fish completion for stacklint(1)
#
# Installed as $datadir/fish/vendor_completions.d/stacklint.fish. Options and
# their fixed values are those of `stacklint --help`
# (tests/completions/check_completions.py fails when the two differ); rule IDs
# come from `stacklint --list-rules` when they are completed.

# The rule IDs the stacklint on the command line knows, with their titles.
function __stacklint_rule_ids
    set -l cmd (commandline -opc)[1]
    # a comma-separated list: complete its last element
    # (fish puts back an --option= or -i before the value itself)
    set -l tok (string replace -r -- '^(--[^=]*=|-[icm])' '' (commandline -ct))
    set -l head (string match -r '^.*,' -- $tok)
    $cmd --list-rules 2>/dev/null | string replace -rf '^([EWI][0-9]+)\s+\S+\s+(.*)$' "$head"'$1'\t'$2'
end

function __stacklint_first_arg
    test (count (commandline -opc)) -eq 1
end

complete -c stacklint -e
# templates, directories and globs are the arguments
complete -c stacklint -F
complete -c stacklint -n __stacklint_first_arg -a lsp -d 'Run the language server on stdin/stdout'

complete -c stacklint -s t -l template -r -F -d 'Templates to lint'
complete -c stacklint -s f -l format -x -d 'Output format' -a '
    text\t"Default"
    json\t"cfn-lint\'s JSON fields"
    parseable\t"cfn-lint\'s parseable layout"
    sarif\t"SARIF 2.1.0"
    junit\t"JUnit XML"
    github\t"GitHub workflow annotations"
    pretty\t"cfn-lint\'s pretty layout"
    quiet\t"cfn-lint\'s quiet layout"
    standard\t"cfn-lint\'s default layout"'
complete -c stacklint -s i -l ignore-checks -x -a '(__stacklint_rule_ids)' -d 'Rule IDs or prefixes to skip'
complete -c stacklint -s c -l include-checks -x -a '(__stacklint_rule_ids)' -d 'Rule IDs or prefixes to run although off by default'
complete -c stacklint -s m -l mandatory-checks -x -a '(__stacklint_rule_ids)' -d 'Rules template Metadata cannot switch off'
complete -c stacklint -s r -l regions -x -d 'AWS Regions to judge (ALL_REGIONS: every one)'
complete -c stacklint -l severity -x -a 'error warning info' -d 'Report only this level and above'
complete -c stacklint -l non-zero-exit-code -x -a 'informational info warning error none' -d 'Lowest level that makes the exit status non-zero'
complete -c stacklint -l config -r -F -d 'Configuration file'
complete -c stacklint -l config-file -r -F -d 'Configuration file'
complete -c stacklint -l output-file -r -F -d 'Write the report to this file'
complete -c stacklint -s z -l custom-rules -r -F -d 'cfn-lint custom rules file'
complete -c stacklint -l stdin-filename -r -F -d 'Name for the template read from -'
complete -c stacklint -l ignore-templates -x -d 'Skip templates matching this glob'
complete -c stacklint -l only-templates -d 'Lint named files only when they are templates or side files'
complete -c stacklint -l file-type -x -a 'template appspec samconfig dockerrun eb-env eb-cron ebextension parameters deployment' -d 'Lint the files named as this kind'
complete -c stacklint -l parameters -x -d 'KEY=VALUE parameter values'
complete -c stacklint -l parameter-files -r -F -d 'Parameter files for the template'
complete -c stacklint -l deployment-files -r -F -d 'Git sync deployment files'
complete -c stacklint -s x -l configure-rule -x -d 'Set a rule option (RULE:key=value)'
complete -c stacklint -s g -l build-graph -d 'Write each template\'s resource graph (DOT)'
complete -c stacklint -s b -l ignore-bad-template -d 'Report nothing for files that do not parse'
complete -c stacklint -s j -l jobs -x -d 'Lint N files in parallel'
complete -c stacklint -l max-size -x -d 'Refuse larger files (suffixes K, M)'
complete -c stacklint -l spec -r -F -d 'Resource specification file'
complete -c stacklint -s o -l override-spec -r -F -d 'cfn-lint override spec (JSON)'
complete -c stacklint -s s -l registry-schemas -x -a '(__fish_complete_directories)' -d 'Directories of registry schemas'
complete -c stacklint -l lint-date -x -d 'Take this date (YYYY-MM-DD) as today'
complete -c stacklint -l color -x -a 'auto always never' -d 'Colour the output'
complete -c stacklint -l column-unit -x -a '
    char\t"Characters (default, cfn-lint\'s)"
    byte\t"UTF-8 bytes (Vim, Neovim, ALE)"
    utf16\t"UTF-16 code units (LSP, VS Code)"' -d 'What columns count'
complete -c stacklint -l exit-zero -d 'Exit 0 even when problems are found'
complete -c stacklint -l yaml-backend -x -a 'libyaml libfyaml' -d 'YAML parser'
complete -c stacklint -s l -l list-rules -d 'List every rule'
complete -c stacklint -s L -l list-templates -d 'List the files that would be linted'
complete -c stacklint -l merge-configs -d 'Add up the lists of all configuration layers'
complete -c stacklint -l no-unused-suppressions -d 'Do not report unused suppression comments'
complete -c stacklint -l explain -x -a '(__stacklint_rule_ids) all' -d 'Print a rule\'s documentation'
complete -c stacklint -s v -l version -d 'Print the version'
complete -c stacklint -s h -l help -d 'Print the help'
# accepted for cfn-lint's command lines
complete -c stacklint -s u -l update-specs -d 'Print how to update the specification'
complete -c stacklint -s p -l patch-specs -d 'Print how to update the specification'
complete -c stacklint -s D -l debug -d 'cfn-lint log level (no effect)'
complete -c stacklint -s I -l info -d 'cfn-lint log level (no effect)'
complete -c stacklint -s e -l include-experimental -d 'No experimental rules (no effect)'
complete -c stacklint -s a -l append-rules -x -a '(__fish_complete_directories)' -d 'cfn-lint Python rules (not run)'
