/* E1020: Ref names a parameter, a resource or a pseudo parameter that exists. */
#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_REF || r->pattern)
			continue;
		size_t len = r->name_len;
		if (sl_index_find(&t->params, r->name, len) || r->resource ||
		    sl_pseudo_param(r->name, len) || sl_template_implicit(t, r->name, len) ||
		    sl_template_foreach_id(t, r->name, len) ||
		    sl_template_generated(t, SL_SEC_RESOURCES, r->name))
			continue;
		if (len == 0) {
			sl_report(c, r->at, "Ref is empty: it needs the logical ID of a parameter or resource");
			continue;
		}
		if (len > 5 && memcmp(r->name, "AWS::", 5) == 0) {
			sl_report(c, r->at, "Ref to '%s', which is not a pseudo parameter (they are "
				  "AWS::AccountId, AWS::NotificationARNs, AWS::NoValue, AWS::Partition, "
				  "AWS::Region, AWS::StackId, AWS::StackName and AWS::URLSuffix)", r->name);
			continue;
		}
		const char *sug = sl_suggest_ids(c, r->name, len, &t->params, &t->resources);
		sl_report(c, r->at, "Ref to '%s', which is not a parameter or resource of this template%s",
			  r->name, sl_did_you_mean(c, sug));
	}
}

const struct sl_rule rule_E1020 = {
	.id = "E1020",
	.severity = SL_SEV_ERROR,
	.title = "Ref targets a parameter, resource or pseudo parameter that exists",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ref.html",
	.doc =
	"### What it checks\n"
	"Every `Ref` (and `!Ref`) names a parameter or resource of the template, or one of the pseudo "
	"parameters (`AWS::Region`, `AWS::AccountId`, ...). In SAM templates, the resources SAM "
	"creates for a serverless resource (such as `MyFunctionRole` or `ServerlessRestApi`) count.\n\n"
	"### Why it matters\n"
	"CloudFormation fails the whole template on an unresolved Ref (\"Unresolved resource "
	"dependencies\"), and the usual cause is a typo or a renamed resource.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queu\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"```\n",
	.check = check,
};
