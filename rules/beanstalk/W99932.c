/* W99932: .ebextensions option_settings name namespaces Elastic Beanstalk documents. */
#include "rules/beanstalk/ebconfig.h"

/* The settings of one namespace of the shorthand form come one after the
 * other: ud keeps the last namespace node seen, so that each is reported once. */
static void setting(struct sl_ctx *c, const struct sl_ebc_setting *s, void *ud)
{
	const struct sl_node **last = ud;
	if (*last == s->ns_node)
		return;
	*last = s->ns_node;
	sl_ebc_check_setting(c, s, true, NULL);
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *last = NULL;
	sl_ebc_each_setting(c, sl_map_get(c->root, "option_settings"), true, setting, &last);
}

const struct sl_rule rule_W99932 = {
	.id = "W99932",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions option_settings name documented namespaces",
	.source = SL_EB_GENERAL,
	.doc =
	"### What it checks\n"
	"Each namespace of `option_settings` in a configuration file, in the list form "
	"(`namespace:`) and in the shorthand form (the keys), is one that Elastic "
	"Beanstalk's \"General options for all environments\" or \"Platform specific "
	"options\" pages document, or matches one whose last part is a name of yours "
	"(`aws:elasticbeanstalk:environment:process:<name>`, `aws:elbv2:listener:<port>`, "
	"`aws:elasticbeanstalk:container:<platform>...`). An unknown namespace is reported "
	"once, with the closest documented one. A list item without `namespace` sets an "
	"environment property and is not reported.\n\n"
	"### Why it matters\n"
	"A misspelt namespace sets nothing: Elastic Beanstalk rejects the setting or never "
	"applies it, and the environment keeps its previous or default configuration. "
	"Platforms add namespaces of their own that the table may lack, so this is a "
	"warning; an option or value the table can judge is E99931's.\n\n"
	"### Bad\n"
	"```yaml\n"
	"option_settings:\n"
	"  aws:elasticbeanstalk:enviroment:process:default:\n"
	"    HealthCheckPath: /health\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"option_settings:\n"
	"  aws:elasticbeanstalk:environment:process:default:\n"
	"    HealthCheckPath: /health\n"
	"```\n",
	.check = check,
};
