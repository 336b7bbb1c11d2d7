/* E3017: at least one of a set of property groups is set (relations between properties, rules/schema.c). */
#include "rules/schema.h"

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
	.check = sl_schema_check_relations,
};
