/* W2031: a parameter's AllowedValues match the pattern of the properties it feeds (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W2031 = {
	.id = "W2031",
	.severity = SL_SEV_WARNING,
	.title = "A parameter's allowed values match the pattern of the properties it feeds",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Where a `Ref` gives a parameter to a string property with a pattern, a format or a length "
	"limit, each of the parameter's `AllowedValues` other than its `Default` (the Default is "
	"W1030's) must match the pattern and the format and be of an allowed length. String and "
	"Number parameters are checked, not list or SSM parameter types, nor a `Ref` under a "
	"condition that reads the parameter. The finding is at the allowed value, naming the `Ref`.\n"
	"\n"
	"### Why it matters\n"
	"A value the parameter accepts but the property does not is rejected only when the stack is "
	"deployed with it, after other resources may already have been created.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Role:\n"
	"    Type: String\n"
	"    Default: arn:aws:iam::123456789012:role/app\n"
	"    AllowedValues: [arn:aws:iam::123456789012:role/app, app-role]\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: !Ref Role\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Role:\n"
	"    Type: String\n"
	"    Default: arn:aws:iam::123456789012:role/app\n"
	"    AllowedValues: [arn:aws:iam::123456789012:role/app, arn:aws:iam::123456789012:role/ops]\n"
	"```\n",
	.check = sl_format_check_resolved,
};
