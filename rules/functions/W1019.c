/* W1019: every variable in the map of a Fn::Sub is used in its string. */
#include "rules/functions/fn.h"

/* The variables a Sub string uses, as byte ranges of it, sorted: one scan of
 * the string serves every key of the map. */
struct used {
	const char *str;
	struct span {
		const char *p;
		size_t l;
	} *v;
	size_t n, cap;
	bool oom;
};

static void add_var(void *ud, size_t s, size_t l)
{
	struct used *u = ud;
	if (u->n == u->cap) {
		size_t cap = u->cap ? u->cap * 2 : 16;
		struct span *v = realloc(u->v, cap * sizeof(*v));
		if (!v) {
			u->oom = true;
			return;
		}
		u->v = v;
		u->cap = cap;
	}
	u->v[u->n++] = (struct span){ u->str + s, l };
}

static int cmp_span(const void *x, const void *y)
{
	const struct span *a = x, *b = y;
	return sl_bytes_cmp(a->p, a->l, b->p, b->l);
}

static bool is_used(const struct used *u, const char *key, size_t kl)
{
	size_t lo = 0, hi = u->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = sl_bytes_cmp(u->v[mid].p, u->v[mid].l, key, kl);
		if (r == 0)
			return true;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	(void)key;
	if (!sl_node_is(v, SL_SEQ) || v->len != 2 || !sl_node_is(v->items[0], SL_SCALAR) ||
	    !sl_node_is(v->items[1], SL_MAP) || sl_fn_is(v->items[1]))
		return;
	const struct sl_node *s = v->items[0], *m = v->items[1];
	struct used u = { s->str, NULL, 0, 0, false };
	if (m->len)
		sl_sub_vars(s->str, s->len, add_var, &u);
	if (u.oom) {
		free(u.v);
		c->oom = true;
		return;
	}
	if (u.n > 1)
		qsort(u.v, u.n, sizeof(*u.v), cmp_span);
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key;
		if (!is_used(&u, k->str, k->len))
			sl_report(c, k, "The Fn::Sub variable '%s' is never used in the "
				  "string: remove it, or write ${%s} where it belongs",
				  k->str, k->str);
	}
	free(u.v);
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Sub", visit);
}

const struct sl_rule rule_W1019 = {
	.id = "W1019",
	.severity = SL_SEV_WARNING,
	.title = "Fn::Sub variables are used",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
	.doc =
	"### What it checks\n"
	"Each key of the variable map of a `Fn::Sub` in list form appears as `${Key}` in its "
	"string.\n\n"
	"### Why it matters\n"
	"An unused variable is dead text at best; more often the string misspells it, or it was "
	"meant to replace a hard-coded value that is still there.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Url:\n"
	"    Value: !Sub\n"
	"      - 'https://${Host}/'\n"
	"      - Host: example.com\n"
	"        Port: '443'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Url:\n"
	"    Value: !Sub\n"
	"      - 'https://${Host}:${Port}/'\n"
	"      - Host: example.com\n"
	"        Port: '443'\n"
	"```\n",
	.check = check,
};
