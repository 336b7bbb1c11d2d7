/* E3510: identity-based policies follow the IAM policy grammar. */
#include <string.h>

#include "rules/iam/iam.h"

static void check_resource(void *ud, const struct sl_node *v)
{
	struct sl_ctx *c = ud;
	if (!sl_node_is(v, SL_SCALAR) || sl_scalar_type(v) != SL_TYPE_STRING)
		return;
	if (!iam_arn_shape(v->str, v->len, true, true))
		sl_report(c, v,
			  "Resource '%s' is neither '*' nor an ARN "
			  "(arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE): IAM rejects the policy%s",
			  v->str,
			  strstr(v->str, "${AWS::")
				  ? "; wrap it in Fn::Sub to substitute the ${AWS::...} variables"
				  : "");
}

static void check(struct sl_ctx *c)
{
	iam_check_structure(c, SL_IAM_IDENTITY);
	const struct sl_iam *m = iam_model(c);
	for (size_t i = 0; i < m->n_stmts; i++) {
		const struct sl_iam_stmt *s = &m->stmts[i];
		if (m->docs[s->doc].kind != SL_IAM_IDENTITY)
			continue;
		sl_iam_each_string(s->resource, check_resource, c);
		sl_iam_each_string(s->not_resource, check_resource, c);
	}
}

const struct sl_rule rule_E3510 = {
	.id = "E3510",
	.severity = SL_SEV_ERROR,
	.title = "Identity-based IAM policies follow the policy grammar",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
	.doc =
	"### What it checks\n"
	"Each identity-based policy document written in the template (`Policies` of "
	"`AWS::IAM::Role`, `User` and `Group`, `PolicyDocument` of `AWS::IAM::ManagedPolicy`, "
	"`Policy`, `RolePolicy`, `UserPolicy`, `GroupPolicy`, `InlinePolicy` of "
	"`AWS::SSO::PermissionSet`, inline statements of SAM `Policies`) has only `Version`, "
	"`Id` and `Statement`, a known `Version`, and statements with only `Sid`, `Effect`, "
	"`Action`/`NotAction`, `Resource`/`NotResource` and `Condition`: an `Effect` of `Allow` "
	"or `Deny`, exactly one of `Action` and `NotAction`, exactly one of `Resource` and "
	"`NotResource`, no `Principal`, known condition operators, letters and digits in "
	"`Sid` and no `Sid` twice. Each literal `Resource` is `*` or an ARN. Parts written "
	"with intrinsic functions are not judged; both branches of an `Fn::If` are.\n"
	"\n"
	"### Why it matters\n"
	"IAM validates a policy when CloudFormation creates it and rejects one that breaks "
	"the grammar (MalformedPolicyDocument): the stack fails to create or update and "
	"rolls back. A `Resource` written as `arn:aws:iam::${AWS::AccountId}:user/x` without "
	"`Fn::Sub` is not an ARN.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Version: '2012-10-17'\n"
	"        Statement:\n"
	"          - Effect: allow\n"
	"            Principal: '*'\n"
	"            Action: s3:GetObject\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Version: '2012-10-17'\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Action: s3:GetObject\n"
	"            Resource: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*\n"
	"```\n",
	.check = check,
};
