/* W99710: every parameter_overrides key names a parameter of the template. */
#include "rules/samconfig/samconfig.h"

static void pair(struct sl_ctx *c, const struct sl_node *cmd_key, const struct sl_template *t,
		 const char *file, const struct sl_samcfg_pair *p, void *arg)
{
	(void)arg;
	if (sl_index_find(&t->params, p->key, p->key_len))
		return;
	const char *names[64];
	size_t n = 0;
	for (size_t i = 0; i < t->params.n && n < 64; i++)
		names[n++] = t->params.items[i].key->str;
	const char *hint = sl_suggest(p->key, p->key_len, names, n);
	sl_samcfg_report_pair(c, p, false, "parameter_overrides of '%s' names '%.*s', which %s does "
			      "not declare: SAM CLI passes CloudFormation only the template's own "
			      "parameters, so this value is dropped%s%s%s", cmd_key->str,
			      (int)p->key_len, p->key, file, hint ? " (did you mean '" : "",
			      hint ? hint : "", hint ? "'?)" : "");
}

static void check(struct sl_ctx *c)
{
	sl_samcfg_each_override(c, pair, NULL);
}

const struct sl_rule rule_W99710 = {
	.id = "W99710",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_SAMCONFIG,
	.title = "parameter_overrides name parameters the template declares",
	.source = SL_SAMCFG_DEPLOY_DOC,
	.doc =
	"### What it checks\n"
	"Each key of `parameter_overrides`, in every table of the samconfig, against the "
	"Parameters of the template that table's command reads (`template_file`, else "
	"`.aws-sam/build/template.yaml`, `template.yaml`, `template.yml` or `template.json` "
	"beside the samconfig). Both of SAM CLI's forms are read: `Key=Value` and "
	"`ParameterKey=Key,ParameterValue=Value`, in one string or a list. Nothing is said "
	"when the template cannot be found.\n\n"
	"### Why it matters\n"
	"`sam deploy` builds the change set's parameters from the template's own list: a key "
	"that names no parameter is dropped without a word. A misspelt name (`Stage` for "
	"`StageName`) leaves the real parameter at its default, or at the value of the last "
	"deploy — the stack deploys, with the wrong configuration.\n\n"
	"### Bad\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"# template.yaml declares StageName\n"
	"parameter_overrides = \"Stage=prod\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"parameter_overrides = \"StageName=prod\"\n"
	"```\n",
	.check = check,
};
