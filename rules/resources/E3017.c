/* E3017: at least one of a set of property groups is set (relations between properties, rules/schema.c). */
#include <string.h>

#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event == SL_SCHEMA_RELATION && strcmp(sl_schema_relation_rule(c, h), "E3017") == 0)
		sl_report(c, h->at, "%s", sl_schema_relation_message(c, h));
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3017 = {
	.id = "E3017",
	.severity = SL_SEV_ERROR,
	.title = "At least one of a set of property groups is set",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"At least one of several groups of properties (properties set together) must be set in "
	"full, where the resource type's registry schema says so (an `anyOf` of required sets, "
	"for example an S3 on Outposts lifecycle rule: `Status` with one of "
	"`AbortIncompleteMultipartUpload`, `ExpirationDate` or `ExpirationInDays`). A property "
	"set through an `Fn::If` that may remove it is not judged.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation validates the properties against the resource type's schema, or the "
	"service rejects the request, when the resource is created, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      LifecycleConfiguration:\n"
	"        Rules:\n"
	"          - Status: Enabled\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      LifecycleConfiguration:\n"
	"        Rules:\n"
	"          - Status: Enabled\n"
	"            ExpirationInDays: 30\n"
	"```\n",
	.check = check,
};
