/* E3036: UpdateReplacePolicy values. */
#include "rules/resources/policy.h"

static void check(struct sl_ctx *c)
{
	static const char *const allowed[] = { "Delete", "Retain", "Snapshot", NULL };
	sl_check_policy(c, "UpdateReplacePolicy", allowed);
}

const struct sl_rule rule_E3036 = {
	.id = "E3036",
	.severity = SL_SEV_ERROR,
	.title = "UpdateReplacePolicy is Delete, Retain or Snapshot",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html",
	.doc =
	"### What it checks\n"
	"A resource's `UpdateReplacePolicy` is `Delete`, `Retain` or `Snapshot` (`Snapshot` on a "
	"type without snapshots is ignored by CloudFormation, not rejected). A function (which `AWS::LanguageExtensions` resolves) is judged by "
	"the values it can take: the branches of `Fn::If`, the allowed values (else the default) of "
	"a `Ref`'d parameter, the values of a `Fn::FindInMap` and its `DefaultValue`.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects an unknown policy; the policy decides whether the old copy of a "
	"replaced database or volume is kept.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    UpdateReplacePolicy: RetainExceptOnCreate\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    UpdateReplacePolicy: Snapshot\n"
	"```\n",
	.check = check,
};
