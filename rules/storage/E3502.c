/* E3502: an SQS queue's dead-letter queue is of the same type as the queue.
 *
 * The Amazon SQS developer guide (configuring a dead-letter queue): the queue
 * type must match the source queue type; a FIFO queue can only use a FIFO
 * dead-letter queue, a standard queue only a standard one. An AWS::SQS::Queue
 * whose RedrivePolicy (a mapping) has a deadLetterTargetArn of Fn::GetAtt
 * <Queue>.Arn on another AWS::SQS::Queue of the template is reported when one
 * is FIFO (FifoQueue true) and the other standard (FifoQueue false or absent),
 * at the source queue's FifoQueue, else at the deadLetterTargetArn. FifoQueue
 * values written with functions are not judged. */
#include "engine/engine.h"

/* 1 for a FIFO queue, 0 for a standard one, -1 when unknown; props is the
 * queue's Properties (NULL when it has none). */
static int fifo_of(const struct sl_node *props)
{
	if (!props) /* no Properties: a standard queue */
		return 0;
	if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
		return -1;
	const struct sl_pair *p = sl_map_get_pair(props, "FifoQueue");
	if (!p)
		return 0;
	if (!sl_node_is(p->value, SL_SCALAR))
		return -1;
	int b = sl_scalar_bool(p->value);
	if (b < 0) /* "true" / "false" as strings */
		b = sl_str_eq(p->value, "true") ? 1 : sl_str_eq(p->value, "false") ? 0 : -1;
	return b;
}

/* The queue resource `Fn::GetAtt Queue.Arn` names, or NULL. */
static const struct sl_entity *target_queue(struct sl_ctx *c, const struct sl_node *v)
{
	const struct sl_node *k = sl_node_intrinsic(v);
	if (!k || !sl_str_eq(k, "Fn::GetAtt"))
		return NULL;
	const struct sl_node *a = v->pairs[0].value;
	const char *name;
	size_t len;
	if (sl_node_is(a, SL_SEQ) && a->len == 2 && sl_node_is(a->items[0], SL_SCALAR) &&
	    sl_str_eq(a->items[1], "Arn")) {
		name = a->items[0]->str;
		len = a->items[0]->len;
	} else if (sl_node_is(a, SL_SCALAR) && a->len > 4 &&
		   memcmp(a->str + a->len - 4, ".Arn", 4) == 0) {
		name = a->str;
		len = a->len - 4;
	} else {
		return NULL;
	}
	const struct sl_entity *e = sl_index_find(&c->t->resources, name, len);
	return e && sl_str_eq(e->type, "AWS::SQS::Queue") ? e : NULL;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::SQS::Queue", strlen("AWS::SQS::Queue"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		const struct sl_node *rp = sl_map_get(props, "RedrivePolicy");
		if (!sl_node_is(rp, SL_MAP) || sl_node_intrinsic(rp))
			continue;
		const struct sl_node *arn = sl_map_get(rp, "deadLetterTargetArn");
		const struct sl_entity *dlq = target_queue(c, arn);
		if (!dlq || dlq == e)
			continue;
		int src = fifo_of(props);
		int dst = fifo_of(sl_map_get(dlq->value, "Properties"));
		if (src < 0 || dst < 0 || src == dst)
			continue;
		const struct sl_node *at = sl_map_get(props, "FifoQueue");
		sl_report(c, at ? at : arn, "Queue %s is a %s queue but its dead-letter queue %s is a "
			  "%s queue: SQS requires the dead-letter queue to be of the same type as the "
			  "source queue; point deadLetterTargetArn at a %s queue", e->key->str,
			  src ? "FIFO" : "standard", dlq->key->str, dst ? "FIFO" : "standard",
			  src ? "FIFO" : "standard");
	}
}

const struct sl_rule rule_E3502 = {
	.id = "E3502",
	.severity = SL_SEV_ERROR,
	.title = "SQS dead-letter queues are of the same type as their source queue",
	.source = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue.html",
	.doc =
	"### What it checks\n"
	"An `AWS::SQS::Queue` whose `RedrivePolicy` `deadLetterTargetArn` is "
	"`Fn::GetAtt <Queue>.Arn` of another queue of the template: both are FIFO queues "
	"(`FifoQueue: true`) or both standard queues (`FifoQueue` false or absent). `FifoQueue` "
	"values written with functions are not judged.\n"
	"\n"
	"### Why it matters\n"
	"SQS requires a dead-letter queue of the same type as its source queue: a FIFO queue can "
	"only use a FIFO dead-letter queue, a standard queue a standard one. Another pairing is "
	"rejected and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Orders:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      FifoQueue: true\n"
	"      RedrivePolicy:\n"
	"        deadLetterTargetArn: !GetAtt OrdersDlq.Arn\n"
	"        maxReceiveCount: 3\n"
	"  OrdersDlq:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  OrdersDlq:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      FifoQueue: true\n"
	"```\n",
	.check = check,
};
