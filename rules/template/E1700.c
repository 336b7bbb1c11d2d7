/* E1700: each entry of the Rules section is a RuleCondition and a list of Assertions. */
#include "rules/template/rulesec.h"

/* True when a map is one intrinsic function call (Fn::Transform of an
 * AWS::Include, say): its content is not known here. */
static bool is_fn(const struct sl_node *m)
{
	return m->len == 1 && m->pairs[0].key->len > 4 && memcmp(m->pairs[0].key->str, "Fn::", 4) == 0;
}

static void check_assertion(struct sl_ctx *c, const char *rule, const struct sl_node *a)
{
	if (!sl_node_is(a, SL_MAP)) {
		sl_report(c, a, "rule '%s': each item of Assertions is a mapping with Assert and an "
			  "optional AssertDescription", rule);
		return;
	}
	if (is_fn(a))
		return;
	for (uint32_t i = 0; i < a->len; i++) {
		const struct sl_node *k = a->pairs[i].key, *v = a->pairs[i].value;
		/* other keys are left alone: a deployed AWS sample carries one
		 * (a misspelt AssetDescription) and CloudFormation accepts it */
		if (sl_str_eq(k, "AssertDescription") && (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v)))
			sl_report(c, v, "rule '%s': AssertDescription is a string (the message shown "
				  "when the assertion fails)", rule);
	}
	if (!sl_map_get(a, "Assert"))
		sl_report(c, a, "rule '%s': this assertion has no Assert; add the condition that must "
			  "hold (Assert: !Equals [...])", rule);
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *rs = sl_section(c->t, SL_SEC_RULES);
	if (!sl_node_is(rs, SL_MAP) || c->t->macro_global || is_fn(rs))
		return; /* E1001 reports a Rules section that is not a mapping */
	for (uint32_t i = 0; i < rs->len; i++) {
		const struct sl_node *k = rs->pairs[i].key, *r = rs->pairs[i].value;
		const char *name = k->str;
		if (!sl_node_is(r, SL_MAP)) {
			sl_report(c, r ? r : k, "rule '%s' is not a mapping; a rule has Assertions and an "
				  "optional RuleCondition", name);
			continue;
		}
		if (is_fn(r))
			continue;
		const struct sl_node *as = sl_map_get(r, "Assertions");
		if (!as) {
			sl_report(c, k, "rule '%s' has no Assertions; add a list of {Assert, "
				  "AssertDescription}", name);
			continue;
		}
		if (!sl_node_is(as, SL_SEQ)) {
			if (!(sl_node_is(as, SL_MAP) && is_fn(as)))
				sl_report(c, as, "rule '%s': Assertions is a list of {Assert, "
					  "AssertDescription} mappings", name);
			continue;
		}
		for (uint32_t j = 0; j < as->len; j++)
			check_assertion(c, name, as->items[j]);
	}
}

const struct sl_rule rule_E1700 = {
	.id = "E1700",
	.severity = SL_SEV_ERROR,
	.title = "Rules section entries are well formed",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each entry of the `Rules` section is a mapping with a required `Assertions` list and an "
	"optional `RuleCondition`; each assertion is a mapping with a required `Assert` and an "
	"optional string `AssertDescription`. Other keys are not reported. E1701 and E1702 check "
	"the functions inside `Assert` and `RuleCondition`; E1001 checks that `Rules` is a "
	"mapping.\n\n"
	"### Why it matters\n"
	"CloudFormation validates the Rules section when the stack is created or updated and "
	"rejects a rule it cannot read, so a misspelt `Assertion` or a missing `Assert` stops "
	"every deployment of the template.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Rules:\n"
	"  ProdInstanceType:\n"
	"    RuleCondition: !Equals [!Ref Environment, prod]\n"
	"    Assertion:\n"
	"      - AssertDescription: Production uses m5.large\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Rules:\n"
	"  ProdInstanceType:\n"
	"    RuleCondition: !Equals [!Ref Environment, prod]\n"
	"    Assertions:\n"
	"      - Assert: !Equals [!Ref InstanceType, m5.large]\n"
	"        AssertDescription: Production uses m5.large\n"
	"```\n",
	.check = check,
};
