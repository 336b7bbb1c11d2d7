/* E1154: Subnet IDs have the form subnet-xxxxxxxx. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1154 = {
	.id = "E1154",
	.severity = SL_SEV_ERROR,
	.title = "Subnet IDs have the form subnet-xxxxxxxx",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ID of a subnet (`SubnetId` of an instance or a "
	"NAT gateway, `SubnetIds` of a Lambda function's `VpcConfig`, a DB subnet group, a load "
	"balancer's `Subnets`, ...) has the form of one: `subnet-` and 8 or 17 hexadecimal digits.\n\n"
	"### Why it matters\n"
	"The value is looked up as a subnet ID when the resource is created: a name, a CIDR block or "
	"a truncated ID fails and the stack rolls back. A parameter of type `AWS::EC2::Subnet::Id` "
	"(or its `List<...>` form) is checked by CloudFormation before it starts.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Nat:\n"
	"    Type: AWS::EC2::NatGateway\n"
	"    Properties:\n"
	"      SubnetId: public-a\n"
	"      AllocationId: eipalloc-0123456789abcdef0\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      SubnetId: subnet-0123456789abcdef0\n"
	"```\n",
	.check = check,
};
