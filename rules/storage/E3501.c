/* E3501: an SQS queue's properties fit its type: a FIFO queue's literal name
 * ends in .fifo, and a standard queue sets no FIFO-only property. */
#include "rules/sam/samrules.h"

/* 1 when FifoQueue surely makes a FIFO queue, 0 when surely a standard one
 * (false, or absent: the default), -1 when not known (a function, a branch). */
static int fifo(const struct sl_node *props)
{
	const struct sl_node *f = sl_map_get(props, "FifoQueue");
	if (!f)
		return 0;
	if (!sl_node_is(f, SL_SCALAR))
		return -1;
	if (sl_str_eq(f, "true") || sl_str_eq(f, "True"))
		return 1;
	if (sl_str_eq(f, "false") || sl_str_eq(f, "False"))
		return 0;
	return -1;
}

static void queue(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	static const char *const only_fifo[] = { "ContentBasedDeduplication", "DeduplicationScope",
						 "FifoThroughputLimit" };
	(void)ud;
	int f = fifo(props);
	if (f == 1) {
		const struct sl_node *name = sl_map_get(props, "QueueName");
		if (sl_node_is(name, SL_SCALAR) && !sl_node_is_null(name) &&
		    !(name->len >= 5 && memcmp(name->str + name->len - 5, ".fifo", 5) == 0))
			sl_report(c, name, "QueueName '%s' of FIFO queue '%s' does not end in '.fifo': "
				  "SQS requires the name of a FIFO queue to end with that suffix; name "
				  "it '%s.fifo'", name->str, e->key->str, name->str);
	} else if (f == 0) {
		for (size_t i = 0; i < 3; i++) {
			const struct sl_pair *p = sl_map_get_pair(props, only_fifo[i]);
			if (!p || sl_node_is_null(p->value) || !sl_samr_item_certain(p->value))
				continue;
			sl_report(c, p->key, "%s is set on '%s', a standard queue (FifoQueue is %s): "
				  "it applies only to FIFO queues, and SQS rejects it on a standard "
				  "queue; remove it, or set FifoQueue: true (and a QueueName ending in "
				  ".fifo)", only_fifo[i], e->key->str,
				  sl_map_get(props, "FifoQueue") ? "false" : "not set");
		}
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::SQS::Queue", queue, NULL);
}

const struct sl_rule rule_E3501 = {
	.id = "E3501",
	.severity = SL_SEV_ERROR,
	.title = "SQS queue properties fit the queue type",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-resource-sqs-queue.html",
	.doc =
	"### What it checks\n"
	"For an `AWS::SQS::Queue` with `FifoQueue: true`, a literal `QueueName` ends in "
	"`.fifo`. For a standard queue (`FifoQueue` false or not set), none of the FIFO-only "
	"properties `ContentBasedDeduplication`, `DeduplicationScope` and `FifoThroughputLimit` "
	"is set. A `FifoQueue` given by a parameter or an `Fn::If` is not judged.\n\n"
	"### Why it matters\n"
	"Without `FifoQueue: true` SQS creates a standard queue, and the queue type cannot be "
	"changed afterwards. The deduplication and throughput settings exist only for FIFO "
	"queues, and a FIFO queue's name must end in `.fifo`; SQS refuses the queue otherwise, "
	"and the stack rolls back. A FIFO setting on a standard queue usually means "
	"`FifoQueue: true` was forgotten.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Orders:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      QueueName: orders\n"
	"      ContentBasedDeduplication: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Orders:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      QueueName: orders.fifo\n"
	"      FifoQueue: true\n"
	"      ContentBasedDeduplication: true\n"
	"```\n",
	.check = check,
};
