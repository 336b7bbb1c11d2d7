/* E3683: a GENEVE target group on a port other than 6081. */
#include "rules/elb/elb.h"

#define GENEVE_PORT 6081

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	if (!sl_str_eq(sl_map_get(props, "Protocol"), "GENEVE"))
		return;
	const struct sl_node *port = sl_map_get(props, "Port");
	long long v;
	if (!sl_samr_int(port, &v) || v == GENEVE_PORT)
		return;
	sl_report(c, port,
		  "Port is %lld on a GENEVE target group: Gateway Load Balancers exchange GENEVE "
		  "traffic with their appliances on port 6081 only, and Elastic Load Balancing rejects "
		  "another port. Set Port to 6081",
		  v);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_ELB_TARGET_GROUP, check_one, NULL);
}

const struct sl_rule rule_E3683 = {
	.id = "E3683",
	.severity = SL_SEV_ERROR,
	.title = "GENEVE target groups use port 6081",
	.source = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElasticLoadBalancingV2::TargetGroup` whose `Protocol` is `GENEVE` and whose "
	"`Port` is a literal number has port 6081.\n\n"
	"### Why it matters\n"
	"CreateTargetGroup documents that if the protocol is GENEVE, the supported port is "
	"6081 (Gateway Load Balancers). Another port is rejected, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Appliances:\n"
	"    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n"
	"    Properties:\n"
	"      Protocol: GENEVE\n"
	"      Port: 6080\n"
	"      VpcId: !Ref Vpc\n"
	"      TargetType: instance\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Protocol: GENEVE\n"
	"      Port: 6081\n"
	"```\n",
	.check = check,
};
