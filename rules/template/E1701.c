/* E1701: a rule's Assert uses only the rule-specific intrinsic functions. */
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
		const struct sl_node *as = sl_map_get(r, "Assertions");
		if (!sl_node_is(as, SL_SEQ))
			continue;
		for (uint32_t j = 0; j < as->len; j++)
			if (sl_node_is(as->items[j], SL_MAP))
				sl_rule_fn_walk(c, sl_map_get(as->items[j], "Assert"),
						rs->pairs[i].key->str, "Assert", 0);
	}
}

const struct sl_rule rule_E1701 = {
	.id = "E1701",
	.severity = SL_SEV_ERROR,
	.title = "Assert uses only rule-specific intrinsic functions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html",
	.doc =
	"### What it checks\n"
	"Inside each `Assert` of the `Rules` section, every intrinsic function is one of the "
	"rule-specific functions: `Fn::And`, `Fn::Contains`, `Fn::EachMemberEquals`, "
	"`Fn::EachMemberIn`, `Fn::Equals`, `Fn::If`, `Fn::Not`, `Fn::Or`, `Fn::RefAll`, "
	"`Fn::ValueOf`, `Fn::ValueOfAll` (and `Ref` to a parameter). The finding is on the "
	"function that is not one of them.\n\n"
	"### Why it matters\n"
	"Rules are evaluated against parameter values before any resource exists, so functions "
	"such as `Fn::GetAtt`, `Fn::Sub` or `Fn::ImportValue` have nothing to work on there, and "
	"CloudFormation rejects the template.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Rules:\n"
	"  SubnetsInVpc:\n"
	"    Assertions:\n"
	"      - Assert: !Equals [!Sub '${Environment}', prod]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Rules:\n"
	"  SubnetsInVpc:\n"
	"    Assertions:\n"
	"      - Assert: !EachMemberEquals [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], !Ref VpcId]\n"
	"        AssertDescription: All subnets must be in the VPC\n"
	"```\n",
	.check = check,
};
