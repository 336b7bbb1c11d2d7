/* E6005: output conditions exist. */
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (!sl_ref_is_output_condition(r) || r->pattern)
			continue;
		size_t len = r->name_len;
		if (sl_index_find(&t->conditions, r->name, len) ||
		    sl_template_generated(t, SL_SEC_CONDITIONS, r->name))
			continue;
		const char *sug = sl_suggest_ids(c, r->name, len, &t->conditions, NULL);
		sl_report(c, r->at, "output '%s' has the Condition '%s', which is not a condition of "
			  "this template%s", r->from->key->str, r->name, sl_did_you_mean(c, sug));
	}
}

const struct sl_rule rule_E6005 = {
	.id = "E6005",
	.severity = SL_SEV_ERROR,
	.title = "Output conditions exist",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"The `Condition` of each output names a condition declared in the Conditions section.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects a template whose output names a condition that does not exist, often one renamed or removed since.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Condition: IsProduction\n"
	"    Value: !Ref Queue\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Condition: IsProd\n"
	"    Value: !Ref Queue\n"
	"```\n",
	.check = check,
};
