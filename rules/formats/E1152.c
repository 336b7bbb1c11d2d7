/* E1152: AMI IDs have the form ami-xxxxxxxx. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1152 = {
	.id = "E1152",
	.severity = SL_SEV_ERROR,
	.title = "AMI IDs have the form ami-xxxxxxxx",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes an Amazon Machine Image ID (`ImageId` of an "
	"instance, a launch template, a launch configuration, a Batch compute environment, "
	"`CustomAmiId` of an EMR cluster, ...) has the form of one: `ami-` and 8 or 17 lowercase "
	"letters or digits. EC2 also takes a Systems Manager parameter written "
	"`resolve:ssm:<parameter>`, which resolves to an AMI ID at launch "
	"(https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-systems-manager-parameter-to-find-AMI.html); "
	"that form is accepted too.\n\n"
	"### Why it matters\n"
	"An AMI ID that is not one fails the launch, and the stack rolls back. AMI IDs also differ "
	"per Region: a parameter of type `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` with a "
	"public parameter such as "
	"`/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64` keeps a template "
	"portable.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: ami-123456\n"
	"      InstanceType: t3.micro\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      ImageId: resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64\n"
	"```\n",
	.check = check,
};
