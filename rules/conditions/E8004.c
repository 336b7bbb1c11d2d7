/* E8004: the condition list of Fn::And. */
#include "rules/conditions/cond.h"

static void visit(void *ud, enum sl_cond_fn f, const struct sl_node *key,
		  const struct sl_node *value, const struct sl_node *at)
{
	(void)at;
	if (f == SL_COND_AND)
		sl_cond_check_list(ud, key, value, 2, 10);
}

static void check(struct sl_ctx *c)
{
	sl_cond_visit(c->t, visit, c);
}

const struct sl_rule rule_E8004 = {
	.id = "E8004",
	.severity = SL_SEV_ERROR,
	.title = "Fn::And takes 2 to 10 conditions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html",
	.doc =
	"### What it checks\n"
	"Each `Fn::And` in the `Conditions` section is a list of 2 to 10 items, each a condition "
	"function (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`).\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template otherwise. A single condition needs no `Fn::And`; "
	"more than ten can be grouped in nested `Fn::And`s.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProdUs: !And [!Equals [!Ref Env, prod]]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProdUs: !And\n"
	"    - !Equals [!Ref Env, prod]\n"
	"    - !Equals [!Ref AWS::Region, us-east-1]\n"
	"```\n",
	.check = check,
};
