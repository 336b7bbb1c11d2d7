/* E3005: DependsOn names resources that exist. */
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_DEPENDSON)
			continue;
		size_t len = strlen(r->name);
		if (sl_index_find(&t->resources, r->name, len) || sl_template_implicit(t, r->name, len) ||
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
	"Each name in a resource's `DependsOn` (a string or a list) is a resource of the template.\n\n"
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
