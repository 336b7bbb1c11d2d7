/* E1022: Fn::Join is a list of a delimiter string and a list of values. */
#include "rules/functions/fn.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v ? v : key, "Fn::Join takes a list [delimiter, [values...]], not %s",
			  sl_fn_kind(v));
		return;
	}
	if (v->len != 2) {
		sl_report(c, v, "Fn::Join takes exactly 2 items, a delimiter and a list of values; "
			  "this list has %u", v->len);
		return;
	}
	const struct sl_node *d = v->items[0], *l = v->items[1];
	if (!sl_node_is(d, SL_SCALAR) || (sl_scalar_type(d) == SL_TYPE_NULL && d->len))
		sl_report(c, d, "The delimiter of Fn::Join is a literal string ('' for none), not %s",
			  sl_fn_kind(d));
	if (sl_fn_is(l))
		return;
	if (!sl_node_is(l, SL_SEQ)) {
		sl_report(c, l, "The second item of Fn::Join is the list of values to join, not %s",
			  sl_fn_kind(l));
		return;
	}
	for (uint32_t i = 0; i < l->len; i++) {
		const struct sl_node *it = l->items[i];
		if (sl_node_is(it, SL_SEQ) || (sl_node_is(it, SL_MAP) && !sl_fn_is(it)))
			sl_report(c, it, "Fn::Join joins strings: this value is %s", sl_fn_kind(it));
	}
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Join", visit);
}

const struct sl_rule rule_E1022 = {
	.id = "E1022",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Join has a delimiter and a list of values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-join.html",
	.doc =
	"### What it checks\n"
	"`Fn::Join` is a list of exactly two items: a literal delimiter string and either a list "
	"of values (strings or functions) or a function that returns a list.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects any other shape; forgetting the delimiter (`!Join [a, b, c]`) is "
	"the usual slip.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Name:\n"
	"    Value: !Join [!Ref AWS::StackName, '-', queue]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Name:\n"
	"    Value: !Join ['-', [!Ref AWS::StackName, queue]]\n"
	"```\n",
	.check = check,
};
