/* W1036: the Availability Zones an Fn::GetAZs gives fit the property (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W1036 = {
	.id = "W1036",
	.severity = SL_SEV_WARNING,
	.title = "The Availability Zones an Fn::GetAZs gives fit the property",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html",
	.doc =
	"### What it checks\n"
	"The names of Availability Zones an `Fn::GetAZs` gives (a Region's name and a letter, "
	"`us-east-1a`) fit the items of the list property they are given to: among the allowed "
	"values, matching the pattern and the format of its items. For the stack's own Region "
	"(`Fn::GetAZs: \"\"` or `!Ref AWS::Region`) the names are made for a Region of each partition, "
	"and the finding needs every one to fail. The finding is at the `Fn::GetAZs`.\n"
	"\n"
	"### Why it matters\n"
	"An Availability Zone's name is not a subnet ID, a VPC ID or an AZ ID: CloudFormation "
	"rejects the list when the stack is deployed.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      VPCZoneIdentifier: !GetAZs \"\"\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      AvailabilityZones: !GetAZs \"\"\n"
	"```\n",
	.check = sl_format_check_resolved,
};
