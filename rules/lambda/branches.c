/* The literal values of a property through Fn::If, with their branches: see branches.h. */
#include "rules/lambda/branches.h"

#include <string.h>

#include "rules/sam/samrules.h"

static bool same_name(const struct sl_node *a, const struct sl_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* The branch w takes on condition `cond`, or -1 when w does not lie under it. */
static int branch_on(const struct sl_lam_when *w, const struct sl_node *cond)
{
	for (uint8_t i = 0; i < w->n; i++)
		if (same_name(w->at[i].cond, cond))
			return w->at[i].branch;
	return -1;
}

static void walk(const struct sl_node *n, struct sl_lam_when *when,
		 void (*fn)(const struct sl_node *v, const struct sl_lam_when *when, void *ud), void *ud)
{
	if (!n || sl_samr_is_novalue(n))
		return;
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Fn::If")) {
		fn(n, when, ud);
		return;
	}
	const struct sl_node *args = n->pairs[0].value;
	if (!sl_node_is(args, SL_SEQ) || args->len != 3 || !sl_node_is(args->items[0], SL_SCALAR))
		return;
	/* Fn::If nests only as deep as the user wrote it; the loader caps depth */
	for (uint8_t b = 0; b < 2; b++) {
		struct sl_lam_when inner = *when;
		int taken = branch_on(when, args->items[0]);
		if (taken >= 0) {
			/* the condition is decided further out: the other branch is never taken */
			if (taken == b)
				walk(args->items[1 + b], &inner, fn, ud);
			continue;
		}
		if (inner.n < SL_LAM_WHEN_MAX) {
			inner.at[inner.n].cond = args->items[0];
			inner.at[inner.n].branch = b;
			inner.n++;
		} else {
			inner.deep = true;
		}
		walk(args->items[1 + b], &inner, fn, ud);
	}
}

void sl_lam_each_branch(const struct sl_node *n, const struct sl_lam_when *outer,
			void (*fn)(const struct sl_node *v, const struct sl_lam_when *when, void *ud),
			void *ud)
{
	struct sl_lam_when when = { 0 };
	if (outer)
		when = *outer;
	walk(n, &when, fn, ud);
}

/* f and the branches w takes, as a condition form. */
static sl_cform path(struct sl_conds *s, const struct sl_lam_when *w, sl_cform f)
{
	for (uint8_t i = 0; i < w->n && f != SL_CF_UNKNOWN; i++) {
		const struct sl_node *n = w->at[i].cond;
		sl_cform c = sl_conds_named(s, n->str, n->len);
		f = sl_conds_and(s, f, w->at[i].branch ? sl_conds_not(s, c) : c);
	}
	return f;
}

bool sl_lam_together(struct sl_conds *s, const struct sl_lam_when *a, const struct sl_lam_when *b)
{
	if (a->deep || b->deep)
		return false;
	bool same_conditions = true;
	for (uint8_t i = 0; i < a->n; i++) {
		int other = branch_on(b, a->at[i].cond);
		if (other < 0)
			same_conditions = false;
		else if (other != a->at[i].branch)
			return false;
	}
	for (uint8_t i = 0; i < b->n; i++)
		if (branch_on(a, b->at[i].cond) < 0)
			same_conditions = false;
	if (a->n && b->n && !same_conditions)
		return false;
	return !s || (a->n == 0 && b->n == 0) ||
	       sl_conds_sat(s, path(s, b, path(s, a, SL_CF_TRUE))) != SL_TRI_NO;
}
