/* E99920: an env.yaml environment manifest declares AWSConfigurationTemplateVersion 1.1.0.0. */
#include "rules/beanstalk/ebconfig.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	const struct sl_node *v = sl_map_get(root, "AWSConfigurationTemplateVersion");
	if (!v) {
		sl_report(c, sl_eb_anchor(root),
			  "this environment manifest has no AWSConfigurationTemplateVersion: Elastic "
			  "Beanstalk requires it in env.yaml and saved configurations. Add "
			  "AWSConfigurationTemplateVersion: 1.1.0.0 at the top level");
		return;
	}
	if (!sl_node_is(v, SL_SCALAR))
		sl_report(c, v, "AWSConfigurationTemplateVersion is the text 1.1.0.0, not a %s",
			  sl_eb_what(v));
	else if (!sl_str_eq(v, "1.1.0.0"))
		sl_report(c, v,
			  "AWSConfigurationTemplateVersion '%.*s' is not the configuration template "
			  "version Elastic Beanstalk documents: write 1.1.0.0", SL_EB_STR(v));
}

const struct sl_rule rule_E99920 = {
	.id = "E99920",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml declares AWSConfigurationTemplateVersion 1.1.0.0",
	.source = SL_EB_SAVEDCONFIG_DOC,
	.doc =
	"### What it checks\n"
	"That an environment manifest (`env.yaml` in the root of a source bundle) has the "
	"top-level key `AWSConfigurationTemplateVersion`, with the value `1.1.0.0`. A file "
	"named env.yaml that has none of the manifest's own keys (AWSConfigurationTemplateVersion, "
	"SolutionStack, Platform, OptionSettings, EnvironmentTier, EnvironmentName, "
	"EnvironmentLinks, CName) is taken for another tool's file and not checked.\n\n"
	"### Why it matters\n"
	"An environment manifest uses the format of saved configurations, whose page marks "
	"`AWSConfigurationTemplateVersion` as required and gives 1.1.0.0 as the configuration "
	"template version. A manifest without it, or with another version, is not in the "
	"documented format: Elastic Beanstalk validates the manifest when it processes the "
	"application version, and cannot be relied on to apply the environment name, links, "
	"platform and option settings it carries.\n\n"
	"### Bad\n"
	"```yaml\n"
	"EnvironmentName: front+\n"
	"SolutionStack: 64bit Amazon Linux 2023 v6.1.0 running Node.js 20\n"
	"EnvironmentLinks:\n"
	"  WORKERQUEUE: worker+\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"EnvironmentName: front+\n"
	"SolutionStack: 64bit Amazon Linux 2023 v6.1.0 running Node.js 20\n"
	"EnvironmentLinks:\n"
	"  WORKERQUEUE: worker+\n"
	"```\n",
	.check = check,
};
