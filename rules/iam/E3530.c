/* E3530: role trust policies follow the IAM policy grammar. */
#include "rules/iam/iam.h"

static void check(struct sl_ctx *c)
{
	iam_check_structure(c, SL_IAM_TRUST);
}

const struct sl_rule rule_E3530 = {
	.id = "E3530",
	.severity = SL_SEV_ERROR,
	.title = "IAM role trust policies follow the policy grammar",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
	.doc =
	"### What it checks\n"
	"The trust policy of each role (`AssumeRolePolicyDocument` of `AWS::IAM::Role` and of "
	"a SAM function) has only `Version`, `Id` and `Statement`, and statements with only "
	"`Sid`, `Effect`, `Principal`/`NotPrincipal`, `Action`/`NotAction`, "
	"`Resource`/`NotResource` and `Condition`: an `Effect` of `Allow` or `Deny`, exactly "
	"one of `Action` and `NotAction`, exactly one of `Principal` and `NotPrincipal`, a "
	"`Principal` that is `*` or a map whose `AWS` entries are `*`, account IDs or IAM "
	"ARNs, and known condition operators. Parts written with intrinsic functions are "
	"not judged; both branches of an `Fn::If` are.\n"
	"\n"
	"### Why it matters\n"
	"IAM rejects a malformed trust policy (MalformedPolicyDocument) and the role is not "
	"created; a trust policy with no principal lets no one assume the role.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      AssumeRolePolicyDocument:\n"
	"        Version: '2012-10-17'\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: {Service: lambda.amazonaws.com}\n"
	"            Path: /\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      AssumeRolePolicyDocument:\n"
	"        Version: '2012-10-17'\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: {Service: lambda.amazonaws.com}\n"
	"            Action: sts:AssumeRole\n"
	"      Path: /\n"
	"```\n",
	.check = check,
};
