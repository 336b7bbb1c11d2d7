/* E3018: exactly one of a set of property groups is set (relations between properties, rules/schema.c). */
#include "rules/schema.h"

const struct sl_rule rule_E3018 = {
	.id = "E3018",
	.severity = SL_SEV_ERROR,
	.title = "Exactly one of a set of property groups is set",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"Exactly one of several groups of properties (properties set together) must be set in "
	"full, where the resource type's registry schema says so (a `oneOf` of required sets): "
	"for example an instance's launch template is named by `LaunchTemplateName` with "
	"`Version`, or by `LaunchTemplateId` with `Version`, not both. A property set through "
	"an `Fn::If` that may remove it is not judged.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation validates the properties against the resource type's schema, or the "
	"service rejects the request, when the resource is created, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      LaunchTemplate:\n"
	"        LaunchTemplateName: web\n"
	"        LaunchTemplateId: lt-0123456789abcdef0\n"
	"        Version: \"1\"\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      LaunchTemplate:\n"
	"        LaunchTemplateId: lt-0123456789abcdef0\n"
	"        Version: \"1\"\n"
	"```\n",
	.check = sl_schema_check_relations,
};
