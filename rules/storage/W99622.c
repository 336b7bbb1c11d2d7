/* W99622: a queue Lambda reads moves messages to its dead-letter queue after at least 5 receives. */
#include "rules/storage/storage.h"

#include <stdlib.h>
#include <string.h>

struct seen {
	bool *queue; /* by resource index: reported (or judged) already */
};

/* maxReceiveCount in a redrive policy written as a JSON string: 1 with *out
 * when it is a literal number, 0 when it cannot be read. */
static int count_in_text(const struct sl_node *s, long long *out)
{
	static const char key[] = "maxReceiveCount";
	const char *p = s->len >= sizeof(key) ? strstr(s->str, key) : NULL;
	if (!p)
		return 0;
	p += sizeof(key) - 1;
	if (*p == '"')
		p++;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p++ != ':')
		return 0;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	bool quoted = *p == '"';
	p += quoted;
	if (*p < '0' || *p > '9')
		return 0;
	long long v = 0;
	int digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 12; p++, digits++)
		v = v * 10 + (*p - '0');
	if ((*p >= '0' && *p <= '9') || (quoted && *p != '"'))
		return 0;
	*out = v;
	return 1;
}

static void on_source(struct sl_ctx *c, const struct sl_sqs_source *s, void *ud)
{
	struct seen *seen = ud;
	if (!s->queue)
		return;
	size_t qi = (size_t)(s->queue - c->t->resources.items);
	if (seen->queue[qi])
		return;
	seen->queue[qi] = true;
	const struct sl_node *rp = sl_map_get(sl_samr_props(s->queue), "RedrivePolicy");
	const struct sl_node *at = NULL;
	long long n;
	const struct sl_node *k = sl_node_intrinsic(rp);
	if (sl_node_is(rp, SL_MAP) && !k) {
		at = sl_map_get(rp, "maxReceiveCount");
		if (!sl_samr_int(at, &n))
			return;
	} else {
		const struct sl_node *txt = NULL;
		if (!k && sl_samr_is_string(rp))
			txt = rp;
		else if (sl_str_eq(k, "Fn::Sub")) {
			const struct sl_node *v = rp->pairs[0].value;
			txt = sl_node_is(v, SL_SEQ) && v->len >= 1 ? v->items[0] : v;
		}
		if (!sl_node_is(txt, SL_SCALAR) || !count_in_text(txt, &n))
			return;
		at = txt;
	}
	if (n >= 5)
		return;
	sl_report(c, at, "maxReceiveCount %lld on the queue '%s', which Lambda reads: AWS recommends at "
		  "least 5 for a Lambda source queue, so that messages of a batch that failed while the "
		  "function was throttled are retried before they move to the dead-letter queue. Set "
		  "maxReceiveCount to 5 or more", n, s->queue->key->str);
}

static void check(struct sl_ctx *c)
{
	struct seen seen = {calloc(c->t->resources.n + 1, sizeof(bool))};
	if (!seen.queue) {
		c->oom = true;
		return;
	}
	sl_sqs_each_source(c, on_source, &seen);
	free(seen.queue);
}

const struct sl_rule rule_W99622 = {
	.id = "W99622",
	.severity = SL_SEV_WARNING,
	.title = "A Lambda source queue redrives after at least 5 receives",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/sqs-retries.html",
	.doc =
	"### What it checks\n"
	"An `AWS::SQS::Queue` of the template that a Lambda event source reads (an "
	"`AWS::Lambda::EventSourceMapping` or a SAM `SQS` event with `!GetAtt Queue.Arn`) and "
	"that has a `RedrivePolicy` (as a map, or as a JSON string, `Fn::Sub` included) has a "
	"literal `maxReceiveCount` of at least 5.\n\n"
	"### Why it matters\n"
	"AWS recommends to \"set the maxReceiveCount on the source queue's redrive policy to at "
	"least 5. This improves the chances of messages being processed before reaching the "
	"DLQ.\" When Lambda is throttled, the messages of a batch it already received return to "
	"the queue; each such receive counts, so a low count moves messages that never failed in "
	"the function to the dead-letter queue.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Jobs:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      VisibilityTimeout: 180\n"
	"      RedrivePolicy:\n"
	"        deadLetterTargetArn: !GetAtt JobsDlq.Arn\n"
	"        maxReceiveCount: 1\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      RedrivePolicy:\n"
	"        deadLetterTargetArn: !GetAtt JobsDlq.Arn\n"
	"        maxReceiveCount: 5\n"
	"```\n",
	.check = check,
};
