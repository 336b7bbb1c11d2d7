/* E3035: DeletionPolicy values. */
#include "rules/resources/policy.h"

static void check(struct sl_ctx *c)
{
	static const char *const allowed[] = { "Delete", "Retain", "RetainExceptOnCreate", "Snapshot", NULL };
	sl_check_policy(c, "DeletionPolicy", allowed);
}

const struct sl_rule rule_E3035 = {
	.id = "E3035",
	.severity = SL_SEV_ERROR,
	.title = "DeletionPolicy is Delete, Retain, RetainExceptOnCreate or Snapshot",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
	.doc =
	"### What it checks\n"
	"A resource's `DeletionPolicy` is `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`. "
	"`Snapshot` is not judged by type: CloudFormation takes a snapshot where the type supports "
	"one (RDS, DocumentDB and Neptune clusters, RDS instances, EBS volumes, ElastiCache and "
	"MemoryDB, Redshift clusters) and ignores the policy elsewhere, so the stack still deploys "
	"(aws/aws-cdk#20668). A function (which "
	"`AWS::LanguageExtensions` resolves) is judged by the values it can take: the branches of "
	"`Fn::If`, the allowed values (else the default) of a `Ref`'d parameter, the values of a "
	"`Fn::FindInMap` and its `DefaultValue`; others are not judged.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects an unknown policy; a misspelt `Retain` is a deletion policy that does "
	"not protect the data it was written for.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Data:\n"
	"    Type: AWS::S3::Bucket\n"
	"    DeletionPolicy: retain\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Data:\n"
	"    Type: AWS::S3::Bucket\n"
	"    DeletionPolicy: Retain\n"
	"```\n",
	.check = check,
};
