/* E3020: properties that exclude each other are not set together (relations between properties, rules/schema.c). */
#include "rules/schema.h"

const struct sl_rule rule_E3020 = {
	.id = "E3020",
	.severity = SL_SEV_ERROR,
	.title = "Properties that exclude each other are not set together",
	.source = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
	.doc =
	"### What it checks\n"
	"A property that excludes others is not set with them, where AWS documentation says so: "
	"an alarm on a math expression (`Metrics`) takes no `Namespace`, `Dimensions`, "
	"`Period`, `Unit`, `Statistic` or `ExtendedStatistic`, and `Statistic` and "
	"`ExtendedStatistic` exclude each other (PutMetricAlarm); a read replica "
	"(`SourceDBInstanceIdentifier`) takes no `MasterUsername`, `MasterUserPassword`, "
	"`StorageEncrypted` or the other properties it inherits (the `AWS::RDS::DBInstance` "
	"reference). Each excluded property is reported where it is set.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation validates the properties against the resource type's schema, or the "
	"service rejects the request, when the resource is created, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      MetricName: Latency\n"
	"      Namespace: AWS/ApiGateway\n"
	"      Statistic: Average\n"
	"      ExtendedStatistic: p99\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      MetricName: Latency\n"
	"      Namespace: AWS/ApiGateway\n"
	"      ExtendedStatistic: p99\n"
	"```\n",
	.check = sl_schema_check_relations,
};
