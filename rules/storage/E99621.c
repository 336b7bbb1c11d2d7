/* E99621: an SQS event source with a batch size over 10 has a batching window of at least 1 s. */
#include "rules/storage/storage.h"

#include <stdio.h>

static void on_source(struct sl_ctx *c, const struct sl_sqs_source *s, void *ud)
{
	(void)ud;
	const struct sl_node *bs = sl_map_get(s->props, "BatchSize");
	long long n, w;
	const struct sl_node *wat;
	if (s->fifo == 1 || !sl_samr_int(bs, &n) || n <= 10 ||
	    !sl_sto_int_prop(s->props, "MaximumBatchingWindowInSeconds", 0, &w, &wat) || w >= 1)
		return; /* a FIFO queue takes no batch over 10 at all: E3705 */
	char win[40];
	if (wat)
		snprintf(win, sizeof(win), "%lld", w);
	else
		snprintf(win, sizeof(win), "not set, so 0");
	sl_report(c, bs, "BatchSize %lld reads more than 10 messages from an SQS queue, which needs "
		  "MaximumBatchingWindowInSeconds of at least 1 (it is %s): Lambda rejects the event source "
		  "mapping. Add MaximumBatchingWindowInSeconds (1 to 300), or set BatchSize to 10 or "
		  "less%s",
		  n, win, s->fifo == -1 ? " (a FIFO queue takes at most 10)" : "");
}

static void check(struct sl_ctx *c)
{
	sl_sqs_each_source(c, on_source, NULL);
}

const struct sl_rule rule_E99621 = {
	.id = "E99621",
	.severity = SL_SEV_ERROR,
	.title = "SQS batches over 10 need a batching window",
	.source = "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::EventSourceMapping` that reads an SQS queue (`!GetAtt Queue.Arn` of a "
	"queue of the template, or a literal SQS ARN), or an `SQS` event of an "
	"`AWS::Serverless::Function`, whose literal `BatchSize` is over 10 has a literal "
	"`MaximumBatchingWindowInSeconds` of at least 1 (the default is 0). Event sources on a "
	"FIFO queue, which takes no batch over 10 at all, are E3705's.\n\n"
	"### Why it matters\n"
	"CreateEventSourceMapping: \"For streams and Amazon SQS event sources, when you set "
	"BatchSize to a value greater than 10, you must set MaximumBatchingWindowInSeconds to at "
	"least 1.\" Lambda rejects the mapping and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"        Jobs:\n"
	"          Type: SQS\n"
	"          Properties:\n"
	"            Queue: !GetAtt Jobs.Arn\n"
	"            BatchSize: 100\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"        Jobs:\n"
	"          Type: SQS\n"
	"          Properties:\n"
	"            Queue: !GetAtt Jobs.Arn\n"
	"            BatchSize: 100\n"
	"            MaximumBatchingWindowInSeconds: 5\n"
	"```\n",
	.check = check,
};
