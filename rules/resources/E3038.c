/* E3038: serverless resources need the SAM transform (a Globals section without it is E3724). */
#include "rules/refs.h"

#define SAM_TRANSFORM "AWS::Serverless-2016-10-31"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->sam)
		return;
	/* each distinct type once (t->type_runs), then the resources of a SAM one */
	for (size_t r = 0; r < t->n_types; r++) {
		const struct sl_node *ty = sl_template_run_type(t, r);
		if (ty->len <= 17 || memcmp(ty->str, "AWS::Serverless::", 17) != 0)
			continue;
		for (uint32_t k = t->type_runs[r]; k < t->type_runs[r + 1]; k++) {
			ty = t->resources.items[t->by_type[k]].type;
			sl_report(c, ty, "'%s' is a SAM type and needs 'Transform: " SAM_TRANSFORM "' at the "
				  "top of the template; without it CloudFormation does not know the type", ty->str);
		}
	}
}

const struct sl_rule rule_E3038 = {
	.id = "E3038",
	.severity = SL_SEV_ERROR,
	.title = "Serverless resources need the SAM transform",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy.html",
	.doc =
	"### What it checks\n"
	"A template that declares `AWS::Serverless::*` resources also declares "
	"`Transform: AWS::Serverless-2016-10-31` (alone or in a list of transforms). A `Globals` "
	"section without the transform is E3724's.\n\n"
	"### Why it matters\n"
	"Only the SAM transform turns serverless resources into CloudFormation ones; without it the "
	"stack fails with \"Unrecognized resource types\".\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"```\n",
	.check = check,
};
