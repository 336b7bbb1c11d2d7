/* Condition functions: recognition, a linear walk of the Conditions section,
 * and the memoised condition analysis. */
#include "rules/conditions/cond.h"

#define COND_MAX_DEPTH 600 /* above the loader's nesting cap: a guard, not a limit */

enum sl_cond_fn sl_cond_fn(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k)
		return SL_COND_NONE;
	if (sl_str_eq(k, "Fn::Equals"))
		return SL_COND_EQUALS;
	if (sl_str_eq(k, "Fn::And"))
		return SL_COND_AND;
	if (sl_str_eq(k, "Fn::Or"))
		return SL_COND_OR;
	if (sl_str_eq(k, "Fn::Not"))
		return SL_COND_NOT;
	if (sl_str_eq(k, "Condition"))
		return SL_COND_CONDITION;
	return SL_COND_NONE;
}

static void visit(const struct sl_node *n, const struct sl_node *at, unsigned depth,
		  sl_cond_visit_fn *fn, void *ud)
{
	enum sl_cond_fn f = sl_cond_fn(n);
	if (f == SL_COND_NONE || depth > COND_MAX_DEPTH)
		return;
	const struct sl_node *v = n->pairs[0].value;
	fn(ud, f, n->pairs[0].key, v, at);
	if ((f == SL_COND_AND || f == SL_COND_OR || f == SL_COND_NOT) && sl_node_is(v, SL_SEQ))
		for (size_t i = 0; i < v->len; i++)
			visit(v->items[i], v->items[i], depth + 1, fn, ud);
}

void sl_cond_visit(const struct sl_template *t, sl_cond_visit_fn *fn, void *ud)
{
	for (size_t i = 0; i < t->conditions.n; i++) {
		const struct sl_entity *e = &t->conditions.items[i];
		if (sl_foreach_key(e->key))
			continue;
		visit(e->value, e->key, 0, fn, ud);
	}
}

const char *sl_cond_what(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (k)
		return k->str;
	if (sl_node_is(n, SL_SEQ))
		return "a list";
	if (sl_node_is(n, SL_MAP))
		return "a map";
	return "a scalar";
}

void sl_cond_check_list(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *value,
			size_t min, size_t max)
{
	if (value->flags & SL_NODE_ALIAS)
		return;
	const char *want = min == max ? "exactly one condition" : "2 to 10 conditions";
	if (!sl_node_is(value, SL_SEQ)) {
		sl_report(c, value, "%s takes a list of %s, not %s", key->str, want, sl_cond_what(value));
		return;
	}
	if (value->len < min || value->len > max)
		sl_report(c, value, "%s has %u condition%s: it takes %s", key->str, (unsigned)value->len,
			  value->len == 1 ? "" : "s", want);
	for (size_t i = 0; i < value->len; i++) {
		const struct sl_node *it = value->items[i];
		if (!(it->flags & SL_NODE_ALIAS) && sl_cond_fn(it) == SL_COND_NONE)
			sl_report(c, it, "%s takes conditions (Fn::Equals, Fn::And, Fn::Or, Fn::Not or "
				  "Condition), not %s", key->str, sl_cond_what(it));
	}
}

static void release_model(void *p)
{
	sl_conds_free(p);
}

struct sl_conds *sl_cond_model(struct sl_ctx *c)
{
	static const char key = 0;
	struct sl_conds *s = sl_memo_get(c, &key);
	if (s)
		return s;
	s = sl_conds_new(c->t);
	if (!s) {
		c->oom = true;
		return NULL;
	}
	return sl_memo_put(c, &key, s, release_model); /* NULL (s released) when the table is full */
}
