/* W99542: a rolling deployment policy on a single-instance Elastic Beanstalk environment. */
#include <string.h>

#include "rules/beanstalk/beanstalk.h"

static void check_config(struct sl_ctx *c, const struct sl_entity *res,
			 const struct sl_eb_config *cfg, void *ud)
{
	(void)res, (void)ud;
	const char *policy = sl_eb_text(cfg, SL_EB_K_POLICY);
	const char *type = sl_eb_text(cfg, SL_EB_K_ENV_TYPE);
	if (cfg->k[SL_EB_K_POLICY].state != SL_EB_SET || !type ||
	    strcmp(type, "SingleInstance") != 0)
		return;
	if (strcmp(policy, "Rolling") != 0 && strcmp(policy, "RollingWithAdditionalBatch") != 0)
		return;
	sl_report(c, cfg->k[SL_EB_K_POLICY].value,
		  "DeploymentPolicy %s on an environment whose EnvironmentType is SingleInstance: "
		  "Elastic Beanstalk lists rolling deployments as supported on load-balanced "
		  "environments only. Use AllAtOnce or Immutable, which single-instance "
		  "environments support, or make the environment LoadBalanced",
		  policy);
}

static void check(struct sl_ctx *c)
{
	sl_eb_each_config(c, check_config, NULL);
}

const struct sl_rule rule_W99542 = {
	.id = "W99542",
	.severity = SL_SEV_WARNING,
	.title = "Rolling deployment policies are for load-balanced Elastic Beanstalk environments",
	.source = "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElasticBeanstalk::Environment` (with the settings of a configuration template "
	"of the stack it names with `TemplateName: !Ref ...`) or an "
	"`AWS::ElasticBeanstalk::ConfigurationTemplate` no environment of the stack uses, whose "
	"`aws:elasticbeanstalk:command` `DeploymentPolicy` is `Rolling` or "
	"`RollingWithAdditionalBatch` while `aws:elasticbeanstalk:environment` "
	"`EnvironmentType` is `SingleInstance`. Settings made by intrinsic functions or under "
	"`Fn::If` are not judged.\n\n"
	"### Why it matters\n"
	"AWS's table of supported deployment policies lists Rolling and Rolling with an "
	"additional batch for load-balanced environments only, not for single-instance ones "
	"(there is one instance, so no batches to deploy to one after the other): the "
	"deployment does not behave as the policy says. All at once and Immutable are the "
	"policies single-instance environments support.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:environment\n"
	"          OptionName: EnvironmentType\n"
	"          Value: SingleInstance\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: DeploymentPolicy\n"
	"          Value: Rolling\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:environment\n"
	"          OptionName: EnvironmentType\n"
	"          Value: SingleInstance\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: DeploymentPolicy\n"
	"          Value: Immutable\n"
	"```\n",
	.check = check,
};
