/*
 * SAM without the transform: the Globals section merged into serverless
 * resources as the SAM translator merges it, and the logical IDs SAM
 * generates for a template, so that references to them resolve and
 * references to anything else do not.
 *
 * Sources: the SAM translator (samtranslator 1.110 and its main branch:
 * plugins/globals/globals.py for the Globals sections, their properties and
 * the merge; model/sam_resources.py and the api, eventsources and
 * stepfunctions packages for the generated logical IDs), and the SAM
 * developer guide, "Generated CloudFormation resources for AWS SAM" and
 * "Globals section of the AWS SAM template".
 */
#include "template/sam.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"
#include "util/text.h"

/* ---------------------------------------------------------------- Globals */

/* Globals.<section> keys, as SAM's Globals.supported_properties lists them */
static const char *const function_keys[] = {
	"Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout",
	"VpcConfig", "Environment", "Tags", "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias",
	"AutoPublishAliasAllProperties", "Layers", "DeploymentPreference", "RolePath",
	"PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig",
	"AssumeRolePolicyDocument", "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn",
	"Architectures", "SnapStart", "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig",
	"LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn", "TenancyConfig", "DurableConfig",
	"CapacityProviderConfig", "FunctionScalingConfig", "PublishToLatestPublished",
	"VersionDeletionPolicy", NULL,
};
static const char *const api_keys[] = {
	"Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize", "MergeDefinitions",
	"Variables", "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes",
	"MinimumCompressionSize", "Cors", "GatewayResponses", "AccessLogSetting", "CanarySetting",
	"TracingEnabled", "OpenApiVersion", "Domain", "AlwaysDeploy", "PropagateTags", "SecurityPolicy",
	"EndpointAccessMode", NULL,
};
static const char *const http_api_keys[] = {
	"Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration",
	"DefaultRouteSettings", "Domain", "RouteSettings", "FailOnWarnings", "PropagateTags", NULL,
};
static const char *const simple_table_keys[] = { "SSESpecification", NULL };
static const char *const state_machine_keys[] = { "PropagateTags", NULL };
static const char *const layer_version_keys[] = { "PublishLambdaVersion", NULL };
static const char *const capacity_provider_keys[] = {
	"VpcConfig", "OperatorRole", "Tags", "InstanceRequirements", "ScalingConfig", "KmsKeyArn",
	"PropagateTags", "ManagedResourceTags", NULL,
};
static const char *const websocket_api_keys[] = {
	"AccessLogSettings", "ApiKeySelectionExpression", "DefaultRouteSettings",
	"DisableExecuteApiEndpoint", "DisableSchemaValidation", "Domain", "FailOnWarnings",
	"IpAddressType", "PropagateTags", "RouteSelectionExpression", "RouteSettings", "StageVariables",
	"Tags", NULL,
};

struct section {
	const char *name;
	const char *type;
	const char *const *keys;
};

static const struct section sections[] = {
	{ "Api", "AWS::Serverless::Api", api_keys },
	{ "CapacityProvider", "AWS::Serverless::CapacityProvider", capacity_provider_keys },
	{ "Function", "AWS::Serverless::Function", function_keys },
	{ "HttpApi", "AWS::Serverless::HttpApi", http_api_keys },
	{ "LayerVersion", "AWS::Serverless::LayerVersion", layer_version_keys },
	{ "SimpleTable", "AWS::Serverless::SimpleTable", simple_table_keys },
	{ "StateMachine", "AWS::Serverless::StateMachine", state_machine_keys },
	{ "WebSocketApi", "AWS::Serverless::WebSocketApi", websocket_api_keys },
};
#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

const char *const sl_sam_globals_sections[] = {
	"Api", "CapacityProvider", "Function", "HttpApi", "LayerVersion", "SimpleTable", "StateMachine",
	"WebSocketApi", NULL,
};

static const struct section *section_named(const char *name)
{
	for (size_t i = 0; name && i < N_SECTIONS; i++)
		if (strcmp(sections[i].name, name) == 0)
			return &sections[i];
	return NULL;
}

static const struct section *section_of_type(const char *type, size_t len)
{
	for (size_t i = 0; type && i < N_SECTIONS; i++)
		if (strlen(sections[i].type) == len && memcmp(sections[i].type, type, len) == 0)
			return &sections[i];
	return NULL;
}

const char *const *sl_sam_globals_keys(const char *section)
{
	const struct section *s = section_named(section);
	return s ? s->keys : NULL;
}

bool sl_sam_globals_key_supported(const char *section, const char *key)
{
	const char *const *k = sl_sam_globals_keys(section);
	for (; k && key && *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

const struct sl_node *sl_sam_globals_for(const struct sl_template *t, const char *type)
{
	const struct section *s = type ? section_of_type(type, strlen(type)) : NULL;
	return s ? sl_map_get(sl_section(t, SL_SEC_GLOBALS), s->name) : NULL;
}

bool sl_sam_is_serverless(const struct sl_entity *res)
{
	return res && res->type && res->type->len > 17 && memcmp(res->type->str, "AWS::Serverless::", 17) == 0;
}

/* SAM's GlobalProperties merge treats an intrinsic function like a scalar:
 * a single-key map whose key is Ref, Condition or Fn::* (is_intrinsic). */
enum token { TOK_PRIMITIVE, TOK_DICT, TOK_LIST };

static enum token token_of(const struct sl_node *n)
{
	if (n->kind == SL_SEQ)
		return TOK_LIST;
	if (n->kind != SL_MAP)
		return TOK_PRIMITIVE;
	if (n->len == 1) {
		const struct sl_node *k = n->pairs[0].key;
		if (sl_str_eq(k, "Ref") || sl_str_eq(k, "Condition") || (k->len >= 4 && memcmp(k->str, "Fn::", 4) == 0))
			return TOK_PRIMITIVE;
	}
	return TOK_DICT;
}

static const struct sl_node *dict_or_null(const struct sl_node *n)
{
	return n && token_of(n) == TOK_DICT ? n : NULL;
}

/* Per-path exceptions to the default merge (SAM's CUSTOM_STRATEGIES). */
enum strategy { STRAT_DEFAULT, STRAT_REPLACE, STRAT_PRUNE };

static const struct {
	const char *section, *path;
	enum strategy strategy;
} strategies[] = {
	{ "Function", "Architectures", STRAT_REPLACE },
	{ "CapacityProvider", "InstanceRequirements.Architectures", STRAT_REPLACE },
	{ "CapacityProvider", "ManagedResourceTags", STRAT_PRUNE },
};

/* The strategy for path[0..depth] of a section. */
static enum strategy strategy_at(const struct section *sec, const char *const *path, size_t depth)
{
	for (size_t i = 0; sec && i < sizeof(strategies) / sizeof(strategies[0]); i++) {
		if (strcmp(strategies[i].section, sec->name) != 0)
			continue;
		const char *p = strategies[i].path;
		size_t d = 0;
		for (; d <= depth; d++) {
			size_t l = strlen(path[d]);
			if (strncmp(p, path[d], l) != 0)
				break;
			p += l;
			if (d < depth) {
				if (*p != '.')
					break;
				p++;
			}
		}
		if (d > depth && *p == '\0')
			return strategies[i].strategy;
	}
	return STRAT_DEFAULT;
}

/* Does the resource's IgnoreGlobals drop Globals property `key`? */
static bool ignored(const struct sl_entity *res, const char *key)
{
	const struct sl_node *ig = sl_map_get(res->value, "IgnoreGlobals");
	if (sl_str_eq(ig, "*"))
		return true;
	if (sl_node_is(ig, SL_SEQ))
		for (size_t i = 0; i < ig->len; i++)
			if (sl_str_eq(ig->items[i], key))
				return true;
	return false;
}

void sl_sam_lookup(struct sl_sam_value *out, const struct sl_template *t, const struct sl_entity *res,
		   const char *const *path)
{
	memset(out, 0, sizeof(*out));
	if (!res || !path || !path[0])
		return;
	const struct sl_node *l = dict_or_null(sl_map_get(res->value, "Properties"));
	const struct sl_node *g = NULL;
	const struct section *sec = NULL;
	if (sl_sam_is_serverless(res)) {
		sec = section_of_type(res->type->str, res->type->len);
		if (sec)
			g = dict_or_null(sl_map_get(sl_section(t, SL_SEC_GLOBALS), sec->name));
	}
	bool prune = false;
	for (size_t i = 0; path[i]; i++) {
		const struct sl_node *lc = l ? sl_map_get(l, path[i]) : NULL;
		const struct sl_node *gc = g ? sl_map_get(g, path[i]) : NULL;
		if (i == 0 && gc && ignored(res, path[i]))
			gc = NULL;
		if (prune && !lc)
			gc = NULL; /* only the resource's keys survive */
		prune = false;
		enum sl_sam_merge how;
		if (!lc && !gc) {
			return;
		} else if (!gc) {
			how = SL_SAM_LOCAL;
		} else if (!lc) {
			how = SL_SAM_GLOBAL;
		} else {
			enum token tl = token_of(lc), tg = token_of(gc);
			enum strategy st = strategy_at(sec, path, i);
			if (tl != tg || tl == TOK_PRIMITIVE || st == STRAT_REPLACE) {
				how = SL_SAM_LOCAL;
				gc = NULL;
			} else if (tl == TOK_DICT) {
				how = SL_SAM_MAP_MERGE;
				prune = st == STRAT_PRUNE && lc->len > 0;
			} else {
				how = SL_SAM_LIST_CONCAT;
			}
		}
		if (!path[i + 1]) {
			out->local = lc;
			out->global = gc;
			out->how = how;
			return;
		}
		l = dict_or_null(lc);
		g = dict_or_null(gc);
	}
}

const struct sl_node *sl_sam_prop_path(const struct sl_template *t, const struct sl_entity *res,
				       const char *const *path, bool *from_globals)
{
	struct sl_sam_value v;
	sl_sam_lookup(&v, t, res, path);
	if (from_globals)
		*from_globals = v.how == SL_SAM_GLOBAL;
	return v.how == SL_SAM_GLOBAL ? v.global : v.local;
}

const struct sl_node *sl_sam_prop(const struct sl_template *t, const struct sl_entity *res,
				  const char *name, bool *from_globals)
{
	const char *const path[] = { name, NULL };
	return sl_sam_prop_path(t, res, path, from_globals);
}

/* ------------------------------------------------------ generated names */

struct sl_sam_names {
	const char **exact; /* open addressing, NULL = empty */
	size_t n_slots;
	const char **prefixes; /* names SAM completes with a value we cannot know */
	size_t *prefix_len;
	size_t n_prefixes;
	struct sl_prefixes prefix_set; /* the prefixes, asked in O(name) */
};

/* The names while they are collected: the strings in the arena, the list
 * malloc'd until freeze() indexes it. */
struct collect {
	const struct sl_template *t;
	struct entry {
		const char *s;
		bool prefix;
	} *v;
	size_t n, cap;
	bool implicit_rest, implicit_http;
	bool oom;
};

static void push(struct collect *c, bool prefix, const char *first, va_list ap)
{
	char buf[1024];
	size_t o = 0;
	for (const char *p = first; p; p = va_arg(ap, const char *)) {
		size_t l = strlen(p);
		if (o + l >= sizeof(buf))
			return; /* longer than any logical ID CloudFormation takes */
		memcpy(buf + o, p, l);
		o += l;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct entry *v = realloc(c->v, cap * sizeof(*v));
		if (!v) {
			c->oom = true;
			return;
		}
		c->v = v;
		c->cap = cap;
	}
	const char *str = sl_arena_strndup(c->t->arena, buf, o);
	if (!str) {
		c->oom = true;
		return;
	}
	c->v[c->n++] = (struct entry){ str, prefix };
}

/* Adds the concatenation of the strings up to NULL. */
static void add(struct collect *c, const char *first, ...)
{
	va_list ap;
	va_start(ap, first);
	push(c, false, first, ap);
	va_end(ap);
}

/* Adds every name that starts with the concatenation. */
static void add_prefix(struct collect *c, const char *first, ...)
{
	va_list ap;
	va_start(ap, first);
	push(c, true, first, ap);
	va_end(ap);
}

/* Present and not an empty (null) value. */
static bool present(const struct sl_node *n)
{
	return n && !sl_node_is_null(n);
}

/* The text of a scalar value (not null, not an alias), or NULL. */
static const char *text(const struct sl_node *n)
{
	return present(n) && n->kind == SL_SCALAR && !(n->flags & SL_NODE_ALIAS) ? n->str : NULL;
}

static bool is_fn(const struct sl_node *n, const char *fn)
{
	return n && n->kind == SL_MAP && n->len == 1 && sl_str_eq(n->pairs[0].key, fn);
}

static bool alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* Python's str.isalnum() for ASCII: non-empty, letters and digits only. */
static bool all_alnum(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!alnum(*s))
			return false;
	return true;
}

/* s with only its letters and digits (keep_alnum_only), or without '-', '_'
 * and '/', into buf. */
static const char *strip(char *buf, size_t size, const char *s, bool keep_alnum_only)
{
	size_t o = 0;
	for (; *s && o + 1 < size; s++)
		if (keep_alnum_only ? alnum(*s) : !(*s == '-' || *s == '_' || *s == '/'))
			buf[o++] = *s;
	buf[o] = '\0';
	return buf;
}

/* A resource's properties after Globals, or (res NULL) the Globals section
 * that an implicit API takes its properties from. */
struct view {
	const struct sl_template *t;
	const struct sl_entity *res;
	const struct sl_node *implicit;
};

static void vvalue(struct sl_sam_value *out, const struct view *v, const char *const *path)
{
	if (v->res) {
		sl_sam_lookup(out, v->t, v->res, path);
		return;
	}
	memset(out, 0, sizeof(*out));
	const struct sl_node *n = v->implicit;
	for (size_t i = 0; n && path[i]; i++)
		n = sl_map_get(dict_or_null(n), path[i]);
	out->global = n;
	out->how = n ? SL_SAM_GLOBAL : SL_SAM_ABSENT;
}

/* The value at the path (keys up to NULL): the resource's, else Globals'. */
static const struct sl_node *vget(const struct view *v, const char *first, ...)
{
	const char *path[8];
	size_t n = 0;
	va_list ap;
	va_start(ap, first);
	for (const char *p = first; p && n < 7; p = va_arg(ap, const char *))
		path[n++] = p;
	va_end(ap);
	path[n] = NULL;
	struct sl_sam_value val;
	vvalue(&val, v, path);
	return val.local ? val.local : val.global;
}

/* Api, HttpApi and WebSocketApi Domain.BasePath: absent, a string or a list. */
static void base_paths(struct collect *c, const char *id, const struct sl_node *bp, const char *suffix,
		       bool alnum_only)
{
	char buf[512];
	if (!present(bp)) {
		add(c, id, suffix, NULL);
		return;
	}
	if (text(bp)) {
		add(c, id, strip(buf, sizeof(buf), bp->str, alnum_only), suffix, NULL);
		return;
	}
	for (size_t i = 0; sl_node_is(bp, SL_SEQ) && i < bp->len; i++)
		if (text(bp->items[i]))
			add(c, id, strip(buf, sizeof(buf), bp->items[i]->str, alnum_only), suffix, NULL);
}

/* Lambda authorizers under Auth.Authorizers: <Api><Name>AuthorizerPermission
 * (REST: unless DisableFunctionDefaultPermissions; HTTP: only with
 * EnableFunctionDefaultPermissions). */
static void authorizer_permissions(struct collect *c, const struct view *v, const char *id, bool http)
{
	static const char *const path[] = { "Auth", "Authorizers", NULL };
	struct sl_sam_value val;
	vvalue(&val, v, path);
	for (int side = 0; side < 2; side++) {
		const struct sl_node *m = dict_or_null(side ? val.global : val.local);
		for (size_t i = 0; m && i < m->len; i++) {
			const struct sl_node *a = m->pairs[i].value;
			if (!present(sl_map_get(a, "FunctionArn")))
				continue;
			if (http ? sl_scalar_bool(sl_map_get(a, "EnableFunctionDefaultPermissions")) != 1
				 : sl_scalar_bool(sl_map_get(a, "DisableFunctionDefaultPermissions")) == 1)
				continue;
			add(c, id, m->pairs[i].key->str, "AuthorizerPermission", NULL);
		}
	}
}

/* AWS::Serverless::Api (declared, or ServerlessRestApi with stage "Prod"). */
static void api_names(struct collect *c, const char *id, const struct view *v, const char *stage)
{
	add(c, id, ".Stage", NULL);
	add(c, id, ".Deployment", NULL);
	const struct sl_node *sn = stage ? NULL : vget(v, "StageName", NULL);
	if (!stage)
		stage = text(sn);
	if (all_alnum(stage))
		add(c, id, stage, "Stage", NULL);
	else if (present(sn) && !text(sn))
		add(c, id, "Stage", NULL); /* an intrinsic StageName: no suffix */
	const struct sl_node *domain = vget(v, "Domain", NULL);
	if (present(domain)) {
		bool private = sl_str_eq(vget(v, "Domain", "EndpointConfiguration", NULL), "PRIVATE");
		add(c, id, private ? ".DomainNameV2" : ".DomainName", NULL);
		base_paths(c, id, vget(v, "Domain", "BasePath", NULL), "BasePathMapping", true);
	}
	/* a parameter's value (SAM resolves it) may be either */
	const struct sl_node *plan = vget(v, "Auth", "UsagePlan", "CreateUsagePlan", NULL);
	bool unknown = present(plan) && !text(plan);
	bool per_api = unknown || sl_str_eq(plan, "PER_API"), shared = unknown || sl_str_eq(plan, "SHARED");
	if (per_api || shared) {
		for (int i = 0; i < 2; i++) {
			if (!(i ? shared : per_api))
				continue;
			const char *owner = i ? "Serverless" : id;
			add(c, owner, "UsagePlan", NULL);
			add(c, owner, "ApiKey", NULL);
			add(c, owner, "UsagePlanKey", NULL);
		}
		add(c, id, ".UsagePlan", NULL);
		add(c, id, ".ApiKey", NULL);
		add(c, id, ".UsagePlanKey", NULL);
	}
	authorizer_permissions(c, v, id, false);
}

/* AWS::Serverless::HttpApi (declared, or ServerlessHttpApi). */
static void http_api_names(struct collect *c, const char *id, const struct view *v)
{
	add(c, id, ".Stage", NULL);
	const struct sl_node *sn = vget(v, "StageName", NULL);
	const char *stage = text(sn);
	if (!present(sn) || (stage && strcmp(stage, "$default") == 0))
		add(c, id, "ApiGatewayDefaultStage", NULL);
	else if (all_alnum(stage))
		add(c, id, stage, "Stage", NULL);
	else if (!stage)
		add(c, id, "Stage", NULL);
	if (present(vget(v, "Domain", NULL))) {
		add(c, id, ".DomainName", NULL);
		base_paths(c, id, vget(v, "Domain", "BasePath", NULL), "ApiMapping", false);
	}
	authorizer_permissions(c, v, id, true);
}

/* AWS::Serverless::WebSocketApi: a route, an integration and a permission per
 * route ($connect -> <Api>ConnectRoute, sendMessage -> <Api>SendmessageRoute). */
static void websocket_api_names(struct collect *c, const char *id, const struct view *v)
{
	add(c, id, ".Stage", NULL);
	const struct sl_node *sn = vget(v, "StageName", NULL);
	const char *stage = text(sn);
	if (!present(sn) || (stage && strcmp(stage, "default") == 0))
		add(c, id, "DefaultStage", NULL);
	else
		add(c, id, stage ? stage : "", "Stage", NULL);
	const struct sl_node *routes = dict_or_null(vget(v, "Routes", NULL));
	bool connect = false;
	for (size_t i = 0; routes && i < routes->len; i++) {
		const char *k = routes->pairs[i].key->str;
		char buf[256];
		size_t o = 0;
		if (!strcmp(k, "$connect") || !strcmp(k, "$disconnect") || !strcmp(k, "$default")) {
			connect |= strcmp(k, "$connect") == 0;
			k++;
		} else if (!all_alnum(k)) {
			continue;
		}
		for (; *k && o + 1 < sizeof(buf); k++, o++)
			buf[o] = o == 0 ? (char)(*k >= 'a' && *k <= 'z' ? *k - 32 : *k)
				       : (char)(*k >= 'A' && *k <= 'Z' ? *k + 32 : *k);
		buf[o] = '\0';
		add(c, id, buf, "Route", NULL);
		add(c, id, buf, "Integration", NULL);
		add(c, id, buf, "Permission", NULL);
	}
	const struct sl_node *auth = vget(v, "Auth", NULL);
	const char *type = text(sl_map_get(auth, "AuthType"));
	if (type && strcasecmp(type, "CUSTOM") == 0 && present(sl_map_get(auth, "AuthArn"))) {
		if (connect)
			add(c, id, "ConnectAuthorizer", NULL);
		if (!present(sl_map_get(auth, "InvokeRole")))
			add(c, id, "AuthorizerPermission", NULL);
	}
	if (present(vget(v, "Domain", NULL))) {
		add(c, id, ".DomainName", NULL);
		base_paths(c, id, vget(v, "Domain", "BasePath", NULL), "ApiMapping", false);
	}
}

/* An event's DeadLetterConfig without an Arn: SAM creates the queue
 * (QueueLogicalId or <event>Queue) and, for EventBridge rules, its policy. */
static void dead_letter_queue(struct collect *c, const char *ev, const struct sl_node *props, bool policy)
{
	const struct sl_node *d = sl_map_get(props, "DeadLetterConfig");
	if (!sl_node_is(d, SL_MAP) || present(sl_map_get(d, "Arn")))
		return;
	const char *q = text(sl_map_get(d, "QueueLogicalId"));
	if (q)
		add(c, q, NULL);
	else
		add(c, ev, "Queue", NULL);
	if (policy)
		add(c, ev, "QueuePolicy", NULL);
}

/* The suffix of an Api event's permission: the stage of the API it names. */
static const char *api_event_stage(const struct collect *c, const struct sl_node *rest_api_id)
{
	const struct sl_node *r = sl_map_get(rest_api_id, "Ref");
	const char *id = text(r) ? r->str : text(rest_api_id);
	if (!id)
		return "AllStages"; /* an intrinsic SAM cannot follow */
	const struct sl_entity *api = sl_index_find(&c->t->resources, id, strlen(id));
	if (!api)
		return NULL;
	const struct sl_node *sn = sl_map_get(sl_map_get(api->value, "Properties"), "StageName");
	if (!present(sn))
		return NULL;
	if (!text(sn))
		return "Stage";
	return all_alnum(sn->str) ? sn->str : NULL; /* else a hash SAM derives */
}

/* An HttpApi event without a Path is the API's $default route. */
static bool is_default_route(const struct sl_node *props)
{
	const struct sl_node *path = sl_map_get(props, "Path");
	return !present(path) || sl_str_eq(path, "$default");
}

/* Both absent, or the same literal or Ref. */
static bool same_api(const struct sl_node *a, const struct sl_node *b)
{
	if (!present(a) || !present(b))
		return !present(a) && !present(b);
	if (sl_node_is(a, SL_MAP) && sl_node_is(b, SL_MAP))
		return is_fn(a, "Ref") && is_fn(b, "Ref") && text(a->pairs[0].value) && text(b->pairs[0].value) &&
		       strcmp(a->pairs[0].value->str, b->pairs[0].value->str) == 0;
	return text(a) && text(b) && strcmp(a->str, b->str) == 0;
}

/* Does the function route its API's $default to itself? Then SAM gives its
 * other HttpApi events on that API no permission of their own. */
static bool has_default_route(const struct sl_node *evs, const struct sl_node *api_id)
{
	for (size_t i = 0; sl_node_is(evs, SL_MAP) && i < evs->len; i++) {
		const struct sl_node *e = evs->pairs[i].value;
		const struct sl_node *p = sl_map_get(e, "Properties");
		if (sl_str_eq(sl_map_get(e, "Type"), "HttpApi") && is_default_route(p) &&
		    same_api(sl_map_get(p, "ApiId"), api_id))
			return true;
	}
	return false;
}

static void function_event(struct collect *c, const char *fn, const char *ev, const char *type,
			   const struct sl_node *p, const struct sl_node *evs)
{
	if (!strcmp(type, "S3") || !strcmp(type, "AlexaSkill")) {
		add(c, ev, "Permission", NULL);
	} else if (!strcmp(type, "SNS")) {
		add(c, ev, NULL); /* the subscription */
		const struct sl_node *sqs = sl_map_get(p, "SqsSubscription");
		if (!present(sqs) || sl_scalar_bool(sqs) == 0) {
			add(c, ev, "Permission", NULL);
		} else if (sl_scalar_bool(sqs) == 1) {
			add(c, ev, "Queue", NULL);
			add(c, ev, "QueuePolicy", NULL);
			add(c, ev, "EventSourceMapping", NULL);
		} else if (sl_node_is(sqs, SL_MAP)) {
			const char *qp = text(sl_map_get(sqs, "QueuePolicyLogicalId"));
			if (qp)
				add(c, qp, NULL);
			else
				add(c, ev, "QueuePolicy", NULL);
			add(c, ev, "EventSourceMapping", NULL);
		}
	} else if (!strcmp(type, "Kinesis") || !strcmp(type, "DynamoDB") || !strcmp(type, "SQS") ||
		   !strcmp(type, "MSK") || !strcmp(type, "MQ") || !strcmp(type, "SelfManagedKafka") ||
		   !strcmp(type, "DocumentDB")) {
		add(c, ev, NULL); /* the event source mapping */
	} else if (!strcmp(type, "Api")) {
		const struct sl_node *rid = sl_map_get(p, "RestApiId");
		const char *stage = "Prod";
		if (present(rid))
			stage = api_event_stage(c, rid);
		else
			c->implicit_rest = true;
		if (stage)
			add(c, ev, "Permission", stage, NULL);
	} else if (!strcmp(type, "HttpApi")) {
		if (is_default_route(p) || !has_default_route(evs, sl_map_get(p, "ApiId")))
			add(c, ev, "Permission", NULL);
		if (!present(sl_map_get(p, "ApiId")))
			c->implicit_http = true;
	} else if (!strcmp(type, "Schedule") || !strcmp(type, "CloudWatchEvent") ||
		   !strcmp(type, "EventBridgeRule")) {
		add(c, ev, NULL); /* the rule */
		add(c, ev, "Permission", NULL);
		dead_letter_queue(c, ev, p, true);
	} else if (!strcmp(type, "ScheduleV2")) {
		add(c, ev, NULL); /* the schedule */
		if (!present(sl_map_get(p, "RoleArn")))
			add(c, ev, "Role", NULL);
		dead_letter_queue(c, ev, p, false);
	} else if (!strcmp(type, "CloudWatchLogs") || !strcmp(type, "IoTRule")) {
		add(c, ev, NULL); /* the subscription filter or topic rule */
		add(c, ev, "Permission", NULL);
	} else if (!strcmp(type, "Cognito")) {
		add(c, fn, "CognitoPermission", NULL);
	}
}

static void state_machine_event(struct collect *c, const char *ev, const char *type, const struct sl_node *p)
{
	if (!strcmp(type, "Schedule")) {
		add(c, ev, NULL);
		if (!present(sl_map_get(p, "RoleArn")))
			add(c, ev, "Role", NULL);
		dead_letter_queue(c, ev, p, true);
	} else if (!strcmp(type, "CloudWatchEvent") || !strcmp(type, "EventBridgeRule")) {
		add(c, ev, NULL);
		add(c, ev, "Role", NULL);
		dead_letter_queue(c, ev, p, true);
	} else if (!strcmp(type, "Api")) {
		add(c, ev, "Role", NULL);
		if (!present(sl_map_get(p, "RestApiId")))
			c->implicit_rest = true;
	} else if (!strcmp(type, "ScheduleV2")) {
		add(c, ev, NULL);
		if (!present(sl_map_get(p, "RoleArn")))
			add(c, ev, "Role", NULL);
		dead_letter_queue(c, ev, p, false);
	}
}

/* The resources of each event {Name: {Type: T, Properties: {...}}} of a
 * function or state machine, whose logical IDs start with <owner><Name>. */
static void events(struct collect *c, const char *owner, const struct sl_node *props, bool function)
{
	const struct sl_node *evs = sl_map_get(props, "Events");
	for (size_t i = 0; sl_node_is(evs, SL_MAP) && i < evs->len; i++) {
		const struct sl_node *e = evs->pairs[i].value;
		const char *type = text(sl_map_get(e, "Type"));
		if (!type)
			continue;
		char *ev = sl_arena_printf(c->t->arena, "%s%s", owner, evs->pairs[i].key->str);
		if (!ev) {
			c->oom = true;
			return;
		}
		const struct sl_node *p = sl_map_get(e, "Properties");
		if (function)
			function_event(c, owner, ev, type, p, evs);
		else
			state_machine_event(c, ev, type, p);
	}
}

static void function_names(struct collect *c, const struct sl_entity *e)
{
	const char *f = e->key->str;
	const struct view v = { c->t, e, NULL };
	const struct sl_node *role = vget(&v, "Role", NULL);
	if (!present(role) || is_fn(role, "Fn::If"))
		add(c, f, "Role", NULL);
	const struct sl_node *alias = vget(&v, "AutoPublishAlias", NULL);
	if (present(alias)) {
		add(c, f, ".Alias", NULL);
		add(c, f, ".Version", NULL);
		const char *a = text(alias);
		if (a) {
			char buf[256];
			size_t o = 0;
			for (; *a && o + 1 < sizeof(buf); a++)
				buf[o++] = *a == '-' ? 'D' : *a == '_' ? 'U' : *a;
			buf[o] = '\0';
			add(c, f, "Alias", buf, NULL);
		} else {
			add_prefix(c, f, "Alias", NULL); /* the name is a parameter's value */
		}
		const struct sl_node *dp = vget(&v, "DeploymentPreference", NULL);
		const struct sl_node *on = vget(&v, "DeploymentPreference", "Enabled", NULL);
		bool off = sl_scalar_bool(on) == 0 || sl_str_eq(on, "false") || sl_str_eq(on, "False");
		if (present(dp) && !off) {
			add(c, f, "DeploymentGroup", NULL);
			add(c, "ServerlessDeploymentApplication", NULL);
			if (!present(vget(&v, "DeploymentPreference", "Role", NULL)))
				add(c, "CodeDeployServiceRole", NULL);
		}
	}
	if (present(vget(&v, "FunctionUrlConfig", NULL))) {
		add(c, f, "Url", NULL);
		if (sl_str_eq(vget(&v, "FunctionUrlConfig", "AuthType", NULL), "NONE")) {
			add(c, f, "UrlPublicPermissions", NULL);
			add(c, f, "URLInvokeAllowPublicAccess", NULL);
		}
	}
	if (present(vget(&v, "EventInvokeConfig", NULL))) {
		add(c, f, "EventInvokeConfig", NULL);
		static const char *const on[] = { "OnSuccess", "OnFailure" };
		for (int i = 0; i < 2; i++) {
			const struct sl_node *ty = vget(&v, "EventInvokeConfig", "DestinationConfig", on[i], "Type", NULL);
			const struct sl_node *dest =
				vget(&v, "EventInvokeConfig", "DestinationConfig", on[i], "Destination", NULL);
			bool sqs = sl_str_eq(ty, "SQS"), sns = sl_str_eq(ty, "SNS");
			if ((sqs || sns) && (!present(dest) || is_fn(dest, "Fn::If"))) {
				add(c, f, "EventInvokeConfig", on[i], sqs ? "Queue" : "Topic", NULL);
				add(c, f, sqs ? ".DestinationQueue" : ".DestinationTopic", NULL);
			}
		}
	}
	events(c, f, sl_map_get(e->value, "Properties"), true);
}

static void state_machine_names(struct collect *c, const struct sl_entity *e)
{
	const char *s = e->key->str;
	const struct view v = { c->t, e, NULL };
	if (!present(vget(&v, "Role", NULL)))
		add(c, s, "Role", NULL);
	const struct sl_node *alias = vget(&v, "AutoPublishAlias", NULL);
	if (present(alias)) {
		add(c, s, "Version", NULL);
		if (text(alias))
			add(c, s, "Alias", alias->str, NULL);
		else
			add_prefix(c, s, "Alias", NULL);
	}
	events(c, s, sl_map_get(e->value, "Properties"), false);
}

/* The CloudFormation type a connector sees for a SAM type (its
 * _SAM_TO_CFN_RESOURCE_TYPE); other types as they are. */
static const char *connector_type(const char *type)
{
	static const char *const map[][2] = {
		{ "AWS::Serverless::Function", "AWS::Lambda::Function" },
		{ "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" },
		{ "AWS::Serverless::Api", "AWS::ApiGateway::RestApi" },
		{ "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api" },
		{ "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table" },
	};
	for (size_t i = 0; type && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(type, map[i][0]) == 0)
			return map[i][1];
	return type;
}

/* The type of a connector endpoint ({Id: X} or {Type: T, ...}), or NULL. */
static const char *endpoint_type(const struct collect *c, const struct sl_node *ep)
{
	const char *type = text(sl_map_get(ep, "Type"));
	const char *id = text(sl_map_get(ep, "Id"));
	if (!type && id) {
		const struct sl_entity *e = sl_index_find(&c->t->resources, id, strlen(id));
		type = e && e->type ? e->type->str : NULL;
	}
	return connector_type(type);
}

/* What a connector creates for one source and destination (SAM's connector
 * profiles): a resource policy on the destination for these sources, else a
 * managed policy on the source's role. Both unknown: any of them. */
enum { CONN_POLICY = 1, CONN_TOPIC = 2, CONN_QUEUE = 4, CONN_PERMISSION = 8 };

static unsigned connector_kinds(const char *src, const char *dst)
{
	if (!src || !dst)
		return CONN_POLICY | CONN_TOPIC | CONN_QUEUE | CONN_PERMISSION;
	bool rule = !strcmp(src, "AWS::Events::Rule"), topic = !strcmp(src, "AWS::SNS::Topic");
	if (!strcmp(dst, "AWS::SNS::Topic") && rule)
		return CONN_TOPIC;
	if (!strcmp(dst, "AWS::SQS::Queue") && (rule || topic))
		return CONN_QUEUE;
	if (!strcmp(dst, "AWS::Lambda::Function") &&
	    (rule || topic || !strcmp(src, "AWS::ApiGatewayV2::Api") || !strcmp(src, "AWS::ApiGateway::RestApi") ||
	     !strcmp(src, "AWS::S3::Bucket") || !strcmp(src, "AWS::AppSync::GraphQLApi")))
		return CONN_PERMISSION;
	return CONN_POLICY;
}

/* A connector (declared, or <Resource><Name> embedded in a resource's
 * Connectors, whose source is that resource): <Connector>Policy,
 * TopicPolicy, QueuePolicy or WriteLambdaPermission, with Destination<i>
 * when Destination is a list. */
static void connector_names(struct collect *c, const char *id, const struct sl_node *props,
			    const struct sl_entity *embedded_in)
{
	const struct sl_node *perms = sl_map_get(props, "Permissions");
	bool write = false;
	for (size_t i = 0; sl_node_is(perms, SL_SEQ) && i < perms->len; i++)
		write |= sl_str_eq(perms->items[i], "Write");
	const char *src = embedded_in ? connector_type(embedded_in->type ? embedded_in->type->str : NULL)
				      : endpoint_type(c, sl_map_get(props, "Source"));
	const struct sl_node *dest = sl_map_get(props, "Destination");
	size_t n = sl_node_is(dest, SL_SEQ) ? dest->len : 1;
	for (size_t i = 0; i < n; i++) {
		char sfx[32] = "";
		if (sl_node_is(dest, SL_SEQ))
			snprintf(sfx, sizeof(sfx), "Destination%zu", i);
		unsigned k = connector_kinds(src, endpoint_type(c, sl_node_is(dest, SL_SEQ) ? dest->items[i] : dest));
		if (k & CONN_POLICY)
			add(c, id, "Policy", sfx, NULL);
		if (k & CONN_TOPIC)
			add(c, id, "TopicPolicy", sfx, NULL);
		if (k & CONN_QUEUE)
			add(c, id, "QueuePolicy", sfx, NULL);
		if ((k & CONN_PERMISSION) && write)
			add(c, id, "WriteLambdaPermission", sfx, NULL);
	}
}

static void graphql_api_names(struct collect *c, const char *g, const struct sl_node *props)
{
	add(c, g, "Schema", NULL);
	const struct sl_node *logging = sl_map_get(props, "Logging");
	if (!(sl_node_is(logging, SL_MAP) && present(sl_map_get(logging, "CloudWatchLogsRoleArn"))))
		add(c, g, "CloudWatchRole", NULL);
	const struct sl_node *keys = sl_map_get(props, "ApiKeys");
	for (size_t i = 0; sl_node_is(keys, SL_MAP) && i < keys->len; i++)
		add(c, g, keys->pairs[i].key->str, NULL);
	if (present(sl_map_get(props, "DomainName"))) {
		add(c, g, "DomainName", NULL);
		add(c, g, "DomainNameApiAssociation", NULL);
	}
	if (present(sl_map_get(props, "Cache")))
		add(c, g, "ApiCache", NULL);
	static const char *const kinds[][3] = {
		{ "DynamoDb", "DynamoDBDataSource", "ToTableConnector" },
		{ "Lambda", "LambdaDataSource", "ToLambdaConnector" },
	};
	const struct sl_node *ds = sl_map_get(props, "DataSources");
	for (int k = 0; k < 2; k++) {
		const struct sl_node *m = sl_map_get(ds, kinds[k][0]);
		for (size_t i = 0; sl_node_is(m, SL_MAP) && i < m->len; i++) {
			const char *name = m->pairs[i].key->str;
			add(c, g, name, kinds[k][1], NULL);
			if (present(sl_map_get(m->pairs[i].value, "ServiceRoleArn")))
				continue;
			add(c, g, name, kinds[k][1], "Role", NULL);
			add(c, g, name, kinds[k][1], kinds[k][2], "Policy", NULL);
		}
	}
	const struct sl_node *fns = sl_map_get(props, "Functions");
	for (size_t i = 0; sl_node_is(fns, SL_MAP) && i < fns->len; i++) {
		if (!present(sl_map_get(fns->pairs[i].value, "Id"))) /* else an existing function */
			add(c, g, fns->pairs[i].key->str, NULL);
		const char *d = text(sl_map_get(fns->pairs[i].value, "DataSource"));
		if (d && strcasecmp(d, "none") == 0)
			add(c, g, "NoneDataSource", NULL);
	}
	const struct sl_node *res = sl_map_get(props, "Resolvers");
	for (size_t i = 0; sl_node_is(res, SL_MAP) && i < res->len; i++) {
		const struct sl_node *m = res->pairs[i].value;
		for (size_t j = 0; sl_node_is(m, SL_MAP) && j < m->len; j++)
			add(c, g, res->pairs[i].key->str, m->pairs[j].key->str, NULL);
	}
}

static void resource_names(struct collect *c, const struct sl_entity *e)
{
	const char *id = e->key->str;
	/* embedded connectors, on any resource: <Resource><Connector> */
	const struct sl_node *conns = sl_map_get(e->value, "Connectors");
	for (size_t i = 0; sl_node_is(conns, SL_MAP) && i < conns->len; i++) {
		char *full = sl_arena_printf(c->t->arena, "%s%s", id, conns->pairs[i].key->str);
		if (!full) {
			c->oom = true;
			return;
		}
		add(c, full, NULL);
		connector_names(c, full, sl_map_get(conns->pairs[i].value, "Properties"), e);
	}
	if (!sl_sam_is_serverless(e))
		return;
	const char *type = e->type->str + 17;
	const struct view v = { c->t, e, NULL };
	const struct sl_node *props = sl_map_get(e->value, "Properties");
	if (!strcmp(type, "Function"))
		function_names(c, e);
	else if (!strcmp(type, "StateMachine"))
		state_machine_names(c, e);
	else if (!strcmp(type, "Api"))
		api_names(c, id, &v, NULL);
	else if (!strcmp(type, "HttpApi"))
		http_api_names(c, id, &v);
	else if (!strcmp(type, "WebSocketApi"))
		websocket_api_names(c, id, &v);
	else if (!strcmp(type, "Connector"))
		connector_names(c, id, props, NULL);
	else if (!strcmp(type, "GraphQLApi"))
		graphql_api_names(c, id, props);
	else if (!strcmp(type, "CapacityProvider") && !present(vget(&v, "OperatorRole", NULL)))
		add(c, id, "OperatorRole", NULL);
}

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Indexes the collected names: a hash set of exact names, a list of prefixes. */
static int freeze(struct sl_template *t, struct collect *c)
{
	struct sl_sam_names *s = sl_arena_alloc(t->arena, sizeof(*s));
	if (!s)
		return -1;
	size_t np = 0;
	for (size_t i = 0; i < c->n; i++)
		np += c->v[i].prefix;
	size_t ns = 16;
	while (ns < (c->n - np) * 2)
		ns *= 2;
	s->exact = sl_arena_alloc(t->arena, ns * sizeof(*s->exact));
	s->prefixes = np ? sl_arena_alloc(t->arena, np * sizeof(*s->prefixes)) : NULL;
	s->prefix_len = np ? sl_arena_alloc(t->arena, np * sizeof(*s->prefix_len)) : NULL;
	if (!s->exact || (np && (!s->prefixes || !s->prefix_len)))
		return -1;
	s->n_slots = ns;
	for (size_t i = 0; i < c->n; i++) {
		const char *str = c->v[i].s;
		if (c->v[i].prefix) {
			s->prefix_len[s->n_prefixes] = strlen(str);
			s->prefixes[s->n_prefixes++] = str;
			continue;
		}
		for (size_t h = hash(str, strlen(str)) & (ns - 1);; h = (h + 1) & (ns - 1)) {
			if (!s->exact[h]) {
				s->exact[h] = str;
				break;
			}
			if (strcmp(s->exact[h], str) == 0)
				break;
		}
	}
	if (sl_prefixes_build(&s->prefix_set, t->arena, s->prefixes, s->prefix_len, s->n_prefixes) < 0)
		return -1;
	t->sam_names = s;
	return 0;
}

int sl_sam_build(struct sl_template *t)
{
	t->sam_names = NULL;
	if (!t->sam && !t->sam_types)
		return 0;
	struct collect c;
	memset(&c, 0, sizeof(c));
	c.t = t;
	for (size_t i = 0; i < t->resources.n && !c.oom; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (sl_node_is(e->value, SL_MAP))
			resource_names(&c, e);
	}
	const struct sl_node *g = sl_section(t, SL_SEC_GLOBALS);
	/* (the implicit APIs replace a resource declared with their name) */
	if (c.implicit_rest) {
		const struct view v = { t, NULL, sl_map_get(g, "Api") };
		add(&c, "ServerlessRestApi", NULL);
		api_names(&c, "ServerlessRestApi", &v, "Prod");
	}
	if (c.implicit_http) {
		const struct view v = { t, NULL, sl_map_get(g, "HttpApi") };
		add(&c, "ServerlessHttpApi", NULL);
		http_api_names(&c, "ServerlessHttpApi", &v);
	}
	int rc = c.oom ? -1 : freeze(t, &c);
	free(c.v);
	return rc;
}

bool sl_sam_implicit(const struct sl_template *t, const char *name, size_t len)
{
	const struct sl_sam_names *s = t->sam_names;
	if (!s || memchr(name, '\0', len))
		return false;
	for (size_t h = hash(name, len) & (s->n_slots - 1);; h = (h + 1) & (s->n_slots - 1)) {
		const char *x = s->exact[h];
		if (!x)
			break;
		if (strlen(x) == len && memcmp(x, name, len) == 0)
			return true;
	}
	return sl_prefixes_proper(&s->prefix_set, name, len);
}

/* Lower-case letters and digits of s, at most cap - 1 of them. */
static size_t squeeze(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < cap; i++)
		if (isalnum((unsigned char)s[i]))
			out[n++] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
	return n;
}

bool sl_sam_transform_slip(const struct sl_node *n)
{
	if (!sl_node_is(n, SL_SCALAR) || sl_str_eq(n, SL_SAM_TRANSFORM))
		return false;
	static const char canon[] = "awsserverless20161031";
	char sq[72];
	size_t l = squeeze(n->str, n->len, sq, sizeof(sq));
	if (l >= 13 && memcmp(sq, "awsserverless", 13) == 0)
		return true;
	if (sl_edit_distance(sq, l, canon, sizeof(canon) - 1) <= 3)
		return true;
	return sl_edit_distance(n->str, n->len, SL_SAM_TRANSFORM, strlen(SL_SAM_TRANSFORM)) <= 3;
}

bool sl_sam_resource_key(const struct sl_node *key)
{
	static const char *const kept[] = {
		"Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy",
		"Metadata", "CreationPolicy", "UpdatePolicy", "Connectors", "IgnoreGlobals",
	};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (sl_str_eq(key, kept[i]))
			return true;
	return false;
}
