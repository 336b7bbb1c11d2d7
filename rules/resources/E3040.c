/* E3040: no read-only property is set in a template. */
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_READ_ONLY)
		return;
	sl_report(c, h->at, "'%s' is a read-only property of %s: CloudFormation sets it when it creates the "
		  "resource; remove it, and read it with Fn::GetAtt where it is needed", h->at->str,
		  h->resource_type ? h->resource_type : "this resource");
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3040 = {
	.id = "E3040",
	.severity = SL_SEV_ERROR,
	.title = "Read-only properties are not set",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A resource's properties hold none of the properties its registry schema lists as "
	"read-only (`readOnlyProperties`): values the service makes, which CloudFormation returns "
	"through `Fn::GetAtt`, such as a function's or a bucket's `Arn`. E3002 reports other "
	"unknown properties.\n\n"
	"### Why it matters\n"
	"A template cannot set them: CloudFormation rejects the resource's properties, and the "
	"stack rolls back. The value is usually meant to be read, with `Fn::GetAtt`.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      Arn: arn:aws:s3:::logs\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"Outputs:\n"
	"  BucketArn:\n"
	"    Value: !GetAtt Bucket.Arn\n"
	"```\n",
	.check = check,
};
