/*
 * E99021: authorizers of SAM APIs. The Authorizers an Api or HttpApi defines
 * are complete for their kind, its DefaultAuthorizer is one of them, and the
 * Auth of each Api / HttpApi event names an authorizer its API defines.
 *
 * Sources: samtranslator/model/apigateway.py (ApiGatewayAuthorizer),
 * apigatewayv2.py (ApiGatewayV2Authorizer), api/api_generator.py and
 * api/http_api_generator.py (_get_authorizers, _set_default_authorizer),
 * eventsources/push.py (Api.add_auth_to_swagger,
 * HttpApi._add_auth_to_openapi_integration), and the SAM developer guide pages
 * ApiAuth, HttpApiAuth, LambdaTokenAuthorizer, LambdaRequestAuthorizer,
 * CognitoAuthorizer, OAuth2Authorizer and LambdaAuthorizer.
 */
#include <string.h>

#include "rules/sam/samrules.h"

static bool is_list(const struct sl_node *n)
{
	return sl_node_is(n, SL_SEQ) || sl_node_intrinsic(n);
}

/* A REST API authorizer (Lambda TOKEN / REQUEST or Cognito). */
static void rest_authorizer(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *a)
{
	const struct sl_node *pt = sl_map_get(a, "FunctionPayloadType");
	if (sl_samr_is_string(pt) && !sl_str_eq(pt, "TOKEN") && !sl_str_eq(pt, "REQUEST"))
		sl_report(c, pt, "FunctionPayloadType '%s' of authorizer '%s' is not TOKEN or REQUEST", pt->str,
			  name->str);
	const struct sl_node *id = sl_map_get(a, "Identity");
	if (id && !sl_samr_is_null(id) && (!sl_node_is(id, SL_MAP) || sl_node_intrinsic(id))) {
		if (!sl_node_intrinsic(id))
			sl_report(c, id, "Identity of authorizer '%s' must be a map (Header, Headers, "
				  "QueryStrings, ...)", name->str);
		return;
	}
	if (sl_str_eq(pt, "REQUEST")) {
		static const char *const sources[] = { "Headers", "QueryStrings", "StageVariables", "Context" };
		bool any = false;
		for (int i = 0; i < 4; i++)
			any = any || sl_samr_truthy(sl_map_get(id, sources[i]));
		const struct sl_node *ttl = sl_map_get(id, "ReauthorizeEvery");
		bool no_cache = sl_node_is(ttl, SL_SCALAR) && sl_scalar_type(ttl) == SL_TYPE_INT &&
				sl_str_eq(ttl, "0");
		if (!any && !no_cache && !sl_node_intrinsic(ttl))
			sl_report(c, id ? sl_map_key_of(id) : name, "REQUEST authorizer '%s' needs an Identity "
				  "with at least one of Headers, QueryStrings, StageVariables or Context (the "
				  "request values it is cached by), unless ReauthorizeEvery is 0", name->str);
	}
	const struct sl_node *sc = sl_map_get(a, "AuthorizationScopes");
	if (sc && !sl_samr_is_null(sc) && !is_list(sc))
		sl_report(c, sc, "AuthorizationScopes of authorizer '%s' must be a list of scopes", name->str);
}

/* An HTTP API authorizer: OAuth2/JWT (with JwtConfiguration) or Lambda. */
static void http_authorizer(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *a)
{
	const struct sl_node *oidc = sl_map_get(a, "OpenIdConnectUrl");
	if (oidc) {
		sl_report(c, sl_map_key_of(oidc), "OpenIdConnectUrl is no longer an authorizer property: SAM "
			  "rejects it (give the issuer in JwtConfiguration)");
		return;
	}
	bool jwt = sl_samr_truthy(sl_map_get(a, "JwtConfiguration"));
	static const char *const lambda_only[] = { "FunctionArn", "FunctionInvokeRole", "Identity",
						   "AuthorizerPayloadFormatVersion", "EnableSimpleResponses",
						   "EnableFunctionDefaultPermissions" };
	static const char *const jwt_only[] = { "AuthorizationScopes", "IdentitySource" };
	const char *const *wrong = jwt ? lambda_only : jwt_only;
	size_t nw = jwt ? 6 : 2;
	for (size_t i = 0; i < nw; i++) {
		const struct sl_pair *p = sl_map_get_pair(a, wrong[i]);
		if (p && !sl_samr_is_null(p->value))
			sl_report(c, p->key, "%s on authorizer '%s': it belongs to %s authorizers, and this one is "
				  "%s", wrong[i], name->str, jwt ? "Lambda" : "OAuth2 (JWT)",
				  jwt ? "an OAuth2 authorizer (it has JwtConfiguration)"
				      : "a Lambda authorizer (it has no JwtConfiguration)");
	}
	static const char *const jwt_needs[] = { "IdentitySource" };
	static const char *const lambda_needs[] = { "FunctionArn", "AuthorizerPayloadFormatVersion" };
	const char *const *needs = jwt ? jwt_needs : lambda_needs;
	for (size_t i = 0; i < (jwt ? 1u : 2u); i++)
		if (!sl_samr_truthy(sl_map_get(a, needs[i])))
			sl_report(c, name, "%s authorizer '%s' has no %s", jwt ? "OAuth2" : "Lambda", name->str,
				  needs[i]);
	const struct sl_node *efdp = sl_map_get(a, "EnableFunctionDefaultPermissions");
	if (!jwt && efdp && sl_node_is(efdp, SL_SCALAR) && !sl_samr_is_null(efdp) &&
	    sl_scalar_type(efdp) != SL_TYPE_BOOL)
		sl_report(c, efdp, "EnableFunctionDefaultPermissions of authorizer '%s' must be true or false",
			  name->str);
	const struct sl_node *sc = sl_map_get(a, "AuthorizationScopes");
	if (jwt && sc && !sl_samr_is_null(sc) && !is_list(sc))
		sl_report(c, sc, "AuthorizationScopes of authorizer '%s' must be a list of scopes", name->str);
}

/* Auth of an API (or of Globals.Api / Globals.HttpApi). */
static void check_api_auth(struct sl_ctx *c, const struct sl_node *auth, bool http)
{
	if (!sl_node_is(auth, SL_MAP) || sl_node_intrinsic(auth))
		return;
	const struct sl_node *as = sl_map_get(auth, "Authorizers");
	if (!sl_node_is(as, SL_MAP) || sl_node_intrinsic(as))
		as = NULL;
	for (size_t i = 0; as && i < as->len; i++) {
		const struct sl_node *k = as->pairs[i].key, *a = as->pairs[i].value;
		if (sl_node_intrinsic(a))
			continue;
		if (!sl_node_is(a, SL_MAP)) {
			sl_report(c, sl_samr_is_null(a) ? k : a, "authorizer '%s' must be a map of its settings",
				  k->str);
			continue;
		}
		if (http)
			http_authorizer(c, k, a);
		else
			rest_authorizer(c, k, a);
	}
}

/* DefaultAuthorizer of an API, with Globals merged in (SAM merges Auth maps). */
static void check_default(struct sl_ctx *c, const struct sl_samr_api *api)
{
	const struct sl_template *t = c->t;
	static const char *const dpath[] = { "Auth", "DefaultAuthorizer", NULL };
	const struct sl_node *d = sl_samr_api_prop(t, api, dpath);
	if (!sl_samr_is_string(d) || d->len == 0)
		return;
	static const char *const apath[] = { "Auth", "Authorizers", NULL };
	const struct sl_node *as = sl_samr_api_prop(t, api, apath);
	if (sl_node_intrinsic(as) || (as && !sl_samr_is_null(as) && !sl_node_is(as, SL_MAP)))
		return;
	const char *const one[] = { "Auth", "Authorizers", d->str, NULL };
	if (sl_samr_api_prop(t, api, one))
		return;
	if (!api->http) {
		/* REST APIs: AWS_IAM is built in; with no Authorizers at all SAM sets no default */
		if (sl_str_eq(d, "AWS_IAM") || !sl_samr_truthy(as))
			return;
	} else {
		static const char *const ipath[] = { "Auth", "EnableIamAuthorizer", NULL };
		if (sl_str_eq(d, "AWS_IAM") && sl_scalar_bool(sl_samr_api_prop(t, api, ipath)) == 1)
			return;
	}
	sl_report(c, d, "DefaultAuthorizer '%s' is not one of the API's Authorizers%s", d->str,
		  api->http && sl_str_eq(d, "AWS_IAM") ? " (for IAM authorization set EnableIamAuthorizer: true)"
						      : "");
}

/* Whether SAM writes the routes of Api events into this REST API's definition
 * (and so checks their Auth against it): the implicit API, an API without a
 * definition of its own, or one with MergeDefinitions. */
static bool managed(const struct sl_template *t, const struct sl_samr_api *api)
{
	enum sl_samr_definition d = sl_samr_api_definition(t, api);
	/* an HttpApi's inline definition gets the event routes' Auth too */
	return d == SL_SAMR_DEF_GENERATED || d == SL_SAMR_DEF_MERGED ||
	       (api->http && d == SL_SAMR_DEF_INLINE);
}

/* The Authorizer an event's Auth names (m), against its API's Authorizers (as)
 * and DefaultAuthorizer (def). */
static void check_method_authorizer(struct sl_ctx *c, const struct sl_samr_api *api, const char *api_name,
				    const struct sl_node *ev_key, const struct sl_node *auth_key,
				    const struct sl_node *m, const struct sl_node *as, const struct sl_node *def)
{
	bool http = api->http;
	if (sl_samr_is_null(m)) {
		if (http && !sl_samr_truthy(def))
			sl_report(c, auth_key, "Auth of HttpApi event '%s' names no Authorizer and API '%s' has no "
				  "DefaultAuthorizer: SAM needs one of them", ev_key->str, api_name);
		return;
	}
	if (sl_node_intrinsic(m))
		return; /* a parameter's value, known at deploy time */
	if (!sl_samr_is_string(m)) {
		if (!sl_node_is(m, SL_SCALAR))
			sl_report(c, m, "the Authorizer of an event must be the name of one of its API's "
				  "Authorizers (a string), not a %s", sl_node_is(m, SL_SEQ) ? "list" : "map");
		return;
	}
	if (sl_str_eq(m, "NONE")) {
		if (!sl_samr_truthy(def))
			sl_report(c, m, "Authorizer NONE turns off the API's DefaultAuthorizer for this route, and "
				  "API '%s' has no DefaultAuthorizer: SAM rejects it", api_name);
		return;
	}
	if (sl_str_eq(m, "AWS_IAM")) {
		static const char *const ipath[] = { "Auth", "EnableIamAuthorizer", NULL };
		if (!http || sl_scalar_bool(sl_samr_api_prop(c->t, api, ipath)) == 1)
			return;
	}
	if (!sl_samr_truthy(as)) {
		sl_report(c, m, "Authorizer '%s' on event '%s', but API '%s' defines no Authorizers%s", m->str,
			  ev_key->str, api_name,
			  http && sl_str_eq(m, "AWS_IAM") ? " (for IAM authorization set EnableIamAuthorizer: true)" : "");
		return;
	}
	const char *const one[] = { "Auth", "Authorizers", m->str, NULL };
	if (sl_node_is(as, SL_MAP) && !sl_samr_api_prop(c->t, api, one))
		sl_report(c, m, "Authorizer '%s' on event '%s' is not one of the Authorizers of API '%s'", m->str,
			  ev_key->str, api_name);
}

static void check_event(struct sl_ctx *c, const struct sl_node *ev_key, const struct sl_node *props, bool http)
{
	const struct sl_template *t = c->t;
	struct sl_samr_api api;
	sl_samr_event_api(&api, t, props, http);
	if (!api.known || !managed(t, &api))
		return;
	const struct sl_pair *ap = sl_map_get_pair(props, "Auth");
	const struct sl_node *auth = ap ? ap->value : NULL;
	if (!sl_node_is(auth, SL_MAP) || sl_node_intrinsic(auth))
		return;
	static const char *const apath[] = { "Auth", "Authorizers", NULL };
	static const char *const dpath[] = { "Auth", "DefaultAuthorizer", NULL };
	const struct sl_node *as = sl_samr_api_prop(t, &api, apath);
	const struct sl_node *def = sl_samr_api_prop(t, &api, dpath);
	if (sl_node_intrinsic(as) || sl_node_intrinsic(def))
		return; /* resolved at deploy time */
	const char *api_name = api.res ? api.res->key->str : http ? "ServerlessHttpApi" : "ServerlessRestApi";
	check_method_authorizer(c, &api, api_name, ev_key, ap->key, sl_map_get(auth, "Authorizer"), as, def);
	if (http) {
		const struct sl_node *sc = sl_map_get(auth, "AuthorizationScopes");
		if (sc && !sl_samr_is_null(sc) && !is_list(sc))
			sl_report(c, sc, "AuthorizationScopes of event '%s' must be a list of scopes", ev_key->str);
		return;
	}
	const struct sl_node *akr = sl_map_get(auth, "ApiKeyRequired");
	static const char *const kpath[] = { "Auth", "ApiKeyRequired", NULL };
	if (sl_node_is(akr, SL_SCALAR) && sl_scalar_bool(akr) == 0 &&
	    !sl_samr_truthy(sl_samr_api_prop(t, &api, kpath)) && !sl_node_intrinsic(sl_samr_api_prop(t, &api, kpath)))
		sl_report(c, akr, "ApiKeyRequired: false on event '%s' turns off an API-wide key requirement, "
			  "and API '%s' sets none (Auth.ApiKeyRequired): SAM rejects it", ev_key->str, api_name);
}

/* An event: judged, and noted when it makes an implicit API (implicit[http]). */
static void on_event(struct sl_ctx *c, const struct sl_entity *res, const struct sl_node *name,
		     const struct sl_node *props, bool http, void *ud)
{
	(void)res;
	bool *implicit = ud;
	if (sl_samr_is_null(sl_map_get(props, http ? "ApiId" : "RestApiId")))
		implicit[http] = true;
	check_event(c, name, props, http);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	check_api_auth(c, sl_map_get(sl_sam_globals_for(t, SL_SAM_API), "Auth"), false);
	check_api_auth(c, sl_map_get(sl_sam_globals_for(t, SL_SAM_HTTP_API), "Auth"), true);
	bool implicit[2] = { false, false };
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_API, SL_SAM_HTTP_API);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool rest = sl_samr_type_is(e, SL_SAM_API), http = sl_samr_type_is(e, SL_SAM_HTTP_API);
		if (!rest && !http)
			continue;
		check_api_auth(c, sl_map_get(sl_samr_props(e), "Auth"), http);
		struct sl_samr_api api = { e, http, true };
		if (sl_samr_is_null(sl_sam_prop(t, e, "DefinitionUri", NULL)))
			check_default(c, &api);
	}
	sl_samr_each_api_event(c, on_event, implicit);
	for (int h = 0; h < 2; h++) {
		struct sl_samr_api api = { NULL, h == 1, true };
		if (implicit[h])
			check_default(c, &api);
	}
}

const struct sl_rule rule_E99021 = {
	.id = "E99021",
	.severity = SL_SEV_ERROR,
	.title = "SAM API authorizers are complete, and the authorizers routes name exist",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html",
	.doc =
	"### What it checks\n"
	"In the `Auth` of an `AWS::Serverless::Api` or `AWS::Serverless::HttpApi` (and "
	"`Globals.Api` / `Globals.HttpApi`), each of the `Authorizers` is a map with what its kind "
	"needs: a REST `FunctionPayloadType` of TOKEN or REQUEST, a REQUEST authorizer's `Identity` "
	"source, a list of `AuthorizationScopes`; an HTTP API OAuth2 authorizer (with "
	"`JwtConfiguration`) has an `IdentitySource` and no Lambda settings, a Lambda authorizer has "
	"`FunctionArn` and `AuthorizerPayloadFormatVersion` and no OAuth2 settings, and "
	"`OpenIdConnectUrl` is gone. The `DefaultAuthorizer` is one of the `Authorizers` (or "
	"`AWS_IAM`, built into REST APIs, and into HTTP APIs with `EnableIamAuthorizer`). The `Auth` of "
	"an `Api` or `HttpApi` event names an authorizer its API defines (a string), `NONE` only when "
	"the API has a `DefaultAuthorizer`, and `ApiKeyRequired: false` only when the API requires "
	"keys. Events are judged when SAM writes their route into the API's definition (the implicit "
	"API, or an API without a definition of its own).\n\n"
	"### Why it matters\n"
	"The SAM transform rejects an authorizer it cannot build and a route that names an authorizer "
	"the API does not have, so the stack never deploys.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::HttpApi\n"
	"    Properties:\n"
	"      Auth:\n"
	"        DefaultAuthorizer: LambdaAuth\n"
	"        Authorizers:\n"
	"          LambdaAuth:\n"
	"            FunctionArn: !GetAtt AuthFn.Arn\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Events:\n"
	"        Get:\n"
	"          Type: HttpApi\n"
	"          Properties:\n"
	"            ApiId: !Ref Api\n"
	"            Auth:\n"
	"              Authorizer: JwtAuth\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::HttpApi\n"
	"    Properties:\n"
	"      Auth:\n"
	"        DefaultAuthorizer: LambdaAuth\n"
	"        Authorizers:\n"
	"          LambdaAuth:\n"
	"            FunctionArn: !GetAtt AuthFn.Arn\n"
	"            AuthorizerPayloadFormatVersion: '2.0'\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      Events:\n"
	"        Get:\n"
	"          Type: HttpApi\n"
	"          Properties:\n"
	"            ApiId: !Ref Api\n"
	"            Auth:\n"
	"              Authorizer: LambdaAuth\n"
	"```\n",
	.check = check,
};
