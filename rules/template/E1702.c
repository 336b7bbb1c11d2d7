/* E1702: a rule's RuleCondition uses only the rule-specific intrinsic functions. */
#include "rules/template/rulesec.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *rs = sl_section(c->t, SL_SEC_RULES);
	if (!sl_node_is(rs, SL_MAP) || c->t->macro_global)
		return;
	for (uint32_t i = 0; i < rs->len; i++) {
		const struct sl_node *r = rs->pairs[i].value;
		if (!sl_node_is(r, SL_MAP))
			continue; /* E1700 */
		sl_rule_fn_walk(c, sl_map_get(r, "RuleCondition"), rs->pairs[i].key->str,
				"RuleCondition", 0);
	}
}

const struct sl_rule rule_E1702 = {
	.id = "E1702",
	.severity = SL_SEV_ERROR,
	.title = "RuleCondition uses only rule-specific intrinsic functions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html",
	.doc =
	"### What it checks\n"
	"Inside each rule's `RuleCondition`, every intrinsic function is one of the rule-specific "
	"functions: `Fn::And`, `Fn::Contains`, `Fn::EachMemberEquals`, `Fn::EachMemberIn`, "
	"`Fn::Equals`, `Fn::If`, `Fn::Not`, `Fn::Or`, `Fn::RefAll`, `Fn::ValueOf`, "
	"`Fn::ValueOfAll` (and `Ref` to a parameter). The finding is on the function that is not "
	"one of them.\n\n"
	"### Why it matters\n"
	"A rule condition is evaluated against parameter values before any resource exists; "
	"functions such as `Fn::GetAtt`, `Fn::Join` or `Fn::FindInMap` are not available there, "
	"and CloudFormation rejects the template.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Rules:\n"
	"  ProdOnly:\n"
	"    RuleCondition: !Equals [!Join ['', [!Ref Environment]], prod]\n"
	"    Assertions:\n"
	"      - Assert: !Contains [[m5.large], !Ref InstanceType]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Rules:\n"
	"  ProdOnly:\n"
	"    RuleCondition: !Equals [!Ref Environment, prod]\n"
	"    Assertions:\n"
	"      - Assert: !Contains [[m5.large], !Ref InstanceType]\n"
	"```\n",
	.check = check,
};
