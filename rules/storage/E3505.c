/* E3505: an SQS queue's visibility timeout is at least the timeout of the function it feeds. */
#include "rules/storage/storage.h"

static void on_source(struct sl_ctx *c, const struct sl_sqs_source *s, void *ud)
{
	(void)ud;
	struct sl_sqs_timeouts tm;
	if (!sl_sqs_timeouts(&tm, c->t, s) || tm.visibility >= tm.function)
		return;
	long long to = tm.function, vis = tm.visibility;
	const struct sl_node *tat = tm.function_at, *vat = tm.visibility_at;
	sl_report(c, tat ? tat : vat,
		  "the function '%s' has a timeout of %lld s%s, longer than the visibility timeout of its "
		  "event source queue '%s' (%lld s%s): Lambda refuses to create the event source mapping, "
		  "since a message could become visible again while the function still runs. Set the "
		  "queue's VisibilityTimeout to at least %lld (AWS recommends six times the function "
		  "timeout, %lld), or lower the function's Timeout",
		  s->function->key->str, to, tat ? "" : " (the default)", s->queue->key->str, vis,
		  vat ? "" : ", the default", to, 6 * to);
}

static void check(struct sl_ctx *c)
{
	sl_sqs_each_source(c, on_source, NULL);
}

const struct sl_rule rule_E3505 = {
	.id = "E3505",
	.severity = SL_SEV_ERROR,
	.title = "An SQS queue's visibility timeout is at least its Lambda function's timeout",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
	.doc =
	"### What it checks\n"
	"For each Lambda event source that reads an `AWS::SQS::Queue` of the template (an "
	"`AWS::Lambda::EventSourceMapping` with `EventSourceArn: !GetAtt Queue.Arn`, or an "
	"`SQS` event of an `AWS::Serverless::Function` with `Queue: !GetAtt Queue.Arn`) and "
	"invokes a function of the template, the queue's `VisibilityTimeout` (30 seconds when "
	"absent) is at least the function's `Timeout` (3 seconds when absent; SAM's "
	"`Globals.Function.Timeout` counts). Values from parameters or other functions are not "
	"judged. The finding is at the function's timeout, or at the queue's visibility timeout "
	"when the function uses the default.\n\n"
	"### Why it matters\n"
	"\"Your function's timeout must be less than or equal to the queue's visibility timeout. "
	"Lambda validates this requirement when you create or update an event source mapping and "
	"will return an error if the function timeout exceeds the queue's visibility timeout.\" "
	"The stack fails to create the mapping and rolls back. AWS recommends a visibility "
	"timeout of at least six times the function timeout (W99620).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Jobs:\n"
	"    Type: AWS::SQS::Queue\n"
	"  Worker:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Timeout: 120\n"
	"      Events:\n"
	"        Jobs:\n"
	"          Type: SQS\n"
	"          Properties:\n"
	"            Queue: !GetAtt Jobs.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Jobs:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      VisibilityTimeout: 720\n"
	"```\n",
	.check = check,
};
