/*
 * E99018: an AWS::Serverless::WebSocketApi has what SAM needs to build it: a
 * route selection expression, at least one route, route keys SAM can name
 * resources after, a function behind every route, and an Auth block of one of
 * the three kinds WebSocket APIs have.
 *
 * Source: samtranslator/model/api/websocket_api_generator.py and the
 * AWS::Serverless::WebSocketApi page of the SAM developer guide.
 */
#include <string.h>

#include "rules/sam/samrules.h"

#define SL_SAM_WEBSOCKET_API "AWS::Serverless::WebSocketApi"

static bool special_route(const struct sl_node *k)
{
	return sl_str_eq(k, "$connect") || sl_str_eq(k, "$disconnect") || sl_str_eq(k, "$default");
}

static bool alnum_key(const struct sl_node *k)
{
	if (k->len == 0)
		return false;
	for (size_t i = 0; i < k->len; i++) {
		unsigned char ch = (unsigned char)k->str[i];
		bool alnum = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
		if (ch < 0x80 && !alnum)
			return false;
	}
	return true;
}

/* Case-insensitive comparison of a scalar with an upper-case word. */
static bool is_word(const struct sl_node *n, const char *w)
{
	size_t l = strlen(w);
	if (!sl_node_is(n, SL_SCALAR) || n->len != l)
		return false;
	for (size_t i = 0; i < l; i++) {
		char ch = n->str[i];
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch != w[i])
			return false;
	}
	return true;
}

static void check_routes(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props)
{
	const struct sl_pair *rp = sl_map_get_pair(props, "Routes");
	const struct sl_node *routes = rp ? rp->value : NULL;
	if (sl_node_intrinsic(routes) || (routes && !sl_samr_is_null(routes) && !sl_node_is(routes, SL_MAP)))
		return; /* a function, or a wrong shape (E3012's) */
	if (!routes || routes->kind != SL_MAP || routes->len == 0) {
		sl_report(c, rp ? rp->key : sl_samr_anchor(e), "WebSocket API '%s' has no Routes: SAM "
			  "builds the API from its routes and rejects one with none", e->key->str);
		return;
	}
	for (size_t i = 0; i < routes->len; i++) {
		const struct sl_node *k = routes->pairs[i].key, *r = routes->pairs[i].value;
		if (!special_route(k) && !alnum_key(k))
			sl_report(c, k, "route key '%s' is neither $connect, $disconnect nor $default nor "
				  "alphanumeric: SAM names the route's resources after the key and rejects "
				  "other characters", k->str);
		if (!sl_node_is(r, SL_MAP) || sl_node_intrinsic(r) || !sl_map_get(r, "FunctionArn")) {
			if (sl_node_is(r, SL_MAP) || sl_samr_is_null(r))
				sl_report(c, k, "route '%s' has no "
					  "FunctionArn: every route of a WebSocket API integrates a Lambda "
					  "function%s", k->str, sl_node_intrinsic(r) ? " (a route is a map with "
					  "FunctionArn, not the ARN itself)" : "");
			continue;
		}
		const struct sl_pair *pp = sl_map_get_pair(r, "RequestParameters");
		if (pp && !sl_samr_is_null(pp->value) && !sl_str_eq(k, "$connect"))
			sl_report(c, pp->key, "RequestParameters on route '%s': WebSocket APIs take request "
				  "parameters on the $connect route only", k->str);
	}
}

static void check_auth(struct sl_ctx *c, const struct sl_node *props)
{
	const struct sl_pair *ap = sl_map_get_pair(props, "Auth");
	const struct sl_node *auth = ap ? ap->value : NULL;
	if (!sl_node_is(auth, SL_MAP) || sl_node_intrinsic(auth) || auth->len == 0)
		return;
	const struct sl_node *routes = sl_map_get(props, "Routes");
	if (sl_node_is(routes, SL_MAP) && !sl_node_intrinsic(routes) && routes->len > 0 &&
	    !sl_map_get(routes, "$connect")) {
		sl_report(c, ap->key, "Auth on a WebSocket API without a $connect route: clients are "
			  "authorized when they connect, and SAM rejects Auth with no $connect route");
		return;
	}
	const struct sl_pair *tp = sl_map_get_pair(auth, "AuthType");
	const struct sl_node *ty = tp ? tp->value : NULL;
	if (sl_samr_is_null(ty)) {
		sl_report(c, ap->key, "Auth has no AuthType: a WebSocket API authorizes with AWS_IAM, "
			  "CUSTOM (a Lambda authorizer named by AuthArn) or NONE, and SAM needs to be told which");
		return;
	}
	if (!sl_samr_is_string(ty))
		return;
	bool iam = is_word(ty, "AWS_IAM"), custom = is_word(ty, "CUSTOM"), none = is_word(ty, "NONE");
	if (!iam && !custom && !none) {
		sl_report(c, ty, "AuthType '%s' is not one of AWS_IAM, CUSTOM or NONE", ty->str);
		return;
	}
	if (custom && sl_samr_is_null(sl_map_get(auth, "AuthArn")))
		sl_report(c, tp->key, "AuthType CUSTOM needs AuthArn, the ARN of the Lambda authorizer "
			  "function");
	for (size_t i = 0; (iam || none) && i < auth->len; i++) {
		const struct sl_node *k = auth->pairs[i].key;
		if (!sl_str_eq(k, "AuthType"))
			sl_report(c, k, "%s with AuthType %s: SAM takes no other Auth settings for that "
				  "AuthType (only CUSTOM authorizers have them)", k->str, ty->str);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_WEBSOCKET_API);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!props && sl_map_get(e->value, "Properties"))
			continue; /* Properties is not a map: E3001's */
		if (sl_samr_is_null(sl_sam_prop(t, e, "RouteSelectionExpression", NULL)))
			sl_report(c, sl_samr_anchor(e), "WebSocket API '%s' has no RouteSelectionExpression: "
				  "API Gateway needs it to pick the route of each message (e.g. "
				  "$request.body.action)", e->key->str);
		check_routes(c, e, props);
		check_auth(c, props);
		const struct sl_node *stage = sl_map_get(props, "StageName");
		if (sl_str_eq(stage, "$default"))
			sl_report(c, stage, "a WebSocket API stage cannot be named $default (that name is "
				  "for HTTP APIs' automatic stage): SAM rejects it");
		const struct sl_node *ip = sl_sam_prop(t, e, "IpAddressType", NULL);
		if (sl_samr_is_string(ip) && !sl_str_eq(ip, "ipv4") && !sl_str_eq(ip, "dualstack"))
			sl_report(c, ip, "IpAddressType '%s' is not ipv4 or dualstack", ip->str);
		static const char *const mtls_path[] = { "MutualTlsAuthentication", NULL };
		const struct sl_node *mtls = sl_map_path(sl_sam_prop(t, e, "Domain", NULL), mtls_path);
		if (mtls && !sl_samr_is_null(mtls))
			sl_report(c, sl_map_key_of(mtls), "MutualTlsAuthentication on the Domain of a WebSocket "
				  "API: API Gateway supports mutual TLS for REST and HTTP APIs only, and SAM "
				  "rejects it here");
	}
}

const struct sl_rule rule_E99018 = {
	.id = "E99018",
	.severity = SL_SEV_ERROR,
	.title = "WebSocket APIs have a route selection expression, routes with functions, and a valid Auth",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-websocketapi.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Serverless::WebSocketApi` has a `RouteSelectionExpression` (here or in "
	"`Globals.WebSocketApi`) and at least one route; each route key is `$connect`, "
	"`$disconnect`, `$default` or alphanumeric, and each route is a map with the "
	"`FunctionArn` of the function that handles it; `RequestParameters` appear on the "
	"`$connect` route only. `Auth` needs a `$connect` route and an `AuthType` of `AWS_IAM`, "
	"`CUSTOM` (with `AuthArn`) or `NONE`, and `AWS_IAM` and `NONE` take no other settings. The "
	"stage is not named `$default`, `IpAddressType` is `ipv4` or `dualstack`, and the `Domain` "
	"has no `MutualTlsAuthentication`.\n\n"
	"### Why it matters\n"
	"The SAM transform builds the WebSocket API's routes, integrations and permissions from these "
	"settings and rejects the template when one is missing or out of place, so the stack never "
	"deploys.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Chat:\n"
	"    Type: AWS::Serverless::WebSocketApi\n"
	"    Properties:\n"
	"      Auth:\n"
	"        AuthArn: !GetAtt Authorizer.Arn\n"
	"      Routes:\n"
	"        $connect:\n"
	"          IntegrationTimeout: 15000\n"
	"        send-message:\n"
	"          FunctionArn: !GetAtt Send.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Chat:\n"
	"    Type: AWS::Serverless::WebSocketApi\n"
	"    Properties:\n"
	"      RouteSelectionExpression: $request.body.action\n"
	"      Auth:\n"
	"        AuthType: CUSTOM\n"
	"        AuthArn: !GetAtt Authorizer.Arn\n"
	"      Routes:\n"
	"        $connect:\n"
	"          FunctionArn: !GetAtt Connect.Arn\n"
	"        sendmessage:\n"
	"          FunctionArn: !GetAtt Send.Arn\n"
	"```\n",
	.check = check,
};
