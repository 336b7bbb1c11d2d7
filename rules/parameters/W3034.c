/* W3034: the values a parameter allows are in the range of the number properties it feeds (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W3034 = {
	.id = "W3034",
	.severity = SL_SEV_WARNING,
	.title = "The values a parameter allows are in the range of the properties it feeds",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Where a `Ref` gives a parameter to a number property with a range (a minimum, a maximum), "
	"each of the parameter's `AllowedValues` other than its `Default` (the Default is W1030's) "
	"must be in the range; a `Number` parameter without `AllowedValues` must not declare a "
	"`MinValue` below the property's minimum or a `MaxValue` above its maximum. A parameter "
	"under a condition that reads it is not judged. The finding is at the allowed value or the "
	"bound, naming the `Ref`.\n"
	"\n"
	"### Why it matters\n"
	"The parameter accepts a value the property rejects: a stack deployed with it fails, after "
	"other resources may already have been created.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Retention:\n"
	"    Type: Number\n"
	"    Default: 345600\n"
	"    MinValue: 1\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      MessageRetentionPeriod: !Ref Retention\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Retention:\n"
	"    Type: Number\n"
	"    Default: 345600\n"
	"    MinValue: 60\n"
	"    MaxValue: 1209600\n"
	"```\n",
	.check = sl_format_check_resolved,
};
