/* E8005: the condition list of Fn::Not. */
#include "rules/conditions/cond.h"

static void visit(void *ud, enum sl_cond_fn f, const struct sl_node *key,
		  const struct sl_node *value, const struct sl_node *at)
{
	(void)at;
	if (f == SL_COND_NOT)
		sl_cond_check_list(ud, key, value, 1, 1);
}

static void check(struct sl_ctx *c)
{
	sl_cond_visit(c->t, visit, c);
}

const struct sl_rule rule_E8005 = {
	.id = "E8005",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Not takes exactly one condition",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html",
	.doc =
	"### What it checks\n"
	"Each `Fn::Not` in the `Conditions` section is a list of exactly one condition function "
	"(`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`).\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template otherwise; the list form is required even for the "
	"one condition.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsNotProd: !Not [!Equals [!Ref Env, prod], !Equals [!Ref Env, stage]]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsNotProd: !Not [!Or [!Equals [!Ref Env, prod], !Equals [!Ref Env, stage]]]\n"
	"```\n",
	.check = check,
};
