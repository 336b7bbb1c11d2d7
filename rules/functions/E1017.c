/* E1017: Fn::Select is a list of an index and a list, the index within it. */
#include "rules/functions/fn.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v ? v : key, "Fn::Select takes a list [index, list of values], not %s",
			  sl_fn_kind(v));
		return;
	}
	if (v->len != 2) {
		sl_report(c, v, "Fn::Select takes exactly 2 items, an index and a list; this list has %u",
			  v->len);
		return;
	}
	const struct sl_node *ix = v->items[0], *l = v->items[1];
	long idx = -1;
	bool lit = false;
	if (!sl_fn_is(ix)) {
		if (!sl_fn_int(ix, &idx)) {
			if (sl_node_is(ix, SL_SCALAR))
				sl_report(c, ix, "The index of Fn::Select is a whole number from 0, not '%s'",
					  ix->str);
			else
				sl_report(c, ix, "The index of Fn::Select is a whole number from 0, not %s",
					  sl_fn_kind(ix));
			return;
		}
		if (idx < 0) {
			sl_report(c, ix, "The index of Fn::Select counts from 0; %ld is negative", idx);
			return;
		}
		lit = true;
	}
	if (sl_fn_is(l)) {
		/* [i, {"Fn::GetAZs": null}]: the null is reported here, as cfn-lint does */
		const struct sl_node *k = sl_node_intrinsic(l);
		if (sl_str_eq(k, "Fn::GetAZs") && sl_fn_is_null(l->pairs[0].value))
			sl_report(c, l->pairs[0].value, "the Fn::GetAZs in this Fn::Select is null: "
				  "CloudFormation rejects null values in a template; write '' for the "
				  "stack's region");
		return;
	}
	if (!sl_node_is(l, SL_SEQ)) {
		sl_report(c, l, "The second item of Fn::Select is a list of values, not %s", sl_fn_kind(l));
		return;
	}
	if (lit && l->len == 0)
		sl_report(c, ix, "Fn::Select index %ld is out of range: the list is empty", idx);
	else if (lit && (unsigned long)idx >= l->len)
		sl_report(c, ix, "Fn::Select index %ld is out of range: the list has %u item%s "
			  "(indexes 0 to %u)", idx, l->len, l->len == 1 ? "" : "s", l->len - 1);
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Select", visit);
}

const struct sl_rule rule_E1017 = {
	.id = "E1017",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Select has an index within its list",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-select.html",
	.doc =
	"### What it checks\n"
	"`Fn::Select` is a list of exactly two items: an index (a whole number from 0, or a "
	"function returning one) and a list (or a function returning one). When both are "
	"literal, the index is within the list. A `Fn::GetAZs` that gives the list is not null "
	"(`{\"Fn::GetAZs\": null}`): CloudFormation rejects null values.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template when the index is past the end of the list.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Third:\n"
	"    Value: !Select [2, [a, b]]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Second:\n"
	"    Value: !Select [1, [a, b]]\n"
	"```\n",
	.check = check,
};
