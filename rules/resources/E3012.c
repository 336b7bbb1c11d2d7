/* E3012: property values are of the type the specification gives. */
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_WRONG_TYPE)
		return;
	sl_report(c, h->at, "expected %s, found %s", sl_schema_type_name(c, h->type), h->detail);
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3012 = {
	.id = "E3012",
	.severity = SL_SEV_ERROR,
	.title = "Property values have the right type",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
	.doc =
	"### What it checks\n"
	"Each property value is of the type the resource specification gives it: string, integer, "
	"number, boolean, list, object (a nested type or a map). CloudFormation's own coercions are "
	"followed: numbers and booleans may be written as strings (`\"30\"`, `\"true\"`), and any "
	"scalar is a string. Intrinsic functions are judged by what they yield: a Ref to a list "
	"parameter (`List<...>`, `CommaDelimitedList`), `Fn::GetAZs`, `Fn::Split` and `Fn::Cidr` "
	"are lists; `Fn::Sub`, `Fn::Join`, `Fn::Base64` are strings; both branches of `Fn::If` are "
	"checked; what cannot be known (`Fn::GetAtt`, `Fn::FindInMap`, `Fn::Select`, imports) is "
	"accepted.\n\n"
	"### Why it matters\n"
	"A value of the wrong shape fails at deploy time (\"Value of property X must be of type "
	"List of String\"), after the template was accepted.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code: {ZipFile: 'def handler(e, c): pass'}\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"      VpcConfig:\n"
	"        SubnetIds: subnet-0123\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code: {ZipFile: 'def handler(e, c): pass'}\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"      VpcConfig:\n"
	"        SubnetIds: [subnet-0123]\n"
	"```\n",
	.check = check,
};
