/* E3711: a listener rule does not forward to a GENEVE target group.
 *
 * CreateTargetGroup: GENEVE is the protocol of Gateway Load Balancer target
 * groups (Application Load Balancers take HTTP and HTTPS, Network Load
 * Balancers TCP, TLS, UDP and TCP_UDP); listener rules belong to Application
 * Load Balancer listeners. An AWS::ElasticLoadBalancingV2::ListenerRule action
 * whose TargetGroupArn (or ForwardConfig TargetGroups entry) is a Ref to a
 * target group of the template with the literal Protocol GENEVE is reported at
 * that TargetGroupArn. Literal branches of an Fn::If are each judged. */
#include "rules/elb/elb.h"

static void check_arn(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	if (!sl_str_eq(sl_node_intrinsic(v), "Ref") || !sl_node_is(v->pairs[0].value, SL_SCALAR))
		return;
	const struct sl_node *name = v->pairs[0].value;
	const struct sl_entity *tg = sl_index_find(&c->t->resources, name->str, name->len);
	if (!tg || !sl_samr_type_is(tg, SL_ELB_TARGET_GROUP))
		return;
	const struct sl_node *proto = sl_map_get(sl_samr_props(tg), "Protocol");
	if (!sl_str_eq(proto, "GENEVE"))
		return;
	sl_report(c, v,
		  "Target group %s has Protocol GENEVE, the protocol of Gateway Load Balancer target "
		  "groups, but a listener rule belongs to an Application Load Balancer listener, "
		  "whose target groups use HTTP or HTTPS. Forward to an HTTP or HTTPS target group",
		  tg->key->str);
}

static void check_action(struct sl_ctx *c, const struct sl_node *a, void *ud)
{
	if (!sl_node_is(a, SL_MAP) || sl_node_intrinsic(a))
		return;
	const struct sl_node *arn = sl_map_get(a, "TargetGroupArn");
	if (arn)
		sl_samr_each_value(arn, check_arn, c, ud);
	const char *const path[] = { "ForwardConfig", "TargetGroups", NULL };
	const struct sl_node *tgs = sl_map_path(a, path);
	for (size_t i = 0; sl_node_is(tgs, SL_SEQ) && i < tgs->len; i++) {
		const struct sl_node *t = tgs->items[i];
		const struct sl_node *ta = sl_node_intrinsic(t) ? NULL : sl_map_get(t, "TargetGroupArn");
		if (ta)
			sl_samr_each_value(ta, check_arn, c, ud);
	}
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	const struct sl_node *acts = sl_map_get(props, "Actions");
	for (size_t i = 0; sl_node_is(acts, SL_SEQ) && i < acts->len; i++)
		sl_samr_each_value(acts->items[i], check_action, c, ud);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::ElasticLoadBalancingV2::ListenerRule", check_one, NULL);
}

const struct sl_rule rule_E3711 = {
	.id = "E3711",
	.severity = SL_SEV_ERROR,
	.title = "Listener rules do not forward to GENEVE target groups",
	.source = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElasticLoadBalancingV2::ListenerRule` action whose `TargetGroupArn` (or a "
	"`ForwardConfig.TargetGroups` entry) is a `Ref` to a target group of the template with "
	"`Protocol: GENEVE`. Literal branches of an `Fn::If` are each judged.\n\n"
	"### Why it matters\n"
	"GENEVE is the protocol of Gateway Load Balancer target groups; Application Load "
	"Balancer target groups use HTTP or HTTPS (CreateTargetGroup). Listener rules belong "
	"to Application Load Balancer listeners, so a rule that forwards to a GENEVE target "
	"group is refused and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Appliances:\n"
	"    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n"
	"    Properties:\n"
	"      Protocol: GENEVE\n"
	"      Port: 6081\n"
	"      VpcId: !Ref Vpc\n"
	"  Rule:\n"
	"    Type: AWS::ElasticLoadBalancingV2::ListenerRule\n"
	"    Properties:\n"
	"      ListenerArn: !Ref HttpListener\n"
	"      Priority: 1\n"
	"      Conditions: [{Field: path-pattern, Values: [/api/*]}]\n"
	"      Actions:\n"
	"        - Type: forward\n"
	"          TargetGroupArn: !Ref Appliances\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Actions:\n"
	"        - Type: forward\n"
	"          TargetGroupArn: !Ref WebServers   # Protocol: HTTP\n"
	"```\n",
	.check = check,
};
