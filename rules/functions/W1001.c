/*
 * W1001: a Ref, GetAtt or ${Var} to a resource with a Condition, made from a
 * place that is not conditional at all. Places under some condition (their own
 * Condition, an enclosing Fn::If) are not judged: telling whether one condition
 * implies another needs a solver this rule does not have.
 */
#include "rules/functions/fn.h"

/* True when n, up to the top of its resource or output, is inside some Fn::If branch. */
static bool under_if(const struct sl_node *n, const struct sl_node *top)
{
	for (const struct sl_node *p = n; p && p != top; p = p->parent) {
		if (p->kind != SL_MAP)
			continue;
		const struct sl_node *k = sl_node_intrinsic(p);
		if (k && sl_str_eq(k, "Fn::If"))
			return true;
	}
	return false;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_REF && r->kind != SL_REF_GETATT && r->kind != SL_REF_SUB)
			continue;
		if (!r->from || r->pattern ||
		    (r->section != SL_SEC_RESOURCES && r->section != SL_SEC_OUTPUTS))
			continue;
		const struct sl_entity *res = sl_index_find(&t->resources, r->name, strlen(r->name));
		if (!res || res == r->from || !sl_node_is(res->value, SL_MAP))
			continue;
		const struct sl_node *cond = sl_map_get(res->value, "Condition");
		if (!sl_node_is(cond, SL_SCALAR) || sl_node_is_null(cond))
			continue; /* a null Condition is E3001's */
		if (sl_map_get(r->from->value, "Condition") || under_if(r->at, r->from->value))
			continue;
		sl_report_span(c, r->at, r->start, r->end, "'%s' exists only when the condition '%s' "
			       "holds, but this reference is made regardless: guard it with "
			       "Fn::If [%s, ...] or give '%s' the same Condition", r->name, cond->str,
			       cond->str, r->from->key->str);
	}
}

const struct sl_rule rule_W1001 = {
	.id = "W1001",
	.severity = SL_SEV_WARNING,
	.title = "References to a conditional resource are conditional too",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html",
	.doc =
	"### What it checks\n"
	"A `Ref`, `Fn::GetAtt` or `${Var}` in `Fn::Sub` that names a resource with a `Condition`, "
	"made from a resource or output that has no `Condition` of its own and is not inside a "
	"`Fn::If`. References made under some condition are not judged.\n\n"
	"### Why it matters\n"
	"When the condition is false the resource does not exist, and CloudFormation fails the "
	"stack with an unresolved reference, often only in the environment where the condition "
	"is false.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Alarms:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Condition: IsProd\n"
	"Outputs:\n"
	"  AlarmTopic:\n"
	"    Value: !Ref Alarms\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Alarms:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Condition: IsProd\n"
	"Outputs:\n"
	"  AlarmTopic:\n"
	"    Condition: IsProd\n"
	"    Value: !Ref Alarms\n"
	"```\n",
	.check = check,
};
