/* E1164: KMS alias names start with alias/. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1164 = {
	.id = "E1164",
	.severity = SL_SEV_ERROR,
	.title = "KMS alias names start with alias/",
	.source = "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
	.doc =
	"### What it checks\n"
	"A literal `AliasName` of an `AWS::KMS::Alias`: `alias/` and a name of letters, digits, `/`, "
	"`_` and `-`, up to 256 characters, not starting with `alias/aws/` (reserved for AWS managed "
	"keys).\n\n"
	"### Why it matters\n"
	"KMS refuses the alias otherwise and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Alias:\n"
	"    Type: AWS::KMS::Alias\n"
	"    Properties:\n"
	"      AliasName: my-app-key\n"
	"      TargetKeyId: 1234abcd-12ab-34cd-56ef-1234567890ab\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      AliasName: alias/my-app-key\n"
	"```\n",
	.check = check,
};
