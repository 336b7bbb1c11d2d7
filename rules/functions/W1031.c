/* W1031: the text an Fn::Sub gives fits the property (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1031 = {
	.id = "W1031",
	.severity = SL_SEV_WARNING,
	.title = "The text an Fn::Sub gives fits the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html",
	.doc =
	"### What it checks\n"
	"The text an `Fn::Sub` gives, where every variable is known before deployment, fits the "
	"string property it is given to: among its allowed values, matching its pattern and its "
	"format (a KMS key ARN, a log group name, ...), of an allowed length. A variable is known "
	"when it is a literal of the variable map, a parameter's `Default` (String and Number "
	"parameters, not under a condition that reads the parameter), `AWS::AccountId`, or "
	"`AWS::Partition`, `AWS::Region` or `AWS::URLSuffix`: the text is then made for a Region of "
	"each partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b), and the finding needs every "
	"one to fail. A resource's `Ref` or attribute, `AWS::StackName` and the like are known only "
	"at deployment: such a Sub is not judged. The finding is at the `Fn::Sub`, naming the text.\n"
	"\n"
	"### Why it matters\n"
	"The template looks right where the function stands, but the text CloudFormation puts "
	"there is one the resource type rejects, and the stack fails when it is deployed.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      KmsKeyArn: !Sub \"arn:${AWS::Partition}:key:key\"\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      KmsKeyArn: !Sub \"arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyId}\"\n"
	"```\n",
	.check = sl_format_check_resolved,
};
