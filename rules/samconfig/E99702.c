/* E99702: where SAM CLI reads a table in a samconfig file, there is one. */
#include <stdio.h>

#include "rules/samconfig/samconfig.h"

/* A value SAM CLI would read as a table: a null (YAML `deploy:` left empty)
 * or anything but a table. Aliases are not judged. */
static bool not_table(const struct sl_node *v)
{
	return !(v && (v->flags & SL_NODE_ALIAS)) && !sl_node_is(v, SL_MAP);
}

/* How a value that is not a table reads, for messages. */
static const char *what(const struct sl_node *v)
{
	return sl_node_is_null(v) ? "empty (a YAML null)" : sl_node_is(v, SL_SEQ) ? "a list"
											: "a single value";
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP))
		return;
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *ek = root->pairs[i].key, *env = root->pairs[i].value;
		if (sl_str_eq(ek, "version"))
			continue;
		if (not_table(env)) {
			/* only `default` is read without --config-env; W99702 tells of others */
			if (sl_str_eq(ek, "default"))
				sl_report(c, sl_node_is(env, SL_SCALAR) && env->len ? env : ek,
					  "environment 'default' is %s, not a table of commands: "
					  "SAM CLI stops every command run without --config-env with "
					  "an error reading the configuration; write "
					  "[default.<command>.parameters] tables",
					  what(env));
			continue;
		}
		if (!sl_node_is(env, SL_MAP))
			continue; /* an alias: its target is judged where it is written */
		for (uint32_t j = 0; j < env->len; j++) {
			const struct sl_node *ck = env->pairs[j].key, *cv = env->pairs[j].value;
			bool global = sl_samcfg_is_global(ck);
			if (!global && !sl_samcfg_command(ck->str, ck->len))
				continue; /* never read: W99702 */
			char who[64];
			if (global)
				snprintf(who, sizeof(who), "every command");
			else
				sl_samcfg_cli_name(sl_samcfg_command(ck->str, ck->len), who, sizeof(who));
			if (not_table(cv)) {
				sl_report(c, sl_node_is(cv, SL_SCALAR) && cv->len ? cv : ck,
					  "'%.*s' in environment '%.*s' is %s, not a table: SAM CLI "
					  "stops %s run with this environment with an error reading "
					  "the configuration; write [%.*s.%.*s.parameters] with the "
					  "options as keys", SL_SAMCFG_STR(ck), SL_SAMCFG_STR(ek),
					  what(cv), who, SL_SAMCFG_STR(ek), SL_SAMCFG_STR(ck));
				continue;
			}
			const struct sl_pair *pp = sl_map_get_pair(cv, "parameters");
			if (pp && not_table(pp->value))
				sl_report(c, sl_node_is(pp->value, SL_SCALAR) && pp->value->len
						     ? pp->value : pp->key,
					  "'parameters' of [%.*s.%.*s] is %s, not a table: SAM CLI "
					  "stops %s run with this environment with an error reading "
					  "the configuration; write the options as keys of "
					  "[%.*s.%.*s.parameters]", SL_SAMCFG_STR(ek), SL_SAMCFG_STR(ck),
					  what(pp->value), who, SL_SAMCFG_STR(ek), SL_SAMCFG_STR(ck));
		}
	}
}

const struct sl_rule rule_E99702 = {
	.id = "E99702",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig environments, commands and parameters are tables",
	.source = SL_SAMCFG_CONFIG_DOC,
	.doc =
	"### What it checks\n"
	"That in a SAM CLI configuration file the `default` environment, each command of "
	"an environment (`deploy`, `local_invoke`, `global`, ...) and each command's "
	"`parameters` are tables (YAML mappings), not a string, a list or an empty "
	"(null) YAML value.\n\n"
	"### Why it matters\n"
	"SAM CLI reads option values from `[environment.command.parameters]` and looks "
	"each level up as a table. When one of them is something else, reading the "
	"configuration fails and the command stops with an error: `global` that is not a "
	"table stops every command of its environment, `default` every command run "
	"without `--config-env`. In YAML a key left empty (`deploy:` with nothing "
	"indented under it) is null and fails the same way.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.1\n"
	"default:\n"
	"  deploy:\n"
	"    parameters:\n"
	"  global: stack_name=sam-app\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.1\n"
	"default:\n"
	"  global:\n"
	"    parameters:\n"
	"      stack_name: sam-app\n"
	"```\n",
	.check = check,
};
