/* E1158: SNS topic ARNs have the form arn:aws:sns:<region>:<account>:<topic>. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1158 = {
	.id = "E1158",
	.severity = SL_SEV_ERROR,
	.title = "SNS topic ARNs have the form arn:aws:sns:<region>:<account>:<topic>",
	.source = "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the ARN of an SNS topic (`TopicArn` of a "
	"subscription, `Topics` of a topic policy, `NotificationARNs` of a nested stack, `Topic` of "
	"an S3 bucket's topic configuration, `SnsTopicArn` of event subscriptions, a SAM SNS event's "
	"`Topic`, ...): `arn:<partition>:sns:<region>:<account>:` and a topic name of letters, "
	"digits, `_` and `-` (FIFO topics end in `.fifo`).\n\n"
	"### Why it matters\n"
	"A topic name or a mistyped ARN does not name a topic: the resource fails to create. A topic "
	"of the template is referenced with `!Ref Topic`, which gives its ARN.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Alerts:\n"
	"    Type: AWS::SNS::Subscription\n"
	"    Properties:\n"
	"      TopicArn: alerts\n"
	"      Protocol: email\n"
	"      Endpoint: ops@example.com\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      TopicArn: arn:aws:sns:us-east-1:123456789012:alerts\n"
	"```\n",
	.check = check,
};
