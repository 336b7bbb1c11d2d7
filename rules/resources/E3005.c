/* E3005: DependsOn names resources that exist. */
#include "rules/refs.h"

/* True when condition `a` being true makes `b` true: the same name, or `a` is an
 * Fn::And (or a Condition reference) that includes `b`. Anything subtler (two
 * Fn::Equals on the same parameter) is not proven, and the caller stays silent
 * unless `a` is plainly unrelated. Depth-bounded. */
static bool implies(const struct sl_template *t, const struct sl_node *a_def, const char *a_name,
		    const char *b, int depth)
{
	if (a_name && strcmp(a_name, b) == 0)
		return true;
	if (depth > 16 || !a_def)
		return false;
	const struct sl_node *fk = sl_node_intrinsic(a_def);
	if (!fk)
		return false;
	const struct sl_node *arg = a_def->pairs[0].value;
	if (sl_str_eq(fk, "Condition") && sl_node_is(arg, SL_SCALAR)) {
		const struct sl_entity *e = sl_index_find(&t->conditions, arg->str, arg->len);
		return implies(t, e ? e->value : NULL, arg->str, b, depth + 1);
	}
	if (sl_str_eq(fk, "Fn::And") && sl_node_is(arg, SL_SEQ))
		for (size_t i = 0; i < arg->len; i++)
			if (implies(t, arg->items[i], NULL, b, depth + 1))
				return true;
	return false;
}

/* Whether a condition's definition mentions parameters or conditions we cannot
 * reason about beyond names: any Fn::Or or Fn::Not makes implication unprovable
 * either way, so the rule stays silent for it. */
static bool plain(const struct sl_node *n, int depth)
{
	if (!n || depth > 32)
		return true;
	const struct sl_node *fk = sl_node_intrinsic(n);
	if (fk && (sl_str_eq(fk, "Fn::Or") || sl_str_eq(fk, "Fn::Not")))
		return false;
	if (n->kind == SL_SEQ)
		for (size_t i = 0; i < n->len; i++)
			if (!plain(n->items[i], depth + 1))
				return false;
	if (n->kind == SL_MAP)
		for (size_t i = 0; i < n->len; i++)
			if (!plain(n->pairs[i].value, depth + 1))
				return false;
	return true;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_DEPENDSON)
			continue;
		size_t len = strlen(r->name);
		const struct sl_entity *target = sl_index_find(&t->resources, r->name, len);
		if (target && r->from) {
			/* a conditional target from an unconditional resource: when the condition is
			 * false the target does not exist and CloudFormation rejects the template
			 * (a resource with a condition of its own may imply the target's: not judged) */
			const struct sl_node *tc = sl_map_get(target->value, "Condition");
			const struct sl_node *fc = sl_map_get(r->from->value, "Condition");
			if (!sl_node_is(tc, SL_SCALAR) || !sl_index_find(&t->conditions, tc->str, tc->len))
				continue;
			if (!fc) {
				sl_report(c, r->at, "DependsOn '%s', which exists only when condition '%s' is true; "
					  "this resource has no condition, so when it is false the stack fails",
					  r->name, tc->str);
				continue;
			}
			if (!sl_node_is(fc, SL_SCALAR))
				continue;
			const struct sl_entity *fce = sl_index_find(&t->conditions, fc->str, fc->len);
			const struct sl_entity *tce = sl_index_find(&t->conditions, tc->str, tc->len);
			if (!fce || !plain(fce->value, 0) || !plain(tce->value, 0) ||
			    implies(t, fce->value, fc->str, tc->str, 0))
				continue;
			sl_report(c, r->at, "DependsOn '%s', which exists only when condition '%s' is true, but "
				  "this resource's condition '%s' does not imply it: when '%s' is true and '%s' "
				  "false, the stack fails", r->name, tc->str, fc->str, fc->str, tc->str);
			continue;
		}
		if (target || sl_template_implicit(t, r->name, len) ||
		    sl_template_generated(t, SL_SEC_RESOURCES, r->name))
			continue;
		const char *sug = sl_suggest_ids(r->name, len, &t->resources, NULL);
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
	"`Condition` to one with a `Condition` fails when that condition is false.\n\n"
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
