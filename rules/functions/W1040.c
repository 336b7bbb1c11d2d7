/* W1040: the JSON text an Fn::ToJsonString gives fits the property (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1040 = {
	.id = "W1040",
	.severity = SL_SEV_WARNING,
	.title = "The JSON text an Fn::ToJsonString gives fits the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ToJsonString.html",
	.doc =
	"### What it checks\n"
	"The JSON text an `Fn::ToJsonString` of a literal object or list gives (compact, keys in the "
	"order written, as AWS documents the function) fits the string property it is given to: of "
	"an allowed length, matching its pattern, among its allowed values. Only values whose JSON "
	"text is certain are judged: strings, `true`, `false` and plain decimal integers, with no "
	"intrinsic function inside. The finding is at the `Fn::ToJsonString`, naming the text.\n"
	"\n"
	"### Why it matters\n"
	"The object looks right, but the string CloudFormation makes of it is longer than the "
	"property takes (or breaks its pattern), and the stack fails when it is deployed.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      Description:\n"
	"        Fn::ToJsonString:\n"
	"          owner: team-with-a-very-long-name\n"
	"          purpose: a description kept as JSON that has grown past the limit\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      Description:\n"
	"        Fn::ToJsonString:\n"
	"          owner: team-a\n"
	"```\n",
	.check = sl_format_check_resolved,
};
