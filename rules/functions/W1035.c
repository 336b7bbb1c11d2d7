/* W1035: items an Fn::Select of a literal list gives fit the property (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1035 = {
	.id = "W1035",
	.severity = SL_SEV_WARNING,
	.title = "Items an Fn::Select of a literal list gives fit the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-select.html",
	.doc =
	"### What it checks\n"
	"The item an `Fn::Select` with a literal index takes from a literal list fits the "
	"property it is given to: among its allowed values, matching its pattern and its "
	"format, of an allowed length and in its range. The finding is at the list item, naming "
	"the `Fn::Select` that takes it.\n"
	"\n"
	"### Why it matters\n"
	"The template looks right where the function stands, but the value CloudFormation puts "
	"there is one the resource type rejects, and the stack fails when it is deployed.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      Timeout: !Select [1, [30, 0]]\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      Timeout: !Select [1, [30, 60]]\n"
	"```\n",
	.check = sl_format_check_resolved,
};
