/*
 * Builds the template model: finds the sections, indexes logical IDs, and walks
 * every place intrinsic functions may appear to record the reference graph.
 * Recursion depth is bounded by the loader's nesting limit.
 */
#include "template/template.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "template/sam.h"
#include "util/text.h"

const char *const sl_section_names[SL_SEC_COUNT] = {
	"AWSTemplateFormatVersion", "Description", "Metadata", "Transform", "Parameters",
	"Mappings", "Conditions", "Rules", "Resources", "Outputs", "Globals",
};

const char *const sl_pseudo_params[] = {
	"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
	"AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", NULL,
};

bool sl_pseudo_param(const char *name, size_t len)
{
	for (const char *const *p = sl_pseudo_params; *p; p++)
		if (strlen(*p) == len && memcmp(*p, name, len) == 0)
			return true;
	return false;
}

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

const struct sl_entity *sl_index_find(const struct sl_index *ix, const char *name, size_t len)
{
	if (!ix->n_slots)
		return NULL;
	size_t m = ix->n_slots - 1;
	for (size_t h = hash(name, len) & m;; h = (h + 1) & m) {
		uint32_t v = ix->slots[h];
		if (!v)
			return NULL;
		const struct sl_entity *e = &ix->items[v - 1];
		if (e->key->len == len && memcmp(e->key->str, name, len) == 0)
			return e;
	}
}

const struct sl_entity *sl_template_ref_resource(const struct sl_template *t,
						 const struct sl_node *v, const char *type)
{
	const struct sl_node *k = sl_node_intrinsic(v);
	if (!k)
		return NULL;
	const struct sl_node *a = v->pairs[0].value;
	const char *name = NULL;
	size_t len = 0;
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR)) {
		name = a->str;
		len = a->len;
	} else if (sl_str_eq(k, "Fn::GetAtt")) {
		const struct sl_node *first = sl_node_is(a, SL_SEQ) && a->len ? a->items[0] : a;
		if (sl_node_is(first, SL_SCALAR)) {
			const char *dot = memchr(first->str, '.', first->len);
			name = first->str;
			len = dot ? (size_t)(dot - first->str) : first->len;
		}
	}
	if (!name)
		return NULL;
	const struct sl_entity *e = sl_index_find(&t->resources, name, len);
	return e && sl_str_eq(e->type, type) ? e : NULL;
}

const char *const sl_attr_names[SL_ATTR_COUNT] = {
	"Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy",
	"CreationPolicy", "UpdatePolicy", "Connectors", "IgnoreGlobals",
};

enum sl_attr sl_attr_of(const char *name, size_t len)
{
	for (int a = 0; a < SL_ATTR_COUNT; a++)
		if (strncmp(sl_attr_names[a], name, len) == 0 && !sl_attr_names[a][len])
			return (enum sl_attr)a;
	return SL_ATTR_COUNT;
}

/* A resource's Type, Properties and attribute bits, from one pass over its
 * keys (the last of duplicate keys wins, as in sl_map_get). */
static void read_resource(struct sl_entity *e)
{
	const struct sl_node *m = e->value, *ty = NULL, *props = NULL;
	e->attrs = 0; /* the slot of a duplicate key is used again */
	for (uint32_t k = 0; sl_node_is(m, SL_MAP) && k < m->len; k++) {
		const struct sl_node *key = m->pairs[k].key;
		if (sl_str_eq(key, "Type")) {
			ty = m->pairs[k].value;
		} else if (sl_str_eq(key, "Properties")) {
			props = m->pairs[k].value;
		} else {
			enum sl_attr a = sl_attr_of(key->str, key->len);
			if (a != SL_ATTR_COUNT)
				e->attrs |= (uint16_t)(1u << a);
		}
	}
	e->type = sl_node_is(ty, SL_SCALAR) ? ty : NULL;
	e->props = sl_node_is(props, SL_MAP) ? props : NULL;
	e->module = (e->type && e->type->len > 8 &&
		     memcmp(e->type->str + e->type->len - 8, "::MODULE", 8) == 0) ||
		    (sl_map_get(ty, "Fn::Rain::Module") || sl_map_get(ty, "Rain::Module"));
}

/* Indexes the entries of a section map; the last of duplicate keys wins, as
 * in the node lookups. */
static int build_index(struct sl_template *t, struct sl_index *ix, const struct sl_node *sec, bool res)
{
	if (!sl_node_is(sec, SL_MAP) || sec->len == 0)
		return 0;
	ix->items = sl_arena_alloc(t->arena, sec->len * sizeof(*ix->items));
	size_t ns = 8;
	while (ns < sec->len * 2)
		ns *= 2;
	ix->slots = sl_arena_alloc(t->arena, ns * sizeof(uint32_t));
	if (!ix->items || !ix->slots)
		return -1;
	ix->n_slots = ns;
	for (size_t i = 0; i < sec->len; i++) {
		struct sl_entity *e = &ix->items[ix->n];
		e->key = sec->pairs[i].key;
		e->value = sec->pairs[i].value;
		if (res) {
			read_resource(e);
			if (e->type && e->type->len > 17 && memcmp(e->type->str, "AWS::Serverless::", 17) == 0)
				t->sam_types = true;
		}
		size_t h = hash(e->key->str, e->key->len) & (ns - 1);
		for (;; h = (h + 1) & (ns - 1)) {
			uint32_t v = ix->slots[h];
			if (!v) {
				ix->slots[h] = (uint32_t)ix->n + 1;
				ix->n++;
				break;
			}
			struct sl_entity *o = &ix->items[v - 1];
			if (o->key->len == e->key->len && memcmp(o->key->str, e->key->str, e->key->len) == 0) {
				*o = *e; /* duplicate: keep the last, at the first's place */
				break;
			}
		}
	}
	return 0;
}

struct walk {
	struct sl_template *t;
	enum sl_section section;
	const struct sl_entity *from;
	int oom;
};

static int add_ref(struct walk *w, enum sl_ref_kind kind, const struct sl_node *at, const char *name,
		   size_t len, const char *attr, size_t attr_len, size_t s, size_t e)
{
	struct sl_template *t = w->t;
	if (t->n_refs == t->cap_refs) {
		struct sl_ref *p = sl_arena_grow(t->arena, t->refs, &t->cap_refs, sizeof(*p));
		if (!p) {
			w->oom = 1;
			return -1;
		}
		t->refs = p;
	}
	struct sl_ref *r = &t->refs[t->n_refs];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->at = at;
	/* a whole scalar names the target: its text serves (NUL-terminated) */
	r->name = at && at->kind == SL_SCALAR && name == at->str && len == at->len
			  ? name
			  : sl_arena_strndup(t->arena, name, len);
	r->attr = attr ? sl_arena_strndup(t->arena, attr, attr_len) : NULL;
	if (!r->name || (attr && !r->attr)) {
		w->oom = 1;
		return -1;
	}
	r->name_len = (uint32_t)len;
	if (kind == SL_REF_REF || kind == SL_REF_GETATT || kind == SL_REF_SUB || kind == SL_REF_DEPENDSON)
		r->resource = sl_index_find(&t->resources, name, len);
	r->start = (uint32_t)s;
	r->end = (uint32_t)e;
	r->section = w->section;
	r->from = w->from;
	t->n_refs++;
	return 0;
}

static void ref_node(struct walk *w, enum sl_ref_kind kind, const struct sl_node *n)
{
	if (sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS))
		add_ref(w, kind, n, n->str, n->len, NULL, 0, n->start, n->end);
}

struct subctx {
	struct walk *w;
	const struct sl_node *n;
	const struct sl_node *vars; /* the variable map, or NULL */
	size_t *raw;                /* offsets of variables in the source, when they map 1:1 */
	size_t n_raw, i;
	const struct sl_node **keys; /* the map's keys sorted (key_cmp), or NULL: scan the map */
};

static int key_cmp(const void *x, const void *y)
{
	const struct sl_node *a = *(const struct sl_node *const *)x, *b = *(const struct sl_node *const *)y;
	return sl_bytes_cmp(a->str, a->len, b->str, b->len);
}

/* True when the Sub's variable map has the name v: a binary search over the
 * sorted keys, so that a map of many variables costs O(log) per use. */
static bool sub_local(const struct subctx *c, const char *v, size_t l)
{
	if (!c->keys) {
		for (size_t i = 0; i < c->vars->len; i++) {
			const struct sl_node *k = c->vars->pairs[i].key;
			if (k->len == l && memcmp(k->str, v, l) == 0)
				return true;
		}
		return false;
	}
	size_t lo = 0, hi = c->vars->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = sl_bytes_cmp(c->keys[mid]->str, c->keys[mid]->len, v, l);
		if (r == 0)
			return true;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static void count_var(void *ud, size_t s, size_t l)
{
	struct subctx *c = ud;
	if (c->raw)
		c->raw[c->n_raw] = s;
	c->n_raw++;
	(void)l;
}

static void sub_var(void *ud, size_t s, size_t l)
{
	struct subctx *c = ud;
	const struct sl_node *n = c->n;
	const char *v = n->str + s;
	size_t idx = c->i++;
	/* a variable of the map is local; only names outside it are references */
	if (c->vars && c->vars->kind == SL_MAP && sub_local(c, v, l))
		return;
	size_t ps = n->start, pe = n->end;
	if (c->raw && idx < c->n_raw) {
		ps = c->raw[idx];
		pe = ps + l;
	}
	const char *dot = memchr(v, '.', l);
	if (dot)
		add_ref(c->w, SL_REF_SUB, n, v, (size_t)(dot - v), dot + 1, l - (size_t)(dot - v) - 1, ps, pe);
	else
		add_ref(c->w, SL_REF_SUB, n, v, l, NULL, 0, ps, pe);
}

struct var_list {
	size_t *off, *len;
	size_t n;
};

static void list_var(void *ud, size_t s, size_t l)
{
	struct var_list *v = ud;
	if (v->off) {
		v->off[v->n] = s;
		v->len[v->n] = l;
	}
	v->n++;
}

/* A Sub string copied from a Fn::ForEach body, whose raw text has more ${...}
 * than its value (the loop substituted its identifiers): the raw offset of each
 * remaining variable, matched by name in order. malloc'd; NULL when they do
 * not match. */
static size_t *match_loop_vars(const char *raw, size_t raw_len, const struct sl_node *str, size_t nv)
{
	struct var_list r = { NULL, NULL, 0 }, v = { NULL, NULL, 0 };
	sl_sub_vars(raw, raw_len, list_var, &r);
	size_t nr = r.n;
	size_t *buf = malloc((2 * nr + 2 * nv) * sizeof(size_t));
	size_t *out = malloc(nv * sizeof(size_t));
	if (!buf || !out) {
		free(buf);
		free(out);
		return NULL;
	}
	r = (struct var_list){ buf, buf + nr, 0 };
	v = (struct var_list){ buf + 2 * nr, buf + 2 * nr + nv, 0 };
	sl_sub_vars(raw, raw_len, list_var, &r);
	sl_sub_vars(str->str, str->len, list_var, &v);
	size_t j = 0;
	for (size_t i = 0; i < nv; i++) {
		while (j < nr && (r.len[j] != v.len[i] ||
				  memcmp(raw + r.off[j], str->str + v.off[i], v.len[i]) != 0))
			j++;
		if (j == nr) {
			free(buf);
			free(out);
			return NULL;
		}
		out[i] = r.off[j++];
	}
	free(buf);
	return out;
}

static void walk_sub(struct walk *w, const struct sl_node *str, const struct sl_node *vars)
{
	if (!sl_node_is(str, SL_SCALAR))
		return;
	struct subctx c = { w, str, vars, NULL, 0, 0, NULL };
	if (sl_node_is(vars, SL_MAP) && vars->len > 1) {
		c.keys = malloc(vars->len * sizeof(*c.keys)); /* NULL: scan instead */
		for (size_t i = 0; c.keys && i < vars->len; i++)
			c.keys[i] = vars->pairs[i].key;
		if (c.keys)
			qsort(c.keys, vars->len, sizeof(*c.keys), key_cmp);
	}
	/* Find where each variable is in the source text: when the raw text holds
	 * the same number of ${...} as the value, they correspond one to one. */
	const struct sl_doc *d = w->t->doc;
	size_t rs = str->start, re = str->end;
	size_t nv = 0;
	struct subctx cnt = { w, str, NULL, NULL, 0, 0, NULL };
	sl_sub_vars(str->str, str->len, count_var, &cnt);
	nv = cnt.n_raw;
	if (nv && re > rs && re <= d->len) {
		struct subctx raw = { w, str, NULL, NULL, 0, 0, NULL };
		sl_sub_vars(d->src + rs, re - rs, count_var, &raw);
		if (raw.n_raw == nv) {
			raw.raw = malloc(nv * sizeof(size_t));
			if (raw.raw) {
				raw.n_raw = 0;
				sl_sub_vars(d->src + rs, re - rs, count_var, &raw);
				for (size_t i = 0; i < nv; i++)
					raw.raw[i] += rs;
				c.raw = raw.raw;
				c.n_raw = nv;
			}
		} else if (raw.n_raw > nv && sl_langext_varies(w->t->lx, str)) {
			c.raw = match_loop_vars(d->src + rs, re - rs, str, nv);
			if (c.raw) {
				for (size_t i = 0; i < nv; i++)
					c.raw[i] += rs;
				c.n_raw = nv;
			}
		}
	}
	sl_sub_vars(str->str, str->len, sub_var, &c);
	free(c.raw);
	free(c.keys);
}

static void walk(struct walk *w, const struct sl_node *n, bool in_conditions);

/* Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}] */
static void note_foreach(struct walk *w, const struct sl_node *v)
{
	struct sl_template *t = w->t;
	if (!sl_node_is(v, SL_SEQ) || v->len < 1 || !sl_node_is(v->items[0], SL_SCALAR))
		return;
	if (t->n_foreach == t->cap_foreach) {
		const struct sl_node **p = sl_arena_grow(t->arena, t->foreach_ids, &t->cap_foreach,
							 sizeof(*p));
		if (!p) {
			w->oom = 1;
			return;
		}
		t->foreach_ids = p;
	}
	t->foreach_ids[t->n_foreach++] = v->items[0];
}

static void add_generated(struct walk *w, enum sl_section sec, const char *name, bool glob)
{
	struct sl_template *t = w->t;
	if (t->n_generated == t->cap_generated) {
		struct sl_generated *p = sl_arena_grow(t->arena, t->generated, &t->cap_generated,
						       sizeof(*p));
		if (!p) {
			w->oom = 1;
			return;
		}
		t->generated = p;
	}
	t->generated[t->n_generated++] = (struct sl_generated){ sec, name, glob };
}

/* key with ${Id} and &{Id} replaced by value (or by '*' when value is NULL);
 * any other ${...} left (an outer loop's identifier) also becomes '*'. */
static char *expand_key(struct walk *w, const struct sl_node *key, const char *id, const char *value,
			bool *glob)
{
	size_t cap = key->len * 2 + (value ? strlen(value) * 4 : 0) + 8;
	char *out = sl_arena_alloc(w->t->arena, cap);
	if (!out)
		return NULL;
	size_t o = 0, idl = strlen(id);
	const char *s = key->str;
	for (size_t i = 0; i < key->len && o + 2 < cap;) {
		if ((s[i] == '$' || s[i] == '&') && i + 1 < key->len && s[i + 1] == '{') {
			const char *close = memchr(s + i + 2, '}', key->len - i - 2);
			if (close) {
				size_t nl = (size_t)(close - (s + i + 2));
				bool mine = nl == idl && memcmp(s + i + 2, id, idl) == 0;
				if (mine && value) {
					for (const char *v = value; *v && o + 2 < cap; v++)
						if (s[i] == '$' || (*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z') ||
						    (*v >= '0' && *v <= '9'))
							out[o++] = *v;
				} else {
					out[o++] = '*';
					*glob = true;
				}
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
	return out;
}

/* A Fn::ForEach directly in a section: records the names it generates,
 * through nested loops in its output map too. */
static void foreach_names(struct walk *w, enum sl_section sec, const struct sl_node *v, int depth)
{
	if (!sl_node_is(v, SL_SEQ) || v->len < 3 || !sl_node_is(v->items[0], SL_SCALAR) ||
	    !sl_node_is(v->items[2], SL_MAP) || depth > 8)
		return;
	const char *id = v->items[0]->str;
	const struct sl_node *coll = v->items[1], *out = v->items[2];
	bool literal = sl_node_is(coll, SL_SEQ);
	for (size_t i = 0; literal && i < coll->len; i++)
		if (!sl_node_is(coll->items[i], SL_SCALAR))
			literal = false;
	for (size_t k = 0; k < out->len; k++) {
		const struct sl_node *key = out->pairs[k].key;
		if (sl_foreach_key(key)) {
			foreach_names(w, sec, out->pairs[k].value, depth + 1);
			continue;
		}
		size_t n = literal ? coll->len : 1;
		for (size_t i = 0; i < n; i++) {
			bool glob = false;
			char *name = expand_key(w, key, id, literal ? coll->items[i]->str : NULL, &glob);
			if (!name) {
				w->oom = 1;
				return;
			}
			add_generated(w, sec, name, glob);
		}
	}
}

bool sl_template_generated(const struct sl_template *t, enum sl_section sec, const char *name)
{
	for (size_t i = 0; i < t->n_generated; i++) {
		const struct sl_generated *g = &t->generated[i];
		if (g->section != sec)
			continue;
		if (g->glob ? fnmatch(g->name, name, 0) == 0 : strcmp(g->name, name) == 0)
			return true;
	}
	return false;
}

bool sl_template_foreach_id(const struct sl_template *t, const char *name, size_t len)
{
	for (size_t i = 0; i < t->n_foreach; i++) {
		const struct sl_node *id = t->foreach_ids[i];
		if (id->len == len && memcmp(id->str, name, len) == 0)
			return true;
	}
	return false;
}

static void walk_fn(struct walk *w, const struct sl_node *key, const struct sl_node *v, bool in_cond)
{
	if (sl_str_eq(key, "Ref")) {
		const struct sl_node *sub = sl_map_get(v, "Fn::Sub");
		if (sl_node_is(sub, SL_SCALAR) && sl_node_intrinsic(v)) {
			/* Ref: {Fn::Sub: "Param${Id}"} (language extensions): a pattern */
			struct sl_node tmp = *sub;
			tmp.flags &= (uint16_t)~SL_NODE_TAGGED; /* a copy without what follows the node */
			bool glob = false;
			char *pat = expand_key(w, &tmp, "", NULL, &glob);
			if (pat && add_ref(w, SL_REF_REF, v, pat, strlen(pat), NULL, 0, v->start, v->end) == 0)
				w->t->refs[w->t->n_refs - 1].pattern = true, w->t->refs[w->t->n_refs - 1].resource = NULL;
		}
		ref_node(w, SL_REF_REF, v);
		walk(w, v, in_cond);
		return;
	}
	if (sl_str_eq(key, "Fn::GetAtt")) {
		if (sl_node_is(v, SL_SEQ) && v->len >= 1 && sl_node_is(v->items[0], SL_SCALAR)) {
			const struct sl_node *a = v->items[0];
			const struct sl_node *b = v->len > 1 ? v->items[1] : NULL;
			bool battr = sl_node_is(b, SL_SCALAR);
			add_ref(w, SL_REF_GETATT, a, a->str, a->len, battr ? b->str : NULL,
				battr ? b->len : 0, a->start, a->end);
			for (size_t i = 1; i < v->len; i++)
				walk(w, v->items[i], in_cond);
		} else if (sl_node_is(v, SL_SCALAR)) {
			const char *dot = memchr(v->str, '.', v->len);
			size_t l = dot ? (size_t)(dot - v->str) : v->len;
			add_ref(w, SL_REF_GETATT, v, v->str, l, dot ? dot + 1 : NULL,
				dot ? v->len - l - 1 : 0, v->start, v->end);
		} else {
			walk(w, v, in_cond);
		}
		return;
	}
	if (sl_str_eq(key, "Fn::Sub")) {
		if (sl_node_is(v, SL_SCALAR)) {
			walk_sub(w, v, NULL);
		} else if (sl_node_is(v, SL_SEQ) && v->len >= 1) {
			const struct sl_node *vars = v->len > 1 ? v->items[1] : NULL;
			walk_sub(w, v->items[0], vars);
			if (!sl_node_is(v->items[0], SL_SCALAR))
				walk(w, v->items[0], in_cond);
			for (size_t i = 1; i < v->len; i++)
				walk(w, v->items[i], in_cond);
		} else {
			walk(w, v, in_cond);
		}
		return;
	}
	if (sl_str_eq(key, "Fn::If")) {
		if (sl_node_is(v, SL_SEQ) && v->len >= 1) {
			ref_node(w, SL_REF_COND, v->items[0]);
			for (size_t i = 1; i < v->len; i++)
				walk(w, v->items[i], in_cond);
		} else {
			walk(w, v, in_cond);
		}
		return;
	}
	if (sl_str_eq(key, "Condition") && in_cond) {
		ref_node(w, SL_REF_COND, v);
		return;
	}
	if (sl_str_eq(key, "Fn::Transform"))
		w->t->macro = true;
	if (sl_str_eq(key, "Fn::FindInMap")) {
		if (sl_node_is(v, SL_SEQ) && v->len >= 1 && sl_node_is(v->items[0], SL_SCALAR))
			ref_node(w, SL_REF_FINDINMAP, v->items[0]);
		walk(w, v, in_cond);
		return;
	}
	walk(w, v, in_cond);
}

static void walk(struct walk *w, const struct sl_node *n, bool in_cond)
{
	if (!n || w->oom)
		return;
	if (n->kind == SL_SEQ) {
		for (size_t i = 0; i < n->len; i++)
			walk(w, n->items[i], in_cond);
		return;
	}
	if (n->kind != SL_MAP)
		return;
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (fn && !sl_foreach_key(fn)) {
		walk_fn(w, fn, n->pairs[0].value, in_cond);
		return;
	}
	for (size_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key, *v = n->pairs[i].value;
		if (sl_foreach_key(k))
			note_foreach(w, v);
		walk(w, v, in_cond);
	}
}

/* A null attribute value names nothing (E3001 reports it): no reference. */
static void attr_ref(struct walk *w, enum sl_ref_kind kind, const struct sl_node *n)
{
	if (!sl_node_is_null(n))
		ref_node(w, kind, n);
}

static void walk_depends_on(struct walk *w, const struct sl_node *d)
{
	if (sl_node_is(d, SL_SCALAR))
		attr_ref(w, SL_REF_DEPENDSON, d);
	else if (sl_node_is(d, SL_SEQ))
		for (size_t i = 0; i < d->len; i++)
			attr_ref(w, SL_REF_DEPENDSON, d->items[i]);
}

static void walk_resources(struct walk *w)
{
	w->section = SL_SEC_RESOURCES;
	for (size_t i = 0; i < w->t->resources.n; i++) {
		const struct sl_entity *e = &w->t->resources.items[i];
		w->from = e;
		const struct sl_node *r = e->value;
		if (sl_foreach_key(e->key)) {
			note_foreach(w, r);
			foreach_names(w, SL_SEC_RESOURCES, r, 0);
		}
		if (!sl_node_is(r, SL_MAP)) {
			walk(w, r, false);
			continue;
		}
		/* SAM drops the other keys of a serverless resource, references and all (W3001) */
		bool sam_drops = (w->t->sam || w->t->sam_types) && sl_sam_is_serverless(e);
		for (size_t k = 0; k < r->len; k++) {
			const struct sl_node *key = r->pairs[k].key, *v = r->pairs[k].value;
			if (sam_drops && !sl_sam_resource_key(key))
				continue;
			if (sl_str_eq(key, "DependsOn"))
				walk_depends_on(w, v);
			else if (sl_str_eq(key, "Condition"))
				attr_ref(w, SL_REF_RES_COND, v);
			else if (!sl_str_eq(key, "Type"))
				walk(w, v, false);
		}
	}
}

static void walk_outputs(struct walk *w)
{
	w->section = SL_SEC_OUTPUTS;
	for (size_t i = 0; i < w->t->outputs.n; i++) {
		const struct sl_entity *e = &w->t->outputs.items[i];
		w->from = e;
		const struct sl_node *o = e->value;
		if (sl_foreach_key(e->key)) {
			note_foreach(w, o);
			foreach_names(w, SL_SEC_OUTPUTS, o, 0);
		}
		if (!sl_node_is(o, SL_MAP)) {
			walk(w, o, false);
			continue;
		}
		for (size_t k = 0; k < o->len; k++) {
			const struct sl_node *key = o->pairs[k].key, *v = o->pairs[k].value;
			if (sl_str_eq(key, "Condition"))
				ref_node(w, SL_REF_COND, v);
			else
				walk(w, v, false);
		}
	}
}

static void walk_conditions(struct walk *w)
{
	w->section = SL_SEC_CONDITIONS;
	for (size_t i = 0; i < w->t->conditions.n; i++) {
		const struct sl_entity *e = &w->t->conditions.items[i];
		w->from = e;
		if (sl_foreach_key(e->key)) {
			note_foreach(w, e->value);
			foreach_names(w, SL_SEC_CONDITIONS, e->value, 0);
		}
		walk(w, e->value, true);
	}
}

/* The section a top-level key names, or SL_SEC_COUNT. */
static enum sl_section section_of(const struct sl_node *key)
{
	for (int s = 0; s < SL_SEC_COUNT; s++)
		if (sl_str_eq(key, sl_section_names[s]))
			return (enum sl_section)s;
	return SL_SEC_COUNT;
}

/* t->sections from the top-level map root (the last of a duplicated key wins). */
static void find_sections(struct sl_template *t, const struct sl_node *root)
{
	memset(t->sections, 0, sizeof(t->sections));
	for (size_t i = 0; i < root->len; i++) {
		enum sl_section s = section_of(root->pairs[i].key);
		if (s != SL_SEC_COUNT)
			t->sections[s] = &root->pairs[i];
	}
}

/* The section a loop collection (whose parents are the loop as written) is in. */
static enum sl_section collection_section(const struct sl_template *t, const struct sl_node *n)
{
	for (; n && n->parent && n->parent != t->src_root; n = n->parent)
		;
	enum sl_section s = n ? section_of(sl_map_key_of(n)) : SL_SEC_COUNT;
	return s != SL_SEC_COUNT ? s : SL_SEC_RESOURCES;
}

static bool transform_has(const struct sl_node *tr, const char *name)
{
	if (sl_str_eq(tr, name))
		return true;
	if (sl_node_is(tr, SL_SEQ))
		for (size_t i = 0; i < tr->len; i++)
			if (sl_str_eq(tr->items[i], name))
				return true;
	return false;
}

/* t->modules: the logical IDs of the module resources, for
 * sl_template_implicit() to ask in O(name) whatever their number. */
static int index_modules(struct sl_template *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->resources.n; i++)
		n += t->resources.items[i].module;
	if (!n)
		return sl_prefixes_build(&t->modules, t->arena, NULL, NULL, 0);
	const char **str = sl_arena_alloc(t->arena, n * sizeof(*str));
	size_t *len = sl_arena_alloc(t->arena, n * sizeof(*len));
	if (!str || !len)
		return -1;
	n = 0;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (e->module) {
			str[n] = e->key->str;
			len[n++] = e->key->len;
		}
	}
	return sl_prefixes_build(&t->modules, t->arena, str, len, n);
}

static int type_cmp(const void *x, const void *y, void *ud)
{
	const struct sl_entity *items = ud;
	const struct sl_node *a = items[*(const uint32_t *)x].type;
	const struct sl_node *b = items[*(const uint32_t *)y].type;
	return sl_bytes_cmp(a->str, a->len, b->str, b->len);
}

/* t->by_type: the resources with a scalar Type, sorted by it, each type's run
 * in source order. Linear in the resources: each Type is hashed to its group
 * once, only the distinct types are sorted (by text), then a counting sort
 * places the resources (a sort of every resource by its Type's text would
 * compare strings n log n times, each a cache miss on a large template). */
static int index_types(struct sl_template *t)
{
	const struct sl_index *r = &t->resources;
	if (r->n == 0)
		return 0;
	t->by_type = sl_arena_alloc(t->arena, r->n * sizeof(*t->by_type));
	t->type_runs = sl_arena_alloc(t->arena, (r->n + 1) * sizeof(*t->type_runs));
	size_t ns = 8;
	while (ns < r->n * 2)
		ns *= 2;
	/* group[i]: resource i's distinct type + 1 (0: no scalar Type);
	 * first[g]: the first resource of group g, which stands for its text;
	 * slots: open addressing over the groups, group + 1 (0 = empty) */
	uint32_t *group = malloc(r->n * sizeof(*group));
	uint32_t *first = malloc(r->n * sizeof(*first));
	uint32_t *slots = calloc(ns, sizeof(*slots));
	uint32_t *count = calloc(r->n + 1, sizeof(*count));
	uint32_t *order = malloc(r->n * sizeof(*order));
	int rc = -1;
	if (!t->by_type || !t->type_runs || !group || !first || !slots || !count || !order)
		goto out;
	size_t ng = 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct sl_node *ty = r->items[i].type;
		group[i] = 0;
		if (!sl_node_is(ty, SL_SCALAR))
			continue;
		for (size_t h = hash(ty->str, ty->len) & (ns - 1);; h = (h + 1) & (ns - 1)) {
			uint32_t g = slots[h];
			if (!g) {
				first[ng] = (uint32_t)i;
				slots[h] = group[i] = (uint32_t)++ng;
				break;
			}
			const struct sl_node *o = r->items[first[g - 1]].type;
			if (o->len == ty->len && memcmp(o->str, ty->str, ty->len) == 0) {
				group[i] = g;
				break;
			}
		}
		count[group[i] - 1]++;
	}
	/* the distinct types in the order of their text (order[k]: a group) */
	for (size_t g = 0; g < ng; g++)
		order[g] = first[g];
	qsort_r(order, ng, sizeof(*order), type_cmp, r->items);
	/* where each group's run starts (first[] now maps group to start) */
	size_t k = 0;
	for (size_t q = 0; q < ng; q++) {
		uint32_t g = group[order[q]] - 1;
		t->type_runs[q] = (uint32_t)k;
		first[g] = (uint32_t)k;
		k += count[g];
	}
	t->n_types = ng;
	t->n_by_type = k;
	t->type_runs[ng] = (uint32_t)k;
	for (size_t i = 0; i < r->n; i++)
		if (group[i])
			t->by_type[first[group[i] - 1]++] = (uint32_t)i;
	rc = 0;
out:
	free(group);
	free(first);
	free(slots);
	free(count);
	free(order);
	return rc;
}

/* <0, 0, >0 as resource i's Type sorts before, equal to, after (type, len). */
static int type_vs(const struct sl_template *t, uint32_t i, const char *type, size_t len)
{
	const struct sl_node *a = t->resources.items[i].type;
	return sl_bytes_cmp(a->str, a->len, type, len);
}

size_t sl_template_of_type(const struct sl_template *t, const char *type, size_t len,
			   const uint32_t **first)
{
	/* one binary search over the distinct types (type_runs), not two over
	 * every resource */
	size_t lo = 0, hi = t->n_types;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = type_vs(t, t->by_type[t->type_runs[mid]], type, len);
		if (c == 0) {
			*first = t->by_type + t->type_runs[mid];
			return t->type_runs[mid + 1] - t->type_runs[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = t->by_type ? t->by_type + t->type_runs[lo] : NULL;
	return 0;
}

static int index_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

long sl_template_of_types(const struct sl_template *t,
			  bool (*want)(const struct sl_node *type, void *ud), void *ud,
			  uint32_t **out)
{
	*out = NULL;
	if (!t->n_by_type)
		return 0;
	uint32_t *ix = malloc(t->n_by_type * sizeof(*ix));
	if (!ix)
		return -1;
	size_t n = 0, runs = 0;
	for (size_t k = 0; k < t->n_types; k++) {
		size_t len = t->type_runs[k + 1] - t->type_runs[k];
		if (want(sl_template_run_type(t, k), ud)) {
			memcpy(ix + n, t->by_type + t->type_runs[k], len * sizeof(*ix));
			n += len;
			runs++;
		}
	}
	if (!n) {
		free(ix);
		return 0;
	}
	/* each run is in source order already; several are merged by sorting */
	if (runs > 1)
		qsort(ix, n, sizeof(*ix), index_cmp);
	*out = ix;
	return (long)n;
}

int sl_template_build(struct sl_template *t, const struct sl_doc *doc, struct sl_arena *a)
{
	memset(t, 0, sizeof(*t));
	t->doc = doc;
	t->arena = a;
	t->root = t->src_root = doc->root;
	const struct sl_node *root = doc->root;
	if (!sl_node_is(root, SL_MAP))
		return 0;
	find_sections(t, root);
	const struct sl_node *tr = sl_section(t, SL_SEC_TRANSFORM);
	t->sam = transform_has(tr, "AWS::Serverless-2016-10-31");
	t->lang_ext = transform_has(tr, "AWS::LanguageExtensions");
	if (sl_node_is(tr, SL_SEQ) || sl_node_is(tr, SL_SCALAR) || sl_node_is(tr, SL_MAP)) {
		size_t n = tr->kind == SL_SEQ ? tr->len : 1;
		for (size_t i = 0; i < n; i++) {
			const struct sl_node *x = tr->kind == SL_SEQ ? tr->items[i] : tr;
			if (sl_str_eq(x, "AWS::Serverless-2016-10-31") ||
			    sl_str_eq(x, "AWS::LanguageExtensions"))
				continue;
			if (sl_sam_transform_slip(x))
				t->sam = true; /* meant as SAM's: E99001 says so */
			else
				t->macro = t->macro_global = true;
		}
	}
	/* rules read the template as the transform makes it; without the transform
	 * the loops stay as written (E1032 reports each once, the rest reads their
	 * names as globs) */
	if (t->lang_ext && sl_langext_expand(&t->lx, doc, a) < 0)
		return -1;
	if (t->lx) {
		t->root = root = t->lx->root;
		find_sections(t, root);
	}
	if (build_index(t, &t->params, sl_section(t, SL_SEC_PARAMETERS), false) < 0 ||
	    build_index(t, &t->mappings, sl_section(t, SL_SEC_MAPPINGS), false) < 0 ||
	    build_index(t, &t->conditions, sl_section(t, SL_SEC_CONDITIONS), false) < 0 ||
	    build_index(t, &t->resources, sl_section(t, SL_SEC_RESOURCES), true) < 0 ||
	    build_index(t, &t->outputs, sl_section(t, SL_SEC_OUTPUTS), false) < 0)
		return -1;

	if (index_modules(t) < 0 || index_types(t) < 0)
		return -1;

	struct walk w;
	memset(&w, 0, sizeof(w));
	w.t = t;
	walk_conditions(&w);
	walk_resources(&w);
	walk_outputs(&w);
	w.from = NULL;
	w.section = SL_SEC_RULES;
	walk(&w, sl_section(t, SL_SEC_RULES), true);
	w.section = SL_SEC_GLOBALS;
	walk(&w, sl_section(t, SL_SEC_GLOBALS), false);
	/* the collections of expanded loops (Ref to a list parameter, FindInMap)
	 * are no longer in the tree: their references still count */
	for (size_t i = 0; t->lx && i < t->lx->n_collections; i++) {
		w.section = collection_section(t, t->lx->collections[i]);
		walk(&w, t->lx->collections[i], false);
	}
	if (w.oom)
		return -1;
	return sl_sam_build(t);
}

bool sl_template_implicit(const struct sl_template *t, const char *name, size_t len)
{
	/* a module's resources are <ModuleId><ResourceId> */
	if (sl_prefixes_proper(&t->modules, name, len))
		return true;
	return sl_sam_implicit(t, name, len);
}
