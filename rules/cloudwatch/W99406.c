/* W99406: an alarm on API Gateway metrics that the API's stage, as the template configures it, never publishes. */
#include <stdlib.h>
#include <string.h>

#include "rules/cloudwatch/cloudwatch.h"
#include "rules/sam/samrules.h"
#include "util/arena.h"

#define REST_API "AWS::ApiGateway::RestApi"
#define REST_STAGE "AWS::ApiGateway::Stage"
#define REST_DEPLOYMENT "AWS::ApiGateway::Deployment"
#define V2_API "AWS::ApiGatewayV2::Api"
#define V2_STAGE "AWS::ApiGatewayV2::Stage"

/* Where a stage comes from. */
enum stage_kind {
	ST_REST,       /* AWS::ApiGateway::Stage */
	ST_DEPLOYMENT, /* AWS::ApiGateway::Deployment with StageName (settings in StageDescription) */
	ST_SAM_API,    /* AWS::Serverless::Api's StageName */
	ST_V2,         /* AWS::ApiGatewayV2::Stage */
	ST_SAM_HTTP,   /* AWS::Serverless::HttpApi's StageName ($default when absent) */
	ST_V2_QUICK,   /* the $default stage of an AWS::ApiGatewayV2::Api made by quick create (Target) */
};

struct stage {
	const struct sl_entity *api; /* the API the stage belongs to */
	const char *key;             /* its name as a comparable key (see key_of) */
	const struct sl_entity *res; /* the resource that makes it */
	enum stage_kind kind;
};

struct api_name {
	const char *key; /* the REST API's Name as a key */
	const struct sl_entity *api;
};

struct index {
	struct stage *stages; /* sorted by API, then name */
	const struct stage **by_res; /* the same, sorted by resource */
	size_t n_stages;
	struct api_name *names;
	size_t n_names;
	bool v2_overrides; /* an ApiGatewayManagedOverrides may change any V2 stage */
};

/* A value as a key two nodes of the template share when they certainly give
 * the same string: a literal ("s:" text), a Ref ("r:" name), or a one-argument
 * Fn::Sub ("u:" template). NULL for anything else or on OOM. */
static const char *key_of(struct sl_arena *a, const struct sl_node *n)
{
	if (!n)
		return NULL;
	const struct sl_node *k = sl_node_intrinsic(n);
	const char *tag = NULL;
	const struct sl_node *v = n;
	if (!k && sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n))
		tag = "s:";
	else if (k && sl_str_eq(k, "Ref") && sl_node_is(n->pairs[0].value, SL_SCALAR))
		tag = "r:", v = n->pairs[0].value;
	else if (k && sl_str_eq(k, "Fn::Sub") && sl_node_is(n->pairs[0].value, SL_SCALAR))
		tag = "u:", v = n->pairs[0].value;
	if (!tag)
		return NULL;
	return sl_arena_printf(a, "%s%.*s", tag, (int)v->len, v->str);
}

/* The resource a {"Ref": X} names, or NULL. */
static const struct sl_entity *ref_target(const struct sl_template *t, const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Ref") || !sl_node_is(n->pairs[0].value, SL_SCALAR))
		return NULL;
	const struct sl_node *x = n->pairs[0].value;
	return sl_index_find(&t->resources, x->str, x->len);
}

static int stage_cmp(const void *a, const void *b)
{
	const struct stage *x = a, *y = b;
	if (x->api != y->api)
		return x->api < y->api ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int res_cmp(const void *a, const void *b)
{
	const struct sl_entity *x = (*(const struct stage *const *)a)->res;
	const struct sl_entity *y = (*(const struct stage *const *)b)->res;
	return x < y ? -1 : x > y;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct api_name *)a)->key, ((const struct api_name *)b)->key);
}

static void add_stage(struct index *ix, const struct sl_entity *api, const char *key,
		      const struct sl_entity *res, enum stage_kind kind)
{
	if (api && key)
		ix->stages[ix->n_stages++] = (struct stage){ api, key, res, kind };
}

/* Builds the index of the template's API names and stages: O(n log n). */
static bool build(struct sl_ctx *c, struct index *ix)
{
	const struct sl_template *t = c->t;
	size_t n = t->resources.n;
	memset(ix, 0, sizeof(*ix));
	ix->stages = sl_arena_alloc(c->arena, (n + 1) * sizeof(*ix->stages));
	ix->names = sl_arena_alloc(c->arena, (n + 1) * sizeof(*ix->names));
	ix->by_res = sl_arena_alloc(c->arena, (n + 1) * sizeof(*ix->by_res));
	if (!ix->stages || !ix->names || !ix->by_res)
		return false;
	for (size_t i = 0; i < n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *p = sl_samr_props(e);
		if (sl_samr_type_is(e, REST_API)) {
			const char *k = key_of(c->arena, sl_map_get(p, "Name"));
			if (k)
				ix->names[ix->n_names++] = (struct api_name){ k, e };
		} else if (sl_samr_type_is(e, SL_SAM_API)) {
			const char *k = key_of(c->arena, sl_sam_prop(t, e, "Name", NULL));
			if (k)
				ix->names[ix->n_names++] = (struct api_name){ k, e };
			add_stage(ix, e, key_of(c->arena, sl_sam_prop(t, e, "StageName", NULL)), e,
				  ST_SAM_API);
		} else if (sl_samr_type_is(e, REST_STAGE)) {
			add_stage(ix, ref_target(t, sl_map_get(p, "RestApiId")),
				  key_of(c->arena, sl_map_get(p, "StageName")), e, ST_REST);
		} else if (sl_samr_type_is(e, REST_DEPLOYMENT)) {
			add_stage(ix, ref_target(t, sl_map_get(p, "RestApiId")),
				  key_of(c->arena, sl_map_get(p, "StageName")), e, ST_DEPLOYMENT);
		} else if (sl_samr_type_is(e, V2_STAGE)) {
			add_stage(ix, ref_target(t, sl_map_get(p, "ApiId")),
				  key_of(c->arena, sl_map_get(p, "StageName")), e, ST_V2);
		} else if (sl_samr_type_is(e, SL_SAM_HTTP_API)) {
			const struct sl_node *sn = sl_sam_prop(t, e, "StageName", NULL);
			add_stage(ix, e, sn ? key_of(c->arena, sn) : "s:$default", e, ST_SAM_HTTP);
		} else if (sl_samr_type_is(e, V2_API) && sl_map_get(p, "Target")) {
			add_stage(ix, e, "s:$default", e, ST_V2_QUICK);
		} else if (sl_samr_type_is(e, "AWS::ApiGatewayV2::ApiGatewayManagedOverrides")) {
			ix->v2_overrides = true;
		}
	}
	qsort(ix->stages, ix->n_stages, sizeof(*ix->stages), stage_cmp);
	for (size_t i = 0; i < ix->n_stages; i++)
		ix->by_res[i] = &ix->stages[i];
	qsort(ix->by_res, ix->n_stages, sizeof(*ix->by_res), res_cmp);
	qsort(ix->names, ix->n_names, sizeof(*ix->names), name_cmp);
	return true;
}

/* The one REST API whose Name has this key, or NULL (none, or several). */
static const struct sl_entity *api_named(const struct index *ix, const char *key)
{
	struct api_name k = { key, NULL };
	struct api_name *m = bsearch(&k, ix->names, ix->n_names, sizeof(*ix->names), name_cmp);
	if (!m)
		return NULL;
	if ((m > ix->names && strcmp(m[-1].key, key) == 0) ||
	    (m + 1 < ix->names + ix->n_names && strcmp(m[1].key, key) == 0))
		return NULL;
	return m->api;
}

/* The one stage of api the alarm's Stage value names, or NULL. */
static const struct stage *stage_of(struct sl_ctx *c, const struct index *ix,
				    const struct sl_entity *api, const struct sl_node *v)
{
	const struct sl_entity *r = ref_target(c->t, v);
	if (r && (sl_samr_type_is(r, REST_STAGE) || sl_samr_type_is(r, V2_STAGE))) {
		/* Ref of a stage resource returns its name */
		struct stage k = { NULL, NULL, r, ST_REST };
		const struct stage *kp = &k;
		const struct stage **m =
			bsearch(&kp, ix->by_res, ix->n_stages, sizeof(*ix->by_res), res_cmp);
		return m && (*m)->api == api ? *m : NULL;
	}
	const char *key = key_of(c->arena, v);
	if (!key)
		return NULL;
	struct stage k = { api, key, NULL, ST_REST };
	struct stage *m = bsearch(&k, ix->stages, ix->n_stages, sizeof(*ix->stages), stage_cmp);
	if (!m)
		return NULL;
	if ((m > ix->stages && stage_cmp(m - 1, m) == 0) ||
	    (m + 1 < ix->stages + ix->n_stages && stage_cmp(m, m + 1) == 0))
		return NULL;
	return m;
}

/* A boolean setting: 1 literally true, 0 absent or literally false, -1 unknown. */
static int flag(const struct sl_node *v)
{
	if (!v || sl_samr_is_novalue(v))
		return 0;
	if (sl_node_intrinsic(v) || !sl_node_is(v, SL_SCALAR))
		return -1;
	int b = sl_scalar_bool(v);
	if (b >= 0)
		return b;
	if (sl_str_eq(v, "true") || sl_str_eq(v, "True"))
		return 1;
	if (sl_str_eq(v, "false") || sl_str_eq(v, "False"))
		return 0;
	return -1;
}

/* Whether some item of a MethodSettings list turns on `key`: 1, 0, or -1. */
static int any_item(const struct sl_node *list, const char *key)
{
	if (!list || sl_samr_is_novalue(list))
		return 0;
	if (!sl_node_is(list, SL_SEQ))
		return -1;
	bool unknown = false;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *m = list->items[i];
		if (!sl_node_is(m, SL_MAP) || sl_node_intrinsic(m)) {
			unknown = true;
			continue;
		}
		int f = flag(sl_map_get(m, key));
		if (f == 1)
			return 1;
		unknown |= f < 0;
	}
	return unknown ? -1 : 0;
}

static int either(int a, int b)
{
	return a == 1 || b == 1 ? 1 : a < 0 || b < 0 ? -1 : 0;
}

/* Whether the REST stage has a cache cluster: 1, 0, or -1. */
static int rest_cache(const struct sl_template *t, const struct stage *s)
{
	const struct sl_node *p = sl_samr_props(s->res);
	switch (s->kind) {
	case ST_REST:
		return flag(sl_map_get(p, "CacheClusterEnabled"));
	case ST_DEPLOYMENT: {
		const struct sl_node *d = sl_map_get(p, "StageDescription");
		if (d && (!sl_node_is(d, SL_MAP) || sl_node_intrinsic(d)))
			return -1;
		return flag(sl_map_get(d, "CacheClusterEnabled"));
	}
	case ST_SAM_API:
		return flag(sl_sam_prop(t, s->res, "CacheClusterEnabled", NULL));
	default:
		return -1;
	}
}

/* Whether the REST stage enables detailed metrics for some method: 1, 0, or -1. */
static int rest_detailed(const struct sl_template *t, const struct stage *s)
{
	const struct sl_node *p = sl_samr_props(s->res);
	switch (s->kind) {
	case ST_REST:
		return any_item(sl_map_get(p, "MethodSettings"), "MetricsEnabled");
	case ST_DEPLOYMENT: {
		const struct sl_node *d = sl_map_get(p, "StageDescription");
		if (d && (!sl_node_is(d, SL_MAP) || sl_node_intrinsic(d)))
			return -1;
		return either(flag(sl_map_get(d, "MetricsEnabled")),
			      any_item(sl_map_get(d, "MethodSettings"), "MetricsEnabled"));
	}
	case ST_SAM_API: {
		struct sl_sam_value v;
		sl_sam_lookup(&v, t, s->res, (const char *const[]){ "MethodSettings", NULL });
		return either(any_item(v.local, "MetricsEnabled"),
			      any_item(v.global, "MetricsEnabled"));
	}
	default:
		return -1;
	}
}

/* Whether some route of a RouteSettings map enables detailed metrics. */
static int any_route(const struct sl_node *m)
{
	if (!m || sl_samr_is_novalue(m))
		return 0;
	if (!sl_node_is(m, SL_MAP) || sl_node_intrinsic(m))
		return -1;
	bool unknown = false;
	for (size_t i = 0; i < m->len; i++) {
		const struct sl_node *r = m->pairs[i].value;
		if (!sl_node_is(r, SL_MAP) || sl_node_intrinsic(r)) {
			unknown = true;
			continue;
		}
		int f = flag(sl_map_get(r, "DetailedMetricsEnabled"));
		if (f == 1)
			return 1;
		unknown |= f < 0;
	}
	return unknown ? -1 : 0;
}

/* Whether the HTTP/WebSocket stage enables detailed (route) metrics: 1, 0, or -1. */
static int v2_detailed(const struct sl_template *t, const struct stage *s)
{
	const struct sl_node *p = sl_samr_props(s->res);
	const struct sl_node *drs = NULL, *rs = NULL;
	switch (s->kind) {
	case ST_V2:
		drs = sl_map_get(p, "DefaultRouteSettings");
		rs = sl_map_get(p, "RouteSettings");
		break;
	case ST_SAM_HTTP: {
		drs = sl_sam_prop_path(t, s->res,
				       (const char *const[]){ "DefaultRouteSettings", "DetailedMetricsEnabled", NULL },
				       NULL);
		struct sl_sam_value v;
		sl_sam_lookup(&v, t, s->res, (const char *const[]){ "RouteSettings", NULL });
		int d = flag(drs);
		return either(d, either(any_route(v.local), any_route(v.global)));
	}
	case ST_V2_QUICK:
		return 0;
	default:
		return -1;
	}
	if (drs && (!sl_node_is(drs, SL_MAP) || sl_node_intrinsic(drs)))
		return -1;
	return either(flag(sl_map_get(drs, "DetailedMetricsEnabled")), any_route(rs));
}

/* A dimension of the metric: its Name node and Value, when written plainly. */
struct dim {
	const struct sl_node *name, *value;
};

static void get_dims(const struct sl_node *dims, const char *const *names, struct dim *out,
		     bool *unsure)
{
	for (size_t k = 0; names[k]; k++)
		out[k] = (struct dim){ NULL, NULL };
	if (!dims)
		return;
	if (!sl_node_is(dims, SL_SEQ)) {
		*unsure = true;
		return;
	}
	for (size_t i = 0; i < dims->len; i++) {
		const struct sl_node *d = dims->items[i];
		const struct sl_node *n = sl_map_get(d, "Name");
		if (!sl_node_is(d, SL_MAP) || sl_node_intrinsic(d) || !sl_cw_literal(n)) {
			*unsure = true;
			continue;
		}
		for (size_t k = 0; names[k]; k++)
			if (strcmp(n->str, names[k]) == 0 && !out[k].name)
				out[k] = (struct dim){ n, sl_map_get(d, "Value") };
	}
}

enum { D_API_NAME, D_API_ID, D_STAGE, D_METHOD, D_RESOURCE, D_ROUTE, D_COUNT };
static const char *const dim_names[] = {
	"ApiName", "ApiId", "Stage", "Method", "Resource", "Route", NULL,
};

/* How a value reads in a message: its text, the Fn::Sub template, or the Ref. */
static const char *label(const struct sl_node *v)
{
	const char *s = sl_cw_literal(v);
	if (s)
		return s;
	const struct sl_node *k = sl_node_intrinsic(v);
	if (k && (sl_str_eq(k, "Fn::Sub") || sl_str_eq(k, "Ref")) &&
	    sl_node_is(v->pairs[0].value, SL_SCALAR))
		return v->pairs[0].value->str;
	return "(computed)";
}

/* The stage's name as written in the template when it is a literal. */
static const char *stage_label(const struct stage *s, const struct sl_node *v)
{
	return strncmp(s->key, "s:", 2) == 0 ? s->key + 2 : label(v);
}

static void check_metric(struct sl_ctx *c, const struct sl_cw_metric *m, void *ud)
{
	struct index *ix = ud;
	const struct sl_template *t = c->t;
	if (!sl_str_eq(m->ns, "AWS/ApiGateway") || !sl_cw_literal(m->name))
		return;
	bool cache = sl_str_eq(m->name, "CacheHitCount") || sl_str_eq(m->name, "CacheMissCount");
	struct dim d[D_COUNT];
	bool unsure = false;
	get_dims(m->dims, dim_names, d, &unsure);
	if (unsure)
		return;

	if (d[D_API_NAME].name && !d[D_API_ID].name && d[D_STAGE].name) {
		const char *key = key_of(c->arena, d[D_API_NAME].value);
		const struct sl_entity *api = key ? api_named(ix, key) : NULL;
		const struct stage *s = api ? stage_of(c, ix, api, d[D_STAGE].value) : NULL;
		if (!s)
			return;
		if (cache && rest_cache(t, s) == 0) {
			sl_report(c, m->name, "%s is never published for API '%s' stage '%s': the stage "
				  "(%s) has no cache cluster (CacheClusterEnabled is not true), so API "
				  "Gateway caches nothing and the alarm never fires. Enable "
				  "CacheClusterEnabled on the stage, or alarm on another metric",
				  m->name->str, label(d[D_API_NAME].value),
				  stage_label(s, d[D_STAGE].value), s->res->key->str);
			return;
		}
		if (d[D_METHOD].name && d[D_RESOURCE].name && rest_detailed(t, s) == 0)
			sl_report(c, d[D_METHOD].name, "the per-method dimensions (ApiName, Method, "
				  "Resource, Stage) are published only with detailed CloudWatch metrics, "
				  "and stage '%s' (%s) enables them for no method: the alarm never "
				  "fires. Add MethodSettings with MetricsEnabled: true (HttpMethod '*', "
				  "ResourcePath '/*' for all methods)", stage_label(s, d[D_STAGE].value),
				  s->res->key->str);
		return;
	}

	if (d[D_API_ID].name && !d[D_API_NAME].name) {
		const struct sl_entity *api = ref_target(t, d[D_API_ID].value);
		if (!api || !(sl_samr_type_is(api, V2_API) || sl_samr_type_is(api, SL_SAM_HTTP_API)))
			return;
		if (cache) {
			sl_report(c, m->name, "%s is never published for %s (an %s): only REST APIs "
				  "have an API cache, so the alarm never fires", m->name->str,
				  api->key->str, api->type->str);
			return;
		}
		const struct dim *detail = d[D_ROUTE].name ? &d[D_ROUTE]
				      : d[D_METHOD].name ? &d[D_METHOD]
				      : d[D_RESOURCE].name ? &d[D_RESOURCE] : NULL;
		if (!detail || !d[D_STAGE].name || ix->v2_overrides)
			return;
		const struct stage *s = stage_of(c, ix, api, d[D_STAGE].value);
		if (s && v2_detailed(t, s) == 0)
			sl_report(c, detail->name, "route-level dimensions (ApiId, Stage, Route) are "
				  "published only with detailed metrics, and stage '%s' (%s) enables "
				  "them neither in DefaultRouteSettings nor in RouteSettings: the alarm "
				  "never fires. Set DetailedMetricsEnabled: true",
				  stage_label(s, d[D_STAGE].value), s->res->key->str);
	}
}

static void check(struct sl_ctx *c)
{
	if (!sl_template_has_type(c->t, SL_CW_ALARM))
		return; /* no alarm: no index of every API and stage to build */
	struct index ix;
	if (!build(c, &ix))
		return;
	sl_cw_each_metric(c, check_metric, &ix);
}

const struct sl_rule rule_W99406 = {
	.id = "W99406",
	.severity = SL_SEV_WARNING,
	.title = "API Gateway alarms watch metrics the stage publishes",
	.source = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html",
	.doc =
	"### What it checks\n"
	"Alarms (`AWS::CloudWatch::Alarm`, their own metric or a `MetricStat`) on `AWS/ApiGateway` "
	"metrics of an API and stage defined in the template:\n\n"
	"- `CacheHitCount` / `CacheMissCount` with `ApiName` and `Stage` where the stage "
	"(`AWS::ApiGateway::Stage`, a `Deployment`'s `StageDescription`, or an "
	"`AWS::Serverless::Api` with its Globals) has no `CacheClusterEnabled: true`; and the "
	"same metrics with `ApiId` of an HTTP or WebSocket API, which have no cache at all;\n"
	"- the per-method dimensions `ApiName`, `Method`, `Resource`, `Stage` where no "
	"`MethodSettings` item of the stage sets `MetricsEnabled: true`;\n"
	"- route-level dimensions (`ApiId`, `Stage` and `Route`) of an "
	"`AWS::ApiGatewayV2::Stage` or `AWS::Serverless::HttpApi` that sets "
	"`DetailedMetricsEnabled` neither in `DefaultRouteSettings` nor in `RouteSettings`.\n\n"
	"The API is found by its `Name` (the same literal, `Ref` or `Fn::Sub` as the alarm's "
	"`ApiName`) or, for `ApiId`, by a `Ref`; the stage by its `StageName` or a `Ref` to the "
	"stage resource. When the API or stage is not in the template, is ambiguous, or a "
	"setting is computed, the rule stays silent.\n\n"
	"### Why it matters\n"
	"API Gateway publishes cache metrics only for stages with a cache cluster, and "
	"method- or route-level metrics only when detailed CloudWatch metrics are enabled. An "
	"alarm on a metric that is never published stays in INSUFFICIENT_DATA (or OK with "
	"`TreatMissingData: notBreaching`) and never fires.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::Api\n"
	"    Properties:\n"
	"      Name: orders-api\n"
	"      StageName: prod\n"
	"  CacheMissAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/ApiGateway\n"
	"      MetricName: CacheMissCount\n"
	"      Dimensions:\n"
	"        - {Name: ApiName, Value: orders-api}\n"
	"        - {Name: Stage, Value: prod}\n"
	"      Statistic: Sum\n"
	"      Period: 300\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 1000\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::Api\n"
	"    Properties:\n"
	"      Name: orders-api\n"
	"      StageName: prod\n"
	"      CacheClusterEnabled: true\n"
	"      CacheClusterSize: '0.5'\n"
	"  CacheMissAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/ApiGateway\n"
	"      MetricName: CacheMissCount\n"
	"      Dimensions:\n"
	"        - {Name: ApiName, Value: orders-api}\n"
	"        - {Name: Stage, Value: prod}\n"
	"      Statistic: Sum\n"
	"      Period: 300\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 1000\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"```\n",
	.check = check,
};
