/* W99921: the top-level keys of an env.yaml environment manifest are those it documents. */
#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

/* The keys of the saved configuration format, and the two that Elastic
 * Beanstalk writes into saved configurations itself. */
static const char *const keys[] = {
	"AWSConfigurationTemplateVersion", "Platform", "SolutionStack", "OptionSettings", "Tags",
	"EnvironmentTier", "CName", "EnvironmentName", "EnvironmentLinks",
	"EnvironmentConfigurationMetadata", "Extensions", NULL,
};

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key;
		if (sl_ebc_in(k, keys))
			continue;
		if (sl_str_eq(k, "option_settings")) {
			sl_report(c, k, "'option_settings' is the configuration files' (.ebextensions) "
				  "key: an environment manifest sets options under OptionSettings, as "
				  "namespace: {option: value}");
			continue;
		}
		const char *m = sl_ebc_suggest(k, keys);
		sl_report(c, k, "'%.*s' is not a key of an environment manifest%s: Elastic Beanstalk "
			  "reads AWSConfigurationTemplateVersion, Platform or SolutionStack, "
			  "OptionSettings, Tags, EnvironmentTier, CName, EnvironmentName and "
			  "EnvironmentLinks, and does not apply this one", SL_EB_STR(k),
			  sl_did_you_mean(c, m));
	}
}

const struct sl_rule rule_W99921 = {
	.id = "W99921",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml top-level keys are those of an environment manifest",
	.source = SL_EB_SAVEDCONFIG_DOC,
	.doc =
	"### What it checks\n"
	"The top-level keys of an environment manifest (`env.yaml`): the keys of the saved "
	"configuration format (`AWSConfigurationTemplateVersion`, `Platform`, "
	"`SolutionStack`, `OptionSettings`, `Tags`, `EnvironmentTier`, `CName`, "
	"`EnvironmentName`, `EnvironmentLinks`) and the two Elastic Beanstalk writes into "
	"saved configurations itself (`EnvironmentConfigurationMetadata`, `Extensions`). "
	"Another key is reported with the closest known one; keys are compared as written, "
	"so `CNAME` is reported with `CName`, and `option_settings` (the spelling of "
	"configuration files) with `OptionSettings`. A file named env.yaml with none of the "
	"manifest's own keys is another tool's file and is not checked.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk reads the documented keys only: the setting under a misspelt key "
	"(a CNAME prefix, tags, option settings) is not applied, and nothing says so. The "
	"documentation does not say whether an unknown key is rejected or ignored, hence a "
	"warning.\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"EnvironmentName: front+\n"
	"CNAME: front-A08G28LG+\n"
	"option_settings:\n"
	"  aws:autoscaling:launchconfiguration:\n"
	"    InstanceType: t3.micro\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"EnvironmentName: front+\n"
	"CName: front-A08G28LG+\n"
	"OptionSettings:\n"
	"  aws:autoscaling:launchconfiguration:\n"
	"    InstanceType: t3.micro\n"
	"```\n",
	.check = check,
};
