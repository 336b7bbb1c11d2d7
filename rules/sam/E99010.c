/* E99010: Cors values of a SAM Api are quoted header values ("'*'", not "*"). */
#include <string.h>

#include "rules/sam/samrules.h"

/* The Cors keys whose values SAM copies into API Gateway response-header mappings. */
static const char *const header_keys[] = {
	"AllowOrigin", "AllowHeaders", "AllowMethods", "MaxAge",
};

static bool starts(const struct sl_node *n, const char *p)
{
	size_t l = strlen(p);
	return n->len >= l && memcmp(n->str, p, l) == 0;
}

/* True for text API Gateway reads as a mapping expression rather than a literal. */
static bool mapping_expression(const struct sl_node *n)
{
	return starts(n, "method.request.") || starts(n, "integration.response.") ||
	       starts(n, "stageVariables.") || starts(n, "context.");
}

/* One value the key `name` can take (name is NULL for Cors given as a string). */
static void judge(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const char *name = ud;
	const char *what = name ? sl_arena_printf(c->arena, "Cors %s", name)
				: "Cors (given as a string, it is the AllowOrigin value)";
	if (!what || sl_node_intrinsic(v))
		return;
	if (sl_node_is(v, SL_SCALAR)) {
		if (sl_samr_is_string(v)) {
			if (v->len >= 2 && v->str[0] == '\'' && v->str[v->len - 1] == '\'')
				return;
			if (mapping_expression(v))
				return;
			sl_report(c, v, "%s \"%s\" is not a quoted header value: SAM hands it to API Gateway "
				  "as a response-header mapping, where a literal is written in single quotes "
				  "inside the string: \"'%s'\"", what, v->str, v->str);
		} else {
			sl_report(c, v, "%s %s is not a string: SAM hands it to API Gateway as a "
				  "response-header mapping, where a literal is a string in single quotes: "
				  "\"'%s'\"", what, v->str, v->str);
		}
		return;
	}
	if (sl_node_is(v, SL_SEQ)) {
		sl_report(c, v, "%s is a list: API Gateway takes one header value, a quoted string "
			  "with the entries separated by commas, e.g. \"'GET,POST,OPTIONS'\"", what);
	}
}

static void check_cors(struct sl_ctx *c, const struct sl_node *cors)
{
	if (!cors)
		return;
	const struct sl_node *k = sl_node_intrinsic(cors);
	if (k && sl_str_eq(k, "Fn::If")) {
		const struct sl_node *args = cors->pairs[0].value;
		for (size_t i = 1; sl_node_is(args, SL_SEQ) && args->len == 3 && i < 3; i++)
			if (!sl_samr_is_novalue(args->items[i]))
				check_cors(c, args->items[i]);
		return;
	}
	if (k)
		return;
	if (sl_node_is(cors, SL_SCALAR)) {
		if (sl_samr_is_string(cors))
			judge(c, cors, NULL);
		return;
	}
	if (!sl_node_is(cors, SL_MAP))
		return;
	for (size_t i = 0; i < sizeof(header_keys) / sizeof(header_keys[0]); i++) {
		const struct sl_node *v = sl_map_get(cors, header_keys[i]);
		if (v)
			sl_samr_each_value(v, judge, c, (void *)header_keys[i]);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	/* Globals.Api applies to every Api, the implicit ServerlessRestApi too: judge it once */
	check_cors(c, sl_map_get(sl_sam_globals_for(t, SL_SAM_API), "Cors"));
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_API);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		check_cors(c, sl_map_get(sl_samr_props(e), "Cors"));
	}
}

const struct sl_rule rule_E99010 = {
	.id = "E99010",
	.severity = SL_SEV_ERROR,
	.title = "SAM Api Cors values are quoted header values",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html",
	.doc =
	"### What it checks\n"
	"On `AWS::Serverless::Api` and in `Globals.Api`, the `Cors` values `AllowOrigin`, "
	"`AllowHeaders`, `AllowMethods` and `MaxAge` (and `Cors` itself when it is a string, the "
	"allowed origin) are strings wrapped in single quotes inside the YAML string: `\"'*'\"`, "
	"`\"'GET,POST'\"`, `\"'600'\"`. API Gateway mapping expressions "
	"(`method.request.header.Origin`, ...) are accepted; values from intrinsic functions are "
	"not judged. `AWS::Serverless::HttpApi` is not concerned: its `CorsConfiguration` takes "
	"plain values.\n\n"
	"### Why it matters\n"
	"SAM writes these values into the OPTIONS method's integration response as header mappings, "
	"where API Gateway reads an unquoted value as an expression: the deployment fails "
	"(\"Invalid mapping expression specified\"), or the header is not sent and browsers block "
	"the requests.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::Api\n"
	"    Properties:\n"
	"      StageName: prod\n"
	"      Cors:\n"
	"        AllowOrigin: \"*\"\n"
	"        AllowMethods: GET,POST\n"
	"        MaxAge: 600\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::Api\n"
	"    Properties:\n"
	"      StageName: prod\n"
	"      Cors:\n"
	"        AllowOrigin: \"'*'\"\n"
	"        AllowMethods: \"'GET,POST'\"\n"
	"        MaxAge: \"'600'\"\n"
	"```\n",
	.check = check,
};
