/* W99112: a VPC function's security group that lets no HTTPS out. */
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
		size_t n = sl_vpc_items(items, SL_VPC_MAX_ITEMS, &known, t, fn, "SecurityGroupIds");
		for (size_t j = 0; j < n; j++) {
			const struct sl_entity *sg =
				sl_vpc_target(t, items[j], "AWS::EC2::SecurityGroup", "GroupId");
			if (!sg)
				continue;
			if (!net && !(net = sl_vpc_net_new(t))) {
				c->oom = true;
				return;
			}
			if (sl_vpc_net_https(net, sg) == 0)
				sl_report(c, items[j], "security group '%s' of function '%s' allows no outbound "
					  "HTTPS (443/tcp or all traffic) to anywhere: the function cannot call "
					  "AWS APIs, VPC endpoints or the internet through it", sg->key->str,
					  fn->key->str);
		}
	}
	sl_vpc_net_free(net);
}

const struct sl_rule rule_W99112 = {
	.id = "W99112",
	.severity = SL_SEV_WARNING,
	.title = "VPC function security groups allow outbound HTTPS",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
	.doc =
	"### What it checks\n"
	"Each security group of a function's `VpcConfig.SecurityGroupIds` (`AWS::Lambda::Function` "
	"or `AWS::Serverless::Function`, SAM `Globals` included) that is defined in the template: "
	"its `SecurityGroupEgress` rules, together with the `AWS::EC2::SecurityGroupEgress` "
	"resources of the group, allow 443/tcp (or all traffic) to some destination. A group "
	"without `SecurityGroupEgress` keeps the default rule that allows all outbound traffic. "
	"Groups given as parameters, imports or literal IDs, and rules built with functions, are "
	"not judged.\n\n"
	"### Why it matters\n"
	"Security groups are stateful: a function's outbound calls need an egress rule. Without "
	"one for HTTPS the function cannot reach AWS APIs, VPC interface endpoints or the "
	"internet through a NAT gateway, and its SDK calls time out.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  FnGroup:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: function\n"
	"      VpcId: !Ref Vpc\n"
	"      SecurityGroupEgress:\n"
	"        - IpProtocol: tcp\n"
	"          FromPort: 5432\n"
	"          ToPort: 5432\n"
	"          CidrIp: 10.0.0.0/16\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      VpcConfig:\n"
	"        SubnetIds: [!Ref PrivateSubnet]\n"
	"        SecurityGroupIds: [!Ref FnGroup]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  FnGroup:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: function\n"
	"      VpcId: !Ref Vpc\n"
	"      SecurityGroupEgress:\n"
	"        - IpProtocol: tcp\n"
	"          FromPort: 5432\n"
	"          ToPort: 5432\n"
	"          CidrIp: 10.0.0.0/16\n"
	"        - IpProtocol: tcp\n"
	"          FromPort: 443\n"
	"          ToPort: 443\n"
	"          CidrIp: 0.0.0.0/0\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      VpcConfig:\n"
	"        SubnetIds: [!Ref PrivateSubnet]\n"
	"        SecurityGroupIds: [!Ref FnGroup]\n"
	"```\n",
	.check = check,
};
