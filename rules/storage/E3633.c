/* E3633: event source mappings on Kinesis, DynamoDB and MSK sources have a StartingPosition. */
#include "rules/storage/storage.h"

/* Whether a Kafka source config reads its topic as a stream (the default):
 * false for ConsumptionMode other than Stream, or one that cannot be known. */
static bool kafka_stream_mode(const struct sl_node *props, const char *config)
{
	const struct sl_node *cfg = sl_map_get(props, config);
	if (sl_sto_absent(cfg))
		return true;
	if (!sl_node_is(cfg, SL_MAP) || sl_node_intrinsic(cfg))
		return false;
	const struct sl_node *mode = sl_map_get(cfg, "ConsumptionMode");
	return sl_sto_absent(mode) || sl_str_eq(mode, "Stream");
}

static void mapping(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		    void *ud)
{
	(void)ud;
	const struct sl_node *sp = sl_map_get(props, "StartingPosition");
	if (!sl_sto_absent(sp) || (!sp && sl_sto_props_open(props)))
		return;
	const char *what = NULL;
	switch (sl_sto_arn_service(c->t, sl_map_get(props, "EventSourceArn"))) {
	case SL_STO_SVC_KINESIS:
		what = "a Kinesis stream";
		break;
	case SL_STO_SVC_DYNAMODB:
		what = "a DynamoDB stream";
		break;
	case SL_STO_SVC_KAFKA:
		if (kafka_stream_mode(props, "AmazonManagedKafkaEventSourceConfig"))
			what = "an Amazon MSK topic";
		break;
	default: /* self-managed Kafka: see the doc */
		break;
	}
	if (!what)
		return;
	sl_report(c, sl_samr_anchor(e), "the event source mapping '%s' reads %s but has no "
		  "StartingPosition: Lambda requires it for Kinesis, DynamoDB and MSK sources and "
		  "rejects the mapping. Add StartingPosition: LATEST or TRIM_HORIZON (or AT_TIMESTAMP with "
		  "StartingPositionTimestamp)", e->key->str, what);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_STO_ESM, mapping, NULL);
}

const struct sl_rule rule_E3633 = {
	.id = "E3633",
	.severity = SL_SEV_ERROR,
	.title = "Kinesis, DynamoDB and MSK event source mappings have a StartingPosition",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::EventSourceMapping` that reads a Kinesis stream, a DynamoDB stream or "
	"an Amazon MSK topic has a `StartingPosition`. The "
	"source is known from a literal `EventSourceArn` (service `kinesis`, `dynamodb` or "
	"`kafka`, an `Fn::Sub` string included), from `!GetAtt` of an `AWS::Kinesis::Stream` "
	"(`Arn`), `AWS::Kinesis::StreamConsumer` (`ConsumerARN`), `AWS::DynamoDB::Table` or "
	"`GlobalTable` (`StreamArn`), or a Ref or `Arn` of an `AWS::MSK::Cluster` / "
	"`ServerlessCluster` of the template. MSK sources in the `Queue` consumption mode, to "
	"which the setting does not apply, are left alone, and so are self-managed Apache Kafka "
	"sources (`SelfManagedEventSource`): Lambda's Kafka parameter table marks the property "
	"required, but the API reference names only Kinesis and DynamoDB, and the SAM transform "
	"itself writes self-managed Kafka mappings without it.\n\n"
	"### Why it matters\n"
	"`StartingPosition` is \"Required for Amazon Kinesis and Amazon DynamoDB Stream event "
	"sources\" (CreateEventSourceMapping), and Lambda's parameter table for Amazon MSK marks "
	"it required. Without it Lambda rejects the mapping and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      EventSourceArn: !GetAtt Stream.Arn\n"
	"      FunctionName: !Ref Consumer\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      EventSourceArn: !GetAtt Stream.Arn\n"
	"      FunctionName: !Ref Consumer\n"
	"      StartingPosition: TRIM_HORIZON\n"
	"```\n",
	.check = check,
};
