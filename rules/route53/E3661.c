/* E3661: a CLOUDWATCH_METRIC health check without the alarm it reads. */
#include "rules/sam/samrules.h"

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *cfg = sl_map_get(props, "HealthCheckConfig");
	if (!sl_node_is(cfg, SL_MAP) || sl_node_intrinsic(cfg))
		return;
	const struct sl_node *type = sl_map_get(cfg, "Type");
	if (!sl_str_eq(type, "CLOUDWATCH_METRIC"))
		return;
	const struct sl_pair *ai = sl_map_get_pair(cfg, "AlarmIdentifier");
	if (ai && !sl_samr_is_null(ai->value) && !sl_samr_is_novalue(ai->value))
		return;
	sl_report(c, type,
		  "a CLOUDWATCH_METRIC health check has no AlarmIdentifier: Route 53 takes such a "
		  "health check's status from the CloudWatch alarm it names (healthy while the alarm is "
		  "OK), so there is nothing to check and the health check is refused. Add "
		  "AlarmIdentifier with the alarm's Name and Region");
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::Route53::HealthCheck", check_one, NULL);
}

const struct sl_rule rule_E3661 = {
	.id = "E3661",
	.severity = SL_SEV_ERROR,
	.title = "CloudWatch metric health checks name their alarm",
	.source = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Route53::HealthCheck` whose `HealthCheckConfig.Type` is `CLOUDWATCH_METRIC` "
	"has `HealthCheckConfig.AlarmIdentifier`.\n\n"
	"### Why it matters\n"
	"Route 53 documents the `CLOUDWATCH_METRIC` type as a health check associated with a "
	"CloudWatch alarm: healthy while the alarm is OK, unhealthy in ALARM. `AlarmIdentifier` "
	"(the alarm's name and Region) is how the health check names that alarm; without it "
	"the health check has nothing to watch, and Route 53 rejects it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Check:\n"
	"    Type: AWS::Route53::HealthCheck\n"
	"    Properties:\n"
	"      HealthCheckConfig:\n"
	"        Type: CLOUDWATCH_METRIC\n"
	"        InsufficientDataHealthStatus: Unhealthy\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      HealthCheckConfig:\n"
	"        Type: CLOUDWATCH_METRIC\n"
	"        InsufficientDataHealthStatus: Unhealthy\n"
	"        AlarmIdentifier:\n"
	"          Name: !Ref Alarm\n"
	"          Region: !Ref AWS::Region\n"
	"```\n",
	.check = check,
};
