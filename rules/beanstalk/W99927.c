/* W99927: env.yaml OptionSettings name namespaces Elastic Beanstalk documents. */
#include "rules/beanstalk/ebconfig.h"

/* The settings of one namespace come one after the other: ud keeps the last
 * namespace node seen, so that each is reported once. */
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
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	const struct sl_node *last = NULL;
	sl_ebc_each_setting(c, sl_map_get(root, "OptionSettings"), false, setting, &last);
}

const struct sl_rule rule_W99927 = {
	.id = "W99927",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml OptionSettings name documented namespaces",
	.source = SL_EB_GENERAL,
	.doc =
	"### What it checks\n"
	"Each namespace under `OptionSettings` in an environment manifest (`env.yaml`) is "
	"one that Elastic Beanstalk's \"General options for all environments\" or "
	"\"Platform specific options\" pages document, or matches one whose last part is a "
	"name of yours (`aws:elasticbeanstalk:environment:process:<name>`, "
	"`aws:elbv2:listener:<port>`, `aws:elasticbeanstalk:container:<platform>...`). An "
	"unknown namespace is reported at its key, once, with the closest documented one.\n\n"
	"### Why it matters\n"
	"A misspelt namespace sets nothing: Elastic Beanstalk rejects settings in a "
	"namespace it does not know, or never applies them. Platforms add namespaces of "
	"their own that the table may lack, so this is a warning; an option or value the "
	"table can judge is E99926's.\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"OptionSettings:\n"
	"  aws:elasticbeanstalk:enviroment:\n"
	"    EnvironmentType: SingleInstance\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"OptionSettings:\n"
	"  aws:elasticbeanstalk:environment:\n"
	"    EnvironmentType: SingleInstance\n"
	"```\n",
	.check = check,
};
