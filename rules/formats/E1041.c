/* E1041: a Ref gives another kind of value than the property's format takes */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_refs(c, false);
}

const struct sl_rule rule_E1041 = {
	.id = "E1041",
	.severity = SL_SEV_ERROR,
	.title = "Ref gives the kind of value the property takes",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html",
	.doc =
	"### What it checks\n"
	"A `Ref` in a property that takes a named format (see E1150-E1164) that certainly gives "
	"another kind of value: a resource whose `Ref` is documented to return something else (`Ref` "
	"of an `AWS::EC2::Subnet` where a VPC ID is wanted, `Ref` of an `AWS::IAM::Role`, its name, "
	"where a role ARN is wanted, `Ref` of an `AWS::EC2::SecurityGroup` without `VpcId`, its name, "
	"where a group ID is wanted), or a parameter of an AWS-specific type "
	"(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html) "
	"that holds another kind (`AWS::EC2::Subnet::Id` for a VPC ID, `List<AWS::EC2::VPC::Id>` for "
	"a list of subnet IDs). A `String` parameter proves nothing and is not judged.\n\n"
	"### Why it matters\n"
	"CloudFormation resolves the `Ref` and passes the value on: the service refuses it when the "
	"resource is created. The message names the attribute that gives the wanted kind when the "
	"resource has one (`!GetAtt Role.Arn`).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet::Id\n"
	"Resources:\n"
	"  Group:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: app\n"
	"      VpcId: !Ref Subnet\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC::Id\n"
	"Resources:\n"
	"  Group:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupDescription: app\n"
	"      VpcId: !Ref Vpc\n"
	"```\n",
	.check = check,
};
