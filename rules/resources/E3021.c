/* E3021: properties that need others are set with them (relations between properties, rules/schema.c). */
#include "rules/schema.h"

const struct sl_rule rule_E3021 = {
	.id = "E3021",
	.severity = SL_SEV_ERROR,
	.title = "Properties that need others are set with them",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A property that needs others is set with them, where the resource type's registry "
	"schema says so (`dependencies`): for example an Auto Scaling group's "
	"`InstanceMaintenancePolicy` takes `MinHealthyPercentage` and `MaxHealthyPercentage` "
	"together, and a Keyspaces `ReplicationSpecification` with a `RegionList` needs its "
	"`ReplicationStrategy`.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation validates the properties against the resource type's schema, or the "
	"service rejects the request, when the resource is created, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      InstanceMaintenancePolicy:\n"
	"        MinHealthyPercentage: 90\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      InstanceMaintenancePolicy:\n"
	"        MinHealthyPercentage: 90\n"
	"        MaxHealthyPercentage: 120\n"
	"```\n",
	.check = sl_schema_check_relations,
};
