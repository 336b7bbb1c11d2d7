/* E3006: resource types exist. */
#include <stdlib.h>

#include "rules/schema.h"

enum verdict { REMOVED, SUGGEST, UNKNOWN };

/* Reports each resource of the type run k (but module resources) at its Type;
 * extra is the override spec's reason (REMOVED) or the suggestion (SUGGEST). */
static void report_run(struct sl_ctx *c, size_t k, enum verdict v, const char *extra)
{
	const struct sl_template *t = c->t;
	for (size_t i = t->type_runs[k]; i < t->type_runs[k + 1]; i++) {
		const struct sl_entity *e = &t->resources.items[t->by_type[i]];
		if (e->module)
			continue;
		const char *ty = e->type->str;
		if (v == REMOVED)
			sl_report(c, e->type, "resource type '%s' is not allowed here: %s; use a type the "
				  "override spec allows, or change the spec", ty, extra);
		else if (v == SUGGEST)
			sl_report(c, e->type, "unknown resource type '%s' (did you mean '%s'?)", ty, extra);
		else
			sl_report(c, e->type, "unknown resource type '%s'", ty);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const char **names = NULL;
	uint32_t n = 0;
	if (t->macro_global)
		return; /* a macro may provide its own types (AWS::S3::Object of the S3Objects macro) */
	for (size_t k = 0; k < t->n_types; k++) { /* each Type judged once */
		const struct sl_node *ty = sl_template_run_type(t, k);
		if (sl_spec_resource(c->spec, ty->str, ty->len) != SL_SPEC_NONE)
			continue;
		char why[400]; /* a type an override spec (--override-spec) does not allow */
		if (sl_spec_type_removed(c->spec, ty->str, ty->len, why, sizeof why)) {
			report_run(c, k, REMOVED, why);
			continue;
		}
		if (sl_schema_unchecked_type(ty->str, ty->len))
			continue;
		if (!names) {
			n = sl_spec_nresources(c->spec);
			names = malloc(n * sizeof(*names));
			if (!names) {
				c->oom = true;
				return;
			}
			for (uint32_t j = 0; j < n; j++)
				names[j] = sl_spec_resource_name(c->spec, j);
		}
		const char *sug = sl_suggest(ty->str, ty->len, names, n);
		report_run(c, k, sug ? SUGGEST : UNKNOWN, sug);
	}
	free(names);
}

const struct sl_rule rule_E3006 = {
	.id = "E3006",
	.severity = SL_SEV_ERROR,
	.title = "Resource types exist",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
	.doc =
	"### What it checks\n"
	"Each `AWS::` and `Alexa::` resource type is one the resource specification knows (SAM's "
	"`AWS::Serverless::` types included); a close match is suggested. Custom resources "
	"(`Custom::*`, `AWS::CloudFormation::CustomResource`), modules (`::MODULE`) and third-party "
	"registry types are not judged (those of `--registry-schemas` are known like AWS's). A type "
	"an override spec (`--override-spec`) does not allow, because its `IncludeResourceTypes` do "
	"not match it or its `ExcludeResourceTypes` do, is reported whatever it is, `Custom::*` and "
	"modules excepted, as in cfn-lint.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template (\"Unrecognized resource types\") before creating "
	"anything; a typo in a type is otherwise found only at deploy time.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Topic:\n"
	"    Type: AWS::SNS::Topics\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Topic:\n"
	"    Type: AWS::SNS::Topic\n"
	"```\n",
	.check = check,
};
