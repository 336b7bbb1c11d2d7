/* W99101: a function API Gateway invokes whose Timeout outlasts the integration's. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/lambda/lambda.h"

/* The API Gateway routes that invoke one function, by kind of API: for each,
 * the route with the shortest integration timeout is the one to name. */
enum api_kind { K_REST, K_WS, K_HTTP, K_COUNT };

struct invokers {
	const char *route[K_COUNT];   /* "GET /items", "route '$connect'", or NULL */
	long long limit_ms[K_COUNT];  /* that route's integration timeout */
};

static const long long default_ms[K_COUNT] = { SL_LAM_REST_LIMIT_MS, SL_LAM_REST_LIMIT_MS,
					       SL_LAM_HTTP_LIMIT_MS };

/* The integration timeout: a literal TimeoutInMillis below the API's default,
 * else the default. */
static long long limit_of(const struct sl_node *millis, enum api_kind k)
{
	long long ms;
	if (millis && sl_lam_number(millis, &ms) && ms > 0 && ms < default_ms[k])
		return ms;
	return default_ms[k];
}

static void note(struct invokers *iv, enum api_kind k, const char *route, long long limit_ms)
{
	if (route && (!iv->route[k] || limit_ms < iv->limit_ms[k])) {
		iv->route[k] = route;
		iv->limit_ms[k] = limit_ms;
	}
}

/* Resource paths are spelled out in routes up to this many levels and bytes;
 * a deeper or longer one (or a cycle) names the method instead. */
#define PATH_LEVELS 32
#define PATH_BYTES 1024

/* The paths of the template's AWS::ApiGateway::Resources, each built once
 * (indexed like t->resources): every method on a deep resource would otherwise
 * rebuild every prefix of its path. */
enum { P_UNSEEN, P_OK, P_NONE };
struct paths {
	const char **path;      /* "/items/{id}" when state is P_OK */
	unsigned char *levels;  /* resources from this one up to the API's root */
	unsigned char *state;
};

/* The AWS::ApiGateway::Resource a ParentId or ResourceId names (a Ref), or -1. */
static long path_resource(const struct sl_template *t, const struct sl_node *id)
{
	const struct sl_node *k = sl_node_intrinsic(id);
	if (!k || !sl_str_eq(k, "Ref") || !sl_node_is(id->pairs[0].value, SL_SCALAR))
		return -1;
	const struct sl_node *n = id->pairs[0].value;
	const struct sl_entity *r = sl_index_find(&t->resources, n->str, n->len);
	if (!r || !sl_samr_type_is(r, "AWS::ApiGateway::Resource"))
		return -1;
	return (long)(r - t->resources.items);
}

/* "/items/{id}" for the resource a method's ResourceId names, following
 * ParentId to the root (Fn::GetAtt Api.RootResourceId: ""); NULL when a part
 * cannot be known, or the path is over PATH_LEVELS or PATH_BYTES. Each step
 * up is taken once per resource over the whole template: the answer is kept
 * in ps. Iterative, at most PATH_LEVELS steps, whatever the input. */
static const char *resource_path(struct sl_ctx *c, struct paths *ps, const struct sl_node *id)
{
	const struct sl_template *t = c->t;
	size_t chain[PATH_LEVELS];
	const struct sl_node *part[PATH_LEVELS];
	size_t n = 0;
	const char *base = NULL;
	unsigned base_levels = 0;
	for (;;) {
		const struct sl_node *k = sl_node_intrinsic(id);
		if (k && sl_str_eq(k, "Fn::GetAtt")) {
			base = ""; /* Api.RootResourceId */
			break;
		}
		long r = path_resource(t, id);
		if (r < 0 || ps->state[r] == P_NONE)
			break;
		if (ps->state[r] == P_OK) {
			base = ps->path[r];
			base_levels = ps->levels[r];
			break;
		}
		if (n == PATH_LEVELS) {
			/* the first resource has more levels than a route spells out */
			ps->state[chain[0]] = P_NONE;
			return NULL;
		}
		const struct sl_node *props = sl_samr_props(&t->resources.items[r]);
		chain[n] = (size_t)r;
		part[n] = sl_map_get(props, "PathPart");
		if (!sl_node_is(part[n++], SL_SCALAR)) {
			base = NULL;
			break;
		}
		id = sl_map_get(props, "ParentId");
	}
	/* from the top down: each path is its parent's and one part */
	for (size_t k = n; k-- > 0;) {
		const char *p = NULL;
		unsigned levels = base_levels + 1;
		if (base && levels <= PATH_LEVELS) {
			p = sl_arena_printf(c->arena, "%s/%s", base, part[k]->str);
			if (!p) {
				c->oom = true;
				return NULL;
			}
			if (strlen(p) > PATH_BYTES)
				p = NULL;
		}
		ps->state[chain[k]] = p ? P_OK : P_NONE;
		ps->path[chain[k]] = p;
		ps->levels[chain[k]] = (unsigned char)levels;
		base = p;
		base_levels = levels;
	}
	return base;
}

/* "GET /items" for an AWS::ApiGateway::Method, or "method 'Id'". */
static const char *method_route(struct sl_ctx *c, struct paths *ps, const struct sl_entity *m)
{
	const struct sl_node *props = sl_samr_props(m);
	const struct sl_node *verb = sl_map_get(props, "HttpMethod");
	const char *path = resource_path(c, ps, sl_map_get(props, "ResourceId"));
	if (sl_node_is(verb, SL_SCALAR) && !sl_node_intrinsic(verb) && path)
		return sl_arena_printf(c->arena, "%s %s", verb->str, *path ? path : "/");
	return sl_arena_printf(c->arena, "method '%s'", m->key->str);
}

/* The integration a route's Target names: "integrations/${Id}" in an Fn::Sub,
 * or an Fn::Join with a Ref to it; NULL when it names none of the template's. */
static const struct sl_entity *target_of(const struct sl_template *t, const struct sl_node *target)
{
	const struct sl_node *k = sl_node_intrinsic(target);
	if (!k)
		return NULL;
	const struct sl_node *a = target->pairs[0].value;
	if (sl_str_eq(k, "Fn::Sub")) {
		if (sl_node_is(a, SL_SEQ) && a->len == 2)
			a = a->items[0];
		if (!sl_node_is(a, SL_SCALAR))
			return NULL;
		const char *at = strstr(a->str, "integrations/${");
		if (!at)
			return NULL;
		const char *id = at + 15, *end = strchr(id, '}');
		return end ? sl_index_find(&t->resources, id, (size_t)(end - id)) : NULL;
	}
	if (sl_str_eq(k, "Fn::Join") && sl_node_is(a, SL_SEQ) && a->len == 2 &&
	    sl_node_is(a->items[1], SL_SEQ)) {
		for (size_t i = 0; i < a->items[1]->len; i++) {
			const struct sl_node *p = a->items[1]->items[i];
			const struct sl_node *pk = sl_node_intrinsic(p);
			if (pk && sl_str_eq(pk, "Ref") && sl_node_is(p->pairs[0].value, SL_SCALAR))
				return sl_index_find(&t->resources, p->pairs[0].value->str,
						     p->pairs[0].value->len);
		}
	}
	return NULL;
}

/* SAM Api / HttpApi events of the function. */
static void sam_events(struct sl_ctx *c, const struct sl_entity *f, struct invokers *iv)
{
	const struct sl_node *events = sl_map_get(sl_samr_props(f), "Events");
	for (size_t j = 0; sl_node_is(events, SL_MAP) && j < events->len; j++) {
		const struct sl_node *ev = events->pairs[j].value;
		const struct sl_node *ty = sl_map_get(ev, "Type");
		bool api = sl_str_eq(ty, "Api"), http = sl_str_eq(ty, "HttpApi");
		if (!api && !http)
			continue;
		const struct sl_node *props = sl_map_get(ev, "Properties");
		/* an API of the template whose definition streams responses: not judged */
		const struct sl_node *id = sl_map_get(props, api ? "RestApiId" : "ApiId");
		const struct sl_node *ik = sl_node_intrinsic(id);
		if (ik && sl_str_eq(ik, "Ref") && sl_node_is(id->pairs[0].value, SL_SCALAR)) {
			const struct sl_node *n = id->pairs[0].value;
			const struct sl_entity *a = sl_index_find(&c->t->resources, n->str, n->len);
			if (a && sl_lam_streams(a->value))
				continue;
		}
		const struct sl_node *path = sl_map_get(props, "Path");
		const struct sl_node *verb = sl_map_get(props, "Method");
		const char *route;
		if (sl_samr_is_string(path) && sl_samr_is_string(verb))
			route = sl_arena_printf(c->arena, "event '%s' (%s %s)", events->pairs[j].key->str,
						verb->str, path->str);
		else if (sl_samr_is_string(path))
			route = sl_arena_printf(c->arena, "event '%s' (%s)", events->pairs[j].key->str,
						path->str);
		else
			route = sl_arena_printf(c->arena, "event '%s'", events->pairs[j].key->str);
		note(iv, http ? K_HTTP : K_REST, route, default_ms[http ? K_HTTP : K_REST]);
	}
}

/* True when an integration's request parameters (a Method's
 * Integration.RequestParameters, an OpenAPI integration's requestParameters)
 * set the header X-Amz-Invocation-Type to the literal 'Event': API Gateway then
 * invokes the function asynchronously and answers at once, so the integration
 * timeout does not apply. A value mapped from the request is not known. */
static bool invokes_async(const struct sl_node *params)
{
	static const char name[] = "integration.request.header.X-Amz-Invocation-Type";
	if (!sl_node_is(params, SL_MAP) || sl_node_intrinsic(params))
		return false;
	for (size_t i = 0; i < params->len; i++) {
		const struct sl_node *k = params->pairs[i].key;
		if (k->len == sizeof(name) - 1 && strncasecmp(k->str, name, k->len) == 0 &&
		    sl_str_eq(params->pairs[i].value, "'Event'"))
			return true;
	}
	return false;
}

/* The integrations of an OpenAPI definition (a SAM Api's or HttpApi's
 * DefinitionBody, a RestApi's or ApiGatewayV2 Api's Body) that invoke a
 * function of the template synchronously: noted in iv[function index]. */
static void definition(struct sl_ctx *c, const struct sl_entity *api, const struct sl_node *body,
		       bool http, struct invokers *iv)
{
	const struct sl_template *t = c->t;
	const struct sl_node *paths = sl_map_get(body, "paths");
	if (!sl_node_is(paths, SL_MAP) || sl_node_intrinsic(paths) || sl_node_intrinsic(body))
		return;
	for (size_t i = 0; i < paths->len; i++) {
		const struct sl_node *ops = paths->pairs[i].value;
		if (!sl_node_is(ops, SL_MAP) || sl_node_intrinsic(ops))
			continue;
		for (size_t j = 0; j < ops->len; j++) {
			const struct sl_node *in = sl_map_get(ops->pairs[j].value, "x-amazon-apigateway-integration");
			const struct sl_entity *f = sl_node_is(in, SL_MAP)
				? sl_lam_uri_function(t, sl_map_get(in, "uri")) : NULL;
			if (!f || sl_lam_streams(in) || invokes_async(sl_map_get(in, "requestParameters")))
				continue;
			const struct sl_node *verb = ops->pairs[j].key;
			bool any = sl_str_eq(verb, "x-amazon-apigateway-any-method");
			char up[16];
			size_t n = 0;
			for (; !any && n < verb->len && n < sizeof(up) - 1; n++)
				up[n] = (char)toupper((unsigned char)verb->str[n]);
			up[n] = '\0';
			enum api_kind k = http ? K_HTTP : K_REST;
			note(&iv[f - t->resources.items], k,
			     sl_arena_printf(c->arena, "%s %s (definition of '%s')", any ? "ANY" : up,
					     paths->pairs[i].key->str, api->key->str),
			     limit_of(sl_map_get(in, "timeoutInMillis"), k));
		}
	}
}

/* One pass over the template: every integration whose URI names a function of
 * the template is noted in iv[function index]. */
static void integrations(struct sl_ctx *c, struct invokers *iv)
{
	const struct sl_template *t = c->t;
	size_t n = t->resources.n;
	/* the RouteKey of the first route targeting each V2 integration */
	const struct sl_node **route_key = calloc(n ? n : 1, sizeof(*route_key));
	struct paths ps = { calloc(n ? n : 1, sizeof(*ps.path)), calloc(n ? n : 1, 1),
			    calloc(n ? n : 1, 1) };
	if (!route_key || !ps.path || !ps.levels || !ps.state) {
		c->oom = true;
		goto done;
	}
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, "AWS::ApiGatewayV2::Route");
	for (const struct sl_entity *r; (r = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(r);
		const struct sl_entity *in = target_of(t, sl_map_get(props, "Target"));
		const struct sl_node *key = sl_map_get(props, "RouteKey");
		if (in && sl_samr_is_string(key) && !route_key[in - t->resources.items])
			route_key[in - t->resources.items] = key;
	}
	sl_samr_types_init(&tw, t, SL_LAM_REST_METHOD, SL_LAM_V2_INTEGRATION,
			   "AWS::Serverless::Api", "AWS::Serverless::HttpApi",
			   "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		const struct sl_entity *f;
		if (sl_samr_type_is(e, SL_LAM_REST_METHOD)) {
			const struct sl_node *in = sl_map_get(props, "Integration");
			f = sl_lam_uri_function(t, sl_map_get(in, "Uri"));
			if (f && !sl_lam_streams(in) && !invokes_async(sl_map_get(in, "RequestParameters")))
				note(&iv[f - t->resources.items], K_REST, method_route(c, &ps, e),
				     limit_of(sl_map_get(in, "TimeoutInMillis"), K_REST));
		} else if (sl_samr_type_is(e, SL_LAM_V2_INTEGRATION)) {
			f = sl_lam_uri_function(t, sl_map_get(props, "IntegrationUri"));
			if (!f)
				continue;
			enum api_kind k = sl_lam_v2_websocket(t, e) ? K_WS : K_HTTP;
			const struct sl_node *key = route_key[e - t->resources.items];
			note(&iv[f - t->resources.items], k,
			     key ? sl_arena_printf(c->arena, "route '%s'", key->str)
				 : sl_arena_printf(c->arena, "integration '%s'", e->key->str),
			     limit_of(sl_map_get(props, "TimeoutInMillis"), k));
		} else if (sl_samr_type_is(e, "AWS::Serverless::Api")) {
			definition(c, e, sl_map_get(props, "DefinitionBody"), false, iv);
		} else if (sl_samr_type_is(e, "AWS::Serverless::HttpApi")) {
			definition(c, e, sl_map_get(props, "DefinitionBody"), true, iv);
		} else if (sl_samr_type_is(e, "AWS::ApiGateway::RestApi")) {
			definition(c, e, sl_map_get(props, "Body"), false, iv);
		} else if (sl_samr_type_is(e, "AWS::ApiGatewayV2::Api")) {
			/* an imported Body is an HTTP API's */
			definition(c, e, sl_map_get(props, "Body"), true, iv);
		}
	}
done:
	free(route_key);
	free(ps.path);
	free(ps.levels);
	free(ps.state);
}

struct judge {
	const struct sl_entity *f;
	const struct invokers *iv;
	bool globals;
};

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct judge *j = ud;
	long long s;
	if (!sl_lam_number(v, &s))
		return;
	static const char *const why[K_COUNT] = {
		" (the REST API limit can be raised by a quota increase)", "", ""
	};
	for (int k = 0; k < K_COUNT; k++) {
		if (!j->iv->route[k] || s * 1000 <= j->iv->limit_ms[k])
			continue;
		char limit[32];
		snprintf(limit, sizeof(limit), "%g s", (double)j->iv->limit_ms[k] / 1000.0);
		sl_report(c, v, "function '%s' has a Timeout of %lld s%s, but API Gateway invokes it for "
			  "%s and gives up after %s: a slow call gets 504 while the function keeps "
			  "running%s", j->f->key->str, s, j->globals ? " (from Globals)" : "",
			  j->iv->route[k], limit,
			  j->iv->limit_ms[k] < default_ms[k] ? " (the integration's TimeoutInMillis)" : why[k]);
		return;
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!sl_template_has_type(t, SL_SAM_FUNCTION) && !sl_template_has_type(t, SL_LAM_FUNCTION))
		return; /* no function: no routes to index */
	struct invokers *iv = calloc(t->resources.n ? t->resources.n : 1, sizeof(*iv));
	if (!iv) {
		c->oom = true;
		return;
	}
	/* a function's own SAM events first: they are the routes to name */
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION);
	for (const struct sl_entity *f; (f = sl_samr_types_next(&tw));)
		sam_events(c, f, &iv[f - t->resources.items]);
	integrations(c, iv);
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *f; (f = sl_samr_types_next(&tw));) {
		size_t i = (size_t)(f - t->resources.items);
		bool sam = sl_samr_type_is(f, SL_SAM_FUNCTION);
		bool globals = false;
		const struct sl_node *timeout = sam ? sl_sam_prop(t, f, "Timeout", &globals)
						    : sl_map_get(sl_samr_props(f), "Timeout");
		if (!timeout)
			continue;
		if (!iv[i].route[K_REST] && !iv[i].route[K_WS] && !iv[i].route[K_HTTP])
			continue;
		struct judge j = { f, &iv[i], globals };
		sl_samr_each_value(timeout, check_value, c, &j);
	}
	free(iv);
}

const struct sl_rule rule_W99101 = {
	.id = "W99101",
	.severity = SL_SEV_WARNING,
	.title = "API Gateway functions time out before the API does",
	.source = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
	.doc =
	"### What it checks\n"
	"A Lambda function that API Gateway invokes has a `Timeout` of at most 29 seconds (30 for "
	"HTTP APIs). A function counts as invoked by API Gateway when it has SAM `Api` or "
	"`HttpApi` events, or when an `AWS::ApiGateway::Method` `Integration.Uri` or an "
	"`AWS::ApiGatewayV2::Integration` `IntegrationUri` names it (`!GetAtt Fn.Arn`, "
	"`!Sub ...${Fn.Arn}...`, or `Fn::Join` over the GetAtt). For SAM functions the `Timeout` "
	"of `Globals.Function` counts, and the diagnostic then points at Globals. Timeouts computed "
	"by intrinsic functions are not judged; each branch of an `Fn::If` is. Integrations that "
	"stream the response (`ResponseTransferMode: STREAM`, in the method or the API's "
	"definition) may run up to 15 minutes and are not judged. Integrations in an OpenAPI "
	"definition (a SAM `Api` or `HttpApi` `DefinitionBody`, a `RestApi` or `ApiGatewayV2::Api` "
	"`Body`) whose `x-amazon-apigateway-integration` `uri` names the function count too. "
	"Integrations that invoke the function asynchronously are not judged: request parameter "
	"`integration.request.header.X-Amz-Invocation-Type` set to `'Event'` (in a Method's "
	"`Integration.RequestParameters` or an OpenAPI integration's `requestParameters`) makes API "
	"Gateway answer at once without waiting for the function.\n\n"
	"### Why it matters\n"
	"API Gateway stops waiting for an integration after 29 s (REST and WebSocket APIs) or "
	"30 s (HTTP APIs), or after the integration's own shorter `TimeoutInMillis`, and answers "
	"504 INTEGRATION_TIMEOUT, while the function runs on and is "
	"billed to its own timeout; a retrying client can then start the same work twice. The "
	"REST limit can be raised by a quota increase, hence a warning.\n\n"
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
	"      Timeout: 60\n"
	"      Events:\n"
	"        Get:\n"
	"          Type: Api\n"
	"          Properties:\n"
	"            Path: /report\n"
	"            Method: get\n"
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
	"      Timeout: 25\n"
	"      Events:\n"
	"        Get:\n"
	"          Type: Api\n"
	"          Properties:\n"
	"            Path: /report\n"
	"            Method: get\n"
	"```\n",
	.check = check,
};
