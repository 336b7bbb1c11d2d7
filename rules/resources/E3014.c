/* E3014: exactly one of a set of properties is set (relations between properties, rules/schema.c). */
#include "rules/schema.h"

const struct sl_rule rule_E3014 = {
	.id = "E3014",
	.severity = SL_SEV_ERROR,
	.title = "Exactly one of a set of properties is set",
	.source = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
	.doc =
	"### What it checks\n"
	"Some properties exclude each other and one of them is required: exactly one must be "
	"set. The sets come from the resource types' registry schemas (a `oneOf` of single "
	"required properties) and, where no schema states them, from AWS documentation: an "
	"alarm watches a metric (`MetricName`) or a math expression (`Metrics`), never both and "
	"never neither (`AWS::CloudWatch::Alarm`, PutMetricAlarm). A property set through an "
	"`Fn::If` that may remove it is not judged.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation validates the properties against the resource type's schema, or the "
	"service rejects the request, when the resource is created, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Alarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 1\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Alarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 1\n"
	"      Namespace: AWS/SQS\n"
	"      MetricName: ApproximateNumberOfMessagesVisible\n"
	"      Statistic: Maximum\n"
	"      Period: 60\n"
	"```\n",
	.check = sl_schema_check_relations,
};
