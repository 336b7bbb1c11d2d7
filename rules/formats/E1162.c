/* E1162: KMS keys are named by key ID, key ARN, alias name or alias ARN. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1162 = {
	.id = "E1162",
	.severity = SL_SEV_ERROR,
	.title = "KMS keys are named by key ID, key ARN, alias name or alias ARN",
	.source = "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes a KMS key in any of the four forms KMS accepts "
	"(`KmsMasterKeyId` of SNS topics and SQS queues, `KMSMasterKeyID` of S3 bucket encryption, "
	"`KmsKeyId` of EBS volumes, Secrets Manager secrets, EFS file systems, ...): a key ID (a "
	"UUID, or `mrk-` and 32 hex digits for a multi-Region key), a key ARN, an alias name "
	"(`alias/` and a name) or an alias ARN.\n\n"
	"### Why it matters\n"
	"Anything else names no key and the resource fails to create. A frequent slip is an AWS "
	"managed key written without its prefix: `aws/sns` for `alias/aws/sns`.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Topic:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Properties:\n"
	"      KmsMasterKeyId: aws/sns\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      KmsMasterKeyId: alias/aws/sns\n"
	"```\n",
	.check = check,
};
