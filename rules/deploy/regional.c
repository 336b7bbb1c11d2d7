/*
 * The property walk and literal text of the region-specific rules
 * (regional.h).
 */
#include "rules/deploy/regional.h"

#include <string.h>

static void walk_shape(struct sl_ctx *c, uint32_t shape, const struct sl_node *m, sl_regional_fn fn);

/* A value of spec type `type` that no callback took. Depth follows the
 * specification's nesting, which the loader's depth cap bounds. */
static void walk_value(struct sl_ctx *c, uint32_t type, const struct sl_node *v, sl_regional_fn fn)
{
	const struct sl_node *f = sl_node_intrinsic(v);
	if (f) {
		const struct sl_node *a = v->pairs[0].value;
		if (sl_str_eq(f, "Fn::If") && sl_node_is(a, SL_SEQ) && a->len == 3) {
			walk_value(c, type, a->items[1], fn);
			walk_value(c, type, a->items[2], fn);
		}
		return;
	}
	const struct sl_spec_type *t = sl_spec_type(c->spec, type);
	if (!t || !v)
		return;
	switch (t->kind) {
	case SL_SPEC_SHAPE:
		if (v->kind == SL_MAP)
			walk_shape(c, t->arg, v, fn);
		break;
	case SL_SPEC_LIST:
		if (v->kind == SL_SEQ)
			for (size_t i = 0; i < v->len; i++)
				walk_value(c, t->arg, v->items[i], fn);
		break;
	case SL_SPEC_MAP:
		if (v->kind == SL_MAP)
			for (size_t i = 0; i < v->len; i++)
				walk_value(c, t->arg, v->pairs[i].value, fn);
		break;
	case SL_SPEC_UNION:
		/* the same finding from two members is one (the engine merges
		 * identical diagnostics) */
		for (uint32_t i = 0; i < t->n; i++) {
			uint32_t m = sl_spec_union_member(c->spec, t, i);
			const struct sl_spec_type *mt = sl_spec_type(c->spec, m);
			if (mt && mt->kind != SL_SPEC_UNION)
				walk_value(c, m, v, fn);
		}
		break;
	default:
		break;
	}
}

/* The branches of Fn::If go to fn one by one. */
static bool take(struct sl_ctx *c, const struct sl_node *k, uint32_t type, const struct sl_node *v,
		 sl_regional_fn fn)
{
	const struct sl_node *f = sl_node_intrinsic(v);
	const struct sl_node *a = f ? v->pairs[0].value : NULL;
	if (f && sl_str_eq(f, "Fn::If") && sl_node_is(a, SL_SEQ) && a->len == 3) {
		bool t1 = take(c, k, type, a->items[1], fn);
		bool t2 = take(c, k, type, a->items[2], fn);
		return t1 && t2;
	}
	return fn(c, k, type, v);
}

static void walk_shape(struct sl_ctx *c, uint32_t shape, const struct sl_node *m, sl_regional_fn fn)
{
	for (size_t i = 0; i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key, *v = m->pairs[i].value;
		const struct sl_spec_prop *p = sl_spec_prop_find(c->spec, shape, k->str, k->len);
		if (p && !take(c, k, p->type, v, fn))
			walk_value(c, p->type, v, fn);
	}
}

void sl_regional_walk(struct sl_ctx *c, sl_regional_fn fn)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; t && i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!e->type || !sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		uint32_t rid = sl_spec_resource(c->spec, e->type->str, e->type->len);
		if (rid != SL_SPEC_NONE)
			walk_shape(c, sl_spec_resource_shape(c->spec, rid), props, fn);
	}
}

static bool plain_string(const struct sl_node *v)
{
	return sl_node_is(v, SL_SCALAR) && !(v->flags & SL_NODE_ALIAS) && sl_scalar_type(v) == SL_TYPE_STRING;
}

const char *sl_regional_literal(const struct sl_node *v, size_t *len, bool *whole,
				const struct sl_node **at)
{
	*at = v;
	if (plain_string(v)) {
		*whole = true;
		*len = v->len;
		return v->str;
	}
	const struct sl_node *f = sl_node_intrinsic(v);
	if (!f || !sl_str_eq(f, "Fn::Sub"))
		return NULL;
	const struct sl_node *s = v->pairs[0].value;
	if (sl_node_is(s, SL_SEQ) && s->len >= 1)
		s = s->items[0];
	if (!plain_string(s))
		return NULL;
	const char *dollar = strstr(s->str, "${");
	*whole = false;
	*len = dollar ? (size_t)(dollar - s->str) : s->len;
	*at = s;
	return s->str;
}
