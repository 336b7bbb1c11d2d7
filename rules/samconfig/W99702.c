/* W99702: every table and key of a samconfig file is one SAM CLI reads. */
#include <string.h>

#include "rules/samconfig/samconfig.h"

/* A command that takes the option named by key k (for "did you mean
 * [env.<command>.parameters]"), preferring deploy, then build; NULL when none. */
static const char *command_taking(const struct sl_node *k)
{
	static const char *const pref[] = { "deploy", "build", "sync", "local_invoke",
					    "local_start_api", "package", "validate", "logs",
					    "init", "delete", NULL };
	for (int i = 0; pref[i]; i++) {
		const struct sl_samcfg_command *cmd = sl_samcfg_command(pref[i], strlen(pref[i]));
		if (sl_samcfg_option(cmd, k->str, k->len))
			return pref[i];
	}
	return NULL;
}

static void top_level(struct sl_ctx *c, const struct sl_node *k, const struct sl_node *v)
{
	const char *cmd = command_taking(k);
	if (cmd)
		sl_report(c, k, "'%.*s' at the top level of a samconfig file is never read: "
			  "SAM CLI reads options from [environment.command.parameters] tables; "
			  "move it to [default.%s.parameters] (or [default.global.parameters] "
			  "for every command)", SL_SAMCFG_STR(k), cmd);
	else
		sl_report(c, k, "'%.*s' at the top level is a %s, neither 'version' nor an "
			  "environment table: SAM CLI never reads it (and stops with an error "
			  "if it is chosen with --config-env %.*s)", SL_SAMCFG_STR(k),
			  sl_samcfg_what(v), SL_SAMCFG_STR(k));
}

static void env_key(struct sl_ctx *c, const struct sl_node *ek, const struct sl_node *k)
{
	if (sl_str_eq(k, "parameters")) {
		sl_report(c, k, "[%.*s.parameters] is never read: parameters belong to a "
			  "command; write [%.*s.deploy.parameters] (or the command they are "
			  "for), or [%.*s.global.parameters] for every command",
			  SL_SAMCFG_STR(ek), SL_SAMCFG_STR(ek), SL_SAMCFG_STR(ek));
		return;
	}
	const char *cmd = command_taking(k);
	if (cmd) {
		sl_report(c, k, "'%.*s' is an option, not a command: SAM CLI never reads it "
			  "here; move it to [%.*s.%s.parameters] (or [%.*s.global.parameters])",
			  SL_SAMCFG_STR(k), SL_SAMCFG_STR(ek), cmd, SL_SAMCFG_STR(ek));
		return;
	}
	const char *s = sl_samcfg_suggest_command(k->str, k->len);
	if (s)
		sl_report(c, k, "'%.*s' is not a SAM CLI command: [%.*s.%.*s] is never read; "
			  "did you mean '%s'?", SL_SAMCFG_STR(k), SL_SAMCFG_STR(ek),
			  SL_SAMCFG_STR(k), s);
	else
		sl_report(c, k, "'%.*s' is not a SAM CLI command: [%.*s.%.*s] is never read "
			  "(commands are written with underscores: local_start_api for "
			  "'sam local start-api'; 'global' applies to all)", SL_SAMCFG_STR(k),
			  SL_SAMCFG_STR(ek), SL_SAMCFG_STR(k));
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP))
		return;
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *ek = root->pairs[i].key, *env = root->pairs[i].value;
		if (sl_str_eq(ek, "version") || (env && (env->flags & SL_NODE_ALIAS)))
			continue;
		if (!sl_node_is(env, SL_MAP)) {
			if (!sl_str_eq(ek, "default")) /* `default` is E99702's */
				top_level(c, ek, env);
			continue;
		}
		for (uint32_t j = 0; j < env->len; j++) {
			const struct sl_node *ck = env->pairs[j].key, *cv = env->pairs[j].value;
			if (!sl_samcfg_is_global(ck) && !sl_samcfg_command(ck->str, ck->len)) {
				env_key(c, ek, ck);
				continue;
			}
			if (!sl_node_is(cv, SL_MAP))
				continue; /* E99702 */
			for (uint32_t m = 0; m < cv->len; m++) {
				const struct sl_node *k = cv->pairs[m].key;
				if (sl_str_eq(k, "parameters"))
					continue;
				sl_report(c, k, "'%.*s' directly under [%.*s.%.*s] is never read: "
					  "SAM CLI reads a command's options only from "
					  "[%.*s.%.*s.parameters]; move it there", SL_SAMCFG_STR(k),
					  SL_SAMCFG_STR(ek), SL_SAMCFG_STR(ck), SL_SAMCFG_STR(ek),
					  SL_SAMCFG_STR(ck));
			}
		}
	}
}

const struct sl_rule rule_W99702 = {
	.id = "W99702",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig tables are [environment.command.parameters] with known commands",
	.source = SL_SAMCFG_CONFIG_DOC,
	.doc =
	"### What it checks\n"
	"That every part of a SAM CLI configuration file is one SAM CLI reads: top-level "
	"keys are `version` or environments (tables); an environment's keys are SAM CLI "
	"commands written with underscores (`deploy`, `local_start_api`, "
	"`pipeline_bootstrap`, ...) or `global`; a command's table holds `parameters`. "
	"It warns of an unknown command (with the closest name), `[default.parameters]` "
	"(parameters with no command), an option written directly under "
	"`[default.deploy]` or at the top level, and other keys SAM CLI skips.\n\n"
	"### Why it matters\n"
	"SAM CLI looks up `[environment.command.parameters]` for the command it runs, "
	"plus `[environment.global.parameters]`, and nothing else. A table at another "
	"place or under a misspelt command name is never read and no message says so: "
	"the deployment runs without the stack name, bucket or parameter overrides the "
	"file was meant to give it (or `sam deploy` asks for them again).\n\n"
	"### Bad\n"
	"```toml\n"
	"version = 0.1\n"
	"\n"
	"[default.deploy]\n"
	"stack_name = \"sam-app\"\n"
	"\n"
	"[default.deploi.parameters]\n"
	"resolve_s3 = true\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"version = 0.1\n"
	"\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"sam-app\"\n"
	"resolve_s3 = true\n"
	"```\n",
	.check = check,
};
