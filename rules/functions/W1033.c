/* W1033: items an Fn::Split of a known string gives fit the property (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1033 = {
	.id = "W1033",
	.severity = SL_SEV_WARNING,
	.title = "Items an Fn::Split of a known string gives fit the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-split.html",
	.doc =
	"### What it checks\n"
	"The items an `Fn::Split` by a literal delimiter gives of a literal string, or of a "
	"String parameter's `Default` (not under a condition that reads the parameter), fit the list "
	"property they are given to: each among the allowed values, matching the pattern and "
	"the format of the list's items (a subnet ID, a security group ID, ...), of an allowed "
	"length and in range. The finding is at the `Fn::Split`, naming the item.\n"
	"\n"
	"### Why it matters\n"
	"The template looks right where the function stands, but the value CloudFormation puts "
	"there is one the resource type rejects, and the stack fails when it is deployed.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      VpcConfig:\n"
	"        SubnetIds: !Split [\",\", \"subnet-1,subnet-2\"]\n"
	"        SecurityGroupIds: [sg-0123456789abcdef0]\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      VpcConfig:\n"
	"        SubnetIds: !Split [\",\", \"subnet-0123456789abcdef0,subnet-0fedcba9876543210\"]\n"
	"        SecurityGroupIds: [sg-0123456789abcdef0]\n"
	"```\n",
	.check = sl_format_check_resolved,
};
