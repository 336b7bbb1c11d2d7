/* E1160: Lambda function ARNs have the form arn:aws:lambda:<region>:<account>:function:<name>. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1160 = {
	.id = "E1160",
	.severity = SL_SEV_ERROR,
	.title = "Lambda function ARNs have the form arn:aws:lambda:<region>:<account>:function:<name>",
	.source = "https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ARN of a Lambda function (the triggers of a "
	"Cognito user pool's `LambdaConfig`, an S3 bucket's `LambdaConfiguration.Function`, "
	"`FunctionArn` of SES receipt rule and IoT topic rule actions): "
	"`arn:<partition>:lambda:<region>:<account>:function:` and the function name, optionally `:` "
	"and a version or alias.\n\n"
	"### Why it matters\n"
	"These services invoke the function by ARN: a function name or a partial ARN fails when the "
	"resource is created. A function of the template is referenced with `!GetAtt Fn.Arn` (`!Ref "
	"Fn` gives its name).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Pool:\n"
	"    Type: AWS::Cognito::UserPool\n"
	"    Properties:\n"
	"      LambdaConfig:\n"
	"        PreSignUp: pre-sign-up\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"        PreSignUp: arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up\n"
	"```\n",
	.check = check,
};
