/*
 * E3005: DependsOn names resources that exist, and exist whenever the
 * resource that names them does. Whether one condition implies another is
 * asked of the template's condition analysis (src/analysis/cond.h), built
 * once per template and shared with the other condition rules, so each
 * DependsOn costs a lookup and one memoised question, never a walk of the
 * Conditions section. An answer the analysis does not know (a cycle, a
 * malformed condition, its budget spent) means silence.
 */
#include "rules/conditions/cond.h"
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_DEPENDSON)
			continue;
		size_t len = r->name_len;
		const struct sl_entity *target = r->resource;
		if (target && r->from) {
			/* a conditional target: it must exist whenever this resource does, so
			 * this resource's condition (true, without one) must imply the
			 * target's; reported only when the analysis shows a deployment where
			 * it does not */
			const struct sl_node *tc = sl_map_get(target->value, "Condition");
			const struct sl_node *fc = sl_map_get(r->from->value, "Condition");
			if (!sl_node_is(tc, SL_SCALAR) || !sl_index_find(&t->conditions, tc->str, tc->len))
				continue;
			if (fc && (!sl_node_is(fc, SL_SCALAR) || !sl_index_find(&t->conditions, fc->str, fc->len)))
				continue;
			struct sl_conds *s = sl_cond_model(c);
			sl_cform tf = sl_conds_named(s, tc->str, tc->len);
			sl_cform ff = fc ? sl_conds_named(s, fc->str, fc->len) : SL_CF_TRUE;
			if (sl_conds_implies(s, ff, tf) != SL_TRI_NO)
				continue;
			if (!fc)
				sl_report(c, r->at, "DependsOn '%s', which exists only when condition '%s' is true; "
					  "this resource has no condition, so when it is false the stack fails",
					  r->name, tc->str);
			else
				sl_report(c, r->at, "DependsOn '%s', which exists only when condition '%s' is true, but "
					  "this resource's condition '%s' does not imply it: when '%s' is true and '%s' "
					  "false, the stack fails", r->name, tc->str, fc->str, fc->str, tc->str);
			continue;
		}
		if (target || sl_template_implicit(t, r->name, len) ||
		    sl_template_generated(t, SL_SEC_RESOURCES, r->name))
			continue;
		const char *sug = sl_suggest_ids(c, r->name, len, &t->resources, NULL);
		sl_report(c, r->at, "DependsOn names '%s', which is not a resource of this template%s",
			  r->name, sl_did_you_mean(c, sug));
	}
}

const struct sl_rule rule_E3005 = {
	.id = "E3005",
	.severity = SL_SEV_ERROR,
	.title = "DependsOn names resources that exist",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html",
	.doc =
	"### What it checks\n"
	"Each name in a resource's `DependsOn` (a string or a list) is a resource of the template, "
	"and one that exists whenever the resource does: a DependsOn from a resource without a "
	"`Condition` to one with a `Condition` fails when that condition is false, and so does one "
	"from a resource whose condition does not imply the target's. Conditions are compared by "
	"what they mean over the parameters' values (`Fn::And [A, B]` implies `Fn::And [B, A]`, and "
	"`Equals [Env, prod]` implies `Fn::Or [Equals [Env, prod], ...]`); a condition that cannot "
	"be judged (a cycle, a malformed definition) is left alone.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a DependsOn to a resource that does not exist, and a stale DependsOn "
	"left after a rename hides the ordering the author meant.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Table:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    DependsOn: KeyPolicy\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Key:\n"
	"    Type: AWS::KMS::Key\n"
	"  Table:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    DependsOn: Key\n"
	"```\n",
	.check = check,
};
