/* E3003: required properties are present, at every level. */
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_MISSING_PROP)
		return;
	const char *shape = sl_spec_shape_name(c->spec, h->shape);
	sl_report(c, h->at, "required property '%s' of %s is missing", sl_spec_str(c->spec, h->prop->name),
		  shape ? shape : h->resource_type);
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3003 = {
	.id = "E3003",
	.severity = SL_SEV_ERROR,
	.title = "Required properties are present",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
	.doc =
	"### What it checks\n"
	"Every property the resource specification marks as required is present: on the resource "
	"and inside nested property types, in lists and maps too. The finding points at the key whose "
	"value lacks the property (`Properties`, or the nested key), or at the resource when it has no "
	"`Properties` at all. For SAM resources, a property set in the matching `Globals` section "
	"counts.\n\n"
	"### Why it matters\n"
	"CloudFormation fails the resource (\"Property X cannot be empty\" / \"required key not "
	"found\") and rolls the stack back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      CidrBlock: 10.0.0.0/24\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.0.0.0/24\n"
	"```\n",
	.check = check,
};
