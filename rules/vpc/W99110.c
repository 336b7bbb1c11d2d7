/* W99110: a VPC function in a public subnet (default route to an internet gateway). */
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
			if (!sn)
				continue;
			if (!net && !(net = sl_vpc_net_new(t))) {
				c->oom = true;
				return;
			}
			enum sl_vpc_route r = sl_vpc_net_route(NULL, net, sn);
			if (r == SL_VPC_ROUTE_IGW)
				sl_report(c, items[j], "function '%s' is in subnet '%s', whose route table sends "
					  "0.0.0.0/0 to an internet gateway: a public subnet. Lambda's network "
					  "interfaces get no public IP, so the function has no internet access "
					  "there; use private subnets routed to a NAT gateway", fn->key->str,
					  sn->key->str);
			else if (r != SL_VPC_ROUTE_NAT && sl_vpc_public_ip(sn))
				sl_report(c, items[j], "function '%s' is in subnet '%s', which has "
					  "MapPublicIpOnLaunch: true: a public subnet. Lambda's network "
					  "interfaces get no public IP, so the function has no internet access "
					  "there; use private subnets routed to a NAT gateway", fn->key->str,
					  sn->key->str);
		}
	}
	sl_vpc_net_free(net);
}

const struct sl_rule rule_W99110 = {
	.id = "W99110",
	.severity = SL_SEV_WARNING,
	.title = "VPC functions belong in private subnets",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
	.doc =
	"### What it checks\n"
	"Each subnet of a function's `VpcConfig.SubnetIds` (`AWS::Lambda::Function` or "
	"`AWS::Serverless::Function`, SAM `Globals` included) that is defined in the template: "
	"the route table its `AWS::EC2::SubnetRouteTableAssociation` gives it must not send "
	"`0.0.0.0/0` to an `AWS::EC2::InternetGateway`, and, unless its default route goes to a "
	"NAT gateway or instance, it must not have `MapPublicIpOnLaunch: true`. Subnets given as "
	"parameters, imports or literal IDs, and subnets using the VPC's main route table, are "
	"not judged.\n\n"
	"### Why it matters\n"
	"Lambda's network interfaces never get a public IP address, so a function in a public "
	"subnet cannot reach the internet (nor AWS APIs without VPC endpoints) through the "
	"internet gateway: calls time out. Functions need private subnets whose default route "
	"goes to a NAT gateway in a public subnet.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  PublicRoute:\n"
	"    Type: AWS::EC2::Route\n"
	"    Properties:\n"
	"      RouteTableId: !Ref PublicTable\n"
	"      DestinationCidrBlock: 0.0.0.0/0\n"
	"      GatewayId: !Ref InternetGateway\n"
	"  PublicAssoc:\n"
	"    Type: AWS::EC2::SubnetRouteTableAssociation\n"
	"    Properties:\n"
	"      SubnetId: !Ref PublicSubnet\n"
	"      RouteTableId: !Ref PublicTable\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      VpcConfig:\n"
	"        SubnetIds: [!Ref PublicSubnet]\n"
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
