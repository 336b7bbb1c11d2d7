/* E1151: VPC IDs have the form vpc-xxxxxxxx. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1151 = {
	.id = "E1151",
	.severity = SL_SEV_ERROR,
	.title = "VPC IDs have the form vpc-xxxxxxxx",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ID of a VPC (`VpcId` of a subnet, a security "
	"group, a target group, a route table, ...) has the form of one: `vpc-` and 8 or 17 "
	"hexadecimal digits.\n\n"
	"### Why it matters\n"
	"The value is looked up as a VPC ID when the resource is created: a name, a truncated ID or a "
	"placeholder such as `default` fails, and the stack rolls back. A VPC of the template is "
	"referenced with `!Ref`, one of the account with a parameter of type `AWS::EC2::VPC::Id`, "
	"which CloudFormation checks before it starts.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: vpc-123456\n"
	"      CidrBlock: 10.0.0.0/24\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      VpcId: vpc-0123456789abcdef0\n"
	"```\n",
	.check = check,
};
