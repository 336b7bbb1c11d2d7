/* W1032: the text an Fn::Join gives fits the property (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1032 = {
	.id = "W1032",
	.severity = SL_SEV_WARNING,
	.title = "The text an Fn::Join gives fits the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-join.html",
	.doc =
	"### What it checks\n"
	"The text an `Fn::Join` gives, where every item is known before deployment, fits the "
	"string property it is given to: among its allowed values, matching its pattern and its "
	"format, of an allowed length. An item is known when it is a literal, a parameter's "
	"`Default` (String and Number parameters, not under a condition that reads the parameter), "
	"`AWS::AccountId`, an `Fn::Sub` or `Fn::Join` of known pieces, or `AWS::Partition`, "
	"`AWS::Region` or `AWS::URLSuffix`: the text is then made for a Region of each partition, and "
	"the finding needs every one to fail (as W1031). The finding is at the `Fn::Join`, naming "
	"the text.\n"
	"\n"
	"### Why it matters\n"
	"The template looks right where the function stands, but the text CloudFormation puts "
	"there is one the resource type rejects, and the stack fails when it is deployed.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      ManagedPolicyArns:\n"
	"        - !Join [\"\", [\"arn:\", !Ref \"AWS::Partition\", \"iam::aws:policy/ReadOnlyAccess\"]]\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      ManagedPolicyArns:\n"
	"        - !Join [\"\", [\"arn:\", !Ref \"AWS::Partition\", \":iam::aws:policy/ReadOnlyAccess\"]]\n"
	"```\n",
	.check = sl_format_check_resolved,
};
