/* E8002: conditions used by Fn::If and the Condition function exist. */
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_COND || sl_ref_is_output_condition(r))
			continue; /* an output's Condition is E6005's */
		size_t len = r->name_len;
		if (sl_index_find(&t->conditions, r->name, len) ||
		    sl_template_generated(t, SL_SEC_CONDITIONS, r->name))
			continue;
		const char *sug = sl_suggest_ids(c, r->name, len, &t->conditions, NULL);
		sl_report(c, r->at, "condition '%s' is not defined in the Conditions section%s", r->name,
			  sl_did_you_mean(c, sug));
	}
}

const struct sl_rule rule_E8002 = {
	.id = "E8002",
	.severity = SL_SEV_ERROR,
	.title = "Conditions that are used are defined",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html",
	.doc =
	"### What it checks\n"
	"The condition named by every `Fn::If` and every `Condition` function inside the "
	"`Conditions` section exists in the `Conditions` section. (A resource's `Condition` "
	"attribute is E3015 and an output's is E6005, as in cfn-lint.)\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template that uses an undefined condition.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !If [IsProduction, prod-data, !Ref AWS::NoValue]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !If [IsProd, prod-data, !Ref AWS::NoValue]\n"
	"```\n",
	.check = check,
};
