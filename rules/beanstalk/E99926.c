/* E99926: env.yaml OptionSettings set options their namespaces have, to values they take. */
#include "rules/beanstalk/ebconfig.h"

static const struct sl_eb_effect effect = {
	"the environment is not created or updated",
	"failing the environment's creation or update",
};

static void setting(struct sl_ctx *c, const struct sl_ebc_setting *s, void *ud)
{
	(void)ud;
	sl_ebc_check_setting(c, s, false, &effect);
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	const struct sl_node *os = sl_map_get(root, "OptionSettings");
	if (!os || sl_node_is_null(os))
		return;
	if (!sl_node_is(os, SL_MAP)) {
		sl_report(c, os, "OptionSettings in an environment manifest is a mapping of "
			  "namespaces to options (aws:autoscaling:asg: {MaxSize: '4'}), not a %s%s",
			  sl_eb_what(os), sl_node_is(os, SL_SEQ) ? " of Namespace/OptionName/Value "
			  "items as in a CloudFormation template" : "");
		return;
	}
	for (uint32_t i = 0; i < os->len; i++) {
		const struct sl_node *v = os->pairs[i].value;
		if (v && !sl_node_is_null(v) && !sl_node_is(v, SL_MAP))
			sl_report(c, v, "the options of namespace %.*s are a mapping of option names "
				  "to values, not a %s", SL_EB_STR(os->pairs[i].key), sl_eb_what(v));
	}
	sl_ebc_each_setting(c, os, false, setting, NULL);
}

const struct sl_rule rule_E99926 = {
	.id = "E99926",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml OptionSettings name options of their namespaces, with allowed values",
	.source = SL_EB_GENERAL,
	.doc =
	"### What it checks\n"
	"The `OptionSettings` of an environment manifest (`env.yaml`), written as namespace: "
	"{option: value}: that each option of a namespace whose options Elastic Beanstalk's "
	"\"General options for all environments\" page lists in full is one of them, and "
	"that each value of an option with a closed list of values or a documented range "
	"is one of them (the same table and the same judgement as E99540 and E99541 for "
	"templates: `DeploymentPolicy` AllAtOnce, Rolling, RollingWithAdditionalBatch, "
	"Immutable or TrafficSplitting, `EnvironmentType` SingleInstance or LoadBalanced, "
	"booleans true or false, `MinSize` and `MaxSize` whole numbers, ...). A namespace "
	"the table does not know is W99927's; namespaces whose option names are yours "
	"(environment properties in `aws:elasticbeanstalk:application:environment`, static "
	"files, platform namespaces) are not checked option by option. A "
	"`ResourceName.namespace` key (as saved configurations write scheduled actions) is "
	"read as its namespace. The shapes are checked too: OptionSettings is a mapping, "
	"and each namespace holds a mapping.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk validates option settings when it creates or updates the "
	"environment from the manifest, and rejects an option it does not know (\"Unknown "
	"or duplicate parameter\") or a value outside the option's list or range: the "
	"environment is not created or updated.\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"OptionSettings:\n"
	"  aws:elasticbeanstalk:command:\n"
	"    DeploymentPolicy: RollingUpdate\n"
	"  aws:autoscaling:asg:\n"
	"    MinInstances: '2'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"OptionSettings:\n"
	"  aws:elasticbeanstalk:command:\n"
	"    DeploymentPolicy: Rolling\n"
	"  aws:autoscaling:asg:\n"
	"    MinSize: '2'\n"
	"```\n",
	.check = check,
};
