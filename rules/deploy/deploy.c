/*
 * Helpers shared by the deployment rules (see deploy.h).
 */
#include "rules/deploy/deploy.h"

#include <string.h>

/* Fn::If nested deeper than this is not followed (the value is unknown). */
#define MAX_BRANCHES 64

enum sl_dep_match sl_dep_match(const struct sl_node *n, const char *const *set)
{
	/* an explicit stack: nesting depth is the user's, not ours to recurse on */
	const struct sl_node *stack[MAX_BRANCHES];
	size_t top = 0;
	bool in = false, out = false;
	if (!n)
		return SL_DEP_UNKNOWN;
	stack[top++] = n;
	while (top) {
		const struct sl_node *v = stack[--top];
		const struct sl_node *k = sl_node_intrinsic(v);
		if (k && sl_str_eq(k, "Fn::If")) {
			const struct sl_node *a = v->pairs[0].value;
			if (!sl_node_is(a, SL_SEQ) || a->len != 3 || top + 2 > MAX_BRANCHES)
				return SL_DEP_UNKNOWN;
			stack[top++] = a->items[1];
			stack[top++] = a->items[2];
			continue;
		}
		if (k || !sl_node_is(v, SL_SCALAR) || sl_node_is_null(v))
			return SL_DEP_UNKNOWN;
		bool hit = false;
		for (size_t i = 0; set[i] && !hit; i++)
			hit = sl_str_eq(v, set[i]);
		if (hit)
			in = true;
		else
			out = true;
	}
	return in && out ? SL_DEP_MIXED : in ? SL_DEP_ALL : SL_DEP_NONE;
}

const struct sl_entity *sl_dep_ref(const struct sl_template *t, const struct sl_node *n,
				   const char *type)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Ref"))
		return NULL;
	const struct sl_node *name = n->pairs[0].value;
	if (!sl_node_is(name, SL_SCALAR))
		return NULL;
	const struct sl_entity *e = sl_index_find(&t->resources, name->str, name->len);
	return e && sl_samr_type_is(e, type) ? e : NULL;
}

const struct sl_node *sl_dep_service_fargate(const struct sl_node *props)
{
	static const char *const providers[] = { "FARGATE", "FARGATE_SPOT", NULL };
	const struct sl_node *lt = sl_map_get(props, "LaunchType");
	if (sl_dep_is(lt, "FARGATE"))
		return lt;
	if (lt)
		return NULL; /* EC2, EXTERNAL, or not known: the launch type decides */
	const struct sl_node *items[32];
	size_t n = sl_dep_items(items, 32, sl_map_get(props, "CapacityProviderStrategy"));
	for (size_t i = 0; i < n && i < 32; i++) {
		const struct sl_node *cp = sl_map_get(items[i], "CapacityProvider");
		if (sl_dep_match(cp, providers) == SL_DEP_ALL)
			return cp;
	}
	return NULL;
}

const struct sl_node *sl_dep_taskdef_fargate(const struct sl_node *props)
{
	const struct sl_node *rc = sl_map_get(props, "RequiresCompatibilities");
	if (!sl_node_is(rc, SL_SEQ))
		return NULL;
	for (size_t i = 0; i < rc->len; i++)
		if (sl_str_eq(rc->items[i], "FARGATE"))
			return rc->items[i];
	return NULL;
}

long long sl_dep_int(const struct sl_node *n)
{
	if (!sl_node_is(n, SL_SCALAR) || sl_node_intrinsic(n) || !n->len || n->len > 12)
		return -1;
	long long v = 0;
	for (size_t i = 0; i < n->len; i++) {
		if (n->str[i] < '0' || n->str[i] > '9')
			return -1;
		v = v * 10 + (n->str[i] - '0');
	}
	return v;
}

size_t sl_dep_items(const struct sl_node **out, size_t max, const struct sl_node *n)
{
	if (!sl_node_is(n, SL_SEQ))
		return 0;
	size_t c = 0;
	for (size_t i = 0; i < n->len; i++) {
		if (!sl_samr_item_certain(n->items[i]))
			continue;
		if (c < max)
			out[c] = n->items[i];
		c++;
	}
	return c;
}

const struct sl_node *sl_dep_key(const struct sl_node *props, const char *name)
{
	const struct sl_pair *p = sl_map_get_pair(props, name);
	return p ? p->key : NULL;
}

/* --- walks ----------------------------------------------------------------- */

struct fargate_walk {
	void (*fn)(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		   const struct sl_node *fargate);
	bool service;
};

static void fargate_resource(struct sl_ctx *c, const struct sl_entity *e,
			     const struct sl_node *props, void *ud)
{
	const struct fargate_walk *w = ud;
	const struct sl_node *fargate = w->service ? sl_dep_service_fargate(props)
						   : sl_dep_taskdef_fargate(props);
	if (fargate)
		w->fn(c, e, props, fargate);
}

void sl_dep_each_fargate(struct sl_ctx *c, const char *type,
			 void (*fn)(struct sl_ctx *c, const struct sl_entity *e,
				    const struct sl_node *props, const struct sl_node *fargate))
{
	struct fargate_walk w = { fn, strcmp(type, SL_ECS_SERVICE) == 0 };
	sl_samr_each_resource(c, type, fargate_resource, &w);
}

const char *sl_dep_fargate_how(const struct sl_node *fargate)
{
	return sl_str_eq(sl_map_key_of(fargate), "LaunchType") ? "LaunchType FARGATE"
							       : "a FARGATE capacity provider";
}

struct strategy_walk {
	void (*fn)(struct sl_ctx *c, const struct sl_entity *service, const struct sl_node *item);
};

static void strategies(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		       void *ud)
{
	const struct strategy_walk *w = ud;
	const struct sl_node *ps = sl_map_get(props, "PlacementStrategies");
	for (size_t k = 0; sl_node_is(ps, SL_SEQ) && k < ps->len; k++)
		w->fn(c, e, ps->items[k]);
}

void sl_dep_each_strategy(struct sl_ctx *c,
			  void (*fn)(struct sl_ctx *c, const struct sl_entity *service,
				     const struct sl_node *item))
{
	struct strategy_walk w = { fn };
	sl_samr_each_resource(c, SL_ECS_SERVICE, strategies, &w);
}

struct stack_set_walk {
	const char *model;
	void (*set)(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		    const struct sl_node *pm);
	void (*targets)(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *dt);
};

static void stack_set(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	const struct stack_set_walk *w = ud;
	const struct sl_node *pm = sl_map_get(props, "PermissionModel");
	if (!sl_dep_is(pm, w->model))
		return;
	w->set(c, e, props, pm);
	const struct sl_node *groups = sl_map_get(props, "StackInstancesGroup");
	for (size_t g = 0; w->targets && sl_node_is(groups, SL_SEQ) && g < groups->len; g++)
		w->targets(c, e, sl_map_get(groups->items[g], "DeploymentTargets"));
}

void sl_dep_each_stack_set(struct sl_ctx *c, const char *model,
			   void (*set)(struct sl_ctx *c, const struct sl_entity *e,
				       const struct sl_node *props, const struct sl_node *pm),
			   void (*targets)(struct sl_ctx *c, const struct sl_entity *e,
					   const struct sl_node *dt))
{
	struct stack_set_walk w = { model, set, targets };
	sl_samr_each_resource(c, "AWS::CloudFormation::StackSet", stack_set, &w);
}
