/* E1052: ssm dynamic references stand where CloudFormation resolves them. */
#include "rules/functions/dynref.h"

static void check(struct sl_ctx *c)
{
	size_t n;
	const struct sl_dynref *refs = sl_dynrefs(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sl_dynref *r = &refs[i];
		if (r->spaced || r->service != SL_DYNREF_SSM)
			continue;
		enum sl_dynref_place p = sl_dynref_place(r);
		if (p != SL_DYNREF_AT_RES_OTHER && p != SL_DYNREF_AT_PARAM_OTHER &&
		    p != SL_DYNREF_AT_OUTPUT_OTHER)
			continue;
		sl_dynref_report(c, r, "%s in %s: CloudFormation resolves ssm references only in "
				 "resource properties and Metadata, a parameter's Default and "
				 "AllowedValues, and an output's Value; it is not resolved here",
				 sl_dynref_show(c, r), sl_dynref_place_name(c, r));
	}
}

const struct sl_rule rule_E1052 = {
	.id = "E1052",
	.severity = SL_SEV_ERROR,
	.title = "SSM dynamic references are used where CloudFormation resolves them",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm.html",
	.doc =
	"### What it checks\n"
	"A `{{resolve:ssm:...}}` reference stands in a resource's `Properties` or `Metadata` "
	"(SAM's `Globals` count as properties), in a parameter's `Default` or "
	"`AllowedValues`, or in an output's `Value`. Reported: in a resource's other "
	"attributes (`Type`, `Condition`, `DependsOn`, `UpdatePolicy`, ...), a parameter's "
	"other fields (`Type`, `MinLength`, ...) and an output's `Export` or `Condition`. "
	"Descriptions are free text and are not read; a `Mappings` value is not judged (it may "
	"reach a property through `Fn::FindInMap`).\n\n"
	"### Why it matters\n"
	"CloudFormation fetches a Parameter Store value where it resolves the template's "
	"values for a resource, a parameter or an output; elsewhere the reference is taken "
	"as the literal text, so an export would be named `{{resolve:ssm:...}}`.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  VpcId:\n"
	"    Value: !Ref Vpc\n"
	"    Export:\n"
	"      Name: '{{resolve:ssm:/network/export-name}}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  VpcId:\n"
	"    Value: !Ref Vpc\n"
	"    Export:\n"
	"      Name: !Sub '${AWS::StackName}-VpcId'\n"
	"```\n",
	.check = check,
};
