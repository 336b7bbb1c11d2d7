/*
 * The CodeDeploy AppSpec helpers: platform detection, lifecycle events by
 * platform, case-insensitive lookups and the walk over hooks; the template
 * beside the file and the task definition an ECS file deploys (appspec.h).
 */
#include "rules/appspec/appspec.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/arena.h"

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

#define get_ci sl_appspec_value_ci

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

/* ---- the template beside the file ---------------------------------------- */

const char *const sl_appspec_template_names[] = { "template.yaml", "template.yml", "template.json",
						  NULL };

const struct sl_template *sl_appspec_template(struct sl_ctx *c, const char **path)
{
	const struct sl_template *t = sl_side_template(c, NULL, 0, sl_appspec_template_names, path);
	if (!t || t->macro || t->macro_global)
		return NULL;
	for (size_t i = 0; i < t->n_generated; i++)
		if (t->generated[i].section == SL_SEC_RESOURCES)
			return NULL;
	return t;
}

bool sl_appspec_plain_name(const struct sl_node *n)
{
	if (!sl_node_is(n, SL_SCALAR) || n->len == 0 || n->len > 255)
		return false;
	for (size_t i = 0; i < n->len; i++) {
		char ch = n->str[i];
		if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9') &&
		    ch != '-' && ch != '_')
			return false;
	}
	return true;
}

/* The task definitions of the template beside the file, by literal Family. */
struct td_index {
	struct td_family {
		const char *s;
		size_t len;
		const struct sl_entity *e;
	} *fam;
	size_t n;
};

static int cmp_family(const void *a, const void *b)
{
	const struct td_family *x = a, *y = b;
	size_t m = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->s, y->s, m);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

static int td_key;

static const struct td_index *td_index(struct sl_ctx *c, const struct sl_template *t)
{
	struct td_index *ix = sl_memo_get(c, &td_key);
	if (ix)
		return ix;
	ix = sl_arena_alloc(c->arena, sizeof(*ix));
	if (!ix || (t->resources.n &&
		    !(ix->fam = sl_arena_alloc(c->arena, t->resources.n * sizeof(*ix->fam))))) {
		c->oom = true;
		return NULL;
	}
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::ECS::TaskDefinition",
					   strlen("AWS::ECS::TaskDefinition"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *fam = sl_map_get(sl_map_get(e->value, "Properties"), "Family");
		if (sl_node_is(fam, SL_SCALAR) && fam->len)
			ix->fam[ix->n++] = (struct td_family){ fam->str, fam->len, e };
	}
	if (ix->n > 1)
		qsort(ix->fam, ix->n, sizeof(*ix->fam), cmp_family);
	sl_memo_put(c, &td_key, ix, NULL); /* in the arena: kept even when the table is full */
	return ix;
}

const struct sl_entity *sl_appspec_task_definition(struct sl_ctx *c, const struct sl_template *t,
						   const struct sl_node *td)
{
	if (!sl_node_is(td, SL_SCALAR))
		return NULL;
	const struct td_index *ix = td_index(c, t);
	if (!ix)
		return NULL;
	/* CodePipeline's <TASK_DEFINITION> is filled with the task definition it
	 * registers from taskdef.json, not the template's: nothing to compare */
	static const char marker[] = ":task-definition/";
	const size_t ml = sizeof(marker) - 1;
	if (td->len < 4 || memcmp(td->str, "arn:", 4) != 0)
		return NULL;
	const char *f = NULL;
	for (size_t i = 4; i + ml <= td->len; i++)
		if (memcmp(td->str + i, marker, ml) == 0) {
			f = td->str + i + ml;
			break;
		}
	if (!f)
		return NULL;
	const char *end = td->str + td->len;
	const char *colon = memchr(f, ':', (size_t)(end - f));
	struct td_family key = { f, (size_t)((colon ? colon : end) - f), NULL };
	for (size_t i = 0; i < key.len; i++)
		if (!isalnum((unsigned char)f[i]) && f[i] != '-' && f[i] != '_')
			return NULL; /* a placeholder (${FAMILY}) or no family at all */
	if (key.len == 0 || ix->n == 0)
		return NULL;
	const struct td_family *hit = bsearch(&key, ix->fam, ix->n, sizeof(*ix->fam), cmp_family);
	if (!hit)
		return NULL;
	/* two task definitions with that family (under conditions): which one is unknown */
	if ((hit > ix->fam && cmp_family(hit - 1, hit) == 0) ||
	    (hit + 1 < ix->fam + ix->n && cmp_family(hit + 1, hit) == 0))
		return NULL;
	return hit->e;
}

const struct sl_node *sl_appspec_containers(const struct sl_entity *taskdef)
{
	const struct sl_node *list =
		sl_map_get(sl_map_get(taskdef->value, "Properties"), "ContainerDefinitions");
	/* a task definition holds a handful of containers: past 64 the rules
	 * stay silent, which keeps a lookup in the list constant-time */
	if (!sl_node_is(list, SL_SEQ) || list->len > 64)
		return NULL;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *name = sl_map_get(list->items[i], "Name");
		if (!sl_node_is(list->items[i], SL_MAP) || sl_node_intrinsic(list->items[i]) ||
		    !sl_node_is(name, SL_SCALAR) || name->len == 0)
			return NULL;
	}
	return list;
}

const struct sl_node *sl_appspec_container(const struct sl_node *containers, const struct sl_node *name)
{
	for (size_t i = 0; i < containers->len; i++) {
		const struct sl_node *n = sl_map_get(containers->items[i], "Name");
		if (n->len == name->len && memcmp(n->str, name->str, n->len) == 0)
			return containers->items[i];
	}
	return NULL;
}

void sl_appspec_taskdef_where(char *buf, size_t size, const struct sl_template *t,
			      const struct sl_entity *td, const char *path)
{
	/* found by its literal Family */
	const struct sl_node *fam = sl_map_get(sl_map_get(td->value, "Properties"), "Family");
	snprintf(buf, size, "family '%.*s', line %u of %s beside this file", (int)fam->len, fam->str,
		 sl_doc_line(t->doc, td->key), path);
}

void sl_appspec_each_resource(struct sl_ctx *c, const char *type,
			      void (*fn)(struct sl_ctx *c, const struct sl_node *name,
					 const struct sl_node *body, const struct sl_node *props,
					 void *arg),
			      void *arg)
{
	const struct sl_node *res = get_ci(c->root, "resources");
	for (size_t i = 0; sl_node_is(res, SL_SEQ) && i < res->len; i++) {
		const struct sl_node *e = res->items[i];
		if (!sl_node_is(e, SL_MAP) || e->len != 1)
			continue;
		const struct sl_node *body = e->pairs[0].value, *ty = get_ci(body, "type");
		if (type && ty && !(sl_node_is(ty, SL_SCALAR) && strcasecmp(ty->str, type) == 0))
			continue;
		fn(c, e->pairs[0].key, body, get_ci(body, "properties"), arg);
	}
}
