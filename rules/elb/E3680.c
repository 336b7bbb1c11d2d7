/* E3680: an Application Load Balancer in fewer than two subnets of the template. */
#include <string.h>

#include "rules/elb/elb.h"

/* True when item names an AWS::EC2::Subnet of the template (Ref) that is
 * surely in a Region's Availability Zone: no OutpostArn, and an
 * AvailabilityZone that is not a Local Zone's (those have a fourth part,
 * us-west-2-lax-1a). Anything else may be an Outposts or Local Zones subnet,
 * where one subnet is allowed. */
static bool regional_subnet(const struct sl_template *t, const struct sl_node *item)
{
	if (!sl_str_eq(sl_node_intrinsic(item), "Ref"))
		return false;
	const struct sl_node *x = item->pairs[0].value;
	if (!sl_node_is(x, SL_SCALAR))
		return false;
	const struct sl_entity *s = sl_index_find(&t->resources, x->str, x->len);
	if (!s || !sl_samr_type_is(s, "AWS::EC2::Subnet"))
		return false;
	const struct sl_node *props = sl_samr_props(s);
	if (sl_map_get_pair(props, "OutpostArn"))
		return false;
	const struct sl_node *az = sl_map_get(props, "AvailabilityZone");
	if (sl_samr_is_string(az)) {
		size_t dashes = 0;
		for (size_t i = 0; i < az->len; i++)
			dashes += az->str[i] == '-';
		return dashes == 2;
	}
	/* A zone from Fn::GetAZs or a parameter is a Region's zone or unknown. */
	return az && sl_str_eq(sl_node_intrinsic(az), "Fn::Select");
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *type = sl_map_get(props, "Type");
	if (type && !sl_str_eq(type, "application"))
		return;
	const char *name = "Subnets";
	const struct sl_node *list = sl_map_get(props, name);
	if (!list) {
		name = "SubnetMappings";
		list = sl_map_get(props, name);
	}
	if (!sl_node_is(list, SL_SEQ) || list->len != 1 || !sl_samr_item_certain(list->items[0]))
		return;
	const struct sl_node *item = list->items[0];
	if (!strcmp(name, "SubnetMappings"))
		item = sl_map_get(item, "SubnetId");
	if (!item || !regional_subnet(c->t, item))
		return;
	sl_report(c, list,
		  "this Application Load Balancer has one subnet in %s: an ALB in a Region's "
		  "Availability Zones needs subnets in at least two zones, and Elastic Load Balancing "
		  "rejects it. Add a subnet in a second Availability Zone",
		  name);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::ElasticLoadBalancingV2::LoadBalancer", check_one, NULL);
}

const struct sl_rule rule_E3680 = {
	.id = "E3680",
	.severity = SL_SEV_ERROR,
	.title = "Application Load Balancers span two Availability Zones",
	.source = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElasticLoadBalancingV2::LoadBalancer` of `Type` `application` (the default) "
	"whose `Subnets` or `SubnetMappings` is a literal list of one subnet, when that subnet is "
	"an `AWS::EC2::Subnet` of the template surely in a Region's Availability Zone (no "
	"`OutpostArn`, and a literal zone that is not a Local Zone, or a zone picked with "
	"`Fn::Select`). A subnet ID given as text or by a parameter is not judged: it may be an "
	"Outposts or Local Zones subnet, where one is allowed.\n\n"
	"### Why it matters\n"
	"CreateLoadBalancer documents that for Application Load Balancers you must specify "
	"subnets from at least two Availability Zones (one Outpost subnet on Outposts; one or "
	"more Local Zones subnets). With one regional subnet the load balancer is rejected, and "
	"the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  LoadBalancer:\n"
	"    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
	"    Properties:\n"
	"      Subnets: [!Ref PublicSubnetA]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Subnets: [!Ref PublicSubnetA, !Ref PublicSubnetB]\n"
	"```\n",
	.check = check,
};
