/* E1051: secretsmanager dynamic references stand in resource properties. */
#include "rules/functions/dynref.h"

static void check(struct sl_ctx *c)
{
	size_t n;
	const struct sl_dynref *refs = sl_dynrefs(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sl_dynref *r = &refs[i];
		if (r->spaced || r->service != SL_DYNREF_SECRETS)
			continue;
		switch (sl_dynref_place(r)) {
		case SL_DYNREF_AT_RES_METADATA:
			sl_dynref_report(c, r, "%s in %s: secretsmanager references are not "
					 "supported in resource Metadata such as AWS::CloudFormation::Init "
					 "(the secret would show in the console); use it in a resource "
					 "property",
					 sl_dynref_show(c, r), sl_dynref_place_name(c, r));
			break;
		case SL_DYNREF_AT_OUTPUT_VALUE:
			sl_dynref_report(c, r, "%s in %s: CloudFormation resolves secretsmanager "
					 "references only in resource properties; an output shows the text "
					 "as written (and an output is no place for a secret)",
					 sl_dynref_show(c, r), sl_dynref_place_name(c, r));
			break;
		case SL_DYNREF_AT_RES_OTHER:
		case SL_DYNREF_AT_PARAM_ALLOWED:
		case SL_DYNREF_AT_PARAM_OTHER:
		case SL_DYNREF_AT_OUTPUT_OTHER:
			sl_dynref_report(c, r, "%s in %s: CloudFormation resolves secretsmanager "
					 "references only in resource properties", sl_dynref_show(c, r),
					 sl_dynref_place_name(c, r));
			break;
		default:
			break;
		}
	}
}

const struct sl_rule rule_E1051 = {
	.id = "E1051",
	.severity = SL_SEV_ERROR,
	.title = "Secrets Manager dynamic references are used only in resource properties",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html",
	.doc =
	"### What it checks\n"
	"A `{{resolve:secretsmanager:...}}` reference stands in a resource's `Properties` "
	"(SAM's `Globals` count: the transform copies them into properties), or in a "
	"parameter's `Default`. Reported: in resource `Metadata` and the other resource "
	"attributes, in outputs, in a parameter's other fields. A `Mappings` value is not "
	"judged (it may reach a property through `Fn::FindInMap`).\n\n"
	"### Why it matters\n"
	"CloudFormation resolves a secret where a resource provider receives it, and nowhere "
	"else: elsewhere the reference stays as text. Secrets Manager's documentation names "
	"resource metadata such as `AWS::CloudFormation::Init` as a place it does not work, "
	"since the secret would show in the console; an output would print the text of the "
	"reference, not the secret.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  DbPassword:\n"
	"    Value: '{{resolve:secretsmanager:MyDbSecret:SecretString:password}}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  DbSecretName:\n"
	"    Value: MyDbSecret\n"
	"```\n",
	.check = check,
};
