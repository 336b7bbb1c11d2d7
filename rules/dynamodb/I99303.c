/* I99303: MaximumRecordAgeInSeconds beyond 24 hours on a DynamoDB stream has no effect. */
#include "rules/dynamodb/dynamodb.h"

static void value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct sl_ddb_consumer *k = ud;
	long long n;
	if (sl_samr_int(v, &n) && n > SL_DDB_STREAM_RETENTION_S)
		sl_report(c, v, "MaximumRecordAgeInSeconds of %s is %lld (%.1f hours), but a DynamoDB "
			  "stream keeps its records 24 hours (%d seconds): they expire before they reach "
			  "this age, so the setting does nothing. Use at most %d, or -1",
			  sl_ddb_consumer_name(c, k), n, (double)n / 3600.0, SL_DDB_STREAM_RETENTION_S,
			  SL_DDB_STREAM_RETENTION_S);
}

static void consumer(struct sl_ctx *c, const struct sl_ddb_consumer *k, void *ud)
{
	(void)ud;
	const struct sl_node *age = sl_map_get(k->props, "MaximumRecordAgeInSeconds");
	if (age && k->kind == SL_DDB_STREAM_DYNAMODB)
		sl_samr_each_value(age, value, c, (void *)k);
}

static void check(struct sl_ctx *c)
{
	sl_ddb_each_consumer(c, consumer, NULL);
}

const struct sl_rule rule_I99303 = {
	.id = "I99303",
	.severity = SL_SEV_INFO,
	.title = "A record age beyond 24 hours has no effect on DynamoDB streams",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html",
	.doc =
	"### What it checks\n"
	"`MaximumRecordAgeInSeconds` of a consumer of a DynamoDB stream (an "
	"`AWS::Lambda::EventSourceMapping` whose `EventSourceArn` is a table's `StreamArn` or a "
	"DynamoDB stream ARN, or a SAM `DynamoDB` event) is at most 86400 (24 hours). Each "
	"literal branch of an `Fn::If` is judged.\n\n"
	"### Why it matters\n"
	"DynamoDB Streams keeps a record for 24 hours, and the event source mapping cannot "
	"retry a record that is gone: a larger maximum age is never reached and only suggests "
	"that failed records wait longer than they do. Kinesis streams keep records for their "
	"retention period, so the setting matters there.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      EventSourceArn: !GetAtt Orders.StreamArn\n"
	"      StartingPosition: TRIM_HORIZON\n"
	"      MaximumRecordAgeInSeconds: 604800\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      EventSourceArn: !GetAtt Orders.StreamArn\n"
	"      StartingPosition: TRIM_HORIZON\n"
	"      MaximumRecordAgeInSeconds: 3600\n"
	"```\n",
	.check = check,
};
