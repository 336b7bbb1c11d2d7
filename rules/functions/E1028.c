/* E1028: Fn::If is a list of a condition name and two values. */
#include "rules/functions/fn.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v ? v : key, "Fn::If takes a list [condition name, value if true, value if "
			  "false], not %s", sl_fn_kind(v));
		return;
	}
	if (v->len != 3) {
		sl_report(c, v, "Fn::If takes exactly 3 items (condition name, value if true, value if "
			  "false); this list has %u", v->len);
		return;
	}
	const struct sl_node *cond = v->items[0];
	if (!sl_node_is(cond, SL_SCALAR) || sl_scalar_type(cond) == SL_TYPE_NULL)
		sl_report(c, cond, "The first item of Fn::If is the name of a condition, not %s",
			  sl_fn_kind(cond));
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::If", visit);
}

const struct sl_rule rule_E1028 = {
	.id = "E1028",
	.severity = SL_SEV_ERROR,
	.title = "Fn::If has a condition name and two values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if",
	.doc =
	"### What it checks\n"
	"`Fn::If` is a list of exactly three items: the name of a condition (a string, not a "
	"condition function) and the values for true and false. Whether the condition exists is "
	"E8002's check.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects any other shape. A missing false branch is the usual slip; use "
	"`!Ref AWS::NoValue` when nothing should be set.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !If [IsProd, prod-bucket]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !If [IsProd, prod-bucket, !Ref AWS::NoValue]\n"
	"```\n",
	.check = check,
};
