/*
 * The CodeDeploy AppSpec helpers: platform detection, lifecycle events by
 * platform, case-insensitive lookups and the walk over hooks (appspec.h).
 */
#include "rules/appspec/appspec.h"

#include <string.h>
#include <strings.h>

const struct sl_pair *sl_appspec_get_ci(const struct sl_node *map, const char *key)
{
	if (!sl_node_is(map, SL_MAP))
		return NULL;
	size_t l = strlen(key);
	for (size_t i = 0; i < map->len; i++) {
		const struct sl_node *k = map->pairs[i].key;
		if (k->len == l && strncasecmp(k->str, key, l) == 0)
			return &map->pairs[i];
	}
	return NULL;
}

static const struct sl_node *get_ci(const struct sl_node *map, const char *key)
{
	const struct sl_pair *p = sl_appspec_get_ci(map, key);
	return p ? p->value : NULL;
}

static bool scalar_ci(const struct sl_node *n, const char *s)
{
	size_t l = strlen(s);
	return sl_node_is(n, SL_SCALAR) && n->len == l && strncasecmp(n->str, s, l) == 0;
}

/* The platform one resources entry ({name: {type, properties}}) is for. */
static enum sl_appspec_platform resource_platform(const struct sl_node *entry)
{
	if (!sl_node_is(entry, SL_MAP) || entry->len != 1)
		return SL_AS_UNKNOWN;
	const struct sl_node *body = entry->pairs[0].value;
	const struct sl_node *type = get_ci(body, "type");
	if (scalar_ci(type, "AWS::Lambda::Function"))
		return SL_AS_LAMBDA;
	if (scalar_ci(type, "AWS::ECS::Service"))
		return SL_AS_ECS;
	if (type)
		return SL_AS_UNKNOWN;
	const struct sl_node *props = get_ci(body, "properties");
	if (get_ci(props, "TaskDefinition") || get_ci(props, "LoadBalancerInfo"))
		return SL_AS_ECS;
	if (get_ci(props, "alias") || get_ci(props, "currentversion") || get_ci(props, "targetversion"))
		return SL_AS_LAMBDA;
	return SL_AS_UNKNOWN;
}

enum sl_appspec_platform sl_appspec_platform(const struct sl_node *root)
{
	if (!sl_node_is(root, SL_MAP))
		return SL_AS_UNKNOWN;
	const struct sl_node *res = get_ci(root, "resources");
	if (sl_node_is(res, SL_SEQ)) {
		for (size_t i = 0; i < res->len; i++) {
			enum sl_appspec_platform p = resource_platform(res->items[i]);
			if (p != SL_AS_UNKNOWN)
				return p;
		}
	}
	if (sl_map_get(root, "os") || sl_map_get(root, "files") || sl_map_get(root, "permissions") ||
	    sl_map_get(root, "file_exists_behavior"))
		return SL_AS_EC2;
	const struct sl_node *hooks = sl_map_get(root, "hooks");
	if (sl_node_is(hooks, SL_MAP)) {
		for (size_t i = 0; i < hooks->len; i++) {
			const struct sl_node *v = hooks->pairs[i].value;
			if (sl_node_is(v, SL_SEQ) && v->len && sl_node_is(v->items[0], SL_MAP) &&
			    sl_map_get(v->items[0], "location"))
				return SL_AS_EC2;
		}
	}
	return SL_AS_UNKNOWN;
}

const char *sl_appspec_platform_name(enum sl_appspec_platform p)
{
	switch (p) {
	case SL_AS_EC2: return "EC2/On-Premises";
	case SL_AS_LAMBDA: return "AWS Lambda";
	case SL_AS_ECS: return "Amazon ECS";
	default: return "unknown";
	}
}

const struct sl_pair *sl_appspec_hooks(const struct sl_node *root, enum sl_appspec_platform p)
{
	if (p == SL_AS_EC2)
		return sl_map_get_pair(root, "hooks");
	return sl_appspec_get_ci(root, "hooks");
}

void sl_appspec_each_hook(struct sl_ctx *c, const struct sl_node *hooks,
			  void (*fn)(struct sl_ctx *c, const struct sl_node *event,
				     const struct sl_node *value, void *arg),
			  void *arg)
{
	if (sl_node_is(hooks, SL_MAP)) {
		for (size_t i = 0; i < hooks->len; i++)
			fn(c, hooks->pairs[i].key, hooks->pairs[i].value, arg);
	} else if (sl_node_is(hooks, SL_SEQ)) {
		for (size_t i = 0; i < hooks->len; i++) {
			const struct sl_node *m = hooks->items[i];
			for (size_t k = 0; sl_node_is(m, SL_MAP) && k < m->len; k++)
				fn(c, m->pairs[k].key, m->pairs[k].value, arg);
		}
	}
}

static const char *const ec2_events[] = { "ApplicationStop", "BeforeInstall", "AfterInstall",
	"ApplicationStart", "ValidateService", "BeforeBlockTraffic", "AfterBlockTraffic",
	"BeforeAllowTraffic", "AfterAllowTraffic", NULL };
static const char *const ec2_reserved[] = { "DownloadBundle", "Install", "BlockTraffic",
	"AllowTraffic", NULL };
static const char *const lambda_events[] = { "BeforeAllowTraffic", "AfterAllowTraffic", NULL };
static const char *const lambda_reserved[] = { "Start", "AllowTraffic", "End", NULL };
static const char *const ecs_events[] = { "BeforeInstall", "AfterInstall", "AfterAllowTestTraffic",
	"BeforeAllowTraffic", "AfterAllowTraffic", NULL };
static const char *const ecs_reserved[] = { "Start", "Install", "TestTraffic", "AllowTraffic",
	"End", NULL };
/* every platform's, for a file whose platform is unknown */
static const char *const any_events[] = { "ApplicationStop", "BeforeInstall", "AfterInstall",
	"ApplicationStart", "ValidateService", "BeforeBlockTraffic", "AfterBlockTraffic",
	"BeforeAllowTraffic", "AfterAllowTraffic", "AfterAllowTestTraffic", NULL };
static const char *const any_reserved[] = { "DownloadBundle", "Install", "BlockTraffic",
	"AllowTraffic", "TestTraffic", "Start", "End", NULL };

const char *const *sl_appspec_events(enum sl_appspec_platform p)
{
	switch (p) {
	case SL_AS_EC2: return ec2_events;
	case SL_AS_LAMBDA: return lambda_events;
	case SL_AS_ECS: return ecs_events;
	default: return any_events;
	}
}

const char *const *sl_appspec_reserved(enum sl_appspec_platform p)
{
	switch (p) {
	case SL_AS_EC2: return ec2_reserved;
	case SL_AS_LAMBDA: return lambda_reserved;
	case SL_AS_ECS: return ecs_reserved;
	default: return any_reserved;
	}
}

bool sl_appspec_in(const struct sl_node *n, const char *const *names)
{
	for (; *names; names++)
		if (sl_str_eq(n, *names))
			return true;
	return false;
}
