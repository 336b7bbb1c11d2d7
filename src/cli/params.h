/*
 * cfn-lint's parameter options on the command line and in the configuration:
 * --parameters KEY=VALUE... (one set of values per use; `parameters` in the
 * configuration, a mapping or a list of them), --parameter-files FILE...
 * (`parameter_files`) and --deployment-files FILE... (`deployment_files`).
 * Values given here go to the template's lint (sl_options.param_sets);
 * parameter and deployment files are linted as files of their own kind, which
 * E0200, E0100 and E2900 judge (rules/paramsets/), and a deployment file's
 * template is linted too. Combinations cfn-lint refuses are usage errors.
 */
#ifndef SL_CLI_PARAMS_H
#define SL_CLI_PARAMS_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/cli.h"
#include "load/node.h"

struct sl_cli_params {
	struct sl_param_set *sets; /* values, keys and origins malloc'd */
	size_t n_sets, cap_sets;
	bool sets_from_cli;        /* given on the command line: the configuration's give way */
	struct sl_strv files;      /* --parameter-files (or the configuration's) */
	bool files_from_cli;
	struct sl_strv deployments; /* --deployment-files (or the configuration's) */
	bool deployments_from_cli;
};

/* True when arg has the form KEY=VALUE (a letter or digit first, an '=' after
 * the key): what follows --parameters without a '--' on the command line. */
bool sl_params_looks_kv(const char *arg);

/* One use of --parameters: kv holds its KEY=VALUE arguments (split at the first
 * '=', spaces around key and value trimmed, as cfn-lint does). Returns 0, or 1
 * after a message to err. */
int sl_params_add_set(struct sl_cli *cli, const struct sl_strv *kv, FILE *err);

/* Adds a --parameter-files (deployment false) or --deployment-files name or
 * pattern. Returns 0, or 1 when memory runs out. */
int sl_params_add_file(struct sl_cli *cli, bool deployment, const char *path);

/* The combinations cfn-lint refuses: deployment files with templates,
 * --parameters or --parameter-files; --parameters with --parameter-files;
 * either of these with more than one template. Returns 0, or 1 after a
 * message. */
int sl_params_check(const struct sl_cli *cli, FILE *err);

/* True for the configuration keys handled here. */
bool sl_params_config_key(const struct sl_node *k);

/* Applies the configuration key k (value v) of the file at path, unless the
 * command line gave that setting. Returns 0, or 1 after a message. */
int sl_params_config(struct sl_cli *cli, const char *path, const struct sl_node *k,
		     const struct sl_node *v, FILE *err);

/* True when deployment files are to be linted (they name their templates, so
 * no template needs to be given). */
bool sl_params_deploying(const struct sl_cli *cli);

/* After the inputs are expanded: fills opts' parameter fields, and appends to
 * the parallel arrays of sl_files_expand() the parameter files (kind
 * SL_FILE_PARAMETERS), the deployment files (SL_FILE_DEPLOYMENT) and the
 * templates those name (each once). Problems (a pattern that matches nothing,
 * a template-file-path naming no file, parameter files with more than one
 * template) are reported to err; what can be linted still is. Returns 0, or 1
 * when something was reported. */
int sl_params_expand(struct sl_cli *cli, struct sl_options *opts, struct sl_strv *files, bool **cand,
		     enum sl_file_kind **kinds, bool **forced, size_t **dir_of, FILE *err);

void sl_params_free(struct sl_cli_params *p);

#endif
