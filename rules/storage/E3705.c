/* E3705: an event source on a FIFO queue takes batches of at most 10 messages. */
#include "rules/storage/storage.h"

static void on_source(struct sl_ctx *c, const struct sl_sqs_source *s, void *ud)
{
	(void)ud;
	const struct sl_node *bs = sl_map_get(s->props, "BatchSize");
	long long n;
	if (s->fifo != 1 || !sl_samr_int(bs, &n) || n <= 10)
		return;
	sl_report(c, bs, "BatchSize %lld is more than 10, the largest batch Lambda takes from a FIFO "
		  "queue%s%s%s: the event source mapping is rejected. Set BatchSize to 10 or less",
		  n, s->queue ? " ('" : "", s->queue ? s->queue->key->str : "", s->queue ? "')" : "");
}

static void check(struct sl_ctx *c)
{
	sl_sqs_each_source(c, on_source, NULL);
}

const struct sl_rule rule_E3705 = {
	.id = "E3705",
	.severity = SL_SEV_ERROR,
	.title = "Event sources on FIFO queues take batches of at most 10",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html",
	.doc =
	"### What it checks\n"
	"The literal `BatchSize` of an `AWS::Lambda::EventSourceMapping`, or of an `SQS` event of "
	"an `AWS::Serverless::Function`, that reads a FIFO queue is at most 10. The queue is FIFO "
	"when it is an `AWS::SQS::Queue` of the template with `FifoQueue: true`, or when a literal "
	"queue ARN ends in `.fifo`.\n\n"
	"### Why it matters\n"
	"Lambda's SQS parameters: \"For standard queues, the maximum is 10,000. For FIFO queues, "
	"the maximum is 10.\" A larger batch size is rejected when the mapping is created, and the "
	"stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Orders:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      FifoQueue: true\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      EventSourceArn: !GetAtt Orders.Arn\n"
	"      FunctionName: !Ref Processor\n"
	"      BatchSize: 50\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      BatchSize: 10\n"
	"```\n",
	.check = check,
};
