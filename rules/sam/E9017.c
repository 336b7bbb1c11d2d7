/* E9017: event source properties that contradict the event's Type. */
#include <string.h>

#include "rules/sam/samrules.h"
#include "util/buf.h"

/* The poller event types (Lambda event source mappings), as bits. */
enum {
	KINESIS = 1 << 0,
	DYNAMODB = 1 << 1,
	SQS = 1 << 2,
	MSK = 1 << 3,
	MQ = 1 << 4,
	SMK = 1 << 5,
	DOCDB = 1 << 6,
};

static const char *const poller_names[] = {
	"Kinesis", "DynamoDB", "SQS", "MSK", "MQ", "SelfManagedKafka", "DocumentDB",
};
#define N_POLLERS 7

/* SAM's other event types: they take none of the properties below. */
static const char *const push_names[] = { "S3", "SNS", "Api", "HttpApi", "Schedule", "ScheduleV2",
					  "CloudWatchEvent", "EventBridgeRule", "CloudWatchLogs", "IoTRule",
					  "AlexaSkill", "Cognito" };

/* Properties that belong to some event types only, with the types that take
 * them (from SAM's event source documentation). Properties every poller takes
 * (BatchSize, Enabled, MaximumBatchingWindowInSeconds, ...) are not listed. */
static const struct {
	const char *name;
	unsigned types;
} specific[] = {
	{ "StartingPosition", KINESIS | DYNAMODB | MSK | SMK | DOCDB },
	{ "StartingPositionTimestamp", KINESIS | DYNAMODB | MSK | SMK | DOCDB },
	{ "ParallelizationFactor", KINESIS | DYNAMODB },
	{ "TumblingWindowInSeconds", KINESIS | DYNAMODB },
	{ "BisectBatchOnFunctionError", KINESIS | DYNAMODB | MSK | SMK },
	{ "MaximumRecordAgeInSeconds", KINESIS | DYNAMODB | MSK | SMK },
	{ "MaximumRetryAttempts", KINESIS | DYNAMODB | MSK | SMK },
	{ "DestinationConfig", KINESIS | DYNAMODB | MSK | SMK },
	{ "Stream", KINESIS | DYNAMODB | MSK },
	{ "Queue", SQS },
	{ "ScalingConfig", SQS },
	{ "Broker", MQ },
	{ "Queues", MQ },
	{ "DynamicPolicyName", MQ },
	{ "Topics", MSK | SMK },
	{ "ConsumerGroupId", MSK | SMK },
	{ "SchemaRegistryConfig", MSK | SMK },
	{ "KafkaBootstrapServers", SMK },
	{ "SourceAccessConfigurations", MSK | MQ | SMK | DOCDB },
	{ "SecretsManagerKmsKeyId", MSK | MQ | SMK | DOCDB },
	{ "Cluster", DOCDB },
	{ "DatabaseName", DOCDB },
	{ "CollectionName", DOCDB },
	{ "FullDocument", DOCDB },
	{ "FilterCriteria", KINESIS | DYNAMODB | SQS | MSK | MQ | SMK | DOCDB },
};

/* "Kinesis, DynamoDB and MSK" for a set of types, in the arena. */
static const char *type_list(struct sl_ctx *c, unsigned types)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t n = 0, total = 0;
	for (int i = 0; i < N_POLLERS; i++)
		total += (types >> i) & 1;
	for (int i = 0; i < N_POLLERS; i++) {
		if (!((types >> i) & 1))
			continue;
		const char *sep = n == 0 ? "" : n + 1 == total ? " and " : ", ";
		sl_buf_printf(&b, "%s%s", sep, poller_names[i]);
		n++;
	}
	const char *s = sl_arena_printf(c->arena, "%s", sl_buf_cstr(&b));
	sl_buf_free(&b);
	return s ? s : "";
}

/* The starting positions each type accepts. */
static bool position_ok(unsigned type, const struct sl_node *v)
{
	if (sl_str_eq(v, "TRIM_HORIZON") || sl_str_eq(v, "LATEST"))
		return true;
	return sl_str_eq(v, "AT_TIMESTAMP") && type != DYNAMODB;
}

static void check_event(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *ev)
{
	const struct sl_node *ty = sl_map_get(ev, "Type");
	if (!sl_samr_is_string(ty))
		return;
	unsigned type = 0;
	for (int i = 0; i < N_POLLERS; i++)
		if (sl_str_eq(ty, poller_names[i]))
			type = 1u << i;
	bool push = false;
	for (size_t i = 0; i < sizeof(push_names) / sizeof(push_names[0]); i++)
		push = push || sl_str_eq(ty, push_names[i]);
	if (!type && !push)
		return; /* an event type SAM does not document: not judged */
	const struct sl_pair *pp = sl_map_get_pair(ev, "Properties");
	const struct sl_node *props = pp ? pp->value : NULL;
	if (props && (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props)))
		return;

	for (size_t i = 0; props && i < props->len; i++) {
		const struct sl_node *k = props->pairs[i].key;
		for (size_t j = 0; j < sizeof(specific) / sizeof(specific[0]); j++) {
			if (!sl_str_eq(k, specific[j].name) || (specific[j].types & type))
				continue;
			sl_report(c, k, "%s is a property of %s events, not of %s events: SAM rejects it "
				  "(\"property %s not defined for resource of type %s\")", k->str,
				  type_list(c, specific[j].types), ty->str, k->str, ty->str);
		}
	}
	/* Api / HttpApi events add a route to an API of this template: SAM needs a Ref
	 * to a resource of it, not an import, a condition, a computed ID or a parameter
	 * (SAM accepts APIs of other types there, so the target's type is not judged) */
	bool api = sl_str_eq(ty, "Api"), http = sl_str_eq(ty, "HttpApi");
	const struct sl_node *id = sl_map_get(props, api ? "RestApiId" : "ApiId");
	if ((api || http) && id && sl_node_intrinsic(id)) {
		const char *want = api ? "AWS::Serverless::Api" : "AWS::Serverless::HttpApi";
		const struct sl_node *fk = sl_node_intrinsic(id);
		const struct sl_node *arg = id->pairs[0].value;
		const struct sl_entity *target = sl_str_eq(fk, "Ref") && sl_node_is(arg, SL_SCALAR)
			? sl_index_find(&c->t->resources, arg->str, arg->len) : NULL;
		if (!sl_str_eq(fk, "Ref"))
			sl_report(c, id, "%s must be a Ref to an %s of this template (SAM adds the route "
				  "to it), not %s", api ? "RestApiId" : "ApiId", want, fk->str);
		else if (!target && sl_index_find(&c->t->params, arg->str, arg->len))
			sl_report(c, arg, "%s must name an %s of this template, not a parameter",
				  api ? "RestApiId" : "ApiId", want);
	}
	/* rule-based events (Schedule, CloudWatchEvent, EventBridgeRule, ...): a dead-letter
	 * queue is either an existing one (Arn) or one SAM creates (Type: SQS) */
	const struct sl_node *dlq = sl_map_get(props, "DeadLetterConfig");
	if (push && sl_node_is(dlq, SL_MAP) && !sl_node_intrinsic(dlq)) {
		bool arn = sl_map_get(dlq, "Arn") != NULL, typ = sl_map_get(dlq, "Type") != NULL;
		if (arn && typ)
			sl_report(c, sl_samr_key_of(dlq), "DeadLetterConfig takes either Arn (an existing "
				  "queue) or Type: SQS (a queue SAM creates), not both");
		else if (!arn && !typ)
			sl_report(c, sl_samr_key_of(dlq), "DeadLetterConfig needs Arn (an existing queue) "
				  "or Type: SQS (a queue SAM creates)");
		const struct sl_node *qid = sl_map_get(dlq, "QueueLogicalId");
		if (qid && (qid->kind != SL_SCALAR || sl_node_intrinsic(qid)))
			sl_report(c, qid, "QueueLogicalId is the logical ID SAM gives the queue it creates: "
				  "a plain string, not a function or a list");
	}
	/* rule events: State (ENABLED/DISABLED) replaced Enabled; SAM takes one of them */
	const struct sl_node *state = sl_map_get(props, "State"), *enabled = sl_map_get(props, "Enabled");
	if (push && state && enabled)
		sl_report(c, sl_samr_key_of(enabled), "State and Enabled together: SAM takes one of them "
			  "(State: ENABLED or DISABLED replaces Enabled)");
	if (!(type & (KINESIS | DYNAMODB | MSK | SMK | DOCDB)))
		return;

	const struct sl_node *pos = sl_map_get(props, "StartingPosition");
	const struct sl_node *stamp = sl_map_get(props, "StartingPositionTimestamp");
	if (!pos && (type & (KINESIS | DYNAMODB))) {
		sl_report(c, pp ? pp->key : key, "%s event '%s' has no StartingPosition: Lambda needs to "
			  "know where to start reading the stream (%s), and the event source mapping fails "
			  "to create without it", ty->str, key->str,
			  type == DYNAMODB ? "TRIM_HORIZON or LATEST"
					   : "TRIM_HORIZON, LATEST or AT_TIMESTAMP");
		return;
	}
	if (!pos || sl_node_intrinsic(pos) || !sl_samr_is_string(pos))
		return;
	if (!position_ok(type, pos)) {
		sl_report(c, pos, "'%s' is not a starting position of %s events: use %s", pos->str, ty->str,
			  type == DYNAMODB ? "TRIM_HORIZON or LATEST (DynamoDB streams cannot start at a "
					     "timestamp)"
					   : "TRIM_HORIZON, LATEST or AT_TIMESTAMP");
		return;
	}
	if (sl_str_eq(pos, "AT_TIMESTAMP") && !stamp)
		sl_report(c, pos, "StartingPosition AT_TIMESTAMP needs StartingPositionTimestamp (the time "
			  "to start reading from, in Unix seconds)");
	else if (!sl_str_eq(pos, "AT_TIMESTAMP") && stamp)
		sl_report(c, sl_samr_key_of(stamp), "StartingPositionTimestamp is used only with "
			  "StartingPosition AT_TIMESTAMP, and this event starts at %s", pos->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_samr_type_is(e, SL_SAM_FUNCTION))
			continue;
		const struct sl_node *events = sl_map_get(sl_samr_props(e), "Events");
		if (!sl_node_is(events, SL_MAP))
			continue;
		for (size_t j = 0; j < events->len; j++)
			if (sl_node_is(events->pairs[j].value, SL_MAP))
				check_event(c, events->pairs[j].key, events->pairs[j].value);
	}
}

const struct sl_rule rule_E9017 = {
	.id = "E9017",
	.severity = SL_SEV_ERROR,
	.title = "Event source properties fit the event type",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html",
	.doc =
	"### What it checks\n"
	"In the `Events` of an `AWS::Serverless::Function`, a property that only some event types "
	"take appears only on those: `StartingPosition` on streams (Kinesis, DynamoDB, MSK, "
	"SelfManagedKafka, DocumentDB), `Queue` on SQS, `Broker`/`Queues` on MQ, `Topics` and "
	"`ConsumerGroupId` on Kafka, `Cluster`/`DatabaseName` on DocumentDB, "
	"`ParallelizationFactor` on Kinesis and DynamoDB, and so on. Kinesis and DynamoDB events "
	"have a `StartingPosition`, one their stream accepts (DynamoDB streams have no "
	"`AT_TIMESTAMP`), and `AT_TIMESTAMP` comes with `StartingPositionTimestamp` (and only "
	"it). The `DeadLetterConfig` of a rule-based event (Schedule, CloudWatchEvent, "
	"EventBridgeRule, ...) has either `Arn` or `Type: SQS`, not both, and a literal "
	"`QueueLogicalId`; such events set `State` or `Enabled`, not both. Api and HttpApi events "
	"name their API with a Ref to a resource of the template (not an import, a parameter or a "
	"computed ID). Event types SAM does not document are not judged.\n\n"
	"### Why it matters\n"
	"SAM rejects a property its event type does not define (\"property StartingPosition not "
	"defined for resource of type SQS\"); such a property usually means the event was copied "
	"from another type and half-converted. Lambda refuses a Kinesis or DynamoDB event source "
	"mapping without a starting position.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Events:\n"
	"        Jobs:\n"
	"          Type: SQS\n"
	"          Properties:\n"
	"            Queue: !GetAtt Queue.Arn\n"
	"            StartingPosition: LATEST\n"
	"        Changes:\n"
	"          Type: DynamoDB\n"
	"          Properties:\n"
	"            Stream: !GetAtt Table.StreamArn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Events:\n"
	"        Jobs:\n"
	"          Type: SQS\n"
	"          Properties:\n"
	"            Queue: !GetAtt Queue.Arn\n"
	"        Changes:\n"
	"          Type: DynamoDB\n"
	"          Properties:\n"
	"            Stream: !GetAtt Table.StreamArn\n"
	"            StartingPosition: LATEST\n"
	"```\n",
	.check = check,
};
