/*
 * The resource dependency graph after the SAM transform (see deps.h for what
 * SAM keeps, drops and adds). Each reference made inside a resource is
 * classified by the property it sits under: the ancestors of the reference's
 * node are compared with a few nodes found once per resource (its Events map
 * and the values of the properties SAM moves elsewhere), so the cost is the
 * nesting depth of each reference, never a scan of a map.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/deps.h"
#include "template/sam.h"

#define MAX_DROP 24

/* Properties below which references of a serverless resource are made by
 * resources SAM generates, not by the resource itself; per type. */
struct moved {
	const char *type;
	const char *const *props;
	bool events; /* Events: dropped, except what attaches the resource to a source */
};

static const char *const fn_moved[] = { "DeploymentPreference", "FunctionUrlConfig", NULL };
static const char *const api_moved[] = {
	"StageName", "Domain", "AccessLogSetting", "MethodSettings", "CanarySetting", "Variables",
	"CacheClusterEnabled", "CacheClusterSize", "TracingEnabled", "Tags", NULL
};
static const char *const httpapi_moved[] = {
	"StageName", "Domain", "StageVariables", "AccessLogSettings", "DefaultRouteSettings",
	"RouteSettings", NULL
};
static const char *const ws_moved[] = {
	"Routes", "StageName", "Domain", "StageVariables", "AccessLogSettings",
	"DefaultRouteSettings", "RouteSettings", NULL
};
static const char *const gql_moved[] = {
	"DataSources", "Functions", "Resolvers", "ApiKeys", "DomainName", "Cache", "SchemaInline",
	"SchemaUri", NULL
};
static const char *const none_moved[] = { NULL };

static const struct moved moved_by_type[] = {
	{ "AWS::Serverless::Function", fn_moved, true },
	{ "AWS::Serverless::StateMachine", none_moved, true },
	{ "AWS::Serverless::Api", api_moved, false },
	{ "AWS::Serverless::HttpApi", httpapi_moved, false },
	{ "AWS::Serverless::WebSocketApi", ws_moved, false },
	{ "AWS::Serverless::GraphQLApi", gql_moved, false },
};

/* What one resource's references are compared with. */
struct res_view {
	const struct sl_node *value;  /* the resource's map */
	const struct sl_node *events; /* Properties.Events of a function or state machine */
	const struct sl_node *drop[MAX_DROP];
	unsigned n_drop;
};

static void add_drop(struct res_view *v, const struct sl_node *n)
{
	if (n && v->n_drop < MAX_DROP)
		v->drop[v->n_drop++] = n;
}

static void view_init(struct res_view *v, const struct sl_entity *e)
{
	memset(v, 0, sizeof(*v));
	v->value = e->value;
	const struct sl_node *props = sl_map_get(e->value, "Properties");
	if (!sl_node_is(props, SL_MAP))
		return;
	add_drop(v, sl_map_get(props, "Connectors"));
	if (!sl_sam_is_serverless(e) || !e->type)
		return;
	for (size_t i = 0; i < sizeof(moved_by_type) / sizeof(moved_by_type[0]); i++) {
		const struct moved *m = &moved_by_type[i];
		if (strcmp(e->type->str, m->type) != 0)
			continue;
		for (const char *const *p = m->props; *p; p++)
			add_drop(v, sl_map_get(props, *p));
		if (m->events)
			v->events = sl_map_get(props, "Events");
		break;
	}
	if (strcmp(e->type->str, "AWS::Serverless::Api") == 0) {
		const struct sl_node *auth = sl_map_get(props, "Auth");
		add_drop(v, sl_map_get(auth, "UsagePlan"));
		/* SAM builds {Types: [Type], VpcEndpointIds: VPCEndpointIds}: other keys vanish */
		const struct sl_node *ec = sl_map_get(props, "EndpointConfiguration");
		if (sl_node_is(ec, SL_MAP))
			for (uint32_t k = 0; k < ec->len; k++)
				if (!sl_str_eq(ec->pairs[k].key, "Type") &&
				    !sl_str_eq(ec->pairs[k].key, "VPCEndpointIds"))
					add_drop(v, ec->pairs[k].value);
	}
}

static bool is_type(const struct sl_entity *e, const char *type)
{
	return e && e->type && strcmp(e->type->str, type) == 0;
}

/* For a reference under a function's Events whose ancestors just below the
 * Events map are ev (the event), evprops and pv: true when it is the Ref that
 * attaches the function to `to` (an API, bucket or user pool of this template). */
static bool attaches(const struct sl_template *t, const struct sl_ref *r, const struct sl_entity *to,
		     const struct sl_node *ev, const struct sl_node *evprops, const struct sl_node *pv,
		     const struct sl_node *name)
{
	if (r->kind != SL_REF_REF || name != r->at || !ev || sl_map_get(ev, "Properties") != evprops)
		return false;
	const struct sl_node *type = sl_map_get(ev, "Type");
	static const struct {
		const char *event, *key, *target;
		bool api; /* only when the API's definition is inline or generated */
	} kinds[] = {
		{ "Api", "RestApiId", "AWS::Serverless::Api", true },
		{ "HttpApi", "ApiId", "AWS::Serverless::HttpApi", true },
		{ "S3", "Bucket", "AWS::S3::Bucket", false },
		{ "Cognito", "UserPool", "AWS::Cognito::UserPool", false },
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!sl_str_eq(type, kinds[i].event))
			continue;
		if (sl_map_get(evprops, kinds[i].key) != pv || !is_type(to, kinds[i].target))
			return false;
		return !kinds[i].api || !sl_sam_prop(t, to, "DefinitionUri", NULL);
	}
	return false;
}

enum verdict { KEEP, DROP, ATTACH };

/* How CloudFormation sees reference r, made inside the resource viewed by v
 * and naming `to`, after the SAM transform. */
static enum verdict classify(const struct sl_template *t, const struct res_view *v,
			     const struct sl_ref *r, const struct sl_entity *to)
{
	const struct sl_node *below[3] = { NULL, NULL, NULL }; /* the 3 ancestors last passed */
	for (const struct sl_node *n = r->at; n && n != v->value; n = n->parent) {
		if (v->events && n == v->events)
			return attaches(t, r, to, below[0], below[1], below[2], r->at) ? ATTACH : DROP;
		for (unsigned k = 0; k < v->n_drop; k++)
			if (n == v->drop[k])
				return DROP;
		below[2] = below[1];
		below[1] = below[0];
		below[0] = n;
	}
	return KEEP;
}

static bool dep_kind(enum sl_ref_kind k)
{
	return k == SL_REF_REF || k == SL_REF_GETATT || k == SL_REF_SUB || k == SL_REF_DEPENDSON;
}

/* The edge reference i makes, or false when it makes none. */
static bool edge_of(const struct sl_template *t, const struct res_view *views, size_t i,
		    uint32_t *from, struct sl_dep_edge *out)
{
	const struct sl_index *ix = &t->resources;
	const struct sl_ref *r = &t->refs[i];
	if (!dep_kind(r->kind) || r->pattern || r->section != SL_SEC_RESOURCES || !r->from)
		return false;
	if (r->from < ix->items || r->from >= ix->items + ix->n)
		return false;
	const struct sl_entity *to = r->resource;
	if (!to)
		return false;
	uint32_t f = (uint32_t)(r->from - ix->items), d = (uint32_t)(to - ix->items);
	enum verdict how = views ? classify(t, &views[f], r, to) : KEEP;
	if (how == DROP)
		return false;
	if (how == ATTACH) {
		uint32_t swap = f;
		f = d;
		d = swap;
	}
	*from = f;
	*out = (struct sl_dep_edge){ .to = d, .ref = (uint32_t)i, .attach = how == ATTACH };
	return true;
}

int sl_deps_build(struct sl_deps *out, const struct sl_template *t)
{
	size_t n = t->resources.n, m = 0;
	memset(out, 0, sizeof(*out));
	struct res_view *views = NULL;
	if (t->sam || t->sam_types) {
		views = malloc((n ? n : 1) * sizeof(*views));
		if (!views)
			return -1;
		for (size_t i = 0; i < n; i++)
			view_init(&views[i], &t->resources.items[i]);
	}
	uint32_t *first = calloc(n + 1, sizeof(*first));
	if (!first) {
		free(views);
		return -1;
	}
	uint32_t from;
	struct sl_dep_edge e;
	for (size_t i = 0; i < t->n_refs; i++)
		if (edge_of(t, views, i, &from, &e)) {
			first[from + 1]++;
			m++;
		}
	for (size_t i = 0; i < n; i++)
		first[i + 1] += first[i];
	struct sl_dep_edge *edges = malloc((m ? m : 1) * sizeof(*edges));
	uint32_t *fill = malloc((n ? n : 1) * sizeof(*fill));
	if (!edges || !fill) {
		free(views);
		free(first);
		free(edges);
		free(fill);
		return -1;
	}
	memcpy(fill, first, n * sizeof(*fill));
	for (size_t i = 0; i < t->n_refs; i++)
		if (edge_of(t, views, i, &from, &e))
			edges[fill[from]++] = e;
	free(fill);
	free(views);
	*out = (struct sl_deps){ .n = n, .first = first, .edges = edges };
	return 0;
}

void sl_deps_free(struct sl_deps *d)
{
	free(d->first);
	free(d->edges);
	memset(d, 0, sizeof(*d));
}
