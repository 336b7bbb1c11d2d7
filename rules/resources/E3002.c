/* E3002: properties the resource specification does not know, at every level
 * (but in the SAM structures the transform reads leniently: W99050's). */
#include <string.h>

#include "rules/sam/samrules.h"
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_UNKNOWN_PROP)
		return;
	const struct sl_node *k = h->at;
	if (h->shape == SL_SPEC_NONE) {
		sl_report(c, k, "unknown key '%s' in a tag: a tag has only Key and Value", k->str);
		return;
	}
	const char *shape = sl_spec_shape_name(c->spec, h->shape);
	if (shape && sl_samr_lenient_shape(shape))
		return; /* W99050 */
	sl_report(c, k, "unknown property '%s' of %s%s", k->str, shape ? shape : h->resource_type,
		  sl_schema_suggest(c, h->shape, k->str, k->len));
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3002 = {
	.id = "E3002",
	.severity = SL_SEV_ERROR,
	.title = "Properties are known to the resource type",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
	.doc =
	"### What it checks\n"
	"Every key under a resource's `Properties`, and under its nested property types (in lists "
	"and maps too), is a property the resource specification knows for that type. A close "
	"match is suggested. Keys that `Fn::ForEach` generates are not judged.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects an unknown property (\"Encountered unsupported property\") when the "
	"stack is created or updated, often minutes into a deployment; a misspelt optional property "
	"is otherwise a setting silently not applied.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      VisibilityTimeOut: 60\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      VisibilityTimeout: 60\n"
	"```\n",
	.check = check,
};

