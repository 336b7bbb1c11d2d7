/* W1030: the Default a Ref to a parameter gives fits the property (resolved in the schema walk, rules/schema.c), reported at the value. */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1030 = {
	.id = "W1030",
	.severity = SL_SEV_WARNING,
	.title = "The Default a Ref to a parameter gives fits the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html",
	.doc =
	"### What it checks\n"
	"The value a `Ref` to a parameter gives when the stack is deployed without one, its "
	"`Default`, fits the property it is given to: among the property's allowed values, "
	"matching its pattern and its format (a subnet ID, a role ARN, ...), of an allowed "
	"length and in its range. The parameter's other `AllowedValues` are W2030's, W2031's "
	"and W3034's. A parameter of an SSM type (whose Default is a parameter name) or a list "
	"type is not judged, nor a `Ref` under a condition that reads the parameter (its "
	"Default may be just what turns the condition off). The finding is at the `Default`, "
	"naming the `Ref` that gives it.\n"
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
	"Parameters:\n"
	"  Timeout:\n"
	"    Type: Number\n"
	"    Default: 0\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Timeout: !Ref Timeout\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Timeout:\n"
	"    Type: Number\n"
	"    Default: 30\n"
	"```\n",
	.check = sl_format_check_resolved,
};
