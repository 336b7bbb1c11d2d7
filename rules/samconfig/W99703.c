/* W99703: a samconfig parameter names an option of its command. */
#include <stdio.h>
#include <string.h>

#include "rules/samconfig/samconfig.h"

static void param(struct sl_ctx *c, const struct sl_node *ek, const struct sl_node *ck,
		  const struct sl_samcfg_command *cmd, const struct sl_node *k)
{
	if (cmd && !cmd->options)
		return; /* a command whose options are not listed */
	struct sl_samcfg_option any;
	if (cmd ? sl_samcfg_option(cmd, k->str, k->len) != NULL
		: sl_samcfg_any_option(k->str, k->len, &any))
		return;
	char who[64];
	if (cmd)
		sl_samcfg_cli_name(cmd, who, sizeof(who));
	else
		snprintf(who, sizeof(who), "any SAM CLI command");
	/* no_<flag>: the flag's negative form is written as <flag> = false */
	if (k->len > 3 && !memcmp(k->str, "no_", 3)) {
		const struct sl_samcfg_option *o = NULL;
		if (cmd)
			o = sl_samcfg_option(cmd, k->str + 3, k->len - 3);
		else if (sl_samcfg_any_option(k->str + 3, k->len - 3, &any))
			o = &any;
		if (o && o->type == SL_SAMCFG_BOOL) {
			char flag[64];
			size_t i = 0;
			for (; o->name[i] && i + 1 < sizeof(flag); i++)
				flag[i] = o->name[i] == '_' ? '-' : o->name[i];
			flag[i] = '\0';
			sl_report(c, k, "'%.*s' is not an option of %s and SAM CLI ignores it: "
				  "the --no-%s flag is written '%s = false' in [%.*s.%.*s.parameters]",
				  SL_SAMCFG_STR(k), who, flag, o->name, SL_SAMCFG_STR(ek),
				  SL_SAMCFG_STR(ck));
			return;
		}
	}
	const char *s = sl_samcfg_suggest_option(cmd, k->str, k->len);
	if (s) {
		sl_report(c, k, "'%.*s' is not an option of %s: SAM CLI ignores it without a "
			  "word; did you mean '%s'?", SL_SAMCFG_STR(k), who, s);
		return;
	}
	if (cmd && sl_samcfg_any_option(k->str, k->len, &any)) {
		sl_report(c, k, "'%.*s' is an option of other SAM CLI commands, not of %s: SAM "
			  "CLI ignores it in [%.*s.%.*s.parameters]; move it to the command "
			  "that takes it (or to [%.*s.global.parameters])", SL_SAMCFG_STR(k), who,
			  SL_SAMCFG_STR(ek), SL_SAMCFG_STR(ck), SL_SAMCFG_STR(ek));
		return;
	}
	sl_report(c, k, "'%.*s' is not an option of %s: SAM CLI ignores it without a word "
		  "(options are the long names with underscores: --stack-name is "
		  "stack_name)", SL_SAMCFG_STR(k), who);
}

static void each(struct sl_ctx *c, const struct sl_node *ek, const struct sl_node *ck,
		 const struct sl_samcfg_command *cmd, const struct sl_node *params, void *arg)
{
	(void)arg;
	for (uint32_t i = 0; i < params->len; i++)
		param(c, ek, ck, cmd, params->pairs[i].key);
}

static void check(struct sl_ctx *c)
{
	sl_samcfg_each_params(c, each, NULL);
}

const struct sl_rule rule_W99703 = {
	.id = "W99703",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig parameters are options of their command",
	.source = SL_SAMCFG_CONFIG_DOC,
	.doc =
	"### What it checks\n"
	"That each key of `[environment.command.parameters]` is an option of that SAM CLI "
	"command, spelt as SAM CLI spells it in the file: the long option name with "
	"underscores (`--stack-name` is `stack_name`). Under `global` any command's "
	"option may stand. A misspelling gets the closest name; `no_<flag>` is told to "
	"be written `<flag> = false`. Commands whose options stacklint does not list "
	"(`local_generate_event_*`, `remote_test_event_*`, `docs`, ...) are not checked. "
	"The lists follow the SAM CLI command reference; an option added to SAM CLI after "
	"them may be reported until they catch up: suppress the rule for it.\n\n"
	"### Why it matters\n"
	"SAM CLI hands the parameters to the command as the default values of its options "
	"and drops every key that names no option, without a message. A misspelt "
	"`stak_name`, `confirm_changset` or `capabilites` is lost: `sam deploy` runs "
	"with the default, or asks for the value, or fails for want of it.\n\n"
	"### Bad\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"sam-app\"\n"
	"capabilites = \"CAPABILITY_IAM\"\n"
	"no_fail_on_empty_changeset = true\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"sam-app\"\n"
	"capabilities = \"CAPABILITY_IAM\"\n"
	"fail_on_empty_changeset = false\n"
	"```\n",
	.check = check,
};
