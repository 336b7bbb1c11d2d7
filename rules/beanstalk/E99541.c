/* E99541: Elastic Beanstalk option values are allowed values, within their documented ranges. */
#include <stdio.h>
#include <string.h>

#include "rules/beanstalk/beanstalk.h"
#include "rules/beanstalk/ebconfig.h"
#include "rules/sam/samrules.h"

/* The option a setting names, or NULL. */
static const struct sl_eb_option *option_of(const struct sl_node *ns_node,
					     const struct sl_node *name)
{
	const struct sl_eb_namespace *ns = sl_eb_namespace_find(ns_node->str, ns_node->len);
	return ns ? sl_eb_option_find(ns, name->str, name->len) : NULL;
}

static const struct sl_eb_effect effect = {"the stack operation fails",
					    "failing the stack operation"};

struct one {
	const struct sl_eb_setting *s;
	const struct sl_eb_option *o;
};

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct one *one = ud;
	/* a function, or a value of the wrong shape (E3012's), is left alone */
	sl_eb_report_value(c, v, one->o, one->s->name->str, one->s->ns->str, &effect);
}

static void check_setting(struct sl_ctx *c, const struct sl_eb_setting *s, void *ud)
{
	(void)ud;
	const struct sl_eb_option *o = option_of(s->ns, s->name);
	if (!o || o->type == SL_EB_STRING || !s->value)
		return;
	struct one one = {s, o};
	sl_samr_each_value(s->value, check_value, c, &one);
}

/* The number at key k of cfg when it is known and within the option's own
 * range (out of range values are reported on their own), else false. */
static bool number(const struct sl_eb_config *cfg, enum sl_eb_key k, double *out)
{
	const char *text = sl_eb_text(cfg, k);
	const struct sl_eb_option *o = sl_eb_key_option(k);
	return text && o && sl_eb_value_check(o, text, strlen(text), false, out) == SL_EB_OK;
}

/* How key k got its value: "Percentage" when set, "not set, so its default,
 * Percentage" when the default applies. */
static const char *how(struct sl_ctx *c, const struct sl_eb_config *cfg, enum sl_eb_key k)
{
	const char *v = sl_eb_text(cfg, k);
	if (cfg->k[k].state == SL_EB_SET)
		return v;
	const char *s = sl_arena_printf(c->arena, "not set, so its default, %s", v);
	return s ? s : v;
}

static void check_config(struct sl_ctx *c, const struct sl_entity *res,
			 const struct sl_eb_config *cfg, void *ud)
{
	(void)res, (void)ud;
	double batch, min, max;
	const char *type = sl_eb_text(cfg, SL_EB_K_BATCH_TYPE);
	bool has_max = number(cfg, SL_EB_K_MAX_SIZE, &max);
	if (cfg->k[SL_EB_K_BATCH_SIZE].state == SL_EB_SET && type &&
	    number(cfg, SL_EB_K_BATCH_SIZE, &batch)) {
		const struct sl_node *at = cfg->k[SL_EB_K_BATCH_SIZE].value;
		if (strcmp(type, "Percentage") == 0 && batch > 100)
			sl_report(c, at,
				  "BatchSize %s is a percentage of the instances (BatchSizeType is %s) "
				  "and must be 1 to 100: Elastic Beanstalk rejects the setting. Lower "
				  "it, or set BatchSizeType to Fixed for a number of instances",
				  at->str, how(c, cfg, SL_EB_K_BATCH_TYPE));
		else if (strcmp(type, "Fixed") == 0 && has_max && batch > max)
			sl_report(c, at,
				  "a Fixed BatchSize of %s is more than the Auto Scaling group's MaxSize "
				  "(%s): a fixed batch takes 1 to MaxSize instances. Lower the batch size "
				  "or raise MaxSize in aws:autoscaling:asg",
				  at->str, how(c, cfg, SL_EB_K_MAX_SIZE));
	}
	if (has_max && number(cfg, SL_EB_K_MIN_SIZE, &min) && min > max) {
		bool min_set = cfg->k[SL_EB_K_MIN_SIZE].state == SL_EB_SET;
		const struct sl_node *at = cfg->k[min_set ? SL_EB_K_MIN_SIZE : SL_EB_K_MAX_SIZE].value;
		if (!at)
			return;
		sl_report(c, at,
			  "MinSize (%s) is more than MaxSize (%s) in aws:autoscaling:asg: the Auto "
			  "Scaling group cannot have a minimum above its maximum, and Elastic "
			  "Beanstalk fails to create or update it. Make MinSize at most MaxSize",
			  how(c, cfg, SL_EB_K_MIN_SIZE), how(c, cfg, SL_EB_K_MAX_SIZE));
	}
}

static void check(struct sl_ctx *c)
{
	sl_eb_each_setting(c, check_setting, NULL);
	sl_eb_each_config(c, check_config, NULL);
}

const struct sl_rule rule_E99541 = {
	.id = "E99541",
	.severity = SL_SEV_ERROR,
	.title = "Elastic Beanstalk option values are allowed values within their ranges",
	.source = SL_EB_GENERAL,
	.doc =
	"### What it checks\n"
	"The `Value` of each `OptionSettings` item of an `AWS::ElasticBeanstalk::Environment` or "
	"`AWS::ElasticBeanstalk::ConfigurationTemplate`, where the option's documented values "
	"are a closed list or a range: one of the listed values, with the documented case "
	"(`DeploymentPolicy` AllAtOnce, Rolling, RollingWithAdditionalBatch, Immutable or "
	"TrafficSplitting; `BatchSizeType` Percentage or Fixed; `EnvironmentType` "
	"SingleInstance or LoadBalanced; `LoadBalancerType` classic, application or network; "
	"`SystemType` basic or enhanced; ...), `true` or `false` for a boolean option, and a "
	"number within the documented range (`Timeout` 1 to 3600, `Port` 1 to 65535, "
	"`HealthyThresholdCount` 2 to 10, ...); where Elastic Beanstalk itself accepts more "
	"than the page says (`MinSize` 0), the wider bound is used. Options set together are "
	"checked together: a "
	"`BatchSize` over 100 when `BatchSizeType` is Percentage (its default), a Fixed "
	"`BatchSize` above the group's `MaxSize`, and a `MinSize` above `MaxSize`. An option "
	"left unset counts with its documented default only when nothing else can set it: no "
	"`VersionLabel` (whose source bundle's `.ebextensions` may set options), no saved "
	"configuration from outside the stack, no setting made by a function. Each literal "
	"branch of an `Fn::If` is checked; values from other intrinsic functions are not. "
	"Options whose range depends on other settings (RootVolumeSize, RootVolumeIOPS) or "
	"whose list AWS extends (RootVolumeType, DBEngine) are not checked.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk validates option values when CloudFormation creates or updates the "
	"environment or saves the configuration template: a value outside the list or the "
	"range fails the resource and rolls the stack back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: DeploymentPolicy\n"
	"          Value: RollingUpdate\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: BatchSize\n"
	"          Value: \"150\"\n"
	"        - Namespace: aws:elasticbeanstalk:environment\n"
	"          OptionName: LoadBalancerType\n"
	"          Value: Application\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      OptionSettings:\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: DeploymentPolicy\n"
	"          Value: Rolling\n"
	"        - Namespace: aws:elasticbeanstalk:command\n"
	"          OptionName: BatchSize\n"
	"          Value: \"50\"\n"
	"        - Namespace: aws:elasticbeanstalk:environment\n"
	"          OptionName: LoadBalancerType\n"
	"          Value: application\n"
	"```\n",
	.check = check,
};
