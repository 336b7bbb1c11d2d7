/* I99111: a VPC function whose subnet has no default route (no internet egress). */
#include "rules/sam/samrules.h"
#include "rules/vpc/vpc.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_vpc_net *net = NULL; /* read when a function first needs it */
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *fn; (fn = sl_samr_types_next(&tw));) {
		const struct sl_node *items[SL_VPC_MAX_ITEMS];
		bool known;
		size_t n = sl_vpc_items(items, SL_VPC_MAX_ITEMS, &known, t, fn, "SubnetIds");
		for (size_t j = 0; j < n; j++) {
			const struct sl_entity *sn = sl_vpc_target(t, items[j], "AWS::EC2::Subnet", "SubnetId");
			if (!sn || sl_vpc_public_ip(sn))
				continue; /* a public subnet is W99110's */
			if (!net && !(net = sl_vpc_net_new(t))) {
				c->oom = true;
				return;
			}
			if (sl_vpc_net_route(NULL, net, sn) == SL_VPC_ROUTE_NONE)
				sl_report(c, items[j], "function '%s' is in subnet '%s', whose route table has "
					  "no default route (0.0.0.0/0): the function reaches only the VPC and "
					  "its VPC endpoints, not the internet. Route the subnet to a NAT "
					  "gateway if it needs internet access", fn->key->str, sn->key->str);
		}
	}
	sl_vpc_net_free(net);
}

const struct sl_rule rule_I99111 = {
	.id = "I99111",
	.severity = SL_SEV_INFO,
	.title = "VPC function subnets without a default route have no internet egress",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
	.doc =
	"### What it checks\n"
	"Each subnet of a function's `VpcConfig.SubnetIds` (`AWS::Lambda::Function` or "
	"`AWS::Serverless::Function`, SAM `Globals` included) that is defined in the template "
	"and associated with a route table of the template: that table has no `AWS::EC2::Route` "
	"for `0.0.0.0/0` (to a NAT gateway, NAT instance, transit gateway or anything else). "
	"Subnets given as parameters, imports or literal IDs, subnets on the VPC's main route "
	"table, and tables with conditional or propagated routes are not judged.\n\n"
	"### Why it matters\n"
	"A function in such a subnet reaches the VPC and its VPC endpoints only. That is fine "
	"when every service it calls has an endpoint; otherwise calls to the internet or to AWS "
	"APIs hang until the function times out.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  IsolatedAssoc:\n"
	"    Type: AWS::EC2::SubnetRouteTableAssociation\n"
	"    Properties:\n"
	"      SubnetId: !Ref IsolatedSubnet\n"
	"      RouteTableId: !Ref IsolatedTable   # no AWS::EC2::Route for 0.0.0.0/0\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      VpcConfig:\n"
	"        SubnetIds: [!Ref IsolatedSubnet]\n"
	"        SecurityGroupIds: [!Ref FnGroup]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  PrivateRoute:\n"
	"    Type: AWS::EC2::Route\n"
	"    Properties:\n"
	"      RouteTableId: !Ref PrivateTable\n"
	"      DestinationCidrBlock: 0.0.0.0/0\n"
	"      NatGatewayId: !Ref NatGateway\n"
	"  PrivateAssoc:\n"
	"    Type: AWS::EC2::SubnetRouteTableAssociation\n"
	"    Properties:\n"
	"      SubnetId: !Ref PrivateSubnet\n"
	"      RouteTableId: !Ref PrivateTable\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      VpcConfig:\n"
	"        SubnetIds: [!Ref PrivateSubnet]\n"
	"        SecurityGroupIds: [!Ref FnGroup]\n"
	"```\n",
	.check = check,
};
