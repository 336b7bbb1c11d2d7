/* E8001: each entry of the Conditions section is one condition function. */
#include "rules/conditions/cond.h"

/* True when map n has more than one key and one of them names a condition function. */
static bool several_fns(const struct sl_node *n)
{
	static const char *const fns[] = { "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition" };
	if (!sl_node_is(n, SL_MAP) || n->len < 2)
		return false;
	for (size_t i = 0; i < n->len; i++)
		for (size_t k = 0; k < sizeof(fns) / sizeof(fns[0]); k++)
			if (sl_str_eq(n->pairs[i].key, fns[k]))
				return true;
	return false;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const struct sl_node *sec = sl_section(t, SL_SEC_CONDITIONS);
	if (sec && !(sec->flags & SL_NODE_ALIAS) && !sl_node_is(sec, SL_MAP)) {
		if (sl_scalar_type(sec) == SL_TYPE_NULL)
			return; /* an empty section is E1001's, as in cfn-lint */
		sl_report(c, sec, "the Conditions section must be a map of condition names to "
			  "conditions, not %s", sl_cond_what(sec));
		return;
	}
	for (size_t i = 0; i < t->conditions.n; i++) {
		const struct sl_entity *e = &t->conditions.items[i];
		const struct sl_node *v = e->value;
		if (sl_foreach_key(e->key) ||
		    (v->flags & SL_NODE_ALIAS) || sl_cond_fn(v) != SL_COND_NONE)
			continue;
		if (several_fns(v))
			sl_report(c, v, "condition '%s' must be one condition function: combine "
				  "several with Fn::And or Fn::Or", e->key->str);
		else
			sl_report(c, v, "condition '%s' must be a condition function (Fn::Equals, "
				  "Fn::And, Fn::Or, Fn::Not or Condition), not %s", e->key->str,
				  sl_cond_what(v));
	}
}

const struct sl_rule rule_E8001 = {
	.id = "E8001",
	.severity = SL_SEV_ERROR,
	.title = "Conditions are condition functions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html",
	.doc =
	"### What it checks\n"
	"The `Conditions` section is a map, and each condition in it is a single condition "
	"function: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`. Not a string, a "
	"list, another intrinsic function (`Fn::If`, `Ref`), or a map of several functions. "
	"(The shape of each function's arguments is E8003–E8007.)\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template otherwise. A common slip is writing `true` or a "
	"parameter reference where a condition is expected.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Ref IsProdParam\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref IsProdParam, 'true']\n"
	"```\n",
	.check = check,
};
