/*
 * W1001: a Ref, GetAtt or ${Var} to a resource with a Condition, made from a
 * place that may exist when that condition is false. The place stands under
 * its resource's or output's own Condition and the Fn::If branches around it;
 * whether those imply the target's condition is asked of the template's
 * condition analysis (src/analysis/cond.h), shared with the other condition
 * rules. An answer it does not know (a cycle, a malformed or missing
 * condition, its budget spent) means silence.
 */
#include "rules/conditions/cond.h"
#include "rules/functions/fn.h"

/* The condition under which the place of r is evaluated: r->from's Condition
 * (true without one) and, for each Fn::If between r->at and the top of its
 * resource or output, its condition or that condition's negation, by the
 * branch r lies in. SL_CF_UNKNOWN when one of them cannot be told. Linear in
 * the depth of r->at. */
static sl_cform place(struct sl_conds *s, const struct sl_ref *r)
{
	sl_cform f = SL_CF_TRUE;
	const struct sl_node *fc = sl_map_get(r->from->value, "Condition");
	if (fc) {
		if (!sl_node_is(fc, SL_SCALAR))
			return SL_CF_UNKNOWN;
		f = sl_conds_named(s, fc->str, fc->len);
	}
	const struct sl_node *below = NULL, *item = NULL;
	for (const struct sl_node *p = r->at; p && p != r->from->value && f != SL_CF_UNKNOWN;
	     item = below, below = p, p = p->parent) {
		const struct sl_node *k = p->kind == SL_MAP ? sl_node_intrinsic(p) : NULL;
		if (!k || !sl_str_eq(k, "Fn::If"))
			continue;
		const struct sl_node *args = p->pairs[0].value;
		if (below != args || !sl_node_is(args, SL_SEQ) || args->len != 3 ||
		    !sl_node_is(args->items[0], SL_SCALAR))
			return SL_CF_UNKNOWN;
		sl_cform c = sl_conds_named(s, args->items[0]->str, args->items[0]->len);
		if (item == args->items[1])
			f = sl_conds_and(s, f, c);
		else if (item == args->items[2])
			f = sl_conds_and(s, f, sl_conds_not(s, c));
		else
			return SL_CF_UNKNOWN;
	}
	return f;
}

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
		const struct sl_entity *res = r->resource;
		if (!res || res == r->from || !sl_node_is(res->value, SL_MAP))
			continue;
		const struct sl_node *cond = sl_entity_attr(res, SL_ATTR_CONDITION);
		if (!sl_node_is(cond, SL_SCALAR) || sl_node_is_null(cond))
			continue; /* a null Condition is E3001's */
		struct sl_conds *s = sl_cond_model(c);
		sl_cform want = sl_conds_named(s, cond->str, cond->len);
		if (sl_conds_implies(s, place(s, r), want) != SL_TRI_NO)
			continue;
		if (!sl_map_get(r->from->value, "Condition") && !under_if(r->at, r->from->value))
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "'%s' exists only when the condition "
				       "'%s' holds, but this reference is made regardless: guard it with "
				       "Fn::If [%s, ...] or give '%s' the same Condition", r->name,
				       cond->str, cond->str, r->from->key->str);
		else
			sl_report_span(c, r->at, sl_pos(c, r->start), sl_pos(c, r->end), "'%s' exists only when the condition "
				       "'%s' holds, but the conditions this reference is made under do not "
				       "imply it: guard it with Fn::If [%s, ...] or a Condition that implies "
				       "'%s'", r->name, cond->str, cond->str, cond->str);
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
	"made from a place that may exist when that condition is false: a resource or output "
	"whose own `Condition` and enclosing `Fn::If` branches do not imply the target's "
	"condition (none at all, or ones that can hold while it does not). Conditions are compared "
	"by what they mean over the parameters' values; one that cannot be judged (a cycle, a "
	"malformed or missing condition) is left alone.\n\n"
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
