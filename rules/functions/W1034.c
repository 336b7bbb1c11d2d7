/* W1034: values an Fn::FindInMap gives fit the property (resolved in the schema walk, rules/schema.c), reported at the value. */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1034 = {
	.id = "W1034",
	.severity = SL_SEV_WARNING,
	.title = "Values an Fn::FindInMap gives fit the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html",
	.doc =
	"### What it checks\n"
	"The values an `Fn::FindInMap` can give — the one it names, or every value of the "
	"mapping level a key chosen at deploy time (`Ref: AWS::Region`, a parameter) can select "
	"— fit the property they are given to: among its allowed values, matching its pattern "
	"and its format, of an allowed length and in its range. The finding is at the mapping's "
	"value, naming the `Fn::FindInMap` that gives it.\n"
	"\n"
	"### Why it matters\n"
	"The template looks right where the function stands, but the value CloudFormation puts "
	"there is one the resource type rejects: the stack fails when it is deployed with that "
	"value, often only in the one environment that uses it. It is a warning because the "
	"value may never be used (an allowed value nobody picks, a Region the stack is never "
	"deployed to).\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:\n"
	"  Limits:\n"
	"    us-east-1:\n"
	"      Timeout: 0\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Timeout: !FindInMap [Limits, !Ref AWS::Region, Timeout]\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Mappings:\n"
	"  Limits:\n"
	"    us-east-1:\n"
	"      Timeout: 30\n"
	"```\n",
	.check = sl_format_check_resolved,
};
