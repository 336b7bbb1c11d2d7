/* E1015: Fn::GetAZs takes a region: a string, '' or Ref AWS::Region. */
#include "rules/functions/fn.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	if (sl_fn_is_null(v)) {
		/* JSON null or `Fn::GetAZs:` left empty (`!GetAZs` alone is ''); inside a
		 * Fn::Select it is E1017's, as cfn-lint reports it */
		if (!sl_fn_in_select(fn))
			sl_report(c, v, "Fn::GetAZs is null: CloudFormation rejects null values in a "
				  "template; write '' for the stack's region");
		return;
	}
	if (sl_node_is(v, SL_SCALAR))
		return;
	if (sl_fn_is(v)) {
		const struct sl_node *k = sl_node_intrinsic(v);
		if (sl_str_eq(k, "Ref") && !sl_str_eq(v->pairs[0].value, "AWS::Region"))
			sl_report(c, v, "Fn::GetAZs takes a region: the only Ref it accepts is "
				  "Ref AWS::Region ('' means the same)");
		return;
	}
	sl_report(c, v ? v : key, "Fn::GetAZs takes a region name ('' for the stack's region), not %s",
		  sl_fn_kind(v));
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::GetAZs", visit);
}

const struct sl_rule rule_E1015 = {
	.id = "E1015",
	.severity = SL_SEV_ERROR,
	.title = "Fn::GetAZs takes a region",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html",
	.doc =
	"### What it checks\n"
	"The argument of `Fn::GetAZs` is a region name, `''` (the stack's region) or "
	"`!Ref AWS::Region`; not null (JSON `null`, or `Fn::GetAZs:` with nothing after it: "
	"CloudFormation rejects null values; `!GetAZs` with nothing after it is `''`), a list, a "
	"mapping or a Ref to anything else. A null inside `Fn::Select` is reported by E1017.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects other arguments; the stack can only see the Availability Zones of "
	"its own region anyway.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  FirstAz:\n"
	"    Value: !Select [0, !GetAZs [us-east-1]]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  FirstAz:\n"
	"    Value: !Select [0, !GetAZs '']\n"
	"```\n",
	.check = check,
};
