/*
 * E99025: a resource declared with a logical ID that SAM gives to a resource it
 * generates. SAM names what it creates after the resource that creates it
 * (<Function>Role, <Function><Event>, <Resource><Connector>, ...) and refuses
 * to overwrite a resource the template declares under that name.
 *
 * Only names SAM is certain to generate are judged: the execution role of a
 * function or state machine without Role, the resource an event creates under
 * the event's own ID (event source mapping, SNS subscription, EventBridge rule
 * or schedule, IoT topic rule, log subscription filter), a function's Url and
 * EventInvokeConfig, and embedded connectors.
 *
 * Sources: samtranslator/translator/verify_logical_id.py, the event sources in
 * samtranslator/model/eventsources/ and stepfunctions/events.py, and the SAM
 * developer guide, "Generated CloudFormation resources for AWS SAM".
 */
#include <stdio.h>
#include <string.h>

#include "rules/sam/samrules.h"

/* Event types that create a resource whose logical ID is <Owner><Event>. */
static const char *const own_id_events[] = {
	"SNS", "Kinesis", "DynamoDB", "SQS", "MSK", "MQ", "SelfManagedKafka", "DocumentDB",
	"CloudWatchEvent", "EventBridgeRule", "Schedule", "ScheduleV2", "IoTRule", "CloudWatchLogs",
};

/* The declared resource (other than `by`) named prefix+suffix, or NULL. */
static const struct sl_entity *taken(struct sl_ctx *c, const struct sl_entity *by, const char *prefix,
				     const char *suffix)
{
	char name[640]; /* two logical IDs of at most 255 characters */
	int n = snprintf(name, sizeof(name), "%s%s", prefix, suffix);
	if (n < 0 || (size_t)n >= sizeof(name))
		return NULL;
	const struct sl_entity *e = sl_index_find(&c->t->resources, name, (size_t)n);
	return e == by ? NULL : e;
}

/* Reports a declared resource named prefix+suffix. `by` is the resource whose
 * transform makes it, `what` what SAM makes. */
static void clash(struct sl_ctx *c, const struct sl_entity *by, const char *prefix, const char *suffix,
		  const char *what)
{
	const struct sl_entity *e = taken(c, by, prefix, suffix);
	if (e)
		sl_report(c, e->key, "logical ID %s%s is the one SAM gives to the %s of '%s': SAM creates "
			  "that resource and refuses to replace one the template declares (rename this one)",
			  prefix, suffix, what, by->key->str);
}

static void events(struct sl_ctx *c, const struct sl_entity *e)
{
	const struct sl_node *evs = sl_map_get(sl_samr_props(e), "Events");
	for (size_t i = 0; sl_node_is(evs, SL_MAP) && i < evs->len; i++) {
		const struct sl_node *ty = sl_map_get(evs->pairs[i].value, "Type");
		if (!sl_samr_is_string(ty))
			continue;
		const char *ev = evs->pairs[i].key->str;
		for (size_t j = 0; j < sizeof(own_id_events) / sizeof(own_id_events[0]); j++)
			if (sl_str_eq(ty, own_id_events[j]) && taken(c, e, e->key->str, ev)) {
				const char *what = sl_arena_printf(c->arena, "resource for %s event '%s'",
								   ty->str, ev);
				clash(c, e, e->key->str, ev, what ? what : "event resource");
			}
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!t->sam && !t->sam_types)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_node_is(e->value, SL_MAP))
			continue;
		const struct sl_node *conns = sl_map_get(e->value, "Connectors");
		if (sl_node_intrinsic(conns))
			conns = NULL;
		for (size_t j = 0; sl_node_is(conns, SL_MAP) && j < conns->len; j++)
			clash(c, e, e->key->str, conns->pairs[j].key->str, "embedded connector");
		bool fn = sl_samr_type_is(e, SL_SAM_FUNCTION), sm = sl_samr_type_is(e, SL_SAM_STATE_MACHINE);
		if (!fn && !sm)
			continue;
		const struct sl_node *props = sl_samr_props(e);
		if (!props && sl_map_get(e->value, "Properties"))
			continue;
		if (!sl_map_get(props, "Role"))
			clash(c, e, e->key->str, "Role", "execution role");
		events(c, e);
		if (!fn)
			continue;
		if (!sl_samr_is_null(sl_sam_prop(t, e, "FunctionUrlConfig", NULL)))
			clash(c, e, e->key->str, "Url", "function URL");
		if (!sl_samr_is_null(sl_sam_prop(t, e, "EventInvokeConfig", NULL)))
			clash(c, e, e->key->str, "EventInvokeConfig", "event invoke configuration");
	}
}

const struct sl_rule rule_E99025 = {
	.id = "E99025",
	.severity = SL_SEV_ERROR,
	.title = "No declared resource takes a logical ID SAM gives to a resource it generates",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html",
	.doc =
	"### What it checks\n"
	"Declared resources whose logical ID is one the SAM transform gives a resource it generates: "
	"`<Function>Role` (a function or state machine without `Role`), `<Function><Event>` (the event "
	"source mapping, SNS subscription, EventBridge rule or schedule, IoT topic rule or log "
	"subscription filter of that event), `<Function>Url`, `<Function>EventInvokeConfig`, and "
	"`<Resource><Connector>` for embedded connectors.\n\n"
	"### Why it matters\n"
	"SAM refuses to overwrite a resource the template declares (\"Transforming resource with id "
	"[...] attempts to create a new resource with id [...]\"), so the stack never deploys. The "
	"usual cause is a resource written by hand under the name SAM would give it, or a template "
	"that was partly transformed already.\n\n"
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
	"  FnRole:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      AssumeRolePolicyDocument: {}\n"
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
	"      Role: !GetAtt FnRole.Arn\n"
	"  FnRole:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      AssumeRolePolicyDocument: {}\n"
	"```\n",
	.check = check,
};
