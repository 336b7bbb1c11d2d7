/* E99309: a Kinesis stream keeps its records at most 8760 hours (the 24-hour minimum is E3034's). */
#include "rules/dynamodb/dynamodb.h"

#define MAX_RETENTION_H 8760

static void value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct sl_entity *e = ud;
	long long n;
	if (sl_samr_int(v, &n) && n > MAX_RETENTION_H)
		sl_report(c, v, "RetentionPeriodHours of stream '%s' is %lld, but Kinesis Data Streams "
			  "keeps records at most %d hours (365 days): the stream fails to create or update. "
			  "Use at most %d", e->key->str, n, MAX_RETENTION_H, MAX_RETENTION_H);
}

static void stream(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		   void *ud)
{
	(void)ud;
	const struct sl_node *h = sl_map_get(props, "RetentionPeriodHours");
	if (h)
		sl_samr_each_value(h, value, c, (void *)e);
}

static void check(struct sl_ctx *c)
{
	if (!c->t->macro_global)
		sl_samr_each_resource(c, SL_DDB_KINESIS_STREAM, stream, NULL);
}

const struct sl_rule rule_E99309 = {
	.id = "E99309",
	.severity = SL_SEV_ERROR,
	.title = "Kinesis retention is at most 8760 hours",
	.source = "https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html",
	.doc =
	"### What it checks\n"
	"`RetentionPeriodHours` of an `AWS::Kinesis::Stream` is at most 8760. Each literal branch "
	"of an `Fn::If` is judged; values from a parameter are not. (Values under the 24-hour "
	"minimum are reported by E3034, from the resource schema's range.)\n\n"
	"### Why it matters\n"
	"A Kinesis data stream keeps records for 24 hours by default and for at most 8760 hours "
	"(365 days); IncreaseStreamRetentionPeriod refuses anything longer, so the stream fails "
	"to create or update and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Clicks:\n"
	"    Type: AWS::Kinesis::Stream\n"
	"    Properties:\n"
	"      ShardCount: 1\n"
	"      RetentionPeriodHours: 9000\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Clicks:\n"
	"    Type: AWS::Kinesis::Stream\n"
	"    Properties:\n"
	"      ShardCount: 1\n"
	"      RetentionPeriodHours: 8760\n"
	"```\n",
	.check = check,
};
