/* E1018: Fn::Split is a list of a delimiter string and a source string. */
#include "rules/functions/fn.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v ? v : key, "Fn::Split takes a list [delimiter, source string], not %s",
			  sl_fn_kind(v));
		return;
	}
	if (v->len != 2) {
		sl_report(c, v, "Fn::Split takes exactly 2 items, a delimiter and a source string; "
			  "this list has %u", v->len);
		return;
	}
	const struct sl_node *d = v->items[0], *s = v->items[1];
	if (!sl_fn_is_string(d))
		sl_report(c, d, "The delimiter of Fn::Split is a literal string, not %s", sl_fn_kind(d));
	else if (d->len == 0)
		sl_report(c, d, "The delimiter of Fn::Split is empty: it needs at least one character");
	if (!sl_fn_is_string(s) && !sl_fn_is(s))
		sl_report(c, s, "Fn::Split splits a string (or a function returning one), not %s",
			  sl_fn_kind(s));
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Split", visit);
}

const struct sl_rule rule_E1018 = {
	.id = "E1018",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Split has a delimiter and a source string",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-split.html",
	.doc =
	"### What it checks\n"
	"`Fn::Split` is a list of exactly two items: a non-empty literal delimiter and the string "
	"to split (or a function that returns one).\n\n"
	"### Why it matters\n"
	"CloudFormation rejects any other shape, and a list passed as the source (the output of "
	"another Split, say) does not split.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  First:\n"
	"    Value: !Select [0, !Split [',', [a, b]]]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  First:\n"
	"    Value: !Select [0, !Split [',', 'a,b']]\n"
	"```\n",
	.check = check,
};
