/* E3058: at least one of a set of properties is set (relations between properties, rules/schema.c). */
#include "rules/schema.h"

const struct sl_rule rule_E3058 = {
	.id = "E3058",
	.severity = SL_SEV_ERROR,
	.title = "At least one of a set of properties is set",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"At least one of several properties must be set, where the resource type's registry "
	"schema says so (an `anyOf` of single required properties) or, where no schema states "
	"it, AWS documentation: a GameLift alias's `RoutingStrategy` needs a `FleetId` or a "
	"`Message` (schema); an EventBridge rule needs an `EventPattern` or a "
	"`ScheduleExpression` (PutRule). A property set through an `Fn::If` that may remove it "
	"is not judged.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation validates the properties against the resource type's schema, or the "
	"service rejects the request, when the resource is created, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      RoutingStrategy:\n"
	"        Type: TERMINAL\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      RoutingStrategy:\n"
	"        Type: TERMINAL\n"
	"        Message: This game is over\n"
	"```\n",
	.check = sl_schema_check_relations,
};
