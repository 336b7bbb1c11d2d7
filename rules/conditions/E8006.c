/* E8006: the condition list of Fn::Or. */
#include "rules/conditions/cond.h"

static void visit(void *ud, enum sl_cond_fn f, const struct sl_node *key,
		  const struct sl_node *value, const struct sl_node *at)
{
	(void)at;
	if (f == SL_COND_OR)
		sl_cond_check_list(ud, key, value, 2, 10);
}

static void check(struct sl_ctx *c)
{
	sl_cond_visit(c->t, visit, c);
}

const struct sl_rule rule_E8006 = {
	.id = "E8006",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Or takes 2 to 10 conditions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html",
	.doc =
	"### What it checks\n"
	"Each `Fn::Or` in the `Conditions` section is a list of 2 to 10 items, each a condition "
	"function (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`).\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template otherwise. More than ten alternatives can be "
	"grouped in nested `Fn::Or`s.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsTest: !Or [!Equals [!Ref Env, dev], test]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsTest: !Or [!Equals [!Ref Env, dev], !Equals [!Ref Env, test]]\n"
	"```\n",
	.check = check,
};
