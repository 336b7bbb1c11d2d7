/* E1010: Fn::GetAtt names a resource of the template (attributes wait for the spec). */
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_GETATT)
			continue;
		size_t len = strlen(r->name);
		if (sl_index_find(&t->resources, r->name, len) || sl_template_implicit(t, r->name, len) ||
		    sl_template_generated(t, SL_SEC_RESOURCES, r->name))
			continue;
		if (sl_index_find(&t->params, r->name, len)) {
			sl_report(c, r->at, "GetAtt to '%s', which is a parameter: GetAtt reads attributes of "
				  "resources (use Ref for a parameter's value)", r->name);
			continue;
		}
		const char *sug = sl_suggest_ids(r->name, len, &t->resources, NULL);
		sl_report(c, r->at, "GetAtt to '%s', which is not a resource of this template%s", r->name,
			  sl_did_you_mean(c, sug));
	}
}

const struct sl_rule rule_E1010 = {
	.id = "E1010",
	.severity = SL_SEV_ERROR,
	.title = "GetAtt targets a resource that exists",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html",
	.doc =
	"### What it checks\n"
	"Every `Fn::GetAtt` (`!GetAtt Resource.Attribute` or the list form) names a resource of the "
	"template. Whether the attribute exists for the resource type is checked once the resource "
	"specification is available.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template whose GetAtt names an unknown resource; a GetAtt to a "
	"parameter is a common slip for Ref.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"Outputs:\n"
	"  QueueArn:\n"
	"    Value: !GetAtt MyQueue.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"Outputs:\n"
	"  QueueArn:\n"
	"    Value: !GetAtt Queue.Arn\n"
	"```\n",
	.check = check,
};
