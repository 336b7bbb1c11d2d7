/*
 * AWS::LanguageExtensions expansion (see langext.h for the contract): one copy
 * of the tree into the template's arena in which Fn::ForEach loops are
 * replaced by what they generate, identifiers are substituted in copied keys
 * and scalars, and the functions the transform resolves without parameter
 * values are resolved. Recursion follows the tree, whose depth the loader caps;
 * nested loops are capped at MAX_LOOPS deep.
 */
#include "template/langext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template/template.h"
#include "util/buf.h"

#define MAX_LOOPS 32

/* a loop identifier bound to one value of its collection */
struct bind {
	const char *id;
	size_t idl;
	const char *val;
	size_t vall;
	const char *binding; /* "Id = 'val'" with the outer ones first */
};

struct entry {
	const struct sl_node *key, *value;
	struct sl_lx_copy *copy;
};

struct pairs {
	struct sl_pair *p;
	size_t n, cap;
};

struct lx {
	struct sl_arena *a;
	const struct sl_doc *doc;
	const struct sl_node *params, *mappings;
	size_t generated;
	bool over; /* the node budget ran out during the current outermost loop */
	bool oom;
	bool capped;
	struct bind env[MAX_LOOPS];
	int n_env;
	struct entry *entries;
	size_t n_entries, cap_entries;
	const struct sl_node **colls;
	size_t n_colls, cap_colls;
	const struct sl_node **subst; /* scalars made from a loop value */
	size_t n_subst, cap_subst;
	size_t n_expanded;
};

enum loop_result { LOOP_KEEP, LOOP_EXPANDED };

static bool grow(void **p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	void *q = realloc(*p, c * size);
	if (!q)
		return false;
	*p = q;
	*cap = c;
	return true;
}

/* A copy of src with the given parent; NULL when memory or the budget ran
 * out. Nodes made inside a loop iteration count against the budget. */
static struct sl_node *new_node(struct lx *x, const struct sl_node *src, struct sl_node *parent)
{
	if (x->over || x->oom)
		return NULL;
	if (x->n_env && ++x->generated > SL_LX_MAX_NODES) {
		x->over = true;
		return NULL;
	}
	/* a tagged node's copy carries its tag too */
	struct sl_node *m = sl_arena_alloc(x->a, src->flags & SL_NODE_TAGGED ? sizeof(struct sl_tagged_node)
									     : sizeof(*m));
	if (!m) {
		x->oom = true;
		return NULL;
	}
	if (src->flags & SL_NODE_TAGGED)
		*(struct sl_tagged_node *)(void *)m = *(const struct sl_tagged_node *)(const void *)src;
	else
		*m = *src;
	m->parent = parent;
	return m;
}

static const struct bind *bound(const struct lx *x, const char *name, size_t len)
{
	for (int i = x->n_env; i-- > 0;)
		if (x->env[i].idl == len && memcmp(x->env[i].id, name, len) == 0)
			return &x->env[i];
	return NULL;
}

static bool alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* ${Id} -> value, &{Id} -> value without non-alphanumerics, for the bound
 * identifiers; everything else is kept. Returns the new text in the arena, or
 * NULL when nothing changed (or memory ran out: x->oom). */
static char *substitute(struct lx *x, const char *s, size_t len, size_t *out_len)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t lit = 0;
	bool changed = false;
	for (size_t i = 0; i + 1 < len; i++) {
		if ((s[i] != '$' && s[i] != '&') || s[i + 1] != '{')
			continue;
		const char *close = memchr(s + i + 2, '}', len - i - 2);
		if (!close)
			break;
		size_t nl = (size_t)(close - (s + i + 2));
		const struct bind *bd = bound(x, s + i + 2, nl);
		if (!bd)
			continue;
		sl_buf_put(&b, s + lit, i - lit);
		if (s[i] == '$') {
			sl_buf_put(&b, bd->val, bd->vall);
		} else {
			for (size_t k = 0; k < bd->vall; k++)
				if (alnum(bd->val[k]))
					sl_buf_putc(&b, bd->val[k]);
		}
		changed = true;
		lit = (size_t)(close - s) + 1;
		i = lit - 1;
	}
	if (!changed) {
		sl_buf_free(&b);
		return NULL;
	}
	sl_buf_put(&b, s + lit, len - lit);
	char *r = b.oom ? NULL : sl_arena_strndup(x->a, b.data ? b.data : "", b.len);
	*out_len = b.len;
	sl_buf_free(&b);
	if (!r)
		x->oom = true;
	return r;
}

static void note_varies(struct lx *x, const struct sl_node *n)
{
	if (!grow((void **)&x->subst, &x->cap_subst, x->n_subst, sizeof(*x->subst)))
		x->oom = true;
	else
		x->subst[x->n_subst++] = n;
}

static struct sl_node *clone_scalar(struct lx *x, const struct sl_node *n, struct sl_node *parent)
{
	struct sl_node *m = new_node(x, n, parent);
	if (!m || !x->n_env || (n->flags & SL_NODE_ALIAS) || !memchr(n->str, '{', n->len))
		return m;
	size_t l = 0;
	char *s = substitute(x, n->str, n->len, &l);
	if (x->oom)
		return NULL;
	if (s) {
		m->str = s;
		m->len = (uint32_t)l;
		/* the substituted text is a string, whatever it looks like */
		if (m->style == SL_PLAIN)
			m->style = SL_DOUBLE;
		note_varies(x, m);
	}
	return x->oom ? NULL : m;
}

static struct sl_node *clone(struct lx *x, const struct sl_node *n, struct sl_node *parent, bool expand);

static bool push_pair(struct lx *x, struct pairs *ps, struct sl_node *k, struct sl_node *v)
{
	if (!grow((void **)&ps->p, &ps->cap, ps->n, sizeof(*ps->p))) {
		x->oom = true;
		return false;
	}
	ps->p[ps->n++] = (struct sl_pair){ k, v };
	return true;
}

static bool record_entry(struct lx *x, const struct sl_node *k, const struct sl_node *v,
			 const struct sl_node *src_key)
{
	struct sl_lx_copy *c = sl_arena_alloc(x->a, sizeof(*c));
	if (!c || !grow((void **)&x->entries, &x->cap_entries, x->n_entries, sizeof(*x->entries))) {
		x->oom = true;
		return false;
	}
	c->src_key = src_key;
	c->binding = x->env[x->n_env - 1].binding;
	c->ordinal = (uint32_t)x->n_entries;
	x->entries[x->n_entries++] = (struct entry){ k, v, c };
	return true;
}

/* The values of a collection (already substituted), in *out (arena); false
 * when it cannot be known at lint time. */
static bool collection_values(struct lx *x, const struct sl_node *coll, const struct sl_node ***out,
			      size_t *n)
{
	const struct sl_node *list = NULL;
	if (sl_node_is(coll, SL_SEQ)) {
		list = coll;
	} else if (sl_node_intrinsic(coll) && sl_str_eq(coll->pairs[0].key, "Fn::FindInMap")) {
		const struct sl_node *args = coll->pairs[0].value;
		if (!sl_node_is(args, SL_SEQ) || args->len != 3)
			return false;
		const struct sl_node *v = x->mappings;
		for (size_t i = 0; i < 3; i++) {
			const struct sl_node *k = args->items[i];
			if (!sl_node_is(k, SL_SCALAR) || (k->flags & SL_NODE_ALIAS) || !sl_node_is(v, SL_MAP))
				return false;
			v = sl_map_get(v, k->str);
		}
		if (!sl_node_is(v, SL_SEQ))
			return false;
		list = v;
	} else if (sl_node_intrinsic(coll) && sl_str_eq(coll->pairs[0].key, "Ref")) {
		const struct sl_node *name = coll->pairs[0].value;
		if (!sl_node_is(name, SL_SCALAR))
			return false;
		const struct sl_node *p = sl_map_get(x->params, name->str);
		const struct sl_node *type = sl_map_get(p, "Type");
		const struct sl_node *def = sl_map_get(p, "Default");
		if (!sl_node_is(type, SL_SCALAR) ||
		    !(sl_str_eq(type, "CommaDelimitedList") ||
		      (type->len > 5 && memcmp(type->str, "List<", 5) == 0)))
			return false;
		if (sl_node_is(def, SL_SEQ)) {
			list = def;
		} else if (sl_node_is(def, SL_SCALAR) && def->len && !(def->flags & SL_NODE_ALIAS)) {
			/* "a, b,c" -> a b c, each item a node at the Default's place */
			size_t cnt = 1;
			for (size_t i = 0; i < def->len; i++)
				cnt += def->str[i] == ',';
			const struct sl_node **vals = sl_arena_alloc(x->a, cnt * sizeof(*vals));
			if (!vals) {
				x->oom = true;
				return false;
			}
			size_t k = 0, s = 0;
			for (size_t i = 0; i <= def->len; i++) {
				if (i < def->len && def->str[i] != ',')
					continue;
				size_t b = s, e = i;
				while (b < e && (def->str[b] == ' ' || def->str[b] == '\t'))
					b++;
				while (e > b && (def->str[e - 1] == ' ' || def->str[e - 1] == '\t'))
					e--;
				struct sl_node *it = sl_arena_alloc(x->a, sizeof(*it));
				char *str = sl_arena_strndup(x->a, def->str + b, e - b);
				if (!it || !str) {
					x->oom = true;
					return false;
				}
				*it = *def;
				it->flags &= (uint16_t)~SL_NODE_TAGGED; /* a node's size: no tag after it */
				it->style = SL_DOUBLE;
				it->str = str;
				it->len = (uint32_t)(e - b);
				vals[k++] = it;
				s = i + 1;
			}
			*out = vals;
			*n = k;
			return true;
		} else {
			return false;
		}
	} else {
		return false;
	}
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *it = list->items[i];
		if (!sl_node_is(it, SL_SCALAR) || (it->flags & SL_NODE_ALIAS) ||
		    sl_scalar_type(it) == SL_TYPE_NULL)
			return false;
	}
	*out = (const struct sl_node **)list->items;
	*n = list->len;
	return true;
}

static enum loop_result expand_loop(struct lx *x, const struct sl_node *v, struct sl_node *m,
				    struct pairs *ps);

/* Appends the pairs the body generates for the current binding. */
static bool expand_body(struct lx *x, const struct sl_node *body, struct sl_node *m, struct pairs *ps)
{
	for (size_t i = 0; i < body->len; i++) {
		const struct sl_node *k = body->pairs[i].key, *v = body->pairs[i].value;
		bool loop = sl_foreach_key(k);
		if (loop && expand_loop(x, v, m, ps) == LOOP_EXPANDED)
			continue;
		if (x->over || x->oom)
			return false;
		struct sl_node *nk = clone_scalar(x, k, m);
		struct sl_node *nv = nk ? clone(x, v, m, !loop) : NULL;
		if (!nv || !push_pair(x, ps, nk, nv) || !record_entry(x, nk, nv, k))
			return false;
	}
	return true;
}

/* Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}] in the
 * map m being built: appends what it generates to ps. LOOP_KEEP when it cannot
 * be expanded (or x->over / x->oom is set), and then nothing was appended that
 * the caller must keep. */
static enum loop_result expand_loop(struct lx *x, const struct sl_node *v, struct sl_node *m,
				    struct pairs *ps)
{
	if (!sl_node_is(v, SL_SEQ) || v->len != 3 || x->n_env >= MAX_LOOPS)
		return LOOP_KEEP;
	const struct sl_node *id = v->items[0], *body = v->items[2];
	if (!sl_node_is(id, SL_SCALAR) || !id->len || (id->flags & SL_NODE_ALIAS) ||
	    sl_scalar_type(id) == SL_TYPE_NULL || !sl_node_is(body, SL_MAP) || sl_node_intrinsic(body))
		return LOOP_KEEP;
	/* the collection may use outer identifiers */
	struct sl_node *coll = clone(x, v->items[1], (struct sl_node *)v, false);
	if (!coll)
		return LOOP_KEEP;
	const struct sl_node **vals = NULL;
	size_t n = 0;
	if (!collection_values(x, coll, &vals, &n))
		return LOOP_KEEP;
	if (coll->kind == SL_MAP) {
		if (!grow((void **)&x->colls, &x->cap_colls, x->n_colls, sizeof(*x->colls))) {
			x->oom = true;
			return LOOP_KEEP;
		}
		x->colls[x->n_colls++] = coll;
	}
	x->n_expanded++;
	const char *outer = x->n_env ? x->env[x->n_env - 1].binding : NULL;
	for (size_t i = 0; i < n; i++) {
		struct bind *b = &x->env[x->n_env];
		b->id = id->str;
		b->idl = id->len;
		b->val = vals[i]->str;
		b->vall = vals[i]->len;
		b->binding = sl_arena_printf(x->a, "%s%s%s = '%.*s'", outer ? outer : "", outer ? ", " : "",
					     id->str, (int)(vals[i]->len > 60 ? 60 : vals[i]->len), vals[i]->str);
		if (!b->binding) {
			x->oom = true;
			return LOOP_KEEP;
		}
		x->n_env++;
		bool ok = expand_body(x, body, m, ps);
		x->n_env--;
		if (!ok)
			return LOOP_KEEP;
	}
	return LOOP_EXPANDED;
}

/* --- what the transform resolves in place ------------------------------- */

static bool literal(const struct sl_node *n)
{
	if (!n || (n->flags & SL_NODE_ALIAS))
		return false;
	if (n->kind == SL_SCALAR)
		return true;
	if (n->kind == SL_MAP) {
		if (sl_node_intrinsic(n))
			return false;
		for (size_t i = 0; i < n->len; i++)
			if (!literal(n->pairs[i].value) || sl_foreach_key(n->pairs[i].key))
				return false;
		return true;
	}
	for (size_t i = 0; i < n->len; i++)
		if (!literal(n->items[i]))
			return false;
	return true;
}

static void to_json(struct sl_buf *b, const struct sl_node *n)
{
	if (n->kind == SL_MAP) {
		sl_buf_putc(b, '{');
		for (size_t i = 0; i < n->len; i++) {
			sl_buf_puts(b, i ? ",\"" : "\"");
			sl_buf_json_escape(b, n->pairs[i].key->str, n->pairs[i].key->len);
			sl_buf_puts(b, "\":");
			to_json(b, n->pairs[i].value);
		}
		sl_buf_putc(b, '}');
		return;
	}
	if (n->kind == SL_SEQ) {
		sl_buf_putc(b, '[');
		for (size_t i = 0; i < n->len; i++) {
			if (i)
				sl_buf_putc(b, ',');
			to_json(b, n->items[i]);
		}
		sl_buf_putc(b, ']');
		return;
	}
	switch (sl_scalar_type(n)) {
	case SL_TYPE_NULL:
		sl_buf_puts(b, "null");
		return;
	case SL_TYPE_BOOL:
		sl_buf_puts(b, sl_scalar_bool(n) ? "true" : "false");
		return;
	case SL_TYPE_INT:
	case SL_TYPE_FLOAT: {
		bool plain = n->len > 0;
		for (size_t i = 0; i < n->len; i++)
			if (!strchr("0123456789.-+eE", n->str[i]))
				plain = false;
		if (plain) {
			sl_buf_put(b, n->str, n->len);
			return;
		}
		break;
	}
	default:
		break;
	}
	sl_buf_putc(b, '"');
	sl_buf_json_escape(b, n->str, n->len);
	sl_buf_putc(b, '"');
}

/* {Fn::Sub: "text"} whose variables were all loop identifiers (written
 * ${Id}, none left after the substitution): the text node. A Sub written
 * without variables stays, for W1020 to see. */
static struct sl_node *plain_sub(const struct lx *x, struct sl_node *n)
{
	if (!x->n_env || !sl_node_intrinsic(n) || !sl_str_eq(n->pairs[0].key, "Fn::Sub"))
		return NULL;
	struct sl_node *s = n->pairs[0].value;
	if (!sl_node_is(s, SL_SCALAR) || (s->flags & SL_NODE_ALIAS) || memmem(s->str, s->len, "${", 2))
		return NULL;
	size_t b = s->start, e = s->end;
	if (e > x->doc->len || b >= e || (!memmem(x->doc->src + b, e - b, "${", 2) &&
					  !memmem(x->doc->src + b, e - b, "&{", 2)))
		return NULL;
	return s;
}

/* m is a copied single-key function map: resolves it in place when the
 * transform can without parameter values. */
static void resolve_fn(struct lx *x, struct sl_node *m)
{
	const struct sl_node *key = m->pairs[0].key;
	struct sl_node *arg = m->pairs[0].value;
	if (sl_str_eq(key, "Fn::Length") && sl_node_is(arg, SL_SEQ)) {
		char *s = sl_arena_printf(x->a, "%u", arg->len);
		if (!s) {
			x->oom = true;
			return;
		}
		m->kind = SL_SCALAR;
		m->style = SL_PLAIN;
		m->flags = 0;
		m->str = s;
		m->len = (uint32_t)strlen(s);
	} else if (sl_str_eq(key, "Fn::ToJsonString") && (sl_node_is(arg, SL_SEQ) || sl_node_is(arg, SL_MAP)) &&
		   literal(arg)) {
		struct sl_buf b = SL_BUF_INIT;
		to_json(&b, arg);
		char *s = b.oom ? NULL : sl_arena_strndup(x->a, b.data ? b.data : "", b.len);
		size_t l = b.len;
		sl_buf_free(&b);
		if (!s) {
			x->oom = true;
			return;
		}
		m->kind = SL_SCALAR;
		m->style = SL_DOUBLE;
		m->flags = 0;
		m->str = s;
		m->len = (uint32_t)l;
	} else if (sl_str_eq(key, "Fn::Sub")) {
		/* the transform leaves the text: `!Sub 'Topic ${Name}'` is a string */
		struct sl_node *s = plain_sub(x, m);
		if (s) {
			m->kind = SL_SCALAR;
			m->style = s->style;
			m->flags = 0;
			m->str = s->str;
			m->len = s->len;
			m->start = s->start; /* the text, as a Ref's Fn::Sub argument points */
			m->end = s->end;
			note_varies(x, m);
		}
	} else if (sl_str_eq(key, "Ref")) {
		struct sl_node *s = plain_sub(x, arg);
		if (s) {
			s->parent = m;
			m->pairs[0].value = s;
		}
	} else if (sl_str_eq(key, "Fn::GetAtt") && sl_node_is(arg, SL_SEQ)) {
		for (size_t i = 0; i < arg->len; i++) {
			struct sl_node *s = plain_sub(x, arg->items[i]);
			if (s) {
				s->parent = arg;
				arg->items[i] = s;
			}
		}
	}
}

/* --- the copy ------------------------------------------------------------ */

static struct sl_node *clone_map(struct lx *x, const struct sl_node *n, struct sl_node *parent, bool expand)
{
	struct sl_node *m = new_node(x, n, parent);
	if (!m)
		return NULL;
	struct pairs ps = { NULL, 0, 0 };
	for (size_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key, *v = n->pairs[i].value;
		bool loop = expand && sl_foreach_key(k);
		if (loop) {
			size_t np = ps.n, ne = x->n_entries, nc = x->n_colls, nx = x->n_expanded;
			size_t nsub = x->n_subst;
			if (expand_loop(x, v, m, &ps) == LOOP_EXPANDED)
				continue;
			if (x->over && x->n_env == 0) {
				/* the outermost loop passed the cap: leave it as written */
				ps.n = np;
				x->n_entries = ne;
				x->n_colls = nc;
				x->n_expanded = nx;
				x->n_subst = nsub;
				x->over = false;
				x->capped = true;
				x->generated = SL_LX_MAX_NODES; /* no further loop expands */
			}
		}
		struct sl_node *nk = clone_scalar(x, k, m);
		struct sl_node *nv = nk ? clone(x, v, m, expand && !loop) : NULL;
		if (!nv || !push_pair(x, &ps, nk, nv)) {
			free(ps.p);
			return NULL;
		}
	}
	m->len = (uint32_t)ps.n;
	m->pairs = ps.n ? sl_arena_alloc(x->a, ps.n * sizeof(*m->pairs)) : NULL;
	if (ps.n && !m->pairs) {
		free(ps.p);
		x->oom = true;
		return NULL;
	}
	if (ps.n)
		memcpy(m->pairs, ps.p, ps.n * sizeof(*m->pairs));
	free(ps.p);
	if (sl_node_intrinsic(m))
		resolve_fn(x, m);
	return m;
}

static struct sl_node *clone(struct lx *x, const struct sl_node *n, struct sl_node *parent, bool expand)
{
	if (n->kind == SL_SCALAR)
		return clone_scalar(x, n, parent);
	if (n->kind == SL_SEQ) {
		struct sl_node *m = new_node(x, n, parent);
		if (!m)
			return NULL;
		struct sl_node **items = n->len ? sl_arena_alloc(x->a, n->len * sizeof(*items)) : NULL;
		if (n->len && !items) {
			x->oom = true;
			return NULL;
		}
		m->items = items;
		for (size_t i = 0; i < n->len; i++)
			if (!(items[i] = clone(x, n->items[i], m, expand)))
				return NULL;
		return m;
	}
	/* {"Ref": Identifier} inside a loop: the value itself */
	if (x->n_env && n->len == 1 && sl_str_eq(n->pairs[0].key, "Ref") &&
	    sl_node_is(n->pairs[0].value, SL_SCALAR)) {
		const struct sl_node *name = n->pairs[0].value;
		const struct bind *b = bound(x, name->str, name->len);
		if (b) {
			struct sl_node *m = new_node(x, n, parent);
			if (!m)
				return NULL;
			m->kind = SL_SCALAR;
			m->style = SL_DOUBLE;
			m->flags = 0;
			m->str = b->val;
			m->len = (uint32_t)b->vall;
			note_varies(x, m);
			return x->oom ? NULL : m;
		}
	}
	return clone_map(x, n, parent, expand);
}

/* --- deciding whether to copy at all ------------------------------------- */

/* True when n holds something to expand or resolve. */
static bool wants(const struct sl_node *n, bool expand)
{
	if (!n || (n->flags & SL_NODE_ALIAS))
		return false;
	if (n->kind == SL_SEQ) {
		for (size_t i = 0; i < n->len; i++)
			if (wants(n->items[i], expand))
				return true;
		return false;
	}
	if (n->kind != SL_MAP)
		return false;
	for (size_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key;
		if (expand && sl_foreach_key(k))
			return true;
		if (sl_str_eq(k, "Fn::Length") || sl_str_eq(k, "Fn::ToJsonString"))
			return true;
		if (wants(n->pairs[i].value, expand))
			return true;
	}
	return false;
}

static bool expandable_section(const struct sl_node *k)
{
	return sl_str_eq(k, "Resources") || sl_str_eq(k, "Conditions") || sl_str_eq(k, "Outputs");
}

static uint32_t hash_ptr(const void *p)
{
	uint64_t v = (uint64_t)(uintptr_t)p;
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdULL;
	v ^= v >> 33;
	return (uint32_t)v;
}

static void put_slot(struct sl_langext *lx, const struct sl_node *n, const struct sl_lx_copy *c)
{
	size_t m = lx->n_slots - 1;
	for (size_t h = hash_ptr(n) & m;; h = (h + 1) & m) {
		if (!lx->slots[h].node || lx->slots[h].node == n) {
			lx->slots[h] = (struct sl_lx_slot){ n, c };
			return;
		}
	}
}

/* Builds the node -> entry table and the per-key copy counts. */
static int index_entries(struct lx *x, struct sl_langext *lx)
{
	size_t ns = 16;
	while (ns < x->n_entries * 4)
		ns *= 2;
	lx->slots = sl_arena_alloc(x->a, ns * sizeof(*lx->slots));
	uint32_t *counts = sl_arena_alloc(x->a, (x->n_entries ? x->n_entries : 1) * sizeof(uint32_t));
	/* src_key -> index in counts, scratch */
	struct { const struct sl_node *k; size_t i; } *keys = calloc(ns, sizeof(*keys));
	if (!lx->slots || !counts || !keys) {
		free(keys);
		return -1;
	}
	lx->n_slots = ns;
	size_t nk = 0;
	for (size_t e = 0; e < x->n_entries; e++) {
		struct entry *en = &x->entries[e];
		const struct sl_node *src = en->copy->src_key;
		size_t h = hash_ptr(src) & (ns - 1);
		while (keys[h].k && keys[h].k != src)
			h = (h + 1) & (ns - 1);
		if (!keys[h].k) {
			keys[h].k = src;
			keys[h].i = nk++;
		}
		counts[keys[h].i]++;
		en->copy->n_copies = &counts[keys[h].i];
		put_slot(lx, en->key, en->copy);
		put_slot(lx, en->value, en->copy);
	}
	free(keys);
	size_t nv = 16;
	while (nv < x->n_subst * 2)
		nv *= 2;
	lx->varies = sl_arena_alloc(x->a, nv * sizeof(*lx->varies));
	if (!lx->varies)
		return -1;
	lx->n_varies_slots = nv;
	for (size_t i = 0; i < x->n_subst; i++) {
		size_t h = hash_ptr(x->subst[i]) & (nv - 1);
		while (lx->varies[h] && lx->varies[h] != x->subst[i])
			h = (h + 1) & (nv - 1);
		lx->varies[h] = x->subst[i];
	}
	return 0;
}

int sl_langext_expand(struct sl_langext **out, const struct sl_doc *doc, struct sl_arena *a)
{
	*out = NULL;
	const struct sl_node *root = doc->root;
	if (!sl_node_is(root, SL_MAP))
		return 0;
	struct lx x;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.doc = doc;
	x.params = sl_map_get(root, "Parameters");
	x.mappings = sl_map_get(root, "Mappings");
	bool any = false;
	for (size_t i = 0; i < root->len && !any; i++)
		any = wants(root->pairs[i].value, expandable_section(root->pairs[i].key));
	if (!any)
		return 0;

	struct sl_langext *lx = sl_arena_alloc(a, sizeof(*lx));
	struct sl_node *r = lx ? new_node(&x, root, NULL) : NULL;
	struct sl_pair *pairs = r ? sl_arena_alloc(a, root->len * sizeof(*pairs)) : NULL;
	if (!pairs)
		goto oom;
	r->pairs = pairs;
	for (size_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key;
		pairs[i].key = clone_scalar(&x, k, r);
		pairs[i].value = pairs[i].key ? clone(&x, root->pairs[i].value, r, expandable_section(k)) : NULL;
		if (!pairs[i].value)
			goto oom;
	}
	if (index_entries(&x, lx) < 0)
		goto oom;
	lx->root = r;
	lx->n_expanded = x.n_expanded;
	lx->n_generated = x.generated;
	lx->capped = x.capped;
	if (x.n_colls) {
		lx->collections = sl_arena_alloc(a, x.n_colls * sizeof(*lx->collections));
		if (!lx->collections)
			goto oom;
		memcpy(lx->collections, x.colls, x.n_colls * sizeof(*lx->collections));
		lx->n_collections = x.n_colls;
	}
	free(x.entries);
	free(x.colls);
	free(x.subst);
	*out = lx;
	return 0;
oom:
	free(x.entries);
	free(x.colls);
	free(x.subst);
	return -1;
}

const struct sl_lx_copy *sl_langext_copy_of(const struct sl_langext *lx, const struct sl_node *n)
{
	if (!lx || !lx->n_slots)
		return NULL;
	size_t m = lx->n_slots - 1;
	for (; n; n = n->parent) {
		for (size_t h = hash_ptr(n) & m;; h = (h + 1) & m) {
			const struct sl_lx_slot *s = &lx->slots[h];
			if (!s->node)
				break;
			if (s->node == n)
				return s->copy;
		}
	}
	return NULL;
}

bool sl_langext_varies(const struct sl_langext *lx, const struct sl_node *n)
{
	if (!lx || !lx->n_varies_slots || !n)
		return false;
	size_t m = lx->n_varies_slots - 1;
	for (size_t h = hash_ptr(n) & m; lx->varies[h]; h = (h + 1) & m)
		if (lx->varies[h] == n)
			return true;
	return false;
}

/* --- values of a function in a policy attribute -------------------------- */

struct values {
	void (*fn)(void *ud, const struct sl_node *at, const char *from);
	void *ud;
};

static bool values_of(const struct sl_template *t, const struct sl_node *v, struct values *vs, int depth)
{
	if (!v || depth > 16 || (v->flags & SL_NODE_ALIAS))
		return false;
	if (v->kind == SL_SCALAR) {
		vs->fn(vs->ud, v, NULL);
		return true;
	}
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn)
		return false;
	const struct sl_node *arg = v->pairs[0].value;
	if (sl_str_eq(fn, "Fn::If")) {
		if (!sl_node_is(arg, SL_SEQ) || arg->len != 3)
			return false;
		bool ok = true;
		for (size_t i = 1; i < 3; i++) {
			const struct sl_node *b = arg->items[i];
			const struct sl_node *bf = sl_node_intrinsic(b);
			if (bf && sl_str_eq(bf, "Ref") && sl_str_eq(b->pairs[0].value, "AWS::NoValue"))
				continue; /* the attribute is left out */
			ok = values_of(t, b, vs, depth + 1) && ok;
		}
		return ok;
	}
	if (sl_str_eq(fn, "Ref")) {
		if (!sl_node_is(arg, SL_SCALAR))
			return false;
		const struct sl_entity *p = sl_index_find(&t->params, arg->str, arg->len);
		if (!p)
			return false;
		const char *from = sl_arena_printf(t->arena, "parameter %s", arg->str);
		const struct sl_node *allowed = sl_map_get(p->value, "AllowedValues");
		const struct sl_node *def = sl_map_get(p->value, "Default");
		if (!from)
			return false;
		if (sl_node_is(allowed, SL_SEQ)) {
			bool ok = true;
			for (size_t i = 0; i < allowed->len; i++) {
				if (sl_node_is(allowed->items[i], SL_SCALAR))
					vs->fn(vs->ud, allowed->items[i], from);
				else
					ok = false;
			}
			return ok;
		}
		if (sl_node_is(def, SL_SCALAR)) {
			vs->fn(vs->ud, def, from);
			return false; /* another value may be given */
		}
		return false;
	}
	if (sl_str_eq(fn, "Fn::FindInMap")) {
		if (!sl_node_is(arg, SL_SEQ) || arg->len < 3 || arg->len > 4)
			return false;
		const struct sl_node *name = arg->items[0], *k1 = arg->items[1], *k2 = arg->items[2];
		if (!sl_node_is(name, SL_SCALAR) || !sl_node_is(k2, SL_SCALAR))
			return false;
		const struct sl_entity *m = sl_index_find(&t->mappings, name->str, name->len);
		if (!m || !sl_node_is(m->value, SL_MAP))
			return false;
		const char *from = sl_arena_printf(t->arena, "mapping %s", name->str);
		if (!from)
			return false;
		bool ok = true;
		for (size_t i = 0; i < m->value->len; i++) {
			const struct sl_pair *top = &m->value->pairs[i];
			if (sl_node_is(k1, SL_SCALAR) && !sl_str_eq(top->key, k1->str))
				continue;
			const struct sl_node *val = sl_map_get(top->value, k2->str);
			if (sl_node_is(val, SL_SCALAR))
				vs->fn(vs->ud, val, from);
			else if (val || arg->len == 3)
				ok = false;
		}
		if (arg->len == 4) {
			const struct sl_node *d = sl_map_get(arg->items[3], "DefaultValue");
			ok = (d && values_of(t, d, vs, depth + 1)) && ok;
		}
		return ok;
	}
	return false;
}

bool sl_langext_values(const struct sl_template *t, const struct sl_node *v,
		       void (*fn)(void *ud, const struct sl_node *at, const char *from), void *ud)
{
	struct values vs = { fn, ud };
	return values_of(t, v, &vs, 0);
}
