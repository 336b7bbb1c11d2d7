/* E99017: event source properties that contradict the event's Type, or that SAM
 * cannot read (source access configurations, Cognito triggers, route types). */
#include <stdlib.h>
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

/* The literal Type of a SourceAccessConfigurations item, or NULL. */
static const struct sl_node *access_type(const struct sl_node *item)
{
	const struct sl_node *ty = sl_map_get(item, "Type");
	return sl_samr_is_string(ty) ? ty : NULL;
}

/* SourceAccessConfigurations of MQ, DocumentDB and SelfManagedKafka events, as
 * SAM reads them to write the function's policy: MQ and DocumentDB events name
 * exactly one BASIC_AUTH secret; a self-managed Kafka event has its bootstrap
 * servers, one topic, at most one authentication secret, and VPC_SUBNET with
 * VPC_SECURITY_GROUP or neither. `at` is where to report what is missing. */
static void check_access(struct sl_ctx *c, unsigned type, const struct sl_node *ty, const struct sl_node *at,
			 const struct sl_node *props)
{
	if (type == SMK) {
		static const char *const needed[] = { "KafkaBootstrapServers", "Topics" };
		for (int i = 0; i < 2; i++)
			if (sl_samr_is_null(sl_map_get(props, needed[i])))
				sl_report(c, at, "SelfManagedKafka event has no %s: SAM needs it to build the "
					  "event source mapping", needed[i]);
		const struct sl_node *topics = sl_map_get(props, "Topics");
		if (sl_node_is(topics, SL_SEQ) && topics->len > 1)
			sl_report(c, topics->items[1], "a SelfManagedKafka event reads one topic: SAM rejects "
				  "more than one entry in Topics (declare one event per topic)");
	}
	const struct sl_pair *sp = sl_map_get_pair(props, "SourceAccessConfigurations");
	const struct sl_node *sac = sp ? sp->value : NULL;
	if (sl_samr_is_null(sac) || (sl_node_is(sac, SL_SEQ) && sac->len == 0)) {
		sl_report(c, sp ? sp->key : at, "%s event has no SourceAccessConfigurations: SAM needs %s",
			  ty->str, type == SMK ? "the secret (or VPC settings) Lambda reaches the cluster with"
					       : "the BASIC_AUTH secret Lambda signs in with");
		return;
	}
	if (!sl_node_is(sac, SL_SEQ))
		return;
	static const char *const kafka_auth[] = { "BASIC_AUTH", "SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH",
						  "CLIENT_CERTIFICATE_TLS_AUTH" };
	const struct sl_node *auth = NULL, *subnet = NULL, *group = NULL;
	for (size_t i = 0; i < sac->len; i++) {
		const struct sl_node *item = sac->items[i];
		if (!sl_node_is(item, SL_MAP) || sl_node_intrinsic(item))
			return; /* an item SAM cannot read is E3012's; a function: unknown */
		const struct sl_node *t = access_type(item);
		if (!t)
			return;
		bool is_auth = sl_str_eq(t, "BASIC_AUTH");
		for (size_t j = 1; type == SMK && j < 4; j++)
			is_auth = is_auth || sl_str_eq(t, kafka_auth[j]);
		subnet = subnet ? subnet : sl_str_eq(t, "VPC_SUBNET") ? t : NULL;
		group = group ? group : sl_str_eq(t, "VPC_SECURITY_GROUP") ? t : NULL;
		/* SAM reads the URI of the sign-in entry, and of every entry of a Kafka event */
		if ((is_auth || type == SMK) && sl_samr_is_null(sl_map_get(item, "URI")))
			sl_report(c, t, "the %s entry of SourceAccessConfigurations has no URI: SAM needs the "
				  "secret, subnet or security group it names", t->str);
		if (!is_auth)
			continue;
		if (auth && type == SMK)
			sl_report(c, t, "a second authentication entry (%s after %s) in SourceAccessConfigurations: "
				  "a self-managed Kafka event signs in one way, and SAM rejects more", t->str, auth->str);
		else if (auth)
			sl_report(c, t, "a second %s entry in SourceAccessConfigurations: SAM takes exactly one "
				  "sign-in secret", t->str);
		else
			auth = t;
	}
	if ((type == MQ || type == DOCDB) && !auth)
		sl_report(c, sp->key, "%s event has no BASIC_AUTH entry in SourceAccessConfigurations: SAM "
			  "needs the secret Lambda signs in to the %s with", ty->str,
			  type == MQ ? "broker" : "cluster");
	if (type == SMK && (subnet != NULL) != (group != NULL))
		sl_report(c, subnet ? subnet : group, "%s without %s: a self-managed Kafka event in a VPC "
			  "names both its subnets and its security group, and SAM rejects one alone",
			  subnet ? "VPC_SUBNET" : "VPC_SECURITY_GROUP",
			  subnet ? "VPC_SECURITY_GROUP" : "VPC_SUBNET");
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
	if (props && !sl_samr_is_null(props) && !sl_node_is(props, SL_MAP)) {
		sl_report(c, props, "the Properties of event '%s' must be a map of the %s event's "
			  "properties: SAM rejects anything else (\"Properties should be a map\")", key->str,
			  ty->str);
		return;
	}
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
	/* the route of an Api / HttpApi event becomes a key of the OpenAPI document SAM
	 * writes: SAM takes its Path and Method as strings only, not numbers or booleans */
	static const char *const route_keys[] = { "Path", "Method" };
	for (size_t i = 0; i < 2 && (sl_str_eq(ty, "Api") || sl_str_eq(ty, "HttpApi")); i++) {
		const struct sl_node *v = sl_map_get(props, route_keys[i]);
		if (sl_node_is(v, SL_SCALAR) && !sl_samr_is_null(v) && !sl_samr_is_string(v))
			sl_report(c, v, "%s %s is not a string: SAM takes an event's %s as a string only "
				  "(quote it: \"%s\")", route_keys[i], v->str, route_keys[i], v->str);
	}
	if (type & (MQ | DOCDB | SMK))
		check_access(c, type, ty, pp ? pp->key : key, props);
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
			sl_report(c, sl_map_key_of(dlq), "DeadLetterConfig takes either Arn (an existing "
				  "queue) or Type: SQS (a queue SAM creates), not both");
		else if (!arn && !typ)
			sl_report(c, sl_map_key_of(dlq), "DeadLetterConfig needs Arn (an existing queue) "
				  "or Type: SQS (a queue SAM creates)");
		const struct sl_node *qid = sl_map_get(dlq, "QueueLogicalId");
		if (qid && (qid->kind != SL_SCALAR || sl_node_intrinsic(qid)))
			sl_report(c, qid, "QueueLogicalId is the logical ID SAM gives the queue it creates: "
				  "a plain string, not a function or a list");
	}
	/* rule events: State (ENABLED/DISABLED) replaced Enabled; SAM takes one of them */
	const struct sl_node *state = sl_map_get(props, "State"), *enabled = sl_map_get(props, "Enabled");
	if (push && state && enabled)
		sl_report(c, sl_map_key_of(enabled), "State and Enabled together: SAM takes one of them "
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
		sl_report(c, sl_map_key_of(stamp), "StartingPositionTimestamp is used only with "
			  "StartingPosition AT_TIMESTAMP, and this event starts at %s", pos->str);
}

static bool same_text(const struct sl_node *a, const struct sl_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* A Cognito trigger an event sets: the user pool's logical ID and the trigger name. */
struct trigger {
	const struct sl_node *pool, *name;
};

static int trigger_cmp(const void *a, const void *b)
{
	const struct trigger *x = a, *y = b;
	size_t lx = x->pool->len, ly = y->pool->len;
	int r = memcmp(x->pool->str, y->pool->str, lx < ly ? lx : ly);
	if (r || lx != ly)
		return r ? r : lx < ly ? -1 : 1;
	lx = x->name->len, ly = y->name->len;
	r = memcmp(x->name->str, y->name->str, lx < ly ? lx : ly);
	if (r || lx != ly)
		return r ? r : lx < ly ? -1 : 1;
	uint32_t ox = x->name->start, oy = y->name->start;
	return ox < oy ? -1 : ox > oy;
}

/* Cognito events write the function into the user pool's LambdaConfig: the pool
 * is a resource of this template, and each trigger of a pool is set once, by one
 * event or by the pool itself. Collects the (pool, trigger) pairs into *v. */
static void cognito_event(struct sl_ctx *c, const struct sl_node *props, struct trigger **v, size_t *n,
			  size_t *cap)
{
	const struct sl_node *pool = sl_map_get(props, "UserPool");
	const struct sl_node *k = sl_node_intrinsic(pool);
	const struct sl_node *name = k && sl_str_eq(k, "Ref") ? pool->pairs[0].value : NULL;
	const struct sl_entity *e =
		sl_samr_is_string(name) ? sl_index_find(&c->t->resources, name->str, name->len) : NULL;
	if (!e) {
		if (sl_samr_is_null(pool) || (name && !sl_samr_is_string(name)) ||
		    (name && !sl_index_find(&c->t->params, name->str, name->len) &&
		     !sl_pseudo_param(name->str, name->len)))
			return; /* missing (E3003's) or a Ref to nothing (E1020's) */
		sl_report(c, pool, "UserPool must be a Ref to an AWS::Cognito::UserPool of this template: a "
			  "Cognito event adds the function to that pool's LambdaConfig, and SAM rejects %s",
			  name ? "a Ref to a parameter" : k ? k->str : "a literal pool ID or ARN");
		return;
	}
	const struct sl_node *trig = sl_map_get(props, "Trigger");
	size_t nt = sl_node_is(trig, SL_SEQ) ? trig->len : 1;
	for (size_t i = 0; i < nt; i++) {
		const struct sl_node *t = sl_node_is(trig, SL_SEQ) ? trig->items[i] : trig;
		if (!sl_samr_is_string(t))
			continue;
		if (*n == *cap) {
			size_t nc = *cap ? *cap * 2 : 16;
			struct trigger *nv = sl_arena_alloc(c->arena, nc * sizeof(*nv));
			if (!nv)
				return;
			if (*n)
				memcpy(nv, *v, *n * sizeof(*nv));
			*v = nv;
			*cap = nc;
		}
		(*v)[(*n)++] = (struct trigger){ name, t };
		static const char *const lambda_config[] = { "Properties", "LambdaConfig", NULL };
		const struct sl_node *lc = sl_map_path(e->value, lambda_config);
		if (sl_node_is(lc, SL_MAP) && !sl_node_intrinsic(lc) && sl_map_get(lc, t->str))
			sl_report(c, t, "Cognito trigger %s is already set in the LambdaConfig of user pool "
				  "'%s': SAM adds each trigger once and rejects it being defined twice", t->str,
				  name->str);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct trigger *trig = NULL;
	size_t n_trig = 0, cap_trig = 0;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION, SL_SAM_STATE_MACHINE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool fn = sl_samr_type_is(e, SL_SAM_FUNCTION);
		if (!fn && !sl_samr_type_is(e, SL_SAM_STATE_MACHINE))
			continue;
		const struct sl_node *events = sl_map_get(sl_samr_props(e), "Events");
		if (!sl_node_is(events, SL_MAP))
			continue;
		for (size_t j = 0; j < events->len; j++) {
			const struct sl_node *ev = events->pairs[j].value;
			if (!sl_node_is(ev, SL_MAP))
				continue;
			check_event(c, events->pairs[j].key, ev);
			const struct sl_node *props = sl_map_get(ev, "Properties");
			if (fn && sl_str_eq(sl_map_get(ev, "Type"), "Cognito") && sl_node_is(props, SL_MAP))
				cognito_event(c, props, &trig, &n_trig, &cap_trig);
		}
	}
	if (n_trig > 1)
		qsort(trig, n_trig, sizeof(*trig), trigger_cmp);
	for (size_t i = 1; i < n_trig; i++)
		if (same_text(trig[i].pool, trig[i - 1].pool) && same_text(trig[i].name, trig[i - 1].name))
			sl_report(c, trig[i].name, "Cognito trigger %s of user pool '%s' is set by two events "
				  "(also at line %u): a pool calls one function per trigger, and SAM rejects the "
				  "second", trig[i].name->str, trig[i].pool->str, sl_line(c, trig[i - 1].name));
}

const struct sl_rule rule_E99017 = {
	.id = "E99017",
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
	"computed ID), and their `Path` and `Method` are strings. An event's `Properties` is a map. "
	"MQ and DocumentDB events have `SourceAccessConfigurations` with exactly one `BASIC_AUTH` "
	"secret; a SelfManagedKafka event has `KafkaBootstrapServers`, one topic, "
	"`SourceAccessConfigurations` with at most one sign-in entry, and `VPC_SUBNET` together with "
	"`VPC_SECURITY_GROUP`; every entry has a `URI`. A Cognito event's `UserPool` is a Ref to a "
	"user pool of the template, and each trigger of a pool is set once (by one event, or by the "
	"pool's own `LambdaConfig`). The events of state machines are judged like those of functions. "
	"Event types SAM does not document are not judged.\n\n"
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
