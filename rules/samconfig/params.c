/*
 * SAM CLI's commands and the options samconfig files set for them (the
 * contract is in samconfig.h). Written from the AWS SAM CLI command reference
 * (serverless-sam-cli-command-reference.html and the page of each command,
 * sam-cli-command-reference-sam-<command>.html) and checked against the
 * samconfig JSON schema that SAM CLI publishes (schema/samcli.json in
 * aws/aws-sam-cli), which gives each option's samconfig name and type.
 * Options added to SAM CLI since (save_params, build_in_source,
 * mount_symlinks, add_host, ...) are listed from the command pages.
 *
 * Types are click's: a flag (BOOL), a repeatable option (LIST: one string or
 * a list), a number (INT), one string. Where the type is not sure or several
 * forms are read (debug_port, metadata, max_wait_duration), ANY: not checked.
 * Every array is sorted by name (strcmp); lookups are binary searches.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/samconfig/samconfig.h"

#define B SL_SAMCFG_BOOL
#define S SL_SAMCFG_STRING
#define I SL_SAMCFG_INT
#define L SL_SAMCFG_LIST
#define A SL_SAMCFG_ANY

static const char *const on_failure[] = { "DELETE", "DO_NOTHING", "ROLLBACK", NULL };
static const char *const mount_with[] = { "READ", "WRITE", NULL };
static const char *const warm[] = { "EAGER", "LAZY", NULL };
static const char *const pkg_type[] = { "Image", "Zip", NULL };
static const char *const arch[] = { "arm64", "x86_64", NULL };
static const char *const perm_provider[] = { "iam", "oidc", NULL };
static const char *const out_text[] = { "json", "text", NULL };
static const char *const out_table[] = { "json", "table", NULL };

/* sam build: sam-cli-command-reference-sam-build.html */
static const struct sl_samcfg_option build[] = {
	{ "base_dir", S, NULL },
	{ "beta_features", B, NULL },
	{ "build_dir", S, NULL },
	{ "build_image", L, NULL },
	{ "build_in_source", B, NULL },
	{ "cache_dir", S, NULL },
	{ "cached", B, NULL },
	{ "container_env_var", L, NULL },
	{ "container_env_var_file", S, NULL },
	{ "debug", B, NULL },
	{ "docker_network", S, NULL },
	{ "exclude", L, NULL },
	{ "hook_name", S, NULL },
	{ "manifest", S, NULL },
	{ "mount_symlinks", B, NULL },
	{ "mount_with", S, mount_with },
	{ "parallel", B, NULL },
	{ "parameter_overrides", L, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "skip_prepare_infra", B, NULL },
	{ "skip_pull_image", B, NULL },
	{ "template_file", S, NULL },
	{ "terraform_project_root_path", S, NULL },
	{ "use_container", B, NULL },
};

/* sam delete: sam-cli-command-reference-sam-delete.html */
static const struct sl_samcfg_option delete_[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "no_prompts", B, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "s3_bucket", S, NULL },
	{ "s3_prefix", S, NULL },
	{ "save_params", B, NULL },
	{ "stack_name", S, NULL },
};

/* sam deploy: sam-cli-command-reference-sam-deploy.html */
static const struct sl_samcfg_option deploy[] = {
	{ "beta_features", B, NULL },
	{ "capabilities", L, NULL },
	{ "confirm_changeset", B, NULL },
	{ "debug", B, NULL },
	{ "disable_rollback", B, NULL },
	{ "fail_on_empty_changeset", B, NULL },
	{ "force_upload", B, NULL },
	{ "guided", B, NULL },
	{ "image_repositories", L, NULL },
	{ "image_repository", S, NULL },
	{ "kms_key_id", S, NULL },
	{ "max_wait_duration", A, NULL },
	{ "metadata", A, NULL },
	{ "no_execute_changeset", B, NULL },
	{ "no_progressbar", B, NULL },
	{ "notification_arns", L, NULL },
	{ "on_failure", S, on_failure },
	{ "parameter_overrides", L, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "resolve_image_repos", B, NULL },
	{ "resolve_s3", B, NULL },
	{ "role_arn", S, NULL },
	{ "s3_bucket", S, NULL },
	{ "s3_prefix", S, NULL },
	{ "save_params", B, NULL },
	{ "signing_profiles", L, NULL },
	{ "stack_name", S, NULL },
	{ "tags", L, NULL },
	{ "template_file", S, NULL },
	{ "use_json", B, NULL },
};

/* sam init: sam-cli-command-reference-sam-init.html (runtimes, base images
 * and dependency managers change with Lambda's: not checked) */
static const struct sl_samcfg_option init[] = {
	{ "app_template", S, NULL },
	{ "application_insights", B, NULL },
	{ "architecture", S, arch },
	{ "base_image", S, NULL },
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "dependency_manager", S, NULL },
	{ "extra_context", S, NULL },
	{ "location", S, NULL },
	{ "name", S, NULL },
	{ "no_input", B, NULL },
	{ "no_interactive", B, NULL },
	{ "output_dir", S, NULL },
	{ "package_type", S, pkg_type },
	{ "runtime", S, NULL },
	{ "save_params", B, NULL },
	{ "structured_logging", B, NULL },
	{ "tracing", B, NULL },
};

/* sam list endpoints / resources: sam-cli-command-reference-sam-list-*.html */
static const struct sl_samcfg_option list_local[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "output", S, out_table },
	{ "parameter_overrides", L, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "stack_name", S, NULL },
	{ "template_file", S, NULL },
};

/* sam list stack-outputs */
static const struct sl_samcfg_option list_outputs[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "output", S, out_table },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "stack_name", S, NULL },
};

/* sam local invoke: sam-cli-command-reference-sam-local-invoke.html */
static const struct sl_samcfg_option local_invoke[] = {
	{ "add_host", L, NULL },
	{ "beta_features", B, NULL },
	{ "container_env_vars", S, NULL },
	{ "container_host", S, NULL },
	{ "container_host_interface", S, NULL },
	{ "debug", B, NULL },
	{ "debug_args", S, NULL },
	{ "debug_port", A, NULL },
	{ "debugger_path", S, NULL },
	{ "docker_network", S, NULL },
	{ "docker_volume_basedir", S, NULL },
	{ "env_vars", S, NULL },
	{ "event", S, NULL },
	{ "force_image_build", B, NULL },
	{ "hook_name", S, NULL },
	{ "invoke_image", L, NULL },
	{ "layer_cache_basedir", S, NULL },
	{ "log_file", S, NULL },
	{ "mount_symlinks", B, NULL },
	{ "no_event", B, NULL },
	{ "no_memory_limit", B, NULL },
	{ "parameter_overrides", L, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "runtime", S, NULL },
	{ "save_params", B, NULL },
	{ "shutdown", B, NULL },
	{ "skip_prepare_infra", B, NULL },
	{ "skip_pull_image", B, NULL },
	{ "template_file", S, NULL },
	{ "terraform_plan_file", S, NULL },
};

/* sam local start-api: sam-cli-command-reference-sam-local-start-api.html */
static const struct sl_samcfg_option local_start_api[] = {
	{ "add_host", L, NULL },
	{ "beta_features", B, NULL },
	{ "container_env_vars", S, NULL },
	{ "container_host", S, NULL },
	{ "container_host_interface", S, NULL },
	{ "debug", B, NULL },
	{ "debug_args", S, NULL },
	{ "debug_function", S, NULL },
	{ "debug_port", A, NULL },
	{ "debugger_path", S, NULL },
	{ "disable_authorizer", B, NULL },
	{ "docker_network", S, NULL },
	{ "docker_volume_basedir", S, NULL },
	{ "env_vars", S, NULL },
	{ "force_image_build", B, NULL },
	{ "hook_name", S, NULL },
	{ "host", S, NULL },
	{ "invoke_image", L, NULL },
	{ "layer_cache_basedir", S, NULL },
	{ "log_file", S, NULL },
	{ "mount_symlinks", B, NULL },
	{ "no_memory_limit", B, NULL },
	{ "parameter_overrides", L, NULL },
	{ "port", I, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "shutdown", B, NULL },
	{ "skip_prepare_infra", B, NULL },
	{ "skip_pull_image", B, NULL },
	{ "ssl_cert_file", S, NULL },
	{ "ssl_key_file", S, NULL },
	{ "static_dir", S, NULL },
	{ "template_file", S, NULL },
	{ "terraform_plan_file", S, NULL },
	{ "warm_containers", S, warm },
};

/* sam local start-lambda: sam-cli-command-reference-sam-local-start-lambda.html */
static const struct sl_samcfg_option local_start_lambda[] = {
	{ "add_host", L, NULL },
	{ "beta_features", B, NULL },
	{ "container_env_vars", S, NULL },
	{ "container_host", S, NULL },
	{ "container_host_interface", S, NULL },
	{ "debug", B, NULL },
	{ "debug_args", S, NULL },
	{ "debug_function", S, NULL },
	{ "debug_port", A, NULL },
	{ "debugger_path", S, NULL },
	{ "docker_network", S, NULL },
	{ "docker_volume_basedir", S, NULL },
	{ "env_vars", S, NULL },
	{ "force_image_build", B, NULL },
	{ "hook_name", S, NULL },
	{ "host", S, NULL },
	{ "invoke_image", L, NULL },
	{ "layer_cache_basedir", S, NULL },
	{ "log_file", S, NULL },
	{ "mount_symlinks", B, NULL },
	{ "no_memory_limit", B, NULL },
	{ "parameter_overrides", L, NULL },
	{ "port", I, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "shutdown", B, NULL },
	{ "skip_prepare_infra", B, NULL },
	{ "skip_pull_image", B, NULL },
	{ "template_file", S, NULL },
	{ "terraform_plan_file", S, NULL },
	{ "warm_containers", S, warm },
};

/* sam logs: sam-cli-command-reference-sam-logs.html */
static const struct sl_samcfg_option logs[] = {
	{ "beta_features", B, NULL },
	{ "cw_log_group", L, NULL },
	{ "debug", B, NULL },
	{ "end_time", S, NULL },
	{ "filter", S, NULL },
	{ "include_traces", B, NULL },
	{ "name", L, NULL },
	{ "output", S, out_text },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "stack_name", S, NULL },
	{ "start_time", S, NULL },
	{ "tail", B, NULL },
};

/* sam package: sam-cli-command-reference-sam-package.html */
static const struct sl_samcfg_option package[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "force_upload", B, NULL },
	{ "image_repositories", L, NULL },
	{ "image_repository", S, NULL },
	{ "kms_key_id", S, NULL },
	{ "metadata", A, NULL },
	{ "no_progressbar", B, NULL },
	{ "output_template_file", S, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "resolve_s3", B, NULL },
	{ "s3_bucket", S, NULL },
	{ "s3_prefix", S, NULL },
	{ "save_params", B, NULL },
	{ "signing_profiles", L, NULL },
	{ "template_file", S, NULL },
	{ "use_json", B, NULL },
};

/* sam pipeline bootstrap: sam-cli-command-reference-sam-pipeline-bootstrap.html */
static const struct sl_samcfg_option pipeline_bootstrap[] = {
	{ "beta_features", B, NULL },
	{ "bitbucket_repo_uuid", S, NULL },
	{ "bucket", S, NULL },
	{ "cicd_provider", S, NULL },
	{ "cloudformation_execution_role", S, NULL },
	{ "confirm_changeset", B, NULL },
	{ "create_image_repository", B, NULL },
	{ "debug", B, NULL },
	{ "deployment_branch", S, NULL },
	{ "github_org", S, NULL },
	{ "github_repo", S, NULL },
	{ "gitlab_group", S, NULL },
	{ "gitlab_project", S, NULL },
	{ "image_repository", S, NULL },
	{ "interactive", B, NULL },
	{ "oidc_client_id", S, NULL },
	{ "oidc_provider", S, NULL },
	{ "oidc_provider_url", S, NULL },
	{ "permissions_provider", S, perm_provider },
	{ "pipeline_execution_role", S, NULL },
	{ "pipeline_user", S, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "stage", S, NULL },
};

/* sam pipeline init: sam-cli-command-reference-sam-pipeline-init.html */
static const struct sl_samcfg_option pipeline_init[] = {
	{ "beta_features", B, NULL },
	{ "bootstrap", B, NULL },
	{ "debug", B, NULL },
	{ "save_params", B, NULL },
};

/* sam publish: sam-cli-command-reference-sam-publish.html */
static const struct sl_samcfg_option publish[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "fail_on_same_version", B, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "semantic_version", S, NULL },
	{ "template_file", S, NULL },
};

/* sam remote invoke: sam-cli-command-reference-sam-remote-invoke.html */
static const struct sl_samcfg_option remote_invoke[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "event", S, NULL },
	{ "event_file", S, NULL },
	{ "output", S, out_text },
	{ "parameter", L, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "stack_name", S, NULL },
	{ "test_event_name", S, NULL },
};

/* sam sync: sam-cli-command-reference-sam-sync.html */
static const struct sl_samcfg_option sync[] = {
	{ "base_dir", S, NULL },
	{ "beta_features", B, NULL },
	{ "build_image", L, NULL },
	{ "build_in_source", B, NULL },
	{ "capabilities", L, NULL },
	{ "code", B, NULL },
	{ "container_env_var", L, NULL },
	{ "container_env_var_file", S, NULL },
	{ "debug", B, NULL },
	{ "dependency_layer", B, NULL },
	{ "image_repositories", L, NULL },
	{ "image_repository", S, NULL },
	{ "kms_key_id", S, NULL },
	{ "metadata", A, NULL },
	{ "mount_symlinks", B, NULL },
	{ "notification_arns", L, NULL },
	{ "parameter_overrides", L, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "resource", L, NULL },
	{ "resource_id", L, NULL },
	{ "role_arn", S, NULL },
	{ "s3_bucket", S, NULL },
	{ "s3_prefix", S, NULL },
	{ "save_params", B, NULL },
	{ "skip_deploy_sync", B, NULL },
	{ "stack_name", S, NULL },
	{ "tags", L, NULL },
	{ "template_file", S, NULL },
	{ "use_container", B, NULL },
	{ "watch", B, NULL },
	{ "watch_exclude", L, NULL },
};

/* sam traces: sam-cli-command-reference-sam-traces.html */
static const struct sl_samcfg_option traces[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "end_time", S, NULL },
	{ "output", S, out_text },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "start_time", S, NULL },
	{ "tail", B, NULL },
	{ "trace_id", L, NULL },
};

/* sam validate: sam-cli-command-reference-sam-validate.html */
static const struct sl_samcfg_option validate[] = {
	{ "beta_features", B, NULL },
	{ "debug", B, NULL },
	{ "lint", B, NULL },
	{ "profile", S, NULL },
	{ "region", S, NULL },
	{ "save_params", B, NULL },
	{ "template_file", S, NULL },
};

#define CMD(n, t) { n, t, sizeof(t) / sizeof(t[0]) }
#define GROUP(n) { n, NULL, 0 }

/* Every command, sorted by name. Groups (local_callback, remote_test_event,
 * ...) stand for their subcommands, which prefixed() finds. */
static const struct sl_samcfg_command commands[] = {
	CMD("build", build),
	CMD("delete", delete_),
	CMD("deploy", deploy),
	GROUP("docs"),
	CMD("init", init),
	CMD("list_endpoints", list_local),
	CMD("list_resources", list_local),
	CMD("list_stack_outputs", list_outputs),
	GROUP("local_callback"),
	GROUP("local_execution"),
	GROUP("local_generate_event"),
	CMD("local_invoke", local_invoke),
	CMD("local_start_api", local_start_api),
	CMD("local_start_lambda", local_start_lambda),
	CMD("logs", logs),
	CMD("package", package),
	CMD("pipeline_bootstrap", pipeline_bootstrap),
	CMD("pipeline_init", pipeline_init),
	CMD("publish", publish),
	GROUP("remote_callback"),
	GROUP("remote_execution"),
	CMD("remote_invoke", remote_invoke),
	GROUP("remote_test_event"),
	CMD("sync", sync),
	CMD("traces", traces),
	CMD("validate", validate),
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* strcmp of the len bytes at a (not NUL-terminated) with b. */
static int cmp_n(const char *a, size_t len, const char *b)
{
	size_t lb = strlen(b);
	int r = memcmp(a, b, len < lb ? len : lb);
	if (r)
		return r;
	return len < lb ? -1 : len > lb;
}

/* Groups whose subcommands each have a key of their own
 * (local_generate_event_s3_put): known, without options. */
static const struct sl_samcfg_command *prefixed(const char *name, size_t len)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		size_t l = strlen(commands[i].name);
		if (!commands[i].options && len > l + 1 && memcmp(name, commands[i].name, l) == 0 &&
		    name[l] == '_')
			return &commands[i];
	}
	return NULL;
}

const struct sl_samcfg_command *sl_samcfg_command(const char *name, size_t len)
{
	size_t lo = 0, hi = N_COMMANDS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = cmp_n(name, len, commands[mid].name);
		if (r == 0)
			return &commands[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return prefixed(name, len);
}

const struct sl_samcfg_option *sl_samcfg_option(const struct sl_samcfg_command *cmd,
						const char *name, size_t len)
{
	if (!cmd || !cmd->options)
		return NULL;
	size_t lo = 0, hi = cmd->n_options;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = cmp_n(name, len, cmd->options[mid].name);
		if (r == 0)
			return &cmd->options[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static bool same_choices(const char *const *a, const char *const *b)
{
	return a == b;
}

bool sl_samcfg_any_option(const char *name, size_t len, struct sl_samcfg_option *out)
{
	bool found = false;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct sl_samcfg_option *o = sl_samcfg_option(&commands[i], name, len);
		if (!o)
			continue;
		if (!found) {
			*out = *o;
			found = true;
		} else if (out->type != o->type || !same_choices(out->choices, o->choices)) {
			out->type = SL_SAMCFG_ANY;
			out->choices = NULL;
		}
	}
	return found;
}

const char *sl_samcfg_suggest_command(const char *name, size_t len)
{
	const char *names[N_COMMANDS + 1];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i].name;
	names[N_COMMANDS] = "global";
	return sl_suggest(name, len, names, N_COMMANDS + 1);
}

/* Room for every option name of every command (duplicates included). */
#define MAX_NAMES 512

const char *sl_samcfg_suggest_option(const struct sl_samcfg_command *cmd, const char *name,
				     size_t len)
{
	const char *names[MAX_NAMES];
	size_t n = 0;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct sl_samcfg_command *k = cmd ? cmd : &commands[i];
		for (size_t j = 0; j < k->n_options && n < MAX_NAMES; j++)
			names[n++] = k->options[j].name;
		if (cmd)
			break;
	}
	return sl_suggest(name, len, names, n);
}
