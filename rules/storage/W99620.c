/* W99620: an SQS queue's visibility timeout is at least six times the timeout of the function it feeds. */
#include "rules/storage/storage.h"

static void on_source(struct sl_ctx *c, const struct sl_sqs_source *s, void *ud)
{
	(void)ud;
	struct sl_sqs_timeouts tm;
	if (!sl_sqs_timeouts(&tm, c->t, s))
		return;
	long long to = tm.function, vis = tm.visibility;
	const struct sl_node *vat = tm.visibility_at;
	if (vis < to || vis >= 6 * to)
		return; /* below the timeout itself is E3505's error */
	sl_report(c, vat ? vat : sl_samr_anchor(s->queue),
		  "the queue '%s' has a visibility timeout of %lld s%s, less than six times the timeout "
		  "of the function '%s' it feeds (%lld s): AWS recommends at least %lld s, so that Lambda "
		  "can retry a batch while the function is throttled before its messages become visible "
		  "and are received again. Set VisibilityTimeout to at least %lld",
		  s->queue->key->str, vis, vat ? "" : " (the default)", s->function->key->str, to, 6 * to,
		  6 * to);
}

static void check(struct sl_ctx *c)
{
	sl_sqs_each_source(c, on_source, NULL);
}

const struct sl_rule rule_W99620 = {
	.id = "W99620",
	.severity = SL_SEV_WARNING,
	.title = "An SQS queue's visibility timeout is six times its Lambda function's timeout",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
	.doc =
	"### What it checks\n"
	"For each Lambda event source that reads an `AWS::SQS::Queue` of the template (an "
	"`AWS::Lambda::EventSourceMapping` or a SAM `SQS` event with `!GetAtt Queue.Arn`) and "
	"invokes a function of the template, the queue's `VisibilityTimeout` (30 seconds when "
	"absent) is at least six times the function's `Timeout` (3 seconds when absent; SAM's "
	"`Globals.Function.Timeout` counts). A visibility timeout below the function timeout "
	"itself is E3505's error and is not reported again here. Values from parameters or "
	"other functions are not judged.\n\n"
	"### Why it matters\n"
	"\"To allow your function time to process each batch of records, set the source queue's "
	"visibility timeout to at least six times the configuration timeout on your function. "
	"The extra time allows Lambda to retry if your function is throttled while processing a "
	"previous batch.\" With less, messages of a batch that waits for a retry become visible "
	"again and are received a second time (and count towards the redrive policy's "
	"`maxReceiveCount`).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Jobs:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      VisibilityTimeout: 60\n"
	"  Worker:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Timeout: 30\n"
	"      Events:\n"
	"        Jobs:\n"
	"          Type: SQS\n"
	"          Properties:\n"
	"            Queue: !GetAtt Jobs.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      VisibilityTimeout: 180\n"
	"```\n",
	.check = check,
};
