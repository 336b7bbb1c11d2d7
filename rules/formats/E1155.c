/* E1155: Log group names use the characters CloudWatch Logs allows. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1155 = {
	.id = "E1155",
	.severity = SL_SEV_ERROR,
	.title = "Log group names use the characters CloudWatch Logs allows",
	.source = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the name of a CloudWatch Logs log group "
	"(`LogGroupName` of `AWS::Logs::LogGroup`, of a subscription filter, a metric filter, a flow "
	"log, a Lambda function's `LoggingConfig.LogGroup`, ...): 1 to 512 characters of a-z, A-Z, "
	"0-9, `_`, `-`, `/`, `.` and `#`.\n\n"
	"### Why it matters\n"
	"CloudWatch Logs refuses any other name. A common slip is a log group ARN where the name is "
	"wanted: the `:` of an ARN is not allowed in a name.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Errors:\n"
	"    Type: AWS::Logs::MetricFilter\n"
	"    Properties:\n"
	"      LogGroupName: \"arn:aws:logs:us-east-1:123456789012:log-group:/app/web:*\"\n"
	"      FilterPattern: ERROR\n"
	"      MetricTransformations:\n"
	"        - MetricName: Errors\n"
	"          MetricNamespace: App\n"
	"          MetricValue: \"1\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      LogGroupName: /app/web\n"
	"```\n",
	.check = check,
};
