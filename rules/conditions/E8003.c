/* E8003: Fn::Equals compares exactly two values. */
#include "rules/conditions/cond.h"

static void visit(void *ud, enum sl_cond_fn f, const struct sl_node *key, const struct sl_node *v,
		  const struct sl_node *at)
{
	(void)at;
	struct sl_ctx *c = ud;
	if (f != SL_COND_EQUALS || (v->flags & SL_NODE_ALIAS))
		return;
	if (!sl_node_is(v, SL_SEQ)) {
		sl_report(c, v, "%s takes a list of two values, not %s", key->str, sl_cond_what(v));
		return;
	}
	if (v->len != 2)
		sl_report(c, v, "%s has %u value%s: it compares exactly two", key->str,
			  (unsigned)v->len, v->len == 1 ? "" : "s");
	for (size_t i = 0; i < v->len; i++) {
		const struct sl_node *it = v->items[i];
		if (it->flags & SL_NODE_ALIAS)
			continue;
		if (sl_node_is(it, SL_SEQ) || (sl_node_is(it, SL_MAP) && !sl_node_intrinsic(it)))
			sl_report(c, it, "%s compares strings (or functions that return one), not %s",
				  key->str, sl_cond_what(it));
	}
}

static void check(struct sl_ctx *c)
{
	sl_cond_visit(c->t, visit, c);
}

const struct sl_rule rule_E8003 = {
	.id = "E8003",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Equals compares two values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-equals",
	.doc =
	"### What it checks\n"
	"Each `Fn::Equals` in the `Conditions` section is a list of exactly two values, each a "
	"scalar or an intrinsic function (`Ref`, `Fn::FindInMap`, `Fn::Sub`, ...), not a list or a "
	"plain map.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template otherwise. A third value is not compared: use "
	"`Fn::Or` over several `Fn::Equals` to test one value against many.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsLive: !Equals [!Ref Env, prod, stage]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsLive: !Or [!Equals [!Ref Env, prod], !Equals [!Ref Env, stage]]\n"
	"```\n",
	.check = check,
};
