/*
 * E99024: the routes Api and HttpApi events add to an API whose definition SAM
 * writes: each method and path once per API, request models the API defines
 * (with boolean validators), request parameters in API Gateway's form, and
 * OverrideApiAuth only with something to override with.
 *
 * Sources: samtranslator/model/eventsources/push.py (Api._add_swagger_integration,
 * HttpApi._add_openapi_integration, the OverrideApiAuth check), the implicit
 * API plugins, and the SAM developer guide pages Api (event source),
 * RequestModel, RequestParameter and ApiFunctionAuth.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/sam/samrules.h"

/* Whether SAM writes the event routes of this API into a definition it manages
 * (the implicit API, or an explicit one without a definition of its own), so
 * that it sees every route and the API's Models. merge: REST APIs with
 * MergeDefinitions, whose routes SAM builds apart (it checks them, but not one
 * against another). */
static bool managed(const struct sl_template *t, const struct sl_samr_api *api, bool *merge)
{
	enum sl_samr_definition d = api->known ? sl_samr_api_definition(t, api) : SL_SAMR_DEF_URI;
	*merge = d == SL_SAMR_DEF_MERGED;
	return d == SL_SAMR_DEF_GENERATED || d == SL_SAMR_DEF_MERGED;
}

/* A route of a managed API, for finding the ones defined twice. */
struct route {
	const struct sl_entity *api; /* NULL: the implicit API */
	bool http;
	const char *path, *method;   /* method lower-cased, "any" as API Gateway's any-method */
	const struct sl_node *at;    /* the Method value */
};

static int route_cmp(const void *a, const void *b)
{
	const struct route *x = a, *y = b;
	if (x->http != y->http)
		return x->http ? 1 : -1;
	if (x->api != y->api)
		return !x->api ? -1 : !y->api ? 1 : x->api < y->api ? -1 : 1;
	int r = strcmp(x->path, y->path);
	if (!r)
		r = strcmp(x->method, y->method);
	if (!r)
		r = x->at->start < y->at->start ? -1 : x->at->start > y->at->start;
	return r;
}

struct routes {
	struct route *v;
	size_t n, cap;
};

static void add_route(struct sl_ctx *c, struct routes *rs, const struct sl_samr_api *api,
		      const struct sl_node *path, const struct sl_node *method)
{
	if (rs->n == rs->cap) {
		size_t nc = rs->cap ? rs->cap * 2 : 32;
		struct route *nv = sl_arena_alloc(c->arena, nc * sizeof(*nv));
		if (!nv)
			return;
		if (rs->n)
			memcpy(nv, rs->v, rs->n * sizeof(*nv));
		rs->v = nv;
		rs->cap = nc;
	}
	char *m = sl_arena_printf(c->arena, "%s", method->str);
	if (!m)
		return;
	for (char *p = m; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (!strcmp(m, "any"))
		m = "x-amazon-apigateway-any-method";
	rs->v[rs->n++] = (struct route){ api->res, api->http, path->str, m, method };
}

/* A RequestParameters entry name: method.request.(querystring|path|header).name */
static bool parameter_name(const struct sl_node *n)
{
	static const char *const kinds[] = { "method.request.querystring.", "method.request.path.",
					     "method.request.header." };
	for (int i = 0; i < 3; i++) {
		size_t l = strlen(kinds[i]);
		if (n->len >= l && memcmp(n->str, kinds[i], l) == 0)
			return true;
	}
	return false;
}

static void check_parameters(struct sl_ctx *c, const struct sl_node *params)
{
	if (!sl_node_is(params, SL_SEQ))
		return;
	for (size_t i = 0; i < params->len; i++) {
		const struct sl_node *p = params->items[i];
		if (sl_node_intrinsic(p))
			continue;
		const struct sl_node *name = p, *value = NULL;
		if (sl_node_is(p, SL_MAP) && p->len >= 1) {
			name = p->pairs[0].key;
			value = p->pairs[0].value;
		} else if (!sl_samr_is_string(p)) {
			sl_report(c, p, "a RequestParameters entry is a parameter name or a map of one name to its "
				  "settings (Required, Caching)");
			continue;
		}
		if (!parameter_name(name))
			sl_report(c, name, "request parameter '%s' is not in API Gateway's form "
				  "method.request.querystring|path|header.<name>", name->str);
		if (!value)
			continue;
		if (!sl_node_is(value, SL_MAP) || sl_node_intrinsic(value)) {
			sl_report(c, sl_samr_is_null(value) ? name : value, "the settings of request parameter "
				  "'%s' must be a map (Required, Caching)", name->str);
			continue;
		}
		for (size_t j = 0; j < value->len; j++) {
			const struct sl_node *k = value->pairs[j].key;
			if (!sl_str_eq(k, "Required") && !sl_str_eq(k, "Caching"))
				sl_report(c, k, "'%s' is not a setting of a request parameter: SAM takes Required and "
					  "Caching", k->str);
		}
	}
}

static void check_model(struct sl_ctx *c, const struct sl_samr_api *api, const char *api_name,
			const struct sl_node *rm)
{
	if (!sl_node_is(rm, SL_MAP) || sl_node_intrinsic(rm))
		return;
	const struct sl_node *model = sl_map_get(rm, "Model");
	if (!sl_samr_is_string(model))
		return;
	static const char *const mpath[] = { "Models", NULL };
	const struct sl_node *models = sl_samr_api_prop(c->t, api, mpath);
	if (sl_node_intrinsic(models))
		return;
	if (!sl_samr_truthy(models))
		sl_report(c, model, "RequestModel '%s', but API '%s' defines no Models", model->str, api_name);
	else if (!sl_node_is(models, SL_MAP))
		sl_report(c, model, "RequestModel '%s', but the Models of API '%s' are not a map of models",
			  model->str, api_name);
	else if (!sl_map_get(models, model->str))
		sl_report(c, model, "RequestModel '%s' is not one of the Models of API '%s'", model->str, api_name);
	static const char *const flags[] = { "ValidateBody", "ValidateParameters" };
	for (int i = 0; i < 2; i++) {
		const struct sl_node *v = sl_map_get(rm, flags[i]);
		bool boolean = sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) == SL_TYPE_BOOL;
		if (v && !sl_samr_is_null(v) && !boolean)
			sl_report(c, v, "%s must be true or false: SAM takes no strings or functions there",
				  flags[i]);
	}
}

static void check_event(struct sl_ctx *c, struct routes *rs, const struct sl_node *props, bool http)
{
	const struct sl_template *t = c->t;
	const struct sl_node *auth = sl_map_get(props, "Auth");
	const struct sl_node *ov = sl_map_get(auth, "OverrideApiAuth");
	if (!http && sl_node_is(auth, SL_MAP) && sl_scalar_bool(ov) == 1 && !sl_map_get(auth, "Authorizer") &&
	    !sl_map_get(auth, "ApiKeyRequired") && !sl_map_get(auth, "ResourcePolicy"))
		sl_report(c, ov, "OverrideApiAuth with nothing to override the API's Auth with: give the route an "
			  "Authorizer, ApiKeyRequired or ResourcePolicy");
	struct sl_samr_api api;
	sl_samr_event_api(&api, t, props, http);
	bool merge;
	if (!managed(t, &api, &merge))
		return;
	const char *api_name = api.res ? api.res->key->str : http ? "ServerlessHttpApi" : "ServerlessRestApi";
	if (!http) {
		check_model(c, &api, api_name, sl_map_get(props, "RequestModel"));
		check_parameters(c, sl_map_get(props, "RequestParameters"));
	}
	const struct sl_node *path = sl_map_get(props, "Path"), *method = sl_map_get(props, "Method");
	if (!merge && sl_samr_is_string(path) && sl_samr_is_string(method))
		add_route(c, rs, &api, path, method);
}

static void on_event(struct sl_ctx *c, const struct sl_entity *res, const struct sl_node *name,
		     const struct sl_node *props, bool http, void *ud)
{
	(void)res;
	(void)name;
	check_event(c, ud, props, http);
}

static void check(struct sl_ctx *c)
{
	struct routes rs = { NULL, 0, 0 };
	sl_samr_each_api_event(c, on_event, &rs);
	if (rs.n > 1)
		qsort(rs.v, rs.n, sizeof(*rs.v), route_cmp);
	for (size_t i = 1; i < rs.n; i++) {
		const struct route *a = &rs.v[i - 1], *b = &rs.v[i];
		if (a->http != b->http || a->api != b->api || strcmp(a->path, b->path) ||
		    strcmp(a->method, b->method))
			continue;
		sl_report(c, b->at, "method %s on path %s of API '%s' is already defined by another event "
			  "(line %u): SAM writes each route once and rejects the second", b->at->str, b->path,
			  b->api ? b->api->key->str : b->http ? "ServerlessHttpApi" : "ServerlessRestApi",
			  sl_line(c, a->at));
	}
}

const struct sl_rule rule_E99024 = {
	.id = "E99024",
	.severity = SL_SEV_ERROR,
	.title = "Routes of SAM API events are defined once, with models and parameters the API takes",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html",
	.doc =
	"### What it checks\n"
	"For the `Api` and `HttpApi` events of functions and state machines whose API has its "
	"definition written by SAM (the implicit API, or an API without a `DefinitionBody` or "
	"`DefinitionUri` of its own): no two events add the same method and path to one API; a "
	"`RequestModel` names one of the API's `Models`, and its `ValidateBody` / "
	"`ValidateParameters` are booleans; each `RequestParameters` entry is named "
	"`method.request.querystring|path|header.<name>`, with settings `Required` and `Caching` only. "
	"On any `Api` event, `Auth.OverrideApiAuth: true` comes with an `Authorizer`, "
	"`ApiKeyRequired` or `ResourcePolicy` to override the API's Auth with.\n\n"
	"### Why it matters\n"
	"SAM writes each event's route into the API's OpenAPI document; it rejects a route that is "
	"already there, a model the API does not define and malformed parameters, so the stack never "
	"deploys.\n\n"
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
	"        List:\n"
	"          Type: Api\n"
	"          Properties:\n"
	"            Path: /items\n"
	"            Method: get\n"
	"        Search:\n"
	"          Type: Api\n"
	"          Properties:\n"
	"            Path: /items\n"
	"            Method: GET\n"
	"            RequestParameters:\n"
	"            - querystring.q\n"
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
	"        List:\n"
	"          Type: Api\n"
	"          Properties:\n"
	"            Path: /items\n"
	"            Method: get\n"
	"            RequestParameters:\n"
	"            - method.request.querystring.q\n"
	"```\n",
	.check = check,
};
