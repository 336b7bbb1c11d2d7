/*
 * The condition analysis (cond.h): a reduced ordered BDD with a unique table
 * and a memo of applies, atoms interned by canonical text, conditions built
 * once each in dependency order, and the parameter facts (one value each,
 * within AllowedValues) joined to each question for the atoms it involves.
 *
 * Variables are ordered by creation: the first atom met is the top of the
 * diagram. Node 0 is false, node 1 true; every other node (var, lo, hi) has
 * lo != hi and is unique. Recursion in the applies is bounded by the number of
 * variables (capped by MAX_VARS); condition references are followed with an
 * explicit stack, so a long chain of conditions cannot exhaust the C stack.
 */
#include "analysis/cond.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define MAX_STEPS (1u << 22) /* cache misses in applies and nodes walked by questions,
				* per template: a hard bound on the analysis's time */
#define MAX_VARS 4096        /* distinct atoms; bounds the applies' recursion */
#define MAX_TREE 64          /* nesting followed inside a condition's definition */
#define TERMINAL UINT32_MAX  /* the var of nodes 0 and 1 */
#define NO_GROUP UINT32_MAX  /* an opaque atom's group */

enum { OP_AND = 1, OP_OR, OP_NOT, OP_SAT };

enum { C_NEW = 0, C_VISITING, C_DONE };

struct bnode {
	uint32_t var, lo, hi; /* lo: the var false; hi: true */
};

struct memo {
	uint32_t op, a, b, r; /* op 0: empty */
};

struct atom {
	uint32_t group; /* parameter group, or NO_GROUP */
};

/* A parameter (or pseudo parameter) that atoms test. */
struct group {
	size_t n_allowed; /* distinct AllowedValues; 0 when it has none */
	const struct sl_node *allowed;
};

/* Interned strings: atoms ('A' + canonical text) and groups ('G' + name). */
struct intern {
	uint32_t *slots; /* 1 + index in offs, 0 = empty */
	size_t n_slots, n;
	size_t *offs;    /* into pool; each entry's length is offs[i+1]-offs[i] */
	uint32_t *vals;
	size_t cap;
	struct sl_buf pool;
};

struct sl_conds {
	const struct sl_template *t;
	struct bnode *nodes;
	uint32_t *mark; /* per node: the epoch of the last walk that saw it */
	size_t n_nodes, cap_nodes, max_nodes;
	uint32_t *uniq; /* open addressing over node ids (>= 2), 0 = empty */
	size_t uniq_mask;
	struct memo *cache; /* direct-mapped, lossy */
	size_t cache_mask;
	size_t steps;
	bool over;
	uint32_t epoch;
	struct atom *atoms;
	size_t n_atoms, cap_atoms;
	uint32_t *var_mark; /* per atom: epoch */
	struct group *groups;
	size_t n_groups, cap_groups;
	struct intern names;
	uint8_t *state;  /* per condition: C_NEW, C_VISITING, C_DONE */
	sl_cform *form;  /* per condition, when C_DONE */
	struct sl_buf scratch;
};

static uint64_t hash3(uint32_t a, uint32_t b, uint32_t c)
{
	uint64_t h = a * 0x9E3779B97F4A7C15ull;
	h ^= (b + 0x632BE59BD9B4E019ull) * 0xBF58476D1CE4E5B9ull;
	h ^= (c + 0x8CB92BA72F3D8DD7ull) * 0x94D049BB133111EBull;
	return h ^ (h >> 29);
}

static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h ^ (h >> 31);
}

/* ---- the diagram ---- */

static bool grow_uniq(struct sl_conds *s)
{
	size_t n = (s->uniq_mask + 1) * 2;
	uint32_t *u = calloc(n, sizeof(*u));
	if (!u)
		return false;
	free(s->uniq);
	s->uniq = u;
	s->uniq_mask = n - 1;
	for (uint32_t id = 2; id < s->n_nodes; id++) {
		const struct bnode *b = &s->nodes[id];
		size_t h = hash3(b->var, b->lo, b->hi) & s->uniq_mask;
		while (s->uniq[h])
			h = (h + 1) & s->uniq_mask;
		s->uniq[h] = id;
	}
	/* the cache follows the diagram's size, up to 2^20 entries */
	if (s->cache_mask + 1 < n && n <= (1u << 20)) {
		struct memo *c = calloc(n, sizeof(*c));
		if (c) {
			free(s->cache);
			s->cache = c;
			s->cache_mask = n - 1;
		}
	}
	return true;
}

static sl_cform fail(struct sl_conds *s)
{
	s->over = true;
	return SL_CF_UNKNOWN;
}

/* The node (var, lo, hi), made unique. */
static sl_cform mk(struct sl_conds *s, uint32_t var, sl_cform lo, sl_cform hi)
{
	if (lo == SL_CF_UNKNOWN || hi == SL_CF_UNKNOWN || s->over)
		return SL_CF_UNKNOWN;
	if (lo == hi)
		return lo;
	size_t h = hash3(var, lo, hi) & s->uniq_mask;
	for (uint32_t id; (id = s->uniq[h]); h = (h + 1) & s->uniq_mask) {
		const struct bnode *b = &s->nodes[id];
		if (b->var == var && b->lo == lo && b->hi == hi)
			return id;
	}
	if (s->n_nodes >= s->max_nodes)
		return fail(s);
	if (s->n_nodes == s->cap_nodes) {
		size_t cap = s->cap_nodes * 2;
		struct bnode *nn = realloc(s->nodes, cap * sizeof(*nn));
		if (!nn)
			return fail(s);
		s->nodes = nn;
		uint32_t *m = realloc(s->mark, cap * sizeof(*m));
		if (!m)
			return fail(s);
		memset(m + s->cap_nodes, 0, (cap - s->cap_nodes) * sizeof(*m));
		s->mark = m;
		s->cap_nodes = cap;
	}
	uint32_t id = (uint32_t)s->n_nodes++;
	s->nodes[id] = (struct bnode){ var, lo, hi };
	s->mark[id] = 0;
	s->uniq[h] = id;
	if (s->n_nodes * 2 > s->uniq_mask + 1 && !grow_uniq(s))
		return fail(s);
	return id;
}

static uint32_t var_of(const struct sl_conds *s, sl_cform f)
{
	return s->nodes[f].var;
}

static sl_cform apply(struct sl_conds *s, int op, sl_cform a, sl_cform b)
{
	if (a == SL_CF_UNKNOWN || b == SL_CF_UNKNOWN || s->over)
		return SL_CF_UNKNOWN;
	if (op == OP_NOT) {
		if (a <= SL_CF_TRUE)
			return a ^ 1;
		b = 0;
	} else if (op == OP_AND) {
		if (a == SL_CF_FALSE || b == SL_CF_FALSE)
			return SL_CF_FALSE;
		if (a == SL_CF_TRUE || a == b)
			return b;
		if (b == SL_CF_TRUE)
			return a;
	} else {
		if (a == SL_CF_TRUE || b == SL_CF_TRUE)
			return SL_CF_TRUE;
		if (a == SL_CF_FALSE || a == b)
			return b;
		if (b == SL_CF_FALSE)
			return a;
	}
	if (op != OP_NOT && a > b) {
		sl_cform x = a;
		a = b;
		b = x;
	}
	struct memo *m = &s->cache[hash3((uint32_t)op, a, b) & s->cache_mask];
	if (m->op == (uint32_t)op && m->a == a && m->b == b)
		return m->r;
	if (++s->steps > MAX_STEPS)
		return fail(s);
	sl_cform r;
	if (op == OP_NOT) {
		const struct bnode n = s->nodes[a];
		r = mk(s, n.var, apply(s, OP_NOT, n.lo, 0), apply(s, OP_NOT, n.hi, 0));
	} else {
		uint32_t va = var_of(s, a), vb = var_of(s, b), v = va < vb ? va : vb;
		sl_cform alo = a, ahi = a, blo = b, bhi = b;
		if (va == v)
			alo = s->nodes[a].lo, ahi = s->nodes[a].hi;
		if (vb == v)
			blo = s->nodes[b].lo, bhi = s->nodes[b].hi;
		sl_cform lo = apply(s, op, alo, blo);
		sl_cform hi = apply(s, op, ahi, bhi);
		r = mk(s, v, lo, hi);
	}
	if (r == SL_CF_UNKNOWN)
		return r;
	/* re-index: mk may have resized the cache */
	m = &s->cache[hash3((uint32_t)op, a, b) & s->cache_mask];
	*m = (struct memo){ (uint32_t)op, a, b, r };
	return r;
}

sl_cform sl_conds_and(struct sl_conds *s, sl_cform a, sl_cform b)
{
	return s ? apply(s, OP_AND, a, b) : SL_CF_UNKNOWN;
}

sl_cform sl_conds_or(struct sl_conds *s, sl_cform a, sl_cform b)
{
	return s ? apply(s, OP_OR, a, b) : SL_CF_UNKNOWN;
}

sl_cform sl_conds_not(struct sl_conds *s, sl_cform a)
{
	return s ? apply(s, OP_NOT, a, 0) : SL_CF_UNKNOWN;
}

/* ---- interning ---- */

/* The value interned for the n bytes at key; when there is none, UINT32_MAX,
 * or (add) val once added, UINT32_MAX on OOM. */
static uint32_t intern(struct intern *in, const char *key, size_t n, bool add, uint32_t val)
{
	if (in->n_slots) {
		size_t h = hash_str(key, n) & (in->n_slots - 1);
		for (uint32_t i; (i = in->slots[h]); h = (h + 1) & (in->n_slots - 1)) {
			size_t o = in->offs[i - 1], l = in->offs[i] - o;
			if (l == n && memcmp(in->pool.data + o, key, n) == 0)
				return in->vals[i - 1];
		}
	}
	if (!add)
		return UINT32_MAX;
	if ((in->n + 1) * 2 > in->n_slots) {
		size_t ns = in->n_slots ? in->n_slots * 2 : 64;
		uint32_t *sl = calloc(ns, sizeof(*sl));
		if (!sl)
			return UINT32_MAX;
		for (size_t i = 0; i < in->n; i++) {
			size_t o = in->offs[i], l = in->offs[i + 1] - o;
			size_t h = hash_str(in->pool.data + o, l) & (ns - 1);
			while (sl[h])
				h = (h + 1) & (ns - 1);
			sl[h] = (uint32_t)i + 1;
		}
		free(in->slots);
		in->slots = sl;
		in->n_slots = ns;
	}
	if (in->n + 2 > in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 64;
		size_t *o = realloc(in->offs, cap * sizeof(*o));
		if (!o)
			return UINT32_MAX;
		in->offs = o;
		uint32_t *v = realloc(in->vals, cap * sizeof(*v));
		if (!v)
			return UINT32_MAX;
		in->vals = v;
		in->cap = cap;
	}
	if (in->n == 0)
		in->offs[0] = 0;
	sl_buf_put(&in->pool, key, n);
	if (in->pool.oom)
		return UINT32_MAX;
	in->offs[in->n + 1] = in->pool.len;
	in->vals[in->n] = val;
	size_t h = hash_str(key, n) & (in->n_slots - 1);
	while (in->slots[h])
		h = (h + 1) & (in->n_slots - 1);
	in->slots[h] = (uint32_t)++in->n;
	return val;
}

/* ---- canonical text ---- */

/* A scalar's value as Fn::Equals compares it: booleans in one spelling. */
static void scalar_text(const struct sl_node *n, const char **p, size_t *len)
{
	int b = n->style == SL_PLAIN ? sl_scalar_bool(n) : -1;
	if (b >= 0) {
		*p = b ? "true" : "false";
		*len = b ? 4 : 5;
		return;
	}
	*p = n->str;
	*len = n->len;
}

/* A literal Fn::Equals can compare: a scalar that is not an alias and carries
 * no ${} placeholder. */
static bool literal(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS) &&
	       !memmem(n->str, n->len, "${", 2);
}

/* Appends a text of n that is equal for equal trees (positions and styles
 * aside) and differs otherwise. False when n holds an alias or nests too deep. */
static bool canon(struct sl_buf *b, const struct sl_node *n, unsigned depth)
{
	if (!n || (n->flags & SL_NODE_ALIAS) || depth > MAX_TREE)
		return false;
	if (n->kind == SL_SCALAR) {
		const char *p;
		size_t l;
		scalar_text(n, &p, &l);
		sl_buf_printf(b, "s%zu:", l);
		sl_buf_put(b, p, l);
		return true;
	}
	sl_buf_putc(b, n->kind == SL_MAP ? '{' : '[');
	for (size_t i = 0; i < n->len; i++) {
		if (n->kind == SL_MAP) {
			if (!canon(b, n->pairs[i].key, depth + 1) || !canon(b, n->pairs[i].value, depth + 1))
				return false;
		} else if (!canon(b, n->items[i], depth + 1)) {
			return false;
		}
	}
	sl_buf_putc(b, n->kind == SL_MAP ? '}' : ']');
	return true;
}

/* ---- atoms ---- */

static sl_cform atom_var(struct sl_conds *s, uint32_t var)
{
	return mk(s, var, SL_CF_FALSE, SL_CF_TRUE);
}

/* A new variable for an atom of group g. */
static uint32_t new_atom(struct sl_conds *s, uint32_t g)
{
	if (s->n_atoms >= MAX_VARS)
		return UINT32_MAX;
	if (s->n_atoms == s->cap_atoms) {
		size_t cap = s->cap_atoms ? s->cap_atoms * 2 : 64;
		struct atom *a = realloc(s->atoms, cap * sizeof(*a));
		if (!a)
			return UINT32_MAX;
		s->atoms = a;
		uint32_t *m = realloc(s->var_mark, cap * sizeof(*m));
		if (!m)
			return UINT32_MAX;
		s->var_mark = m;
		s->cap_atoms = cap;
	}
	s->atoms[s->n_atoms] = (struct atom){ g };
	s->var_mark[s->n_atoms] = 0;
	return (uint32_t)s->n_atoms++;
}

static int cmp_text(const void *x, const void *y)
{
	const struct sl_node *a = *(const struct sl_node *const *)x, *b = *(const struct sl_node *const *)y;
	const char *pa, *pb;
	size_t la, lb;
	scalar_text(a, &pa, &la);
	scalar_text(b, &pb, &lb);
	int c = memcmp(pa, pb, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

/* The group of the parameter named by the scalar p, made on first use. */
static uint32_t group_of(struct sl_conds *s, const struct sl_node *p)
{
	struct sl_buf *k = &s->scratch;
	sl_buf_reset(k);
	sl_buf_putc(k, 'G');
	sl_buf_put(k, p->str, p->len);
	if (k->oom)
		return UINT32_MAX;
	uint32_t g = intern(&s->names, k->data, k->len, false, 0);
	if (g != UINT32_MAX)
		return g;
	if (s->n_groups == s->cap_groups) {
		size_t cap = s->cap_groups ? s->cap_groups * 2 : 16;
		struct group *gs = realloc(s->groups, cap * sizeof(*gs));
		if (!gs)
			return UINT32_MAX;
		s->groups = gs;
		s->cap_groups = cap;
	}
	struct group gr = { 0, NULL };
	const struct sl_entity *e = sl_index_find(&s->t->params, p->str, p->len);
	const struct sl_node *av = e ? sl_map_get(e->value, "AllowedValues") : NULL;
	if (sl_node_is(av, SL_SEQ) && av->len > 0) {
		/* distinct values, when every one is a literal */
		const struct sl_node **v = malloc(av->len * sizeof(*v));
		if (!v)
			return UINT32_MAX;
		bool ok = true;
		for (size_t i = 0; i < av->len && ok; i++) {
			v[i] = av->items[i];
			ok = sl_node_is(v[i], SL_SCALAR) && !(v[i]->flags & SL_NODE_ALIAS);
		}
		if (ok) {
			qsort(v, av->len, sizeof(*v), cmp_text);
			size_t d = 1;
			for (size_t i = 1; i < av->len; i++)
				d += cmp_text(&v[i - 1], &v[i]) != 0;
			gr = (struct group){ d, av };
		}
		free(v);
	}
	g = (uint32_t)s->n_groups;
	if (intern(&s->names, k->data, k->len, true, g) == UINT32_MAX)
		return UINT32_MAX;
	s->groups[s->n_groups++] = gr;
	return g;
}

static bool allowed(const struct group *g, const struct sl_node *lit)
{
	if (!g->allowed)
		return true;
	for (size_t i = 0; i < g->allowed->len; i++) {
		const struct sl_node *a = g->allowed->items[i];
		if (cmp_text(&a, &lit) == 0)
			return true;
	}
	return false;
}

/* The variable of the atom whose key is in s->scratch (made on first use, in
 * group g), as a form. */
static sl_cform atom_form(struct sl_conds *s, uint32_t g)
{
	struct sl_buf *k = &s->scratch;
	if (k->oom)
		return fail(s);
	uint32_t v = intern(&s->names, k->data, k->len, false, 0);
	if (v == UINT32_MAX) {
		v = new_atom(s, g);
		if (v == UINT32_MAX || intern(&s->names, k->data, k->len, true, v) == UINT32_MAX)
			return fail(s);
	}
	return atom_var(s, v);
}

/* The name of the parameter or pseudo parameter n refers to ({"Ref": P}), or NULL. */
static const struct sl_node *param_ref(const struct sl_template *t, const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Ref"))
		return NULL;
	const struct sl_node *p = n->pairs[0].value;
	if (!sl_node_is(p, SL_SCALAR) || (p->flags & SL_NODE_ALIAS))
		return NULL;
	if (sl_index_find(&t->params, p->str, p->len) || sl_pseudo_param(p->str, p->len))
		return p;
	return NULL;
}

static sl_cform equals(struct sl_conds *s, const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SEQ) || v->len != 2 || (v->flags & SL_NODE_ALIAS))
		return SL_CF_UNKNOWN;
	const struct sl_node *a = v->items[0], *b = v->items[1];
	if (literal(a) && literal(b))
		return cmp_text(&a, &b) == 0 ? SL_CF_TRUE : SL_CF_FALSE;
	const struct sl_node *p = param_ref(s->t, a), *lit = b;
	if (!p)
		p = param_ref(s->t, b), lit = a;
	if (p && literal(lit)) {
		uint32_t g = group_of(s, p);
		if (g == UINT32_MAX)
			return fail(s);
		if (!allowed(&s->groups[g], lit))
			return SL_CF_FALSE;
		const char *lt;
		size_t ll;
		scalar_text(lit, &lt, &ll);
		struct sl_buf *k = &s->scratch;
		sl_buf_reset(k);
		sl_buf_printf(k, "A=%zu:", (size_t)p->len);
		sl_buf_put(k, p->str, p->len);
		sl_buf_put(k, lt, ll);
		return atom_form(s, g);
	}
	/* opaque: the two sides' texts, in order */
	struct sl_buf ta = SL_BUF_INIT, tb = SL_BUF_INIT;
	sl_cform r = SL_CF_UNKNOWN;
	if (canon(&ta, a, 0) && canon(&tb, b, 0) && !ta.oom && !tb.oom) {
		if (ta.len == tb.len && memcmp(ta.data, tb.data, ta.len) == 0) {
			r = SL_CF_TRUE;
		} else {
			bool swap = ta.len != tb.len ? ta.len > tb.len : memcmp(ta.data, tb.data, ta.len) > 0;
			struct sl_buf *x = swap ? &tb : &ta, *y = swap ? &ta : &tb;
			struct sl_buf *k = &s->scratch;
			sl_buf_reset(k);
			sl_buf_printf(k, "O%zu:", x->len);
			sl_buf_put(k, x->data, x->len);
			sl_buf_put(k, y->data, y->len);
			r = atom_form(s, NO_GROUP);
		}
	}
	sl_buf_free(&ta);
	sl_buf_free(&tb);
	return r;
}

/* ---- conditions ---- */

static size_t cond_index(const struct sl_conds *s, const struct sl_node *name)
{
	if (!sl_node_is(name, SL_SCALAR) || (name->flags & SL_NODE_ALIAS))
		return SIZE_MAX;
	const struct sl_entity *e = sl_index_find(&s->t->conditions, name->str, name->len);
	return e ? (size_t)(e - s->t->conditions.items) : SIZE_MAX;
}

/* The form of a condition function, its named conditions already built. */
static sl_cform build(struct sl_conds *s, const struct sl_node *n, unsigned depth)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || depth > MAX_TREE || s->over)
		return SL_CF_UNKNOWN;
	const struct sl_node *v = n->pairs[0].value;
	if (sl_str_eq(k, "Condition")) {
		size_t i = cond_index(s, v);
		return i != SIZE_MAX && s->state[i] == C_DONE ? s->form[i] : SL_CF_UNKNOWN;
	}
	if (sl_str_eq(k, "Fn::Equals"))
		return equals(s, v);
	if (!sl_node_is(v, SL_SEQ) || v->len == 0 || (v->flags & SL_NODE_ALIAS))
		return SL_CF_UNKNOWN;
	if (sl_str_eq(k, "Fn::Not"))
		return v->len == 1 ? apply(s, OP_NOT, build(s, v->items[0], depth + 1), 0) : SL_CF_UNKNOWN;
	int op = sl_str_eq(k, "Fn::And") ? OP_AND : sl_str_eq(k, "Fn::Or") ? OP_OR : 0;
	if (!op)
		return SL_CF_UNKNOWN;
	sl_cform r = op == OP_AND ? SL_CF_TRUE : SL_CF_FALSE;
	for (size_t i = 0; i < v->len && r != SL_CF_UNKNOWN; i++)
		r = apply(s, op, r, build(s, v->items[i], depth + 1));
	return r;
}

struct stack {
	size_t *items;
	size_t n, cap;
};

static bool push(struct stack *st, size_t v)
{
	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 32;
		size_t *it = realloc(st->items, cap * sizeof(*it));
		if (!it)
			return false;
		st->items = it;
		st->cap = cap;
	}
	st->items[st->n++] = v;
	return true;
}

/* Pushes the conditions that n names and that are not built or being built. */
static bool push_deps(struct sl_conds *s, struct stack *st, const struct sl_node *n, unsigned depth)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || depth > MAX_TREE)
		return true;
	const struct sl_node *v = n->pairs[0].value;
	if (sl_str_eq(k, "Condition")) {
		size_t i = cond_index(s, v);
		return i == SIZE_MAX || s->state[i] != C_NEW || push(st, i * 2);
	}
	if (sl_str_eq(k, "Fn::And") || sl_str_eq(k, "Fn::Or") || sl_str_eq(k, "Fn::Not"))
		if (sl_node_is(v, SL_SEQ))
			for (size_t i = 0; i < v->len; i++)
				if (!push_deps(s, st, v->items[i], depth + 1))
					return false;
	return true;
}

/* Builds condition i and, first, every condition it reaches (depth first, an
 * explicit stack: entry 2i visits i, 2i+1 builds it). A condition named while
 * it is being visited closes a cycle: its form there is SL_CF_UNKNOWN. */
static void build_from(struct sl_conds *s, size_t root)
{
	struct stack st = { 0 };
	if (!push(&st, root * 2)) {
		fail(s);
		return;
	}
	while (st.n && !s->over) {
		size_t e = st.items[--st.n], i = e / 2;
		const struct sl_entity *c = &s->t->conditions.items[i];
		if (e & 1) {
			s->form[i] = sl_foreach_key(c->key) ? SL_CF_UNKNOWN : build(s, c->value, 0);
			s->state[i] = C_DONE;
			continue;
		}
		if (s->state[i] != C_NEW)
			continue;
		s->state[i] = C_VISITING;
		if (!push(&st, e + 1) || !push_deps(s, &st, c->value, 0))
			fail(s);
	}
	free(st.items);
}

sl_cform sl_conds_at(struct sl_conds *s, size_t i)
{
	if (!s || s->over || i >= s->t->conditions.n)
		return SL_CF_UNKNOWN;
	if (s->state[i] != C_DONE)
		build_from(s, i);
	return s->over ? SL_CF_UNKNOWN : s->form[i];
}

sl_cform sl_conds_named(struct sl_conds *s, const char *name, size_t len)
{
	if (!s)
		return SL_CF_UNKNOWN;
	const struct sl_entity *e = sl_index_find(&s->t->conditions, name, len);
	return e ? sl_conds_at(s, (size_t)(e - s->t->conditions.items)) : SL_CF_UNKNOWN;
}

/* ---- questions ---- */

struct gv {
	uint32_t group, var;
};

static int cmp_gv(const void *x, const void *y)
{
	const struct gv *a = x, *b = y;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return (a->var > b->var) - (a->var < b->var);
}

/* The parameter facts about the atoms of vars (one group, ascending vars):
 * at most one is true, and exactly one when they cover all the group's
 * AllowedValues. */
static sl_cform facts(struct sl_conds *s, const struct gv *vars, size_t n, bool complete)
{
	sl_cform none = SL_CF_TRUE, amo = SL_CF_TRUE, one = SL_CF_FALSE;
	for (size_t i = n; i-- > 0;) {
		uint32_t v = vars[i].var;
		sl_cform one2 = mk(s, v, one, none);
		amo = mk(s, v, amo, none);
		none = mk(s, v, none, SL_CF_FALSE);
		one = one2;
	}
	return complete ? one : amo;
}

enum sl_tri sl_conds_sat(struct sl_conds *s, sl_cform f)
{
	if (!s || s->over || f == SL_CF_UNKNOWN)
		return SL_TRI_UNKNOWN;
	if (f <= SL_CF_TRUE)
		return f == SL_CF_TRUE ? SL_TRI_YES : SL_TRI_NO;
	/* answers are memoised in the apply cache: the facts depend on f alone */
	struct memo *m = &s->cache[hash3(OP_SAT, f, 0) & s->cache_mask];
	if (m->op == OP_SAT && m->a == f)
		return m->r ? SL_TRI_YES : SL_TRI_NO;
	/* the atoms f involves that test a parameter */
	if (++s->epoch == 0) {
		memset(s->mark, 0, s->n_nodes * sizeof(*s->mark));
		memset(s->var_mark, 0, s->n_atoms * sizeof(*s->var_mark));
		s->epoch = 1;
	}
	struct stack st = { 0 };
	struct gv *vars = NULL;
	size_t n_vars = 0, cap_vars = 0;
	bool ok = push(&st, f);
	s->mark[f] = s->epoch;
	while (ok && st.n) {
		if (++s->steps > MAX_STEPS) {
			ok = false;
			break;
		}
		uint32_t id = (uint32_t)st.items[--st.n];
		const struct bnode *b = &s->nodes[id];
		uint32_t g = s->atoms[b->var].group;
		if (g != NO_GROUP && s->var_mark[b->var] != s->epoch) {
			s->var_mark[b->var] = s->epoch;
			if (n_vars == cap_vars) {
				cap_vars = cap_vars ? cap_vars * 2 : 16;
				struct gv *nv = realloc(vars, cap_vars * sizeof(*nv));
				ok = nv != NULL;
				if (!ok)
					break;
				vars = nv;
			}
			vars[n_vars++] = (struct gv){ g, b->var };
		}
		uint32_t kids[2] = { b->lo, b->hi };
		for (int k = 0; k < 2 && ok; k++)
			if (kids[k] > SL_CF_TRUE && s->mark[kids[k]] != s->epoch) {
				s->mark[kids[k]] = s->epoch;
				ok = push(&st, kids[k]);
			}
	}
	free(st.items);
	if (!ok) {
		free(vars);
		fail(s);
		return SL_TRI_UNKNOWN;
	}
	if (n_vars)
		qsort(vars, n_vars, sizeof(*vars), cmp_gv);
	sl_cform g = f;
	for (size_t i = 0, j; i < n_vars && g != SL_CF_FALSE && g != SL_CF_UNKNOWN; i = j) {
		for (j = i + 1; j < n_vars && vars[j].group == vars[i].group;)
			j++;
		const struct group *gr = &s->groups[vars[i].group];
		bool complete = gr->n_allowed && j - i == gr->n_allowed;
		if (j - i >= 2 || complete)
			g = apply(s, OP_AND, g, facts(s, vars + i, j - i, complete));
	}
	free(vars);
	if (g == SL_CF_UNKNOWN)
		return SL_TRI_UNKNOWN;
	m = &s->cache[hash3(OP_SAT, f, 0) & s->cache_mask];
	*m = (struct memo){ OP_SAT, f, 0, g != SL_CF_FALSE };
	return g == SL_CF_FALSE ? SL_TRI_NO : SL_TRI_YES;
}

enum sl_tri sl_conds_implies(struct sl_conds *s, sl_cform a, sl_cform b)
{
	enum sl_tri r = sl_conds_sat(s, sl_conds_and(s, a, sl_conds_not(s, b)));
	return r == SL_TRI_UNKNOWN ? r : r == SL_TRI_NO ? SL_TRI_YES : SL_TRI_NO;
}

enum sl_tri sl_conds_equivalent(struct sl_conds *s, sl_cform a, sl_cform b)
{
	enum sl_tri x = sl_conds_implies(s, a, b);
	if (x != SL_TRI_YES)
		return x;
	return sl_conds_implies(s, b, a);
}

/* ---- life ---- */

struct sl_conds *sl_conds_new(const struct sl_template *t)
{
	struct sl_conds *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->t = t;
	s->max_nodes = SL_CONDS_MAX_NODES;
	s->cap_nodes = 256;
	s->nodes = malloc(s->cap_nodes * sizeof(*s->nodes));
	s->mark = calloc(s->cap_nodes, sizeof(*s->mark));
	s->uniq_mask = 511;
	s->uniq = calloc(s->uniq_mask + 1, sizeof(*s->uniq));
	s->cache_mask = 511;
	s->cache = calloc(s->cache_mask + 1, sizeof(*s->cache));
	size_t nc = t->conditions.n ? t->conditions.n : 1;
	s->state = calloc(nc, sizeof(*s->state));
	s->form = calloc(nc, sizeof(*s->form));
	if (!s->nodes || !s->mark || !s->uniq || !s->cache || !s->state || !s->form) {
		sl_conds_free(s);
		return NULL;
	}
	s->nodes[0] = (struct bnode){ TERMINAL, 0, 0 };
	s->nodes[1] = (struct bnode){ TERMINAL, 1, 1 };
	s->n_nodes = 2;
	return s;
}

void sl_conds_free(struct sl_conds *s)
{
	if (!s)
		return;
	free(s->nodes);
	free(s->mark);
	free(s->uniq);
	free(s->cache);
	free(s->atoms);
	free(s->var_mark);
	free(s->groups);
	free(s->names.slots);
	free(s->names.offs);
	free(s->names.vals);
	sl_buf_free(&s->names.pool);
	sl_buf_free(&s->scratch);
	free(s->state);
	free(s->form);
	free(s);
}

size_t sl_conds_nodes(const struct sl_conds *s)
{
	return s ? s->n_nodes : 0;
}

bool sl_conds_over_budget(const struct sl_conds *s)
{
	return !s || s->over;
}

void sl_conds_set_budget(struct sl_conds *s, size_t max_nodes)
{
	if (s && max_nodes < SL_CONDS_MAX_NODES)
		s->max_nodes = max_nodes < 2 ? 2 : max_nodes;
}
