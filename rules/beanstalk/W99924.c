/* W99924: an env.yaml names its platform once: Platform (PlatformArn) or SolutionStack. */
#include "rules/beanstalk/ebconfig.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	const struct sl_pair *platform = sl_map_get_pair(root, "Platform");
	const struct sl_pair *stack = sl_map_get_pair(root, "SolutionStack");
	if (platform && !sl_node_is_null(platform->value)) {
		const struct sl_node *p = platform->value;
		if (!sl_node_is(p, SL_MAP))
			sl_report(c, p, "Platform is a mapping with PlatformArn (Platform: {PlatformArn: "
				  "arn:aws:elasticbeanstalk:...}), not a %s: to give a solution stack "
				  "name, use SolutionStack", sl_eb_what(p));
		else if (!sl_map_get(p, "PlatformArn"))
			sl_report(c, sl_eb_anchor(p), "Platform has no PlatformArn: the manifest names "
				  "a platform by its ARN under Platform, or by its solution stack name "
				  "under SolutionStack");
	}
	if (platform && stack && !sl_node_is_null(platform->value) && !sl_node_is_null(stack->value))
		sl_report(c, stack->key, "both SolutionStack and Platform name the environment's "
			  "platform: Elastic Beanstalk takes one or the other (a platform ARN or a "
			  "solution stack name), not both. Keep one");
}

const struct sl_rule rule_W99924 = {
	.id = "W99924",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml names its platform once, by PlatformArn or SolutionStack",
	.source = SL_EB_SAVEDCONFIG_DOC,
	.doc =
	"### What it checks\n"
	"In an environment manifest (`env.yaml`): that `Platform` is a mapping holding "
	"`PlatformArn`, and that `Platform` and `SolutionStack` are not both given.\n\n"
	"### Why it matters\n"
	"The saved configuration format names the platform by ARN (`Platform: PlatformArn:`) "
	"or by solution stack name (`SolutionStack:`), and CreateEnvironment takes a "
	"platform ARN or a solution stack name, not both. With both, which one the "
	"environment is created on is not documented; a `Platform` written as a plain "
	"string is not the documented shape. The pages do not say what Elastic Beanstalk "
	"does with either, hence a warning.\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"SolutionStack: 64bit Amazon Linux 2023 v4.3.0 running Python 3.11\n"
	"Platform:\n"
	"  PlatformArn: arn:aws:elasticbeanstalk:us-west-2::platform/Python 3.12 running on 64bit Amazon Linux 2023/4.4.0\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"Platform:\n"
	"  PlatformArn: arn:aws:elasticbeanstalk:us-west-2::platform/Python 3.12 running on 64bit Amazon Linux 2023/4.4.0\n"
	"```\n",
	.check = check,
};
