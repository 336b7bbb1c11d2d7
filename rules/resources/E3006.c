/* E3006: resource types exist. */
#include <stdlib.h>

#include "rules/schema.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const char **names = NULL;
	uint32_t n = 0;
	if (t->macro_global)
		return; /* a macro may provide its own types (AWS::S3::Object of the S3Objects macro) */
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_node *ty = t->resources.items[i].type;
		if (!ty || t->resources.items[i].module)
			continue;
		if (sl_spec_resource(c->spec, ty->str, ty->len) != SL_SPEC_NONE)
			continue;
		char why[400]; /* a type an override spec (--override-spec) does not allow */
		if (sl_spec_type_removed(c->spec, ty->str, ty->len, why, sizeof why)) {
			sl_report(c, ty, "resource type '%s' is not allowed here: %s; use a type the override spec "
				  "allows, or change the spec", ty->str, why);
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
			for (uint32_t k = 0; k < n; k++)
				names[k] = sl_spec_resource_name(c->spec, k);
		}
		const char *sug = sl_suggest(ty->str, ty->len, names, n);
		if (sug)
			sl_report(c, ty, "unknown resource type '%s' (did you mean '%s'?)", ty->str, sug);
		else
			sl_report(c, ty, "unknown resource type '%s'", ty->str);
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
