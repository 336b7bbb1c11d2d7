/* E3513: ECR repository policies follow the IAM policy grammar. */
#include "rules/iam/iam.h"

static void check(struct sl_ctx *c)
{
	iam_check_structure(c, SL_IAM_ECR);
}

const struct sl_rule rule_E3513 = {
	.id = "E3513",
	.severity = SL_SEV_ERROR,
	.title = "ECR repository policies follow the policy grammar",
	.source = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
	.doc =
	"### What it checks\n"
	"The `RepositoryPolicyText` of each `AWS::ECR::Repository` has only `Version`, `Id` "
	"and `Statement`, and statements with only `Sid`, `Effect`, `Principal`/"
	"`NotPrincipal`, `Action`/`NotAction`, `Resource`/`NotResource` and `Condition`: an "
	"`Effect` of `Allow` or `Deny`, exactly one of `Action` and `NotAction`, a "
	"`Principal` that is `*` or a map whose `AWS` entries are `*`, account IDs or IAM "
	"ARNs, and known condition operators. A repository policy applies to its own "
	"repository, so it needs no `Resource`. Parts written with intrinsic functions are "
	"not judged.\n"
	"\n"
	"### Why it matters\n"
	"ECR rejects a malformed repository policy and the repository fails to create or "
	"update with the stack.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      RepositoryPolicyText:\n"
	"        Statement:\n"
	"          - Effect: NotAllow\n"
	"            Principal: ci-account\n"
	"            Action: ecr:BatchGetImage\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      RepositoryPolicyText:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: {AWS: arn:aws:iam::123456789012:root}\n"
	"            Action: ecr:BatchGetImage\n"
	"```\n",
	.check = check,
};
