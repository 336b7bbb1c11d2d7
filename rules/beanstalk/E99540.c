/* E99540: Elastic Beanstalk option settings name namespaces and options Elastic Beanstalk knows. */
#include <stdio.h>

#include "rules/beanstalk/beanstalk.h"
#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

static const struct sl_eb_effect effect = {"the stack operation fails",
					    "failing the stack operation"};

static void check_setting(struct sl_ctx *c, const struct sl_eb_setting *s, void *ud)
{
	(void)ud;
	const struct sl_eb_namespace *ns = sl_eb_namespace_find(s->ns->str, s->ns->len);
	if (!ns) {
		char buf[160];
		const char *m = sl_eb_namespace_suggest(s->ns->str, s->ns->len, buf, sizeof(buf));
		sl_report(c, s->ns,
			  "'%s' is not an Elastic Beanstalk option namespace%s: Elastic Beanstalk "
			  "rejects option settings it does not know, and the stack operation fails. "
			  "Use a namespace of the general or platform-specific options pages",
			  s->ns->str, sl_did_you_mean(c, m));
		return;
	}
	sl_eb_report_option(c, s->name, s->ns->str, ns, &effect);
}

static void check(struct sl_ctx *c)
{
	sl_eb_each_setting(c, check_setting, NULL);
}

const struct sl_rule rule_E99540 = {
	.id = "E99540",
	.severity = SL_SEV_ERROR,
	.title = "Elastic Beanstalk option settings name known namespaces and options",
	.source = SL_EB_GENERAL,
	.doc =
	"### What it checks\n"
	"Each item of `OptionSettings` of an `AWS::ElasticBeanstalk::Environment` or "
	"`AWS::ElasticBeanstalk::ConfigurationTemplate` (each branch of an `Fn::If` item too) "
	"names a namespace that Elastic Beanstalk documents on its \"General options for all "
	"environments\" and \"Platform specific options\" pages, and, in a namespace whose "
	"options those pages list in full, one of its options. Namespaces whose last part is a "
	"name of yours (`aws:elasticbeanstalk:environment:process:<name>`, "
	"`aws:elbv2:listener:<port>`, `aws:elbv2:listenerrule:<name>`, "
	"`aws:elb:listener:<port>`, `aws:elb:policies:<name>`) are matched by their fixed "
	"part. Namespaces whose option names are yours (environment properties in "
	"`aws:elasticbeanstalk:application:environment`, secrets in "
	"`aws:elasticbeanstalk:application:environmentsecrets`, static file paths, JVM "
	"options, `aws:elasticbeanstalk:customoption`) and the platforms' own namespaces, "
	"whose option lists vary by platform version, are not checked option by option. A "
	"namespace or option name given by an intrinsic function is not checked. Names are "
	"compared as written: a difference in case is reported, with the documented "
	"spelling.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk validates every option setting when CloudFormation creates or "
	"updates the environment or saves the configuration template, and rejects names it "
	"does not know: the resource fails and the stack rolls back, after the resources "
	"before it have been created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Environment:\n"
	"    Type: AWS::ElasticBeanstalk::Environment\n"
	"    Properties:\n"
	"      ApplicationName: !Ref Application\n"
	"      SolutionStackName: 64bit Amazon Linux 2023 v6.1.0 running Node.js 20\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:enviroment\n"
	"          OptionName: EnvironmentType\n"
	"          Value: SingleInstance\n"
	"        - Namespace: aws:autoscaling:asg\n"
	"          OptionName: MinInstances\n"
	"          Value: \"2\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Environment:\n"
	"    Type: AWS::ElasticBeanstalk::Environment\n"
	"    Properties:\n"
	"      ApplicationName: !Ref Application\n"
	"      SolutionStackName: 64bit Amazon Linux 2023 v6.1.0 running Node.js 20\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:environment\n"
	"          OptionName: EnvironmentType\n"
	"          Value: LoadBalanced\n"
	"        - Namespace: aws:autoscaling:asg\n"
	"          OptionName: MinSize\n"
	"          Value: \"2\"\n"
	"```\n",
	.check = check,
};
