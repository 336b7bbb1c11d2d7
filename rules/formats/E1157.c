/* E1157: KMS key ARNs have the form arn:aws:kms:<region>:<account>:key/<id>. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1157 = {
	.id = "E1157",
	.severity = SL_SEV_ERROR,
	.title = "KMS key ARNs have the form arn:aws:kms:<region>:<account>:key/<id>",
	.source = "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ARN of a KMS key (`KmsKeyArn` of a Lambda "
	"function, and the properties whose registry schema requires a key ARN): "
	"`arn:<partition>:kms:<region>:<account>:key/` and the key ID, or the ARN of an alias "
	"(`...:alias/<name>`).\n\n"
	"### Why it matters\n"
	"These properties take the full ARN only: a key ID, an alias name or a made-up value fails "
	"when the resource is created. A key of the template is referenced with `!GetAtt Key.Arn` "
	"(`!Ref Key` gives its key ID).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: arn:aws:iam::123456789012:role/fn\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"      KmsKeyArn: 1234abcd-12ab-34cd-56ef-1234567890ab\n"
	"      Code:\n"
	"        ZipFile: \"def handler(e, c): pass\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      KmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n"
	"```\n",
	.check = check,
};
