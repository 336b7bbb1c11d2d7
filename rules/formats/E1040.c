/* E1040: a GetAtt gives another kind of value than the property's format takes */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_refs(c, true);
}

const struct sl_rule rule_E1040 = {
	.id = "E1040",
	.severity = SL_SEV_ERROR,
	.title = "Fn::GetAtt gives the kind of value the property takes",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html",
	.doc =
	"### What it checks\n"
	"An `Fn::GetAtt` in a property that takes a named format (a VPC ID, a log group name, an IAM "
	"role ARN, ...; see E1150-E1164) whose attribute certainly gives another kind of value, as "
	"the \"Return values\" of the resource type document it: `GetAtt LogGroup.Arn` where a log "
	"group name is wanted, `GetAtt Bucket.Arn` for a bucket name, `GetAtt Queue.Arn` for an SNS "
	"topic ARN. Only attributes whose kind is known are judged, and only where every value of "
	"that kind fails the property's format (an attribute that gives some name is not reported "
	"where another name is wanted).\n\n"
	"### Why it matters\n"
	"The value is wrong on every deployment: the resource fails to create or update and the stack "
	"rolls back. The message says which attribute or `Ref` of the same resource gives the wanted "
	"kind.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Logs:\n"
	"    Type: AWS::Logs::LogGroup\n"
	"  Errors:\n"
	"    Type: AWS::Logs::MetricFilter\n"
	"    Properties:\n"
	"      LogGroupName: !GetAtt Logs.Arn\n"
	"      FilterPattern: ERROR\n"
	"      MetricTransformations:\n"
	"        - MetricName: Errors\n"
	"          MetricNamespace: App\n"
	"          MetricValue: \"1\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      LogGroupName: !Ref Logs\n"
	"```\n",
	.check = check,
};
