/* E3512: resource-based policies follow the IAM policy grammar. */
#include "rules/iam/iam.h"

static void check(struct sl_ctx *c)
{
	iam_check_structure(c, SL_IAM_RESOURCE);
}

const struct sl_rule rule_E3512 = {
	.id = "E3512",
	.severity = SL_SEV_ERROR,
	.title = "Resource-based IAM policies follow the policy grammar",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html",
	.doc =
	"### What it checks\n"
	"Each resource-based policy (`PolicyDocument` of `AWS::S3::BucketPolicy`, "
	"`AWS::SQS::QueuePolicy` and `AWS::SNS::TopicPolicy`, `KeyPolicy` of `AWS::KMS::Key`, "
	"`AccessPolicies` of `AWS::OpenSearchService::Domain`) has only `Version`, `Id` and "
	"`Statement`, and statements with only `Sid`, `Effect`, `Principal`/`NotPrincipal`, "
	"`Action`/`NotAction`, `Resource`/`NotResource` and `Condition`: an `Effect` of "
	"`Allow` or `Deny`, exactly one of each pair, a `Principal` that is `*` or a map "
	"whose `AWS` entries are `*`, account IDs or IAM ARNs, and known condition "
	"operators. Parts written with intrinsic functions are not judged; both branches of "
	"an `Fn::If` are. (E3514 checks the ARNs in `Resource`.)\n"
	"\n"
	"### Why it matters\n"
	"A resource-based policy says who may act on the resource: without a principal it "
	"is rejected (S3 answers MalformedPolicy, SQS and SNS InvalidParameter), and the "
	"stack fails to create or update.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Action: sqs:SendMessage\n"
	"            Resource: !GetAtt Queue.Arn\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      PolicyDocument:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: {Service: sns.amazonaws.com}\n"
	"            Action: sqs:SendMessage\n"
	"            Resource: !GetAtt Queue.Arn\n"
	"```\n",
	.check = check,
};
