/* E99308: an on-demand Kinesis stream sets no ShardCount. */
#include "rules/dynamodb/dynamodb.h"

static void check_scenario(struct sl_ddb_scenario *s, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_node *mode = sl_ddb_get(s, sl_map_get(props, "StreamModeDetails"), "StreamMode");
	const struct sl_pair *sc = sl_map_get_pair(props, "ShardCount");
	if (sl_str_eq(mode, "ON_DEMAND") && sc && sl_ddb_value(s, sc->value))
		sl_ddb_report(s, sc->key, "ShardCount with StreamMode ON_DEMAND: an on-demand stream "
			      "manages its shards itself, and CloudFormation rejects the stream "
			      "(\"ShardCount is not expected when StreamMode=ON_DEMAND\"). Remove "
			      "ShardCount, or use StreamMode: PROVISIONED");
}

static void check(struct sl_ctx *c)
{
	static const char *const keys[] = { "StreamModeDetails", "ShardCount", NULL };
	sl_ddb_each_scenario(c, SL_DDB_KINESIS_STREAM, NULL, keys, check_scenario, NULL);
}

const struct sl_rule rule_E99308 = {
	.id = "E99308",
	.severity = SL_SEV_ERROR,
	.title = "On-demand Kinesis streams set no ShardCount",
	.source = "https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Kinesis::Stream` whose `StreamModeDetails.StreamMode` is `ON_DEMAND` sets no "
	"`ShardCount`. Where `Fn::If` chooses the mode or the shard count, each value of the "
	"condition is judged when both test the same condition. (The stream reference does not "
	"say that a `PROVISIONED` stream needs `ShardCount`, so its absence is not reported.)\n\n"
	"### Why it matters\n"
	"In on-demand mode Kinesis Data Streams manages the shards and scales them with the "
	"traffic; only provisioned streams take a shard count. CloudFormation refuses the "
	"combination (\"ShardCount is not expected when StreamMode=ON_DEMAND\") and the stack "
	"fails; tools that add a default `ShardCount: 1` hit this when the mode is switched to "
	"on-demand.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Events:\n"
	"    Type: AWS::Kinesis::Stream\n"
	"    Properties:\n"
	"      StreamModeDetails:\n"
	"        StreamMode: ON_DEMAND\n"
	"      ShardCount: 1\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Events:\n"
	"    Type: AWS::Kinesis::Stream\n"
	"    Properties:\n"
	"      StreamModeDetails:\n"
	"        StreamMode: ON_DEMAND\n"
	"```\n",
	.check = check,
};
