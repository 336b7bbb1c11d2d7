/*
 * E99019: AWS::Serverless::Function settings the SAM transform checks while it
 * writes the function's resources: what tenant isolation excludes, provisioned
 * concurrency without an alias to put it on, the destinations of
 * EventInvokeConfig, the value types of FunctionUrlConfig.Cors, and the tag
 * keys SAM keeps for itself (on functions and applications).
 *
 * Sources: samtranslator/model/sam_resources.py (SamFunction,
 * SamApplication, _construct_tag_list), the AWS::Serverless::Function page of
 * the SAM developer guide, and Lambda's "Tenant isolation" page (tenant
 * isolation is incompatible with SnapStart, provisioned concurrency, function
 * URLs and event sources other than API Gateway).
 */
#include <string.h>

#include "rules/sam/samrules.h"

/* Tag keys SAM sets itself (lambda:createdBy) or that the Serverless Application
 * Repository sets on the applications it deploys. */
static const char *const reserved_tags[] = {
	"lambda:createdBy",
	"serverlessrepo:applicationId",
	"serverlessrepo:semanticVersion",
};

static void check_tags(struct sl_ctx *c, const struct sl_node *tags)
{
	if (!sl_node_is(tags, SL_MAP) || sl_node_intrinsic(tags))
		return;
	for (size_t i = 0; i < tags->len; i++)
		for (size_t j = 0; j < sizeof(reserved_tags) / sizeof(reserved_tags[0]); j++)
			if (sl_str_eq(tags->pairs[i].key, reserved_tags[j]))
				sl_report(c, tags->pairs[i].key, "%s is a tag key SAM reserves for itself: SAM "
					  "rejects it in Tags (choose another key)", reserved_tags[j]);
}

/* A present value that is not YAML null. */
static bool set(const struct sl_node *n)
{
	return !sl_samr_is_null(n);
}

static void check_tenancy(struct sl_ctx *c, const struct sl_entity *e)
{
	const struct sl_template *t = c->t;
	if (!set(sl_sam_prop(t, e, "TenancyConfig", NULL)))
		return;
	static const char *const excluded[] = { "ProvisionedConcurrencyConfig", "FunctionUrlConfig" };
	for (int i = 0; i < 2; i++) {
		const struct sl_node *v = sl_sam_prop(t, e, excluded[i], NULL);
		if (set(v))
			sl_report(c, sl_map_key_of(v) ? sl_map_key_of(v) : v, "%s on function '%s', which "
				  "has TenancyConfig: Lambda's tenant isolation mode does not support %s", excluded[i],
				  e->key->str, i == 0 ? "provisioned concurrency" : "function URLs");
	}
	static const char *const apply_on[] = { "SnapStart", "ApplyOn", NULL };
	const struct sl_node *apply = sl_sam_prop_path(t, e, apply_on, NULL);
	if (sl_str_eq(apply, "PublishedVersions"))
		sl_report(c, apply, "SnapStart on function '%s', which has TenancyConfig: Lambda's tenant "
			  "isolation mode does not support SnapStart", e->key->str);
	const struct sl_node *events = sl_map_get(sl_samr_props(e), "Events");
	for (size_t i = 0; sl_node_is(events, SL_MAP) && i < events->len; i++) {
		const struct sl_node *ty = sl_map_get(events->pairs[i].value, "Type");
		if (sl_samr_is_string(ty) && !sl_str_eq(ty, "Api") && !sl_str_eq(ty, "HttpApi"))
			sl_report(c, ty, "%s event '%s' on function '%s', which has TenancyConfig: a function in "
				  "tenant isolation mode is invoked through API Gateway only (Api and HttpApi "
				  "events)", ty->str, events->pairs[i].key->str, e->key->str);
	}
}

/* The destination types SAM accepts in EventInvokeConfig.DestinationConfig
 * (the translator checks for S3Bucket, the guide writes S3: both pass). */
static const char *const dest_types[] = { "SQS", "SNS", "EventBridge", "Lambda", "S3Bucket", "S3" };

static void check_destination(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *d)
{
	if (sl_node_intrinsic(d) || sl_samr_is_null(d))
		return;
	if (!sl_node_is(d, SL_MAP)) {
		sl_report(c, d, "EventInvokeConfig.DestinationConfig.%s must be a map (Type and "
			  "Destination)", key->str);
		return;
	}
	const struct sl_node *ty = sl_map_get(d, "Type");
	if (sl_node_intrinsic(ty))
		return;
	bool known = false, auto_created = false;
	for (size_t i = 0; sl_samr_is_string(ty) && i < sizeof(dest_types) / sizeof(dest_types[0]); i++)
		if (sl_str_eq(ty, dest_types[i])) {
			known = true;
			auto_created = i < 2;
		}
	if (!known) {
		if (sl_samr_is_null(ty))
			sl_report(c, key, "%s destination has no Type: SAM needs one of SQS, SNS, EventBridge, "
				  "Lambda or S3Bucket to write the function's policy", key->str);
		else
			sl_report(c, ty, "destination Type '%s' is not one of SQS, SNS, EventBridge, Lambda or "
				  "S3Bucket", ty->str);
		return;
	}
	if (!auto_created && sl_samr_is_null(sl_map_get(d, "Destination")))
		sl_report(c, key, "%s destination of Type %s has no Destination: SAM creates a queue or topic "
			  "for SQS and SNS only, other types need the ARN", key->str, ty->str);
}

static void check_invoke_config(struct sl_ctx *c, const struct sl_node *eic)
{
	static const char *const dc_path[] = { "DestinationConfig", NULL };
	const struct sl_node *dc = sl_map_path(eic, dc_path);
	if (sl_samr_is_null(dc) || sl_node_intrinsic(dc))
		return;
	if (!sl_node_is(dc, SL_MAP)) {
		sl_report(c, dc, "EventInvokeConfig.DestinationConfig must be a map (OnSuccess and/or "
			  "OnFailure)");
		return;
	}
	for (size_t i = 0; i < dc->len; i++)
		if (sl_str_eq(dc->pairs[i].key, "OnSuccess") || sl_str_eq(dc->pairs[i].key, "OnFailure"))
			check_destination(c, dc->pairs[i].key, dc->pairs[i].value);
}

/* FunctionUrlConfig.Cors: SAM checks each value's type (no CloudFormation-style
 * coercion of "600" to a number). */
static void check_url_cors(struct sl_ctx *c, const struct sl_node *cors)
{
	if (!sl_node_is(cors, SL_MAP) || sl_node_intrinsic(cors))
		return;
	for (size_t i = 0; i < cors->len; i++) {
		const struct sl_node *k = cors->pairs[i].key, *v = cors->pairs[i].value;
		if (sl_node_intrinsic(v) || !sl_node_is(v, SL_SCALAR) || sl_samr_is_null(v))
			continue;
		enum sl_scalar_type st = sl_scalar_type(v);
		if (sl_str_eq(k, "MaxAge") && st != SL_TYPE_INT)
			sl_report(c, v, "Cors MaxAge of a function URL must be an integer (seconds), not %s",
				  st == SL_TYPE_STRING ? "a string" : "this value");
		else if (sl_str_eq(k, "AllowCredentials") && st != SL_TYPE_BOOL)
			sl_report(c, v, "Cors AllowCredentials of a function URL must be true or false, not %s",
				  st == SL_TYPE_STRING ? "a string" : "this value");
	}
}

static const char *const url_cors[] = { "FunctionUrlConfig", "Cors", NULL };

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	/* Globals.Function.Tags reach every function: judged once */
	check_tags(c, sl_map_get(sl_sam_globals_for(t, SL_SAM_FUNCTION), "Tags"));
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, "AWS::Serverless::Application", SL_SAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (sl_samr_type_is(e, "AWS::Serverless::Application")) {
			check_tags(c, sl_map_get(sl_samr_props(e), "Tags"));
			continue;
		}
		if (!sl_samr_type_is(e, SL_SAM_FUNCTION))
			continue;
		const struct sl_node *props = sl_samr_props(e);
		check_tags(c, sl_map_get(props, "Tags"));
		check_tenancy(c, e);
		const struct sl_node *pcc = sl_sam_prop(t, e, "ProvisionedConcurrencyConfig", NULL);
		if (set(pcc) && !set(sl_sam_prop(t, e, "AutoPublishAlias", NULL)))
			sl_report(c, sl_map_key_of(pcc) ? sl_map_key_of(pcc) : pcc, "ProvisionedConcurrencyConfig "
				  "on function '%s' without AutoPublishAlias: provisioned concurrency is set on an "
				  "alias, and SAM needs AutoPublishAlias to create one", e->key->str);
		check_invoke_config(c, sl_map_get(props, "EventInvokeConfig"));
		check_url_cors(c, sl_map_path(props, url_cors));
	}
	const struct sl_node *g = sl_sam_globals_for(t, SL_SAM_FUNCTION);
	check_invoke_config(c, sl_map_get(g, "EventInvokeConfig"));
	check_url_cors(c, sl_map_path(g, url_cors));
}

const struct sl_rule rule_E99019 = {
	.id = "E99019",
	.severity = SL_SEV_ERROR,
	.title = "SAM function settings fit together: tenancy, provisioned concurrency, destinations, URL CORS, tags",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html",
	.doc =
	"### What it checks\n"
	"On an `AWS::Serverless::Function` (with `Globals.Function`):\n"
	"- a function with `TenancyConfig` (tenant isolation mode) has no `ProvisionedConcurrencyConfig`, "
	"no `FunctionUrlConfig`, no SnapStart on published versions, and only `Api` and `HttpApi` "
	"events;\n"
	"- `ProvisionedConcurrencyConfig` comes with `AutoPublishAlias` (the alias it is set on);\n"
	"- each `EventInvokeConfig.DestinationConfig.OnSuccess`/`OnFailure` is a map whose `Type` is "
	"SQS, SNS, EventBridge, Lambda or S3Bucket, with a `Destination` unless SAM creates the queue or "
	"topic (SQS, SNS);\n"
	"- `FunctionUrlConfig.Cors` `MaxAge` is an integer and `AllowCredentials` a boolean (SAM does not "
	"convert `\"600\"`);\n"
	"- `Tags` of functions and applications do not use the keys SAM reserves: `lambda:createdBy`, "
	"`serverlessrepo:applicationId`, `serverlessrepo:semanticVersion`.\n\n"
	"### Why it matters\n"
	"The SAM transform rejects each of these, so the stack never deploys; Lambda itself refuses "
	"tenant isolation together with provisioned concurrency, function URLs, SnapStart or event "
	"source mappings.\n\n"
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
	"      ProvisionedConcurrencyConfig:\n"
	"        ProvisionedConcurrentExecutions: 5\n"
	"      EventInvokeConfig:\n"
	"        DestinationConfig:\n"
	"          OnFailure:\n"
	"            Type: Kinesis\n"
	"      Tags:\n"
	"        lambda:createdBy: me\n"
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
	"      AutoPublishAlias: live\n"
	"      ProvisionedConcurrencyConfig:\n"
	"        ProvisionedConcurrentExecutions: 5\n"
	"      EventInvokeConfig:\n"
	"        DestinationConfig:\n"
	"          OnFailure:\n"
	"            Type: SQS\n"
	"      Tags:\n"
	"        owner: me\n"
	"```\n",
	.check = check,
};
