/* E8007: the Condition function names a condition with a string. */
#include "rules/conditions/cond.h"

static void visit(void *ud, enum sl_cond_fn f, const struct sl_node *key, const struct sl_node *v,
		  const struct sl_node *at)
{
	(void)at;
	struct sl_ctx *c = ud;
	if (f != SL_COND_CONDITION || (v->flags & SL_NODE_ALIAS))
		return;
	if (!sl_node_is(v, SL_SCALAR))
		sl_report(c, v, "%s takes the name of a condition, not %s", key->str, sl_cond_what(v));
	else if (sl_scalar_type(v) != SL_TYPE_STRING || !v->len)
		sl_report(c, v, "%s takes the name of a condition as a string", key->str);
}

static void check(struct sl_ctx *c)
{
	sl_cond_visit(c->t, visit, c);
}

const struct sl_rule rule_E8007 = {
	.id = "E8007",
	.severity = SL_SEV_ERROR,
	.title = "The Condition function names a condition",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-condition",
	.doc =
	"### What it checks\n"
	"Each `Condition` function inside the `Conditions` section takes one non-empty string, the "
	"name of another condition; not a list, a map or a function. (Whether that condition "
	"exists is E8002.)\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template otherwise: a condition is referred to by name only.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"  IsNotProd: !Not [{Condition: [IsProd]}]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"  IsNotProd: !Not [!Condition IsProd]\n"
	"```\n",
	.check = check,
};
