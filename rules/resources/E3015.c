/* E3015: a resource's Condition names a condition that exists. */
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_RES_COND)
			continue;
		size_t len = r->name_len;
		if (sl_index_find(&t->conditions, r->name, len) ||
		    sl_template_generated(t, SL_SEC_CONDITIONS, r->name))
			continue;
		const char *sug = sl_suggest_ids(c, r->name, len, &t->conditions, NULL);
		sl_report(c, r->at, "the resource's Condition '%s' is not defined in the Conditions section%s",
			  r->name, sl_did_you_mean(c, sug));
	}
}

const struct sl_rule rule_E3015 = {
	.id = "E3015",
	.severity = SL_SEV_ERROR,
	.title = "A resource's Condition is defined",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html",
	.doc =
	"### What it checks\n"
	"The `Condition` attribute of each resource names a condition of the `Conditions` section.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template (\"Unresolved dependencies\") when a resource's "
	"condition does not exist.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Alarm:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Condition: IsProduction\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Alarm:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Condition: IsProd\n"
	"```\n",
	.check = check,
};
