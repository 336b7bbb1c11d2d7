/*
 * The command line's and the configuration file's rule options (-x
 * RULE:key=value..., `configure_rules`), checked before any template is read:
 * a wrong setting is a usage error, one of cfn-lint's options that stacklint
 * ignores is a notice (engine/ruleopt.h has the table).
 */
#ifndef SL_CLI_RULEOPTS_H
#define SL_CLI_RULEOPTS_H

#include <stdio.h>

#include "cli/cli.h"
#include "load/node.h"

/* Checks the -x settings in cli->rule_options (already split on commas, as
 * cfn-lint splits them). Returns 0, or 1 after printing the first wrong one
 * to err. */
int sl_cli_rule_options_check(struct sl_cli *cli, FILE *err);

/* Reads the configuration's `configure_rules` value v (a mapping of rule IDs
 * to mappings of options; a list value is one setting per item) from the file
 * at path: checks every setting (messages with path:line:column) and, unless
 * the command line gave -x, stores them in cli->rule_options. Returns 0, or 1
 * after a message. */
int sl_cli_rule_options_config(struct sl_cli *cli, const char *path, const struct sl_node *v, FILE *err);

#endif
