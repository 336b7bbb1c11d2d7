/* E3681: a target group's properties that its target type forbids or needs. */
#include "rules/elb/elb.h"

/* What a Lambda target group takes no value for (CreateTargetGroup: "If the
 * target is a Lambda function, this parameter does not apply"). */
static const char *const not_lambda[] = {
	"Port", "Protocol", "ProtocolVersion", "VpcId", "HealthCheckPort", "HealthCheckProtocol",
};

/* What every other target type needs. */
static const char *const needed[] = { "Port", "Protocol", "VpcId" };

static void check_type(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct sl_node *props = ud;
	if (!sl_samr_is_string(v))
		return;
	if (sl_str_eq(v, "lambda")) {
		for (size_t i = 0; i < sizeof(not_lambda) / sizeof(not_lambda[0]); i++) {
			const struct sl_pair *p;
			if (sl_elb_set(props, not_lambda[i], &p) == 1)
				sl_report(c, p->key,
					  "%s does not apply to a target group whose TargetType is lambda: "
					  "Elastic Load Balancing invokes the function itself, with no port, "
					  "protocol or VPC, and rejects the target group. Remove %s",
					  not_lambda[i], not_lambda[i]);
		}
		return;
	}
	if (!sl_str_eq(v, "instance") && !sl_str_eq(v, "ip") && !sl_str_eq(v, "alb"))
		return;
	for (size_t i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		if (sl_elb_set(props, needed[i], NULL) == 0)
			sl_report(c, v,
				  "a target group whose TargetType is %.*s needs %s, and this one has "
				  "none: Elastic Load Balancing requires Port, Protocol and VpcId for every "
				  "target type but lambda. Add %s",
				  (int)v->len, v->str, needed[i], needed[i]);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *type = sl_map_get(props, "TargetType");
	if (type)
		sl_samr_each_value(type, check_type, c, (void *)props);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_ELB_TARGET_GROUP, check_one, NULL);
}

const struct sl_rule rule_E3681 = {
	.id = "E3681",
	.severity = SL_SEV_ERROR,
	.title = "Target group properties fit the target type",
	.source = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElasticLoadBalancingV2::TargetGroup` with a literal `TargetType` (or literal "
	"`Fn::If` branches): with `lambda` it sets none of `Port`, `Protocol`, `ProtocolVersion`, "
	"`VpcId`, `HealthCheckPort` and `HealthCheckProtocol`; with `instance`, `ip` or `alb` it "
	"sets `Port`, `Protocol` and `VpcId`. A property set in only one branch of an `Fn::If` is "
	"not judged.\n\n"
	"### Why it matters\n"
	"CreateTargetGroup documents the port, protocol and VPC as not applying to a Lambda "
	"target and as required otherwise. Elastic Load Balancing rejects the target group, and "
	"the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Targets:\n"
	"    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n"
	"    Properties:\n"
	"      TargetType: lambda\n"
	"      Port: 80\n"
	"      Protocol: HTTP\n"
	"      Targets:\n"
	"        - Id: !GetAtt Fn.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      TargetType: lambda\n"
	"      Targets:\n"
	"        - Id: !GetAtt Fn.Arn\n"
	"```\n",
	.check = check,
};
