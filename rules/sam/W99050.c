/*
 * W99050: settings the SAM transform accepts and silently drops. Unknown keys
 * in the structures it reads key by key (a function's DeploymentPreference,
 * an event beside Type and Properties:
 * found by the schema walk, where E3002 leaves them), and an Api's
 * Cors.AllowCredentials that is not the boolean true (SAM adds the
 * Access-Control-Allow-Credentials header only for `true`; E3012 leaves it).
 */
#include "rules/sam/samrules.h"
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_UNKNOWN_PROP || h->shape == SL_SPEC_NONE)
		return;
	const char *shape = sl_spec_shape_name(c->spec, h->shape);
	if (!shape || !sl_samr_lenient_shape(shape))
		return;
	const struct sl_node *k = h->at;
	sl_report(c, k, "unknown key '%s' in %s%s: the SAM transform drops it, so it has no effect",
		  k->str, shape, sl_schema_suggest(c, h->shape, k->str, k->len));
}

static void judge_credentials(struct sl_ctx *c, const struct sl_node *cors)
{
	const struct sl_node *v = sl_map_get(cors, "AllowCredentials");
	if (!v || sl_node_intrinsic(v) || !sl_samr_api_cors_credentials(v))
		return;
	if (sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) == SL_TYPE_BOOL)
		return;
	if (sl_node_is(v, SL_SCALAR))
		sl_report(c, v, "Cors AllowCredentials is the string \"%s\", not the boolean true: SAM adds the "
			  "Access-Control-Allow-Credentials header only for true and drops any other "
			  "value (write true, unquoted)", v->str);
	else
		sl_report(c, v, "Cors AllowCredentials is not the boolean true: SAM adds the "
			  "Access-Control-Allow-Credentials header only for true and drops any other value");
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_API);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		judge_credentials(c, sl_map_get(sl_samr_props(e), "Cors"));
	}
	judge_credentials(c, sl_map_get(sl_sam_globals_for(t, SL_SAM_API), "Cors"));
}


const struct sl_rule rule_W99050 = {
	.id = "W99050",
	.severity = SL_SEV_WARNING,
	.title = "Settings the SAM transform silently drops",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deploymentpreference.html",
	.doc =
	"### What it checks\n"
	"A key the specification does not know inside a SAM structure that the transform reads key "
	"by key without rejecting the others (a function's `DeploymentPreference`, an event of a "
	"function or state machine beside its `Type` and `Properties`; elsewhere an "
	"unknown property is E3002's), and an `AWS::Serverless::Api`'s `Cors.AllowCredentials` "
	"(or `Globals.Api`'s) that is not a boolean, such as the quoted `\"'true'\"` the other Cors "
	"values need.\n\n"
	"### Why it matters\n"
	"The transform accepts the template and drops the key, so nothing fails, but the setting "
	"never takes effect: a misspelt `Alarm` for `Alarms` deploys a function whose traffic shift "
	"no alarm can stop; SAM adds the `Access-Control-Allow-Credentials` header only when "
	"AllowCredentials is the boolean `true`, so browsers refuse credentialed requests.\n\n"
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
	"      AutoPublishAlias: live\n"
	"      DeploymentPreference:\n"
	"        Type: Canary10Percent5Minutes\n"
	"        Alarm:\n"
	"          - !Ref ErrorsAlarm\n"
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
	"      DeploymentPreference:\n"
	"        Type: Canary10Percent5Minutes\n"
	"        Alarms:\n"
	"          - !Ref ErrorsAlarm\n"
	"```\n",
	.check = check,
};
