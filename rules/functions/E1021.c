/* E1021: Fn::Base64 encodes one string. */
#include "rules/functions/fn.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (sl_fn_is_string(v) || sl_fn_is(v))
		return;
	if (sl_node_is(v, SL_MAP) && v->len == 1 && v->pairs[0].key->len > 6 &&
	    memcmp(v->pairs[0].key->str, "Rain::", 6) == 0)
		return; /* Rain's {Rain::Embed: file} becomes a string before deployment */
	sl_report(c, v ? v : key, "Fn::Base64 encodes a string (or a function returning one), not %s",
		  sl_fn_kind(v));
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Base64", visit);
}

const struct sl_rule rule_E1021 = {
	.id = "E1021",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Base64 encodes a string",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-base64.html",
	.doc =
	"### What it checks\n"
	"The argument of `Fn::Base64` is a string or a function that returns one (`Fn::Sub`, "
	"`Fn::Join`, ...), not a list or a plain mapping.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects other arguments. A list under `!Base64` usually means `!Join` or "
	"`!Sub` was forgotten around UserData lines.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        - '#!/bin/bash'\n"
	"        - yum update -y\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64 |\n"
	"        #!/bin/bash\n"
	"        yum update -y\n"
	"```\n",
	.check = check,
};
