/* E1163: Lambda function names use the characters Lambda allows. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1163 = {
	.id = "E1163",
	.severity = SL_SEV_ERROR,
	.title = "Lambda function names use the characters Lambda allows",
	.source = "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that names a Lambda function. `FunctionName` of a new function "
	"(`AWS::Lambda::Function`, `AWS::Serverless::Function`): 1 to 64 letters, digits, `-` and "
	"`_`. `FunctionName` of a permission, an event source mapping, an alias, a version, an event "
	"invoke configuration and `TargetFunctionArn` of a function URL: a name (optionally with `:` "
	"and a version or alias), a partial ARN (`123456789012:function:name`) or a full function "
	"ARN.\n\n"
	"### Why it matters\n"
	"Lambda refuses other names, and any other value names no function.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Permission:\n"
	"    Type: AWS::Lambda::Permission\n"
	"    Properties:\n"
	"      FunctionName: my function\n"
	"      Action: lambda:InvokeFunction\n"
	"      Principal: s3.amazonaws.com\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      FunctionName: my-function\n"
	"```\n",
	.check = check,
};
