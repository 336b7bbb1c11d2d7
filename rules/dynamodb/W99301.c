/* W99301: a DynamoDB or Kinesis stream consumer with unlimited retries and no on-failure destination. */
#include "rules/dynamodb/dynamodb.h"

enum limit { UNLIMITED, LIMITED, UNKNOWN };

struct acc {
	int seen; /* bit 0: unlimited, bit 1: limited, bit 2: not known */
};

static void note(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)c;
	struct acc *a = ud;
	long long n;
	if (!sl_samr_int(v, &n))
		a->seen |= 4;
	else
		a->seen |= n == -1 ? 1 : 2;
}

/* Whether a MaximumRetryAttempts / MaximumRecordAgeInSeconds value leaves
 * retries unlimited: absent or -1 (every branch of an Fn::If, where
 * AWS::NoValue counts as absent). */
static enum limit limit_of(struct sl_ctx *c, const struct sl_node *v)
{
	if (!v)
		return UNLIMITED;
	struct acc a = { 0 };
	sl_samr_each_value(v, note, c, &a);
	return a.seen == 0 || a.seen == 1 ? UNLIMITED : a.seen == 2 ? LIMITED : UNKNOWN;
}

/* 1 when DestinationConfig names an on-failure destination, 0 when surely
 * not, -1 when it cannot be known (a function). */
static int on_failure(const struct sl_node *dc)
{
	if (!dc || sl_samr_is_novalue(dc) || sl_node_is_null(dc))
		return 0;
	if (!sl_node_is(dc, SL_MAP) || sl_node_intrinsic(dc))
		return -1;
	const struct sl_node *of = sl_map_get(dc, "OnFailure");
	if (!of || sl_samr_is_novalue(of) || sl_node_is_null(of))
		return 0;
	return 1;
}

static void consumer(struct sl_ctx *c, const struct sl_ddb_consumer *k, void *ud)
{
	(void)ud;
	if (k->kind == SL_DDB_STREAM_UNKNOWN || on_failure(sl_map_get(k->props, "DestinationConfig")))
		return;
	if (limit_of(c, sl_map_get(k->props, "MaximumRetryAttempts")) != UNLIMITED ||
	    limit_of(c, sl_map_get(k->props, "MaximumRecordAgeInSeconds")) != UNLIMITED)
		return;
	bool ddb = k->kind == SL_DDB_STREAM_DYNAMODB;
	sl_report(c, k->anchor, "%s reads a %s stream with no on-failure destination, and "
		  "MaximumRetryAttempts and MaximumRecordAgeInSeconds are unlimited (-1, the default): "
		  "a record the function keeps failing on blocks its shard until the record expires "
		  "(after %s), and then it is dropped with no trace. Limit MaximumRetryAttempts or "
		  "MaximumRecordAgeInSeconds and add DestinationConfig.OnFailure (an SQS queue or SNS "
		  "topic)", sl_ddb_consumer_name(c, k), ddb ? "DynamoDB" : "Kinesis",
		  ddb ? "24 hours on a DynamoDB stream" : "the stream's retention period, 24 hours by default");
}

static void check(struct sl_ctx *c)
{
	sl_ddb_each_consumer(c, consumer, NULL);
}

const struct sl_rule rule_W99301 = {
	.id = "W99301",
	.severity = SL_SEV_WARNING,
	.title = "Stream consumers bound their retries and keep failed records",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html",
	.doc =
	"### What it checks\n"
	"A consumer of a DynamoDB or Kinesis stream has an on-failure destination "
	"(`DestinationConfig.OnFailure`) or a limit on its retries. Consumers are "
	"`AWS::Lambda::EventSourceMapping` resources whose `EventSourceArn` is a table's "
	"`StreamArn`, a Kinesis stream's `Arn` or a stream consumer's `ConsumerARN` (by "
	"`Fn::GetAtt` on a resource of the template, or a literal or `Fn::Sub` ARN), and the "
	"`DynamoDB` and `Kinesis` events of `AWS::Serverless::Function`. The rule warns when "
	"there is no on-failure destination while both `MaximumRetryAttempts` and "
	"`MaximumRecordAgeInSeconds` are unlimited: absent or -1. Values that are not literal (a "
	"parameter) are not judged; sources that cannot be told apart (an imported ARN) are not "
	"checked.\n\n"
	"### Why it matters\n"
	"Lambda reads each shard in order. When the function fails on a batch, the event source "
	"mapping retries it and holds back the rest of the shard until the batch succeeds or its "
	"records expire: with the defaults a single bad record blocks its shard for up to a day "
	"on a DynamoDB stream (records live 24 hours), or for the whole retention period of a "
	"Kinesis stream, and then the records are discarded without a trace. Bounding the "
	"retries (and `BisectBatchOnFunctionError`) lets the shard move on; an on-failure "
	"destination keeps a record of what was skipped.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      FunctionName: !Ref Processor\n"
	"      EventSourceArn: !GetAtt Orders.StreamArn\n"
	"      StartingPosition: LATEST\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      FunctionName: !Ref Processor\n"
	"      EventSourceArn: !GetAtt Orders.StreamArn\n"
	"      StartingPosition: LATEST\n"
	"      MaximumRetryAttempts: 3\n"
	"      BisectBatchOnFunctionError: true\n"
	"      DestinationConfig:\n"
	"        OnFailure:\n"
	"          Destination: !GetAtt FailedRecords.Arn\n"
	"```\n",
	.check = check,
};
