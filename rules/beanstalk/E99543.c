/* E99543: traffic-splitting deployments need an environment with an Application Load Balancer. */
#include <string.h>

#include "rules/beanstalk/beanstalk.h"

static void check_config(struct sl_ctx *c, const struct sl_entity *res,
			 const struct sl_eb_config *cfg, void *ud)
{
	(void)res, (void)ud;
	const struct sl_node *at = cfg->k[SL_EB_K_POLICY].value;
	if (cfg->k[SL_EB_K_POLICY].state != SL_EB_SET || !sl_str_eq(at, "TrafficSplitting") ||
	    cfg->worker)
		return;
	const char *env = sl_eb_text(cfg, SL_EB_K_ENV_TYPE);
	const char *lb = sl_eb_text(cfg, SL_EB_K_LB_TYPE);
	if (env && strcmp(env, "SingleInstance") == 0) {
		sl_report(c, at,
			  "DeploymentPolicy TrafficSplitting on an environment whose EnvironmentType "
			  "is SingleInstance: traffic-splitting deployments require an Application "
			  "Load Balancer, and a single-instance environment has no load balancer. "
			  "Use Immutable, or make the environment LoadBalanced with LoadBalancerType "
			  "application");
		return;
	}
	if (!lb || strcmp(lb, "application") == 0)
		return;
	bool set = cfg->k[SL_EB_K_LB_TYPE].state == SL_EB_SET;
	sl_report(c, at,
		  "DeploymentPolicy TrafficSplitting with %s load balancer%s: traffic-splitting "
		  "deployments require an Application Load Balancer. Set LoadBalancerType to "
		  "application in aws:elasticbeanstalk:environment (the type can only be chosen "
		  "when the environment is created), or use Immutable",
		  strcmp(lb, "network") == 0 ? "a network" : "a classic",
		  set ? "" : " (LoadBalancerType is not set, and its default is classic)");
}

static void check(struct sl_ctx *c)
{
	sl_eb_each_config(c, check_config, NULL);
}

const struct sl_rule rule_E99543 = {
	.id = "E99543",
	.severity = SL_SEV_ERROR,
	.title = "Traffic-splitting deployments have an Application Load Balancer",
	.source = "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElasticBeanstalk::Environment` (with the settings of a configuration template "
	"of the stack it names with `TemplateName: !Ref ...`) or an "
	"`AWS::ElasticBeanstalk::ConfigurationTemplate` no environment of the stack uses, whose "
	"`aws:elasticbeanstalk:command` `DeploymentPolicy` is `TrafficSplitting`, has an "
	"Application Load Balancer: `aws:elasticbeanstalk:environment` `EnvironmentType` is "
	"not `SingleInstance` and `LoadBalancerType` is `application`. An unset "
	"`LoadBalancerType` has its documented default, `classic`, only when nothing else can "
	"set it (no `VersionLabel`, whose source bundle's `.ebextensions` may set it; no saved "
	"configuration from outside the stack; no setting made by a function); otherwise the "
	"rule is silent. Worker environments are not judged.\n\n"
	"### Why it matters\n"
	"AWS's deployment page says it plainly: traffic-splitting deployments require an "
	"Application Load Balancer. The Elastic Beanstalk console and EB CLI choose one by "
	"default, but an environment created through the API, as CloudFormation does, gets a "
	"Classic Load Balancer unless `LoadBalancerType` says otherwise, and the load balancer "
	"type cannot be changed after the environment is created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: DeploymentPolicy\n"
	"          Value: TrafficSplitting\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:environment\n"
	"          OptionName: LoadBalancerType\n"
	"          Value: application\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: DeploymentPolicy\n"
	"          Value: TrafficSplitting\n"
	"```\n",
	.check = check,
};
