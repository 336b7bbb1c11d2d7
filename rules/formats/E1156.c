/* E1156: IAM role ARNs have the form arn:aws:iam::<account>:role/<name>. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1156 = {
	.id = "E1156",
	.severity = SL_SEV_ERROR,
	.title = "IAM role ARNs have the form arn:aws:iam::<account>:role/<name>",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ARN of an IAM role: a Lambda function's `Role` "
	"(and a SAM function's or state machine's), a Step Functions state machine's `RoleArn`, and "
	"the role properties whose registry schema requires an ARN. The form is "
	"`arn:<partition>:iam::<12-digit account>:role/` and the role's path and name.\n\n"
	"### Why it matters\n"
	"The service passes the ARN to IAM to assume the role; a role name, an ARN without the "
	"account or of another kind of IAM entity fails when the resource is created. A role of the "
	"template is referenced with `!GetAtt Role.Arn` (`!Ref Role` gives its name).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Machine:\n"
	"    Type: AWS::StepFunctions::StateMachine\n"
	"    Properties:\n"
	"      RoleArn: arn:aws:iam:::role/states-role\n"
	"      DefinitionString: '{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      RoleArn: arn:aws:iam::123456789012:role/states-role\n"
	"```\n",
	.check = check,
};
