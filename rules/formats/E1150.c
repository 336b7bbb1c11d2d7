/* E1150: Security group IDs have the form sg-xxxxxxxx. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1150 = {
	.id = "E1150",
	.severity = SL_SEV_ERROR,
	.title = "Security group IDs have the form sg-xxxxxxxx",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ID of an EC2 security group (`SecurityGroupIds` "
	"of an instance, a launch template, a Lambda function's `VpcConfig`, `GroupId` of an ingress "
	"rule, ...) has the form of one: `sg-` and 8 or 17 hexadecimal digits, as EC2 assigns them. "
	"Values from intrinsic functions are E1040's and E1041's.\n\n"
	"### Why it matters\n"
	"The service looks the value up as a security group ID: a group name, a typo or a placeholder "
	"left in the template fails when the resource is created, and the stack rolls back. A group "
	"made in the template is best referenced with `!GetAtt Group.GroupId`.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: arn:aws:iam::123456789012:role/fn\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"      Code:\n"
	"        ZipFile: \"def handler(e, c): pass\"\n"
	"      VpcConfig:\n"
	"        SecurityGroupIds: [web-servers]\n"
	"        SubnetIds: [subnet-0123456789abcdef0]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"        SecurityGroupIds: [sg-0123456789abcdef0]\n"
	"```\n",
	.check = check,
};
