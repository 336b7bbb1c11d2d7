/*
 * The property walker (see schema.h). Intrinsic functions are resolved to the
 * kind of value they yield where that is knowable (Ref to a list parameter is a
 * list, Fn::GetAZs is a list, Fn::Sub a string, Fn::If either branch) and
 * accepted otherwise: the walker reports only what CloudFormation would reject.
 */
#include "rules/schema.h"
#include "rules/formats/formats.h"
#include "rules/packaged.h"
#include "template/sam.h"
#include "spec/pattern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/text.h"

struct walk {
	struct sl_ctx *c;
	const struct sl_spec *s;
	sl_schema_fn fn;
	const char *rtype;
	const struct sl_node *globals; /* SAM Globals section for this resource type, if any */
	bool partial; /* walking Globals: objects there are completed by each resource */
	/* judging a value an intrinsic function resolves to (a Ref'd parameter's
	 * Default, a mapping's value): the function, where findings go */
	const struct sl_node *resolving;
	/* judging one of several values a function may give (an Fn::Sub in each
	 * partition): the hits are gathered here, not reported (see collect) */
	struct collect *collect;
	/* the conditions the value being walked stands under (the resource's
	 * Condition, the Fn::If branches around it): a parameter one of them
	 * reads is not resolved, since its Default may be just what turns the
	 * condition off */
	const struct sl_node *conds[16];
	int nconds; /* more than fit: nothing is resolved */
	/* the parameters each condition reads (cond_params), made when needed */
	uint64_t *cond_rows;
	unsigned char *cond_state;
	size_t cond_words;
};

#define MAX_CONDS ((int)(sizeof(((struct walk *)0)->conds) / sizeof(const struct sl_node *)))

static void push_cond(struct walk *w, const struct sl_node *name)
{
	if (w->nconds < MAX_CONDS)
		w->conds[w->nconds] = sl_node_is(name, SL_SCALAR) ? name : NULL;
	w->nconds++;
}

/* The parameters condition idx reads, directly or through the conditions it
 * names: a row of bits over the template's parameters, computed once per
 * condition for the walk (so each Ref costs a lookup, not a walk of the
 * Conditions section). NULL when it cannot be told (a cycle, too deep). */
static const uint64_t *cond_params(struct walk *w, size_t idx, int depth);

static bool mark_reads(struct walk *w, const struct sl_node *v, uint64_t *row, int depth)
{
	const struct sl_template *t = w->c->t;
	if (!v || depth > 64)
		return v == NULL;
	if (v->kind == SL_SEQ) {
		for (size_t i = 0; i < v->len; i++)
			if (!mark_reads(w, v->items[i], row, depth + 1))
				return false;
		return true;
	}
	if (v->kind != SL_MAP)
		return true;
	for (size_t i = 0; i < v->len; i++) {
		const struct sl_node *k = v->pairs[i].key, *a = v->pairs[i].value;
		if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR)) {
			const struct sl_entity *p = sl_index_find(&t->params, a->str, a->len);
			if (p) {
				size_t pi = (size_t)(p - t->params.items);
				row[pi / 64] |= 1ull << (pi % 64);
			}
		} else if (sl_str_eq(k, "Condition")) {
			const struct sl_entity *e = sl_node_is(a, SL_SCALAR) ?
				sl_index_find(&t->conditions, a->str, a->len) : NULL;
			if (!e)
				continue; /* an undefined condition is E8xxx's */
			const uint64_t *sub = cond_params(w, (size_t)(e - t->conditions.items), depth + 1);
			if (!sub)
				return false;
			for (size_t j = 0; j < w->cond_words; j++)
				row[j] |= sub[j];
		} else if (!mark_reads(w, a, row, depth + 1)) {
			return false;
		}
	}
	return true;
}

static const uint64_t *cond_params(struct walk *w, size_t idx, int depth)
{
	const struct sl_template *t = w->c->t;
	if (!w->cond_state) {
		w->cond_words = (t->params.n + 63) / 64 + 1;
		w->cond_state = sl_arena_alloc(w->c->arena, t->conditions.n + 1);
		w->cond_rows = sl_arena_alloc(w->c->arena, (t->conditions.n + 1) * w->cond_words * sizeof(uint64_t));
		if (!w->cond_state || !w->cond_rows) {
			w->cond_state = NULL;
			return NULL;
		}
		memset(w->cond_state, 0, t->conditions.n + 1);
		memset(w->cond_rows, 0, (t->conditions.n + 1) * w->cond_words * sizeof(uint64_t));
	}
	enum { TODO, BUSY, DONE, UNKNOWN };
	if (w->cond_state[idx] == DONE)
		return w->cond_rows + idx * w->cond_words;
	if (w->cond_state[idx] != TODO || depth > 64)
		return NULL; /* a cycle, or too deep to follow */
	w->cond_state[idx] = BUSY;
	bool ok = mark_reads(w, t->conditions.items[idx].value, w->cond_rows + idx * w->cond_words, depth);
	w->cond_state[idx] = ok ? DONE : UNKNOWN;
	return ok ? w->cond_rows + idx * w->cond_words : NULL;
}

/* Whether a Ref to `param` may be resolved where the walk stands: not when a
 * condition around it reads that parameter. */
static bool may_resolve(struct walk *w, const struct sl_node *param)
{
	const struct sl_template *t = w->c->t;
	const struct sl_entity *p = sl_index_find(&t->params, param->str, param->len);
	if (w->nconds > MAX_CONDS || !p)
		return w->nconds <= MAX_CONDS;
	size_t pi = (size_t)(p - t->params.items);
	for (int i = 0; i < w->nconds; i++) {
		const struct sl_node *cn = w->conds[i];
		if (!cn)
			return false;
		const struct sl_entity *e = sl_index_find(&t->conditions, cn->str, cn->len);
		if (!e)
			continue;
		const uint64_t *row = cond_params(w, (size_t)(e - t->conditions.items), 0);
		if (!row || (row[pi / 64] >> (pi % 64) & 1))
			return false;
	}
	return true;
}

/* What an intrinsic function yields, as far as the type check cares. */
enum yield {
	Y_ANY = 0,   /* cannot tell: accept */
	Y_STRING,
	Y_NUMBER,
	Y_LIST,
	Y_NOVALUE,   /* AWS::NoValue: the property is removed */
	Y_OBJECT,
};

static bool starts(const struct sl_node *n, const char *p)
{
	size_t l = strlen(p);
	return n && n->kind == SL_SCALAR && n->len >= l && memcmp(n->str, p, l) == 0;
}

static enum yield param_yield(const struct sl_node *param)
{
	const struct sl_node *ty = sl_map_get(param, "Type");
	if (!sl_node_is(ty, SL_SCALAR))
		return Y_ANY;
	if (sl_str_eq(ty, "Number"))
		return Y_NUMBER;
	if (sl_str_eq(ty, "CommaDelimitedList") || starts(ty, "List<") ||
	    (starts(ty, "AWS::SSM::Parameter::Value<") &&
	     (strstr(ty->str, "List<") || strstr(ty->str, "CommaDelimitedList"))))
		return Y_LIST;
	return Y_STRING;
}

/* What an intrinsic function yields; *detail, when detail is not NULL, gets
 * how a finding names it (made only when asked: most values are fine). */
static enum yield fn_yield(struct walk *w, const struct sl_node *key, const struct sl_node *arg,
			   const char **detail)
{
	const char *unused;
	bool want = detail != NULL;
	if (!want)
		detail = &unused;
	const struct sl_template *t = w->c->t;
	if (sl_str_eq(key, "Ref")) {
		if (!sl_node_is(arg, SL_SCALAR))
			return Y_ANY;
		if (sl_str_eq(arg, "AWS::NoValue"))
			return Y_NOVALUE;
		if (sl_str_eq(arg, "AWS::NotificationARNs")) {
			*detail = "Ref to AWS::NotificationARNs (a list)";
			return Y_LIST;
		}
		const struct sl_entity *p = sl_index_find(&t->params, arg->str, arg->len);
		if (p) {
			enum yield y = param_yield(p->value);
			if (y == Y_LIST)
				*detail = !want ? NULL : sl_arena_printf(w->c->arena, "Ref to list parameter '%s'", arg->str);
			else if (y == Y_STRING || y == Y_NUMBER)
				*detail = !want ? NULL : sl_arena_printf(w->c->arena, "Ref to parameter '%s' (a single value)", arg->str);
			return y;
		}
		if (sl_index_find(&t->resources, arg->str, arg->len)) {
			*detail = !want ? NULL : sl_arena_printf(w->c->arena, "Ref to resource '%s' (a single value)", arg->str);
			return Y_STRING;
		}
		return Y_ANY;
	}
	if (sl_str_eq(key, "Fn::GetAZs") || sl_str_eq(key, "Fn::Split") || sl_str_eq(key, "Fn::Cidr")) {
		*detail = !want ? NULL : sl_arena_printf(w->c->arena, "%s (a list)", key->str);
		return Y_LIST;
	}
	if (sl_str_eq(key, "Fn::Sub") || sl_str_eq(key, "Fn::Join") || sl_str_eq(key, "Fn::Base64") ||
	    sl_str_eq(key, "Fn::ToJsonString")) {
		*detail = !want ? NULL : sl_arena_printf(w->c->arena, "%s (a string)", key->str);
		return Y_STRING;
	}
	if (sl_str_eq(key, "Fn::Length"))
		return Y_NUMBER;
	return Y_ANY; /* GetAtt, Select, FindInMap, ImportValue, Transform, ...: cannot tell */
}

/* The hits of one resolved value, gathered (struct walk's collect). */
#define MAX_COLLECT 16
struct collect {
	struct {
		enum sl_schema_event sub;
		uint32_t type, cons;
	} h[MAX_COLLECT];
	size_t n;
	bool full; /* more than fit: judge nothing */
};

/* A value an intrinsic function resolves to breaks a constraint (ev): the
 * finding goes to the function, naming the value (see SL_SCHEMA_RESOLVED);
 * in collect mode it is gathered instead. */
static void hit_resolved(struct walk *w, enum sl_schema_event ev, const struct sl_node *value, uint32_t type,
			 uint32_t cons)
{
	if (w->collect) {
		struct collect *k = w->collect;
		if (ev == SL_SCHEMA_FORMAT_VALUE) {
			/* judged here: whether a value has its format may differ
			 * from one partition to the next */
			const char *name = sl_spec_constraint_format(w->s, sl_spec_constraint(w->s, cons));
			const struct sl_format *f = name ? sl_format_find(name) : NULL;
			if (!f || f->check(value->str, value->len))
				return;
		}
		if (k->n == MAX_COLLECT) {
			k->full = true;
			return;
		}
		k->h[k->n].sub = ev;
		k->h[k->n].type = type;
		k->h[k->n].cons = cons;
		k->n++;
		return;
	}
	struct sl_schema_hit h = { .event = SL_SCHEMA_RESOLVED, .at = w->resolving, .type = type,
				   .resource_type = w->rtype, .cons = cons, .other = value };
	h.sub = ev;
	w->fn(w->c, &h);
}

static void hit(struct walk *w, enum sl_schema_event ev, const struct sl_node *at, uint32_t shape,
		const struct sl_spec_prop *prop, uint32_t type, const char *detail)
{
	if (w->resolving) {
		/* only a value outside the allowed ones is the function's finding;
		 * its type is the parameter's or the mapping's business */
		if (ev == SL_SCHEMA_NOT_ALLOWED)
			hit_resolved(w, ev, at, type, SL_SPEC_NONE);
		return;
	}
	struct sl_schema_hit h = { .event = ev, .at = at, .shape = shape, .prop = prop, .type = type,
				   .detail = detail, .resource_type = w->rtype, .cons = SL_SPEC_NONE };
	w->fn(w->c, &h);
}

static void hit_constraint(struct walk *w, enum sl_schema_event ev, const struct sl_node *at, uint32_t cons,
			   const struct sl_node *other)
{
	if (w->resolving) {
		if (ev == SL_SCHEMA_PATTERN || ev == SL_SCHEMA_LENGTH || ev == SL_SCHEMA_RANGE ||
		    ev == SL_SCHEMA_FORMAT_VALUE)
			hit_resolved(w, ev, at, 0, cons);
		return;
	}
	struct sl_schema_hit h = { .event = ev, .at = at, .resource_type = w->rtype, .cons = cons,
				   .other = other };
	w->fn(w->c, &h);
}

#define MAX_RESOLVED 64 /* values judged per function; a bigger mapping is left alone */

struct resolved {
	const struct sl_node *v[MAX_RESOLVED];
	size_t n;
	bool all; /* false: more values than fit, or some not literal: judge none */
};

static void add_resolved(struct resolved *r, const struct sl_node *v)
{
	if (!v || v->kind != SL_SCALAR || sl_node_is_null(v) || (v->flags & SL_NODE_ALIAS) || r->n == MAX_RESOLVED) {
		r->all = false;
		return;
	}
	r->v[r->n++] = v;
}

/* A Region's name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ... */
static bool region_like(const struct sl_node *k)
{
	const char *s = k->str;
	size_t i = 0, parts = 0;
	while (i < k->len) {
		size_t j = i;
		while (j < k->len && s[j] >= 'a' && s[j] <= 'z')
			j++;
		if (j == i)
			break;
		parts++;
		if (j == k->len || s[j] != '-')
			return false;
		i = j + 1;
	}
	return parts >= 2 && i < k->len && s[i] >= '1' && s[i] <= '9' && i + 1 == k->len;
}

/* Whether a deploy-time FindInMap key can select the mapping key k: a Ref to
 * AWS::Region selects only Regions' names (a mapping often keeps notes under
 * other keys), a Ref to a parameter with AllowedValues only those. */
static bool key_can_be(const struct sl_template *t, const struct sl_node *key, const struct sl_node *k)
{
	const struct sl_node *fk = sl_node_intrinsic(key);
	const struct sl_node *arg = fk ? key->pairs[0].value : NULL;
	if (!fk || !sl_str_eq(fk, "Ref") || !sl_node_is(arg, SL_SCALAR))
		return true;
	if (sl_str_eq(arg, "AWS::Region"))
		return region_like(k);
	const struct sl_entity *p = sl_index_find(&t->params, arg->str, arg->len);
	const struct sl_node *allowed = p ? sl_map_get(p->value, "AllowedValues") : NULL;
	if (!sl_node_is(allowed, SL_SEQ))
		return true;
	for (size_t i = 0; i < allowed->len; i++)
		if (sl_node_is(allowed->items[i], SL_SCALAR) && allowed->items[i]->len == k->len &&
		    memcmp(allowed->items[i]->str, k->str, k->len) == 0)
			return true;
	return false;
}

/* The keys of a mapping level a FindInMap key selects: the one named, or
 * every one the key can be when it is an intrinsic (Ref AWS::Region, a
 * parameter). */
static void map_level(const struct sl_template *t, const struct sl_node *level, const struct sl_node *key,
		      const struct sl_node **out, size_t *n, size_t cap, bool *all)
{
	if (!sl_node_is(level, SL_MAP)) {
		*all = false;
		return;
	}
	const struct sl_node *fk = sl_node_intrinsic(key);
	if (fk && !sl_str_eq(fk, "Ref")) {
		/* a key from another lookup (a FindInMap of the instance type's
		 * architecture): which entries it reaches is not followed */
		*all = false;
		return;
	}
	if (sl_node_is(key, SL_SCALAR)) {
		const struct sl_node *v = sl_map_get(level, key->str);
		if (v && *n < cap)
			out[(*n)++] = v;
		else
			*all = false; /* a missing key is E1011's */
		return;
	}
	for (size_t i = 0; i < level->len; i++) {
		if (!key_can_be(t, key, level->pairs[i].key))
			continue;
		if (*n == cap) {
			*all = false;
			return;
		}
		out[(*n)++] = level->pairs[i].value;
	}
}

/* What a Ref to a parameter or an Fn::FindInMap can resolve to, as literal
 * scalars: a parameter's AllowedValues, else its Default (a string or number
 * parameter; not an SSM parameter, whose Default is a parameter name), and
 * every value a FindInMap can select. r->all is false when that is not known
 * in full. */
static void resolve_values(struct walk *w, const struct sl_node *fk, const struct sl_node *arg,
			   struct resolved *r)
{
	const struct sl_template *t = w->c->t;
	r->n = 0;
	r->all = true;
	if (sl_str_eq(fk, "Ref") && sl_node_is(arg, SL_SCALAR)) {
		const struct sl_entity *p = sl_index_find(&t->params, arg->str, arg->len);
		const struct sl_node *ty = p ? sl_map_get(p->value, "Type") : NULL;
		if (!p || !sl_node_is(ty, SL_SCALAR) || starts(ty, "AWS::SSM::") || starts(ty, "List<") ||
		    sl_str_eq(ty, "CommaDelimitedList")) {
			r->all = false;
			return;
		}
		/* each is judged on its own: the Default (W1030), the other
		 * AllowedValues (W2030, W2031, W3034) and, without them, the
		 * bounds a Number parameter declares (W3034) */
		const struct sl_node *def = sl_map_get(p->value, "Default");
		const struct sl_node *allowed = sl_map_get(p->value, "AllowedValues");
		if (def && def->kind == SL_SCALAR && !sl_node_is_null(def))
			r->v[r->n++] = def;
		if (sl_node_is(allowed, SL_SEQ)) {
			for (size_t i = 0; i < allowed->len && r->n < MAX_RESOLVED; i++) {
				const struct sl_node *a = allowed->items[i];
				if (a && a->kind == SL_SCALAR && !sl_node_is_null(a) && !(a->flags & SL_NODE_ALIAS) &&
				    !(r->n && r->v[0] == def && a->len == def->len && memcmp(a->str, def->str, a->len) == 0))
					r->v[r->n++] = a;
			}
		} else if (sl_str_eq(ty, "Number")) {
			const char *bounds[] = { "MinValue", "MaxValue" };
			for (size_t i = 0; i < 2; i++) {
				const struct sl_node *b = sl_map_get(p->value, bounds[i]);
				if (b && b->kind == SL_SCALAR && !sl_node_is_null(b) && r->n < MAX_RESOLVED)
					r->v[r->n++] = b;
			}
		}
		return;
	}
	if (sl_str_eq(fk, "Fn::FindInMap") && sl_node_is(arg, SL_SEQ) && arg->len == 3 &&
	    sl_node_is(arg->items[0], SL_SCALAR)) {
		const struct sl_entity *m = sl_index_find(&t->mappings, arg->items[0]->str, arg->items[0]->len);
		if (!m) {
			r->all = false;
			return;
		}
		const struct sl_node *tops[MAX_RESOLVED];
		size_t ntop = 0;
		map_level(t, m->value, arg->items[1], tops, &ntop, MAX_RESOLVED, &r->all);
		for (size_t i = 0; i < ntop && r->all; i++) {
			const struct sl_node *vals[MAX_RESOLVED];
			size_t nval = 0;
			map_level(t, tops[i], arg->items[2], vals, &nval, MAX_RESOLVED, &r->all);
			for (size_t j = 0; j < nval; j++)
				add_resolved(r, vals[j]);
		}
		return;
	}
	if (sl_str_eq(fk, "Fn::Select") && sl_node_is(arg, SL_SEQ) && arg->len == 2 &&
	    sl_node_is(arg->items[0], SL_SCALAR) && sl_node_is(arg->items[1], SL_SEQ)) {
		/* a literal index into a literal list */
		char *end;
		unsigned long i = strtoul(arg->items[0]->str, &end, 10);
		if (arg->items[0]->len && !*end && i < arg->items[1]->len)
			add_resolved(r, arg->items[1]->items[i]);
		else
			r->all = false;
		return;
	}
	r->all = false;
}

/* The items an Fn::Split by a literal delimiter gives of a literal string or
 * of a String parameter's Default (where the walk may resolve it), as scalars
 * made in the arena that stand where the string stands (for positions);
 * r->all false when the string is not known. */
static void resolve_split(struct walk *w, const struct sl_node *arg, struct resolved *r)
{
	r->n = 0;
	r->all = false;
	if (!sl_node_is(arg, SL_SEQ) || arg->len != 2 || !sl_node_is(arg->items[0], SL_SCALAR) ||
	    arg->items[0]->len == 0)
		return;
	const struct sl_node *src = arg->items[1];
	const struct sl_node *fk = sl_node_intrinsic(src);
	if (fk && sl_str_eq(fk, "Ref") && sl_node_is(src->pairs[0].value, SL_SCALAR)) {
		/* a String parameter's Default, where the walk may resolve it */
		const struct sl_node *name = src->pairs[0].value;
		const struct sl_entity *p = sl_index_find(&w->c->t->params, name->str, name->len);
		const struct sl_node *ty = p ? sl_map_get(p->value, "Type") : NULL;
		src = p && sl_str_eq(ty, "String") && may_resolve(w, name) ? sl_map_get(p->value, "Default") : NULL;
	}
	if (!sl_node_is(src, SL_SCALAR) || sl_node_is_null(src))
		return;
	const char *d = arg->items[0]->str, *p = src->str, *e = src->str + src->len;
	size_t dl = arg->items[0]->len;
	r->all = true;
	for (;;) {
		const char *q = memmem(p, (size_t)(e - p), d, dl);
		const char *stop = q ? q : e;
		struct sl_node *n = sl_arena_alloc(w->c->arena, sizeof *n);
		char *text = sl_arena_alloc(w->c->arena, (size_t)(stop - p) + 1);
		if (!n || !text) {
			r->all = false;
			return;
		}
		memcpy(text, p, (size_t)(stop - p));
		text[stop - p] = '\0';
		*n = *src;
		n->style = SL_DOUBLE; /* a string, whatever it looks like */
		n->flags = 0;
		n->str = text;
		n->len = (uint32_t)(stop - p);
		add_resolved(r, n);
		if (!q || !r->all)
			return;
		p = q + dl;
	}
}

static void check_value(struct walk *w, const struct sl_node *v, uint32_t type, uint32_t cons, int depth);

/* The partitions a stack may be deployed in, each with a Region of it and
 * its URL suffix: what AWS::Partition, AWS::Region and AWS::URLSuffix can be
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 * names the partitions; pseudo-parameter-reference.html the suffixes). A
 * value built from them is judged in each, and is a finding only when it
 * fails in every one. A suffix not documented (NULL) makes a value built
 * from AWS::URLSuffix unknown there, so it is not judged at all. */
static const struct env {
	const char *partition, *region, *url_suffix;
} envs[] = {
	{ "aws", "us-east-1", "amazonaws.com" },
	{ "aws-cn", "cn-north-1", "amazonaws.com.cn" },
	{ "aws-us-gov", "us-gov-west-1", "amazonaws.com" },
	{ "aws-iso", "us-iso-east-1", NULL },
	{ "aws-iso-b", "us-isob-east-1", NULL },
};
#define NENVS (sizeof envs / sizeof envs[0])
#define MAX_BUILT 4096 /* a longer built value is not judged */

/* A scalar made in the arena with the given text, standing where `at` stands
 * (for positions), or NULL. */
static const struct sl_node *text_node(struct walk *w, const struct sl_node *at, const char *text, size_t len)
{
	struct sl_node *n = sl_arena_alloc(w->c->arena, sizeof *n);
	char *copy = sl_arena_alloc(w->c->arena, len + 1);
	if (!n || !copy)
		return NULL;
	memcpy(copy, text, len);
	copy[len] = '\0';
	memset(n, 0, sizeof *n);
	n->kind = SL_SCALAR;
	n->style = SL_DOUBLE; /* a string, whatever it looks like */
	n->start = at->start;
	n->end = at->end;
	n->str = copy;
	n->len = (uint32_t)len;
	return n;
}

/* The text a Ref to `name` gives in partition e, appended to out: the
 * partition's pseudo parameters, a stand-in account ID (a pattern treats
 * any 12 digits alike), a String or Number parameter's Default where the walk
 * may resolve it. False when it is not known (a resource, AWS::StackName). */
static bool ref_text(struct walk *w, const char *name, size_t len, const struct env *e, struct sl_buf *out,
		     bool *uses_env, bool strings_only)
{
	const struct sl_template *t = w->c->t;
	const char *v = NULL;
	if (len > 5 && memcmp(name, "AWS::", 5) == 0) {
		if (len == 14 && memcmp(name, "AWS::Partition", 14) == 0)
			v = e->partition;
		else if (len == 11 && memcmp(name, "AWS::Region", 11) == 0)
			v = e->region;
		else if (len == 14 && memcmp(name, "AWS::URLSuffix", 14) == 0)
			v = e->url_suffix;
		else if (len == 14 && memcmp(name, "AWS::AccountId", 14) == 0) {
			sl_buf_puts(out, "123456789012");
			return true;
		}
		if (!v)
			return false;
		*uses_env = true;
		sl_buf_puts(out, v);
		return true;
	}
	const struct sl_entity *p = sl_index_find(&t->params, name, len);
	const struct sl_node *ty = p ? sl_map_get(p->value, "Type") : NULL;
	const struct sl_node *def = p ? sl_map_get(p->value, "Default") : NULL;
	if (!p || !(sl_str_eq(ty, "String") || (!strings_only && sl_str_eq(ty, "Number"))) || !def ||
	    def->kind != SL_SCALAR ||
	    sl_node_is_null(def) || !may_resolve(w, p->key))
		return false;
	sl_buf_put(out, def->str, def->len);
	return true;
}

/* The text an Fn::Sub or Fn::Join of literals, pseudo parameters and
 * parameters' Defaults gives in partition e, appended to out; false when some
 * piece is not known before deployment. */
static bool built_text(struct walk *w, const struct sl_node *v, const struct env *e, struct sl_buf *out,
		       bool *uses_env, int depth)
{
	if (!v || depth > 16 || (v->flags & SL_NODE_ALIAS) || out->len > MAX_BUILT)
		return false;
	if (v->kind == SL_SCALAR) {
		if (sl_node_is_null(v))
			return false;
		sl_buf_put(out, v->str, v->len);
		return true;
	}
	const struct sl_node *fk = sl_node_intrinsic(v);
	const struct sl_node *arg = fk ? v->pairs[0].value : NULL;
	if (!fk)
		return false;
	if (sl_str_eq(fk, "Ref"))
		return sl_node_is(arg, SL_SCALAR) && ref_text(w, arg->str, arg->len, e, out, uses_env, false);
	if (sl_str_eq(fk, "Fn::Join")) {
		if (!sl_node_is(arg, SL_SEQ) || arg->len != 2 || !sl_node_is(arg->items[0], SL_SCALAR) ||
		    sl_node_is_null(arg->items[0]) || !sl_node_is(arg->items[1], SL_SEQ))
			return false;
		const struct sl_node *list = arg->items[1];
		for (size_t i = 0; i < list->len; i++) {
			if (i)
				sl_buf_put(out, arg->items[0]->str, arg->items[0]->len);
			if (!built_text(w, list->items[i], e, out, uses_env, depth + 1))
				return false;
		}
		return true;
	}
	if (!sl_str_eq(fk, "Fn::Sub"))
		return false;
	const struct sl_node *str = arg, *vars = NULL;
	if (sl_node_is(arg, SL_SEQ)) {
		if (arg->len != 2 || !sl_node_is(arg->items[1], SL_MAP))
			return false;
		str = arg->items[0];
		vars = arg->items[1];
	}
	if (!sl_node_is(str, SL_SCALAR) || sl_node_is_null(str))
		return false;
	const char *p = str->str, *end = str->str + str->len;
	while (p < end) {
		const char *open = memmem(p, (size_t)(end - p), "${", 2);
		if (!open) {
			sl_buf_put(out, p, (size_t)(end - p));
			break;
		}
		sl_buf_put(out, p, (size_t)(open - p));
		const char *close = memchr(open + 2, '}', (size_t)(end - open - 2));
		if (!close)
			return false; /* E1019's */
		const char *name = open + 2;
		size_t nl = (size_t)(close - name);
		if (nl && name[0] == '!') {
			sl_buf_puts(out, "${"); /* ${!Literal} is written as ${Literal} */
			sl_buf_put(out, name + 1, nl - 1);
			sl_buf_putc(out, '}');
		} else {
			const struct sl_pair *vp = NULL;
			for (size_t i = 0; vars && i < vars->len; i++)
				if (vars->pairs[i].key->len == nl && memcmp(vars->pairs[i].key->str, name, nl) == 0)
					vp = &vars->pairs[i];
			if (vp ? !built_text(w, vp->value, e, out, uses_env, depth + 1)
			       : (memchr(name, '.', nl) || !ref_text(w, name, nl, e, out, uses_env, false)))
				return false; /* an attribute, a resource: known at deployment */
		}
		p = close + 1;
	}
	return true;
}

/* The JSON text CloudFormation makes for an Fn::ToJsonString (compact, keys in
 * order: intrinsic-function-reference-ToJsonString.html) in partition e,
 * appended to out. The AWS::LanguageExtensions expansion has already made the
 * text of a literal object (src/template/langext.c), so what is left holds a
 * Ref: to a pseudo parameter or a String parameter's Default, a JSON string.
 * False when some value is not certain (another function, a float, yes). */
static bool json_text(struct walk *w, const struct sl_node *v, const struct env *e, struct sl_buf *out,
		      bool *uses_env, int depth)
{
	if (!v || depth > 32 || (v->flags & SL_NODE_ALIAS) || out->len > MAX_BUILT)
		return false;
	if (v->kind == SL_MAP) {
		const struct sl_node *fk = sl_node_intrinsic(v);
		if (fk) {
			const struct sl_node *arg = v->pairs[0].value;
			struct sl_buf t = SL_BUF_INIT;
			bool ok = sl_str_eq(fk, "Ref") && sl_node_is(arg, SL_SCALAR) &&
				  ref_text(w, arg->str, arg->len, e, &t, uses_env, true);
			if (ok) {
				sl_buf_putc(out, '"');
				sl_buf_json_escape(out, t.data ? t.data : "", t.len);
				sl_buf_putc(out, '"');
			}
			sl_buf_free(&t);
			return ok;
		}
		sl_buf_putc(out, '{');
		for (size_t i = 0; i < v->len; i++) {
			sl_buf_puts(out, i ? ",\"" : "\"");
			sl_buf_json_escape(out, v->pairs[i].key->str, v->pairs[i].key->len);
			sl_buf_puts(out, "\":");
			if (!json_text(w, v->pairs[i].value, e, out, uses_env, depth + 1))
				return false;
		}
		sl_buf_putc(out, '}');
		return true;
	}
	if (v->kind == SL_SEQ) {
		sl_buf_putc(out, '[');
		for (size_t i = 0; i < v->len; i++) {
			if (i)
				sl_buf_putc(out, ',');
			if (!json_text(w, v->items[i], e, out, uses_env, depth + 1))
				return false;
		}
		sl_buf_putc(out, ']');
		return true;
	}
	switch (sl_scalar_type(v)) {
	case SL_TYPE_STRING:
		sl_buf_putc(out, '"');
		sl_buf_json_escape(out, v->str, v->len);
		sl_buf_putc(out, '"');
		return true;
	case SL_TYPE_BOOL:
	case SL_TYPE_INT:
		/* only true, false and plain decimals: which JSON value yes, 0x1F,
		 * 017 or 1_000 become is not certain */
		if (!sl_str_eq(v, "true") && !sl_str_eq(v, "false")) {
			size_t i = v->str[0] == '-';
			if (i == v->len || (v->str[i] == '0' && v->len > i + 1))
				return false;
			for (; i < v->len; i++)
				if (v->str[i] < '0' || v->str[i] > '9')
					return false;
		}
		sl_buf_put(out, v->str, v->len);
		return true;
	default:
		return false;
	}
}

/* Judges the values vals[0..n) (one per partition, or one) against the
 * property, as what the function w->resolving gives: a constraint is reported
 * (for vals[0]) only when every value breaks it. */
static void judge_each_env(struct walk *w, const struct sl_node **vals, size_t n, uint32_t type, uint32_t cons,
			   int depth)
{
	struct collect first = { 0 }, other;
	w->collect = &first;
	check_value(w, vals[0], type, cons, depth + 1);
	for (size_t i = 1; i < n && first.n && !first.full; i++) {
		memset(&other, 0, sizeof other);
		w->collect = &other;
		check_value(w, vals[i], type, cons, depth + 1);
		size_t kept = 0;
		for (size_t a = 0; a < first.n; a++) {
			bool in_all = !other.full;
			if (in_all) {
				in_all = false;
				for (size_t b = 0; b < other.n; b++)
					if (other.h[b].sub == first.h[a].sub && other.h[b].cons == first.h[a].cons)
						in_all = true;
			}
			if (in_all)
				first.h[kept++] = first.h[a];
		}
		first.n = kept;
	}
	w->collect = NULL;
	for (size_t a = 0; !first.full && a < first.n; a++)
		hit_resolved(w, first.h[a].sub, vals[0], first.h[a].type, first.h[a].cons);
}

/* An Fn::Sub, Fn::Join or Fn::ToJsonString given to a string property: the
 * text it gives, when every piece is known before deployment (W1031, W1032,
 * W1040), judged in each partition it depends on. */
static void judge_built(struct walk *w, const struct sl_node *v, const struct sl_node *fk, uint32_t type,
			uint32_t cons, int depth)
{
	const struct sl_node *vals[NENVS];
	size_t n = 0;
	struct sl_buf b = SL_BUF_INIT;
	bool json = sl_str_eq(fk, "Fn::ToJsonString");
	for (size_t i = 0; i < NENVS; i++) {
		bool uses_env = false;
		sl_buf_reset(&b);
		if (!(json ? json_text(w, v->pairs[0].value, &envs[i], &b, &uses_env, 0)
			   : built_text(w, v, &envs[i], &b, &uses_env, 0)) || b.len > MAX_BUILT) {
			n = 0;
			break;
		}
		vals[n++] = text_node(w, v, sl_buf_cstr(&b), b.len);
		if (!uses_env)
			break; /* the same text everywhere */
	}
	sl_buf_free(&b);
	for (size_t i = 0; i < n; i++)
		if (!vals[i])
			return;
	if (!n)
		return;
	w->resolving = v;
	judge_each_env(w, vals, n, type, cons, depth);
	w->resolving = NULL;
}

/* An Fn::GetAZs given to a list property: the names of Availability Zones it
 * gives (a Region's name and a letter), against the list's items (W1036); for
 * the stack's own Region in each partition, or the Region named. */
static void judge_azs(struct walk *w, const struct sl_node *v, uint32_t item_type, uint32_t item_cons, int depth)
{
	const struct sl_node *arg = v->pairs[0].value, *vals[NENVS];
	size_t n = 0;
	const struct sl_node *fk = sl_node_intrinsic(arg);
	bool own = (sl_node_is(arg, SL_SCALAR) && arg->len == 0) ||
		   (fk && sl_str_eq(fk, "Ref") && sl_str_eq(arg->pairs[0].value, "AWS::Region"));
	char az[64];
	if (own) {
		for (size_t i = 0; i < NENVS; i++) {
			int len = snprintf(az, sizeof az, "%sa", envs[i].region);
			vals[n++] = text_node(w, v, az, (size_t)len);
		}
	} else if (sl_node_is(arg, SL_SCALAR) && !sl_node_is_null(arg) && arg->len < sizeof az - 1) {
		int len = snprintf(az, sizeof az, "%sa", arg->str);
		vals[n++] = text_node(w, v, az, (size_t)len);
	}
	for (size_t i = 0; i < n; i++)
		if (!vals[i])
			return;
	if (!n)
		return;
	w->resolving = v;
	judge_each_env(w, vals, n, item_type, item_cons, depth);
	w->resolving = NULL;
}

/* A literal scalar against its constraint: a string's pattern and length, a
 * number's range. A value of another kind (a boolean for a string) is left to
 * the type check; only what is written is judged. */
static void check_scalar(struct walk *w, const struct sl_node *v, enum sl_spec_kind kind, uint32_t cons)
{
	const struct sl_spec_constraint *c = sl_spec_constraint(w->s, cons);
	if (!c || (memchr(v->str, '{', v->len) && memmem(v->str, v->len, "{{resolve:", 10)))
		return; /* a dynamic reference: deploy time resolves it */
	/* a resolved value is reported once: for its format only when its
	 * length and pattern are right (a literal meets each rule) */
	bool broke = false;
	enum sl_scalar_type st = sl_scalar_type(v);
	/* ${Name} in a plain string is E1029's: it needed Fn::Sub, and is judged once */
	bool sub_slip = sl_has_pair(v->str, v->len, '$', '{');
	if (kind == SL_SPEC_STRING && !sub_slip && (st == SL_TYPE_STRING || st == SL_TYPE_INT || st == SL_TYPE_FLOAT)) {
		size_t n = c->min_length != SL_SPEC_NONE || c->max_length != SL_SPEC_NONE ? sl_utf8_chars(v->str, v->len) : 0;
		const char *pat = sl_spec_constraint_pattern(w->s, c);
		if ((c->min_length != SL_SPEC_NONE && n < c->min_length) ||
		    (c->max_length != SL_SPEC_NONE && n > c->max_length)) {
			hit_constraint(w, SL_SCHEMA_LENGTH, v, cons, NULL);
			broke = true;
		} else if (pat && sl_pattern_match(pat, v->str, v->len) == 0) {
			hit_constraint(w, SL_SCHEMA_PATTERN, v, cons, NULL);
			broke = true;
		}
	}
	if (c->format && !(w->resolving && broke))
		hit_constraint(w, SL_SCHEMA_FORMAT_VALUE, v, cons, NULL);
	if (kind == SL_SPEC_STRING)
		return;
	if ((kind == SL_SPEC_INTEGER || kind == SL_SPEC_NUMBER) && (c->flags & (SL_SPEC_HAS_MIN | SL_SPEC_HAS_MAX))) {
		char *end;
		double d = strtod(v->str, &end);
		if (v->len == 0 || *end != '\0' || d != d)
			return;
		if (((c->flags & SL_SPEC_HAS_MIN) && d < c->minimum) || ((c->flags & SL_SPEC_HAS_MAX) && d > c->maximum))
			hit_constraint(w, SL_SCHEMA_RANGE, v, cons, NULL);
	}
}

/* The scalar text of a list item for the uniqueness check, or NULL. */
static const struct sl_node *unique_key(const struct sl_node *v)
{
	if (!v || v->kind != SL_SCALAR || (v->flags & SL_NODE_ALIAS))
		return NULL;
	return sl_scalar_type(v) == SL_TYPE_NULL ? NULL : v;
}

static int by_text(const void *a, const void *b)
{
	const struct sl_node *x = *(const struct sl_node *const *)a, *y = *(const struct sl_node *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->str, y->str, n);
	if (r)
		return r;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	/* equal texts: in document order, so the later one is reported (by
	 * offset: the addresses of nodes in different arena chunks are not in
	 * document order, and differ from run to run) */
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* A literal list against its constraint: the number of items (an item that
 * may vanish, an Fn::If or a Ref to AWS::NoValue, counts only towards the
 * most there can be), and repeated literal items where they must be unique
 * (sorted, O(n log n), each repeat reported at the later occurrence). */
static void check_list(struct walk *w, const struct sl_node *v, const struct sl_spec_constraint *c, uint32_t cons)
{
	size_t sure = 0, maybe = 0;
	for (size_t i = 0; i < v->len; i++) {
		const struct sl_node *fk = sl_node_intrinsic(v->items[i]);
		const struct sl_node *arg = fk ? v->items[i]->pairs[0].value : NULL;
		if (fk && (sl_str_eq(fk, "Fn::If") || (sl_str_eq(fk, "Ref") && sl_str_eq(arg, "AWS::NoValue"))))
			maybe++;
		else
			sure++;
	}
	if ((c->max_items != SL_SPEC_NONE && sure > c->max_items) ||
	    (c->min_items != SL_SPEC_NONE && sure + maybe < c->min_items))
		hit_constraint(w, SL_SCHEMA_ITEMS, v, cons, NULL);
	if (!(c->flags & (SL_SPEC_UNIQUE_ITEMS | SL_SPEC_DUPLICATES_ALLOWED)) || v->len < 2)
		return; /* repeats are E3037's where banned, I3037's where the schema allows them */
	const struct sl_node **keys = sl_arena_alloc(w->c->arena, v->len * sizeof *keys);
	if (!keys)
		return;
	size_t n = 0;
	for (size_t i = 0; i < v->len; i++)
		if (unique_key(v->items[i]))
			keys[n++] = v->items[i];
	qsort(keys, n, sizeof *keys, by_text);
	for (size_t i = 1; i < n; i++)
		if (keys[i]->len == keys[i - 1]->len && memcmp(keys[i]->str, keys[i - 1]->str, keys[i]->len) == 0)
			hit_constraint(w, SL_SCHEMA_DUPLICATE, keys[i], cons, keys[i - 1]);
}

static void check_value(struct walk *w, const struct sl_node *v, uint32_t type, uint32_t cons, int depth);

/* Whether a null in the value being walked is reported: in CloudFormation's
 * own types, where the template is deployed as written. The SAM transform
 * drops an empty property of a serverless resource (Tracing:, Events:) and of
 * Globals, so there a null stays "absent". */
static bool nulls_reported(const struct walk *w)
{
	return !w->partial && w->rtype && strncmp(w->rtype, "AWS::Serverless::", 17) != 0;
}

/* Every null inside a free-form value (a JSON policy document, a map of
 * anything), not inside intrinsic functions, whose own rules judge them. */
static void scan_nulls(struct walk *w, const struct sl_node *v, int depth)
{
	if (!v || depth > 64 || (v->flags & SL_NODE_ALIAS))
		return;
	if (sl_node_is_null(v)) {
		hit(w, SL_SCHEMA_NULL, v, 0, NULL, SL_SPEC_NONE, NULL);
	} else if (v->kind == SL_MAP && !sl_node_intrinsic(v)) {
		for (size_t i = 0; i < v->len; i++)
			scan_nulls(w, v->pairs[i].value, depth + 1);
	} else if (v->kind == SL_SEQ) {
		for (size_t i = 0; i < v->len; i++)
			scan_nulls(w, v->items[i], depth + 1);
	}
}

/* Where to report a property missing from map v: the key it is the value of
 * (VpcConfig:), or v itself in a list. */
static const struct sl_node *anchor_of(const struct sl_node *v)
{
	const struct sl_node *k = sl_map_key_of(v);
	return k ? k : v;
}

/* Keys that make a map something a tool rewrites before CloudFormation sees it:
 * Fn::ForEach loops, Fn::Transform (a macro), Rain's directives (Rain::Embed,
 * Rain::Module, ...). Such a map is not judged against the spec. */
static bool is_expansion_key(const struct sl_node *k)
{
	return sl_foreach_key(k) || sl_str_eq(k, "Fn::Transform") ||
	       (k->len > 6 && memcmp(k->str, "Rain::", 6) == 0) ||
	       (k->len > 10 && memcmp(k->str, "Fn::Rain::", 10) == 0);
}

static void check_shape(struct walk *w, const struct sl_node *map, uint32_t shape, const struct sl_node *anchor,
			const struct sl_node *globals, int depth);

/* A SAM event source ({Type: Kinesis, Properties: {...}}): its Properties are
 * judged against the shape of that Type, "<resource type>.<Type>Event" in the
 * spec. An intrinsic or unknown Type (E3030 reports the latter) is not judged. */
static void check_event_properties(struct walk *w, const struct sl_node *map, uint32_t shape, int depth)
{
	const char *name = sl_spec_shape_name(w->s, shape);
	size_t nl = name ? strlen(name) : 0;
	if (nl < 12 || strcmp(name + nl - 12, ".EventSource") != 0)
		return;
	const struct sl_node *type = sl_map_get(map, "Type");
	if (!sl_node_is(type, SL_SCALAR) || sl_scalar_type(type) != SL_TYPE_STRING)
		return;
	char full[256];
	int n = snprintf(full, sizeof(full), "%.*s.%sEvent", (int)(nl - 12), name, type->str);
	if (n < 0 || (size_t)n >= sizeof(full))
		return;
	uint32_t ev = sl_spec_shape_find(w->s, full, (size_t)n);
	if (ev == SL_SPEC_NONE)
		return;
	const struct sl_pair *pp = sl_map_get_pair(map, "Properties");
	if (pp && sl_node_intrinsic(pp->value))
		return;
	if (pp && pp->value->kind == SL_MAP) {
		check_shape(w, pp->value, ev, pp->key, NULL, depth + 1);
		return;
	}
	if (pp && !(pp->value->kind == SL_SCALAR && sl_scalar_type(pp->value) == SL_TYPE_NULL))
		return; /* a list or a string: the EventSource shape's own type check is SAM's */
	/* no Properties: only the required ones of the Type matter */
	struct sl_node empty;
	memset(&empty, 0, sizeof(empty));
	empty.kind = SL_MAP;
	check_shape(w, &empty, ev, pp ? pp->key : type, NULL, depth + 1);
}

/* Whether a property is set in a map: 1 yes, 0 no, -1 cannot tell (an Fn::If
 * with an AWS::NoValue branch, a null the SAM transform may take as absent).
 * A value Globals gives counts as set. */
static int presence(const struct walk *w, const struct sl_node *map, const char *name, size_t len,
		    const struct sl_node *globals)
{
	const struct sl_pair *pp = sl_map_get_pair_n(map, name, len);
	if (!pp)
		return sl_map_get_pair_n(globals, name, len) ? 1 : 0;
	const struct sl_node *v = pp->value;
	if (sl_node_is_null(v))
		return nulls_reported(w) ? 1 : -1;
	const struct sl_node *fk = sl_node_intrinsic(v);
	if (!fk)
		return 1;
	const struct sl_node *arg = v->pairs[0].value;
	if (sl_str_eq(fk, "Ref") && sl_str_eq(arg, "AWS::NoValue"))
		return 0;
	if (sl_str_eq(fk, "Fn::If")) {
		if (!sl_node_is(arg, SL_SEQ) || arg->len != 3)
			return -1;
		for (int b = 1; b <= 2; b++) {
			const struct sl_node *bk = sl_node_intrinsic(arg->items[b]);
			if (bk && sl_str_eq(bk, "Ref") && sl_str_eq(arg->items[b]->pairs[0].value, "AWS::NoValue"))
				return -1;
		}
	}
	return 1;
}

/* Whether every property of a comma-joined group is set: 1, 0, or -1. */
static int group_presence(const struct walk *w, const struct sl_node *map, const char *group,
			  const struct sl_node *globals)
{
	int all = 1;
	for (const char *p = group; *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int have = presence(w, map, p, n, globals);
		if (have == 0)
			return 0;
		if (have < 0)
			all = -1;
		p += n + (e != NULL);
	}
	return all;
}

static const struct sl_node *key_node(const struct sl_node *map, const char *name)
{
	const struct sl_pair *pp = sl_map_get_pair(map, name);
	return pp ? pp->key : NULL;
}

/* The relations of the shape between the properties of a map (see
 * sl_spec_relation): judged only where every property involved is surely
 * set or surely not. One finding per broken relation. */
static void check_relations(struct walk *w, const struct sl_node *map, uint32_t shape,
			    const struct sl_node *anchor, const struct sl_node *globals)
{
	uint32_t first, n = sl_spec_shape_relations(w->s, shape, &first);
	for (uint32_t id = first; id < first + n; id++) {
		const struct sl_spec_relation *r = sl_spec_relation(w->s, id);
		if (r->kind == SL_SPEC_REL_READ_ONLY)
			continue;
		if (r->kind == SL_SPEC_REL_ONE_OF || r->kind == SL_SPEC_REL_ANY_OF) {
			uint32_t complete = 0;
			bool unsure = false;
			for (uint32_t g = 0; g < r->ngroups; g++) {
				int have = group_presence(w, map, sl_spec_relation_group(w->s, r, g), globals);
				unsure |= have < 0;
				complete += have > 0;
			}
			if (unsure || complete == 1 || (complete > 1 && r->kind == SL_SPEC_REL_ANY_OF))
				continue;
			/* a finding: name the groups that are complete (the second
			 * pass asks the same questions, and gets the same answers) */
			const char *names = "";
			for (uint32_t g = 0, k = 0; complete && g < r->ngroups; g++) {
				const char *grp = sl_spec_relation_group(w->s, r, g);
				if (group_presence(w, map, grp, globals) <= 0)
					continue;
				/* 'A' or 'A' with 'B' for a group of several */
				struct sl_buf gb = SL_BUF_INIT;
				for (const char *p = grp; *p; p++)
					sl_buf_printf(&gb, "%s", *p == ',' ? "' with '" : (char[2]){ *p, 0 });
				names = sl_arena_printf(w->c->arena, "%s%s'%s'", names, k++ ? " and " : "",
							sl_buf_cstr(&gb));
				sl_buf_free(&gb);
			}
			struct sl_schema_hit h = { .event = SL_SCHEMA_RELATION, .at = anchor, .shape = shape,
						   .detail = complete ? names : NULL,
						   .resource_type = w->rtype, .cons = id };
			w->fn(w->c, &h);
			continue;
		}
		const char *key = sl_spec_str(w->s, r->key);
		if (presence(w, map, key, strlen(key), globals) != 1)
			continue;
		const struct sl_node *kn = key_node(map, key);
		for (uint32_t g = 0; g < r->ngroups; g++) {
			const char *p = sl_spec_relation_group(w->s, r, g);
			int have = presence(w, map, p, strlen(p), globals);
			if (r->kind == SL_SPEC_REL_REQUIRES && have == 0) {
				struct sl_schema_hit h = { .event = SL_SCHEMA_RELATION, .at = kn ? kn : anchor,
							   .shape = shape, .detail = p,
							   .resource_type = w->rtype, .cons = id };
				w->fn(w->c, &h);
			} else if (r->kind == SL_SPEC_REL_EXCLUDES && have == 1 && key_node(map, p)) {
				struct sl_schema_hit h = { .event = SL_SCHEMA_RELATION, .at = key_node(map, p),
							   .shape = shape, .detail = p, .resource_type = w->rtype,
							   .cons = id, .other = kn };
				w->fn(w->c, &h);
			}
		}
	}
}

/* Whether a key is a property CloudFormation only returns (a resource's Arn). */
static bool read_only(const struct sl_spec *s, uint32_t shape, const struct sl_node *k)
{
	uint32_t first, n = sl_spec_shape_relations(s, shape, &first);
	for (uint32_t id = first; id < first + n; id++) {
		const struct sl_spec_relation *r = sl_spec_relation(s, id);
		if (r->kind != SL_SPEC_REL_READ_ONLY)
			continue;
		for (uint32_t g = 0; g < r->ngroups; g++)
			if (strcmp(sl_spec_relation_group(s, r, g), k->str) == 0)
				return true;
	}
	return false;
}

/* A map against a shape: unknown keys, missing required ones, values. */
static void check_shape(struct walk *w, const struct sl_node *map, uint32_t shape, const struct sl_node *anchor,
			const struct sl_node *globals, int depth)
{
	const struct sl_spec *s = w->s;
	bool foreach = false;
	for (size_t i = 0; i < map->len; i++)
		if (is_expansion_key(map->pairs[i].key))
			foreach = true;
	for (size_t i = 0; i < map->len; i++) {
		const struct sl_node *k = map->pairs[i].key;
		if (is_expansion_key(k) || (k->flags & SL_NODE_ALIAS) || (k->style == SL_PLAIN && sl_str_eq(k, "<<")))
			continue; /* '<<' is W1100's */
		const struct sl_spec_prop *p = sl_spec_prop_find(s, shape, k->str, k->len);
		if (!p) {
			if (!foreach && !memchr(k->str, '$', k->len) && !memchr(k->str, '&', k->len))
				hit(w, read_only(s, shape, k) ? SL_SCHEMA_READ_ONLY : SL_SCHEMA_UNKNOWN_PROP, k, shape,
				    NULL, 0, NULL);
			continue;
		}
		/* SAM merges Globals into nested objects too: what Globals gives counts */
		w->globals = globals ? sl_map_get(globals, k->str) : NULL;
		check_value(w, map->pairs[i].value, p->type, p->constraint, depth + 1);
		w->globals = NULL;
	}
	if (foreach)
		return;
	check_event_properties(w, map, shape, depth);
	if (w->partial)
		return;
	check_relations(w, map, shape, anchor, globals);
	uint32_t n = sl_spec_shape_nprops(s, shape);
	for (uint32_t i = 0; i < n; i++) {
		const struct sl_spec_prop *p = sl_spec_shape_prop(s, shape, i);
		if (!(p->flags & SL_SPEC_REQUIRED))
			continue;
		const char *name = sl_spec_str(s, p->name);
		const struct sl_node *have = sl_map_get(map, name);
		/* where SAM takes null as absent it counts as missing (elsewhere the
		 * null itself is reported); '' does not (FilterPattern: "" matches
		 * every event) */
		bool empty = sl_node_is_null(have) && !nulls_reported(w);
		if ((have && !empty) || (globals && sl_map_get(globals, name)))
			continue;
		hit(w, SL_SCHEMA_MISSING_PROP, anchor, shape, p, 0, NULL);
	}
}

static const char *node_kind(const struct sl_node *v)
{
	if (v->kind == SL_MAP)
		return "an object";
	if (v->kind == SL_SEQ)
		return "a list";
	switch (sl_scalar_type(v)) {
	case SL_TYPE_BOOL: return "a boolean";
	case SL_TYPE_INT: return "an integer";
	case SL_TYPE_FLOAT: return "a number";
	case SL_TYPE_NULL: return "null";
	default: return "a string";
	}
}

/* Does a scalar fit a primitive kind, with CloudFormation's coercions
 * (numbers and booleans written as strings are accepted)? */
static bool scalar_fits(const struct sl_node *v, enum sl_spec_kind k)
{
	enum sl_scalar_type st = sl_scalar_type(v);
	switch (k) {
	case SL_SPEC_STRING:
	case SL_SPEC_TIMESTAMP:
	case SL_SPEC_JSON:
		return true;
	case SL_SPEC_INTEGER: {
		if (st == SL_TYPE_INT)
			return true;
		if (st != SL_TYPE_STRING || v->len == 0)
			return false;
		const char *p = v->str;
		if (*p == '-' || *p == '+')
			p++;
		if (!*p)
			return false;
		for (; *p; p++)
			if (*p < '0' || *p > '9')
				return false;
		return true;
	}
	case SL_SPEC_NUMBER: {
		if (st == SL_TYPE_INT || st == SL_TYPE_FLOAT)
			return true;
		if (st != SL_TYPE_STRING || v->len == 0)
			return false;
		char *end;
		strtod(v->str, &end);
		return *end == '\0';
	}
	case SL_SPEC_BOOLEAN:
		if (st == SL_TYPE_BOOL)
			return true;
		return st == SL_TYPE_STRING && (strcasecmp(v->str, "true") == 0 || strcasecmp(v->str, "false") == 0);
	default:
		return false;
	}
}

/* Is the scalar exactly of the primitive kind, as JSON Schema types it (an
 * integer is a number too)? scalar_fits() with no conversion. */
static bool scalar_exact(const struct sl_node *v, enum sl_spec_kind k)
{
	enum sl_scalar_type st = sl_scalar_type(v);
	switch (k) {
	case SL_SPEC_STRING:
	case SL_SPEC_TIMESTAMP:
		return st == SL_TYPE_STRING;
	case SL_SPEC_INTEGER:
		return st == SL_TYPE_INT;
	case SL_SPEC_NUMBER:
		return st == SL_TYPE_INT || st == SL_TYPE_FLOAT;
	case SL_SPEC_BOOLEAN:
		return st == SL_TYPE_BOOL;
	default:
		return true;
	}
}

/* Whether a value could be of the type, without reporting (for unions). */
static bool could_be(struct walk *w, const struct sl_node *v, uint32_t type)
{
	const struct sl_spec_type *t = sl_spec_type(w->s, type);
	if (!t)
		return true;
	if (sl_node_intrinsic(v) || t->kind == SL_SPEC_ANY || t->kind == SL_SPEC_JSON)
		return true;
	switch (t->kind) {
	case SL_SPEC_SHAPE:
	case SL_SPEC_TAG:
	case SL_SPEC_MAP:
		return v->kind == SL_MAP;
	case SL_SPEC_LIST:
		return v->kind == SL_SEQ;
	case SL_SPEC_UNION:
		for (uint32_t i = 0; i < t->n; i++)
			if (could_be(w, v, sl_spec_union_member(w->s, t, i)))
				return true;
		return false;
	default:
		return v->kind == SL_SCALAR && scalar_fits(v, (enum sl_spec_kind)t->kind);
	}
}

static void check_union_shapes(struct walk *w, const struct sl_node *v, const struct sl_spec_type *t, int depth)
{
	/* a map against a union of shapes (SAM event properties): a key is known
	 * when one member has it; required keys cannot be judged without knowing
	 * which member is meant */
	for (size_t i = 0; i < v->len; i++) {
		const struct sl_node *k = v->pairs[i].key;
		const struct sl_spec_prop *found = NULL;
		uint32_t first_shape = SL_SPEC_NONE;
		for (uint32_t m = 0; m < t->n && !found; m++) {
			const struct sl_spec_type *mt = sl_spec_type(w->s, sl_spec_union_member(w->s, t, m));
			if (!mt || mt->kind != SL_SPEC_SHAPE)
				continue;
			if (first_shape == SL_SPEC_NONE)
				first_shape = mt->arg;
			found = sl_spec_prop_find(w->s, mt->arg, k->str, k->len);
		}
		if (!found) {
			if (first_shape != SL_SPEC_NONE && !sl_foreach_key(k))
				hit(w, SL_SCHEMA_UNKNOWN_PROP, k, first_shape, NULL, 0, NULL);
			continue;
		}
		(void)depth;
	}
}

static void check_value(struct walk *w, const struct sl_node *v, uint32_t type, uint32_t cons, int depth)
{
	const struct sl_spec_type *t = sl_spec_type(w->s, type);
	if (!t || !v || depth > 64 || (v->flags & SL_NODE_ALIAS))
		return;
	if (v->kind == SL_MAP && v->len == 1 && is_expansion_key(v->pairs[0].key))
		return; /* Rain::Embed, Fn::Transform, ...: replaced before deployment */
	if (t->kind == SL_SPEC_ANY || t->kind == SL_SPEC_JSON) {
		if (nulls_reported(w))
			scan_nulls(w, v, depth);
		return;
	}
	const struct sl_node *fk = sl_node_intrinsic(v);
	if (fk) {
		const struct sl_node *arg = v->pairs[0].value;
		if (sl_str_eq(fk, "Fn::If")) {
			if (sl_node_is(arg, SL_SEQ) && arg->len == 3) {
				const struct sl_node *g = w->globals;
				push_cond(w, arg->items[0]);
				check_value(w, arg->items[1], type, cons, depth + 1);
				w->globals = g;
				check_value(w, arg->items[2], type, cons, depth + 1);
				w->nconds--;
			}
			return;
		}
		const struct sl_spec_constraint *fc = sl_spec_constraint(w->s, cons);
		if (fc && (fc->format || (fc->items != SL_SPEC_NONE && sl_spec_constraint(w->s, fc->items)->format)))
			hit_constraint(w, SL_SCHEMA_FORMAT_FN, v, cons, NULL);
		/* the items of an Fn::Split of a known string, against a list's
		 * item constraints and allowed values (W1033) */
		if (!w->resolving && t->kind == SL_SPEC_LIST && sl_str_eq(fk, "Fn::Split")) {
			const struct sl_spec_type *et = sl_spec_type(w->s, t->arg);
			uint32_t ic = fc ? fc->items : SL_SPEC_NONE;
			if (et && (ic != SL_SPEC_NONE || (et->kind == SL_SPEC_STRING && et->n > 0))) {
				struct resolved r;
				resolve_split(w, arg, &r);
				w->resolving = v;
				for (size_t i = 0; r.all && i < r.n; i++)
					check_value(w, r.v[i], t->arg, ic, depth + 1);
				w->resolving = NULL;
			}
		}
		/* the names of Availability Zones an Fn::GetAZs gives (W1036) */
		if (!w->resolving && t->kind == SL_SPEC_LIST && sl_str_eq(fk, "Fn::GetAZs")) {
			const struct sl_spec_type *et = sl_spec_type(w->s, t->arg);
			uint32_t ic = fc ? fc->items : SL_SPEC_NONE;
			if (et && (ic != SL_SPEC_NONE || (et->kind == SL_SPEC_STRING && et->n > 0)))
				judge_azs(w, v, t->arg, ic, depth);
		}
		/* the text an Fn::Sub, Fn::Join or Fn::ToJsonString gives (W1031,
		 * W1032, W1040) */
		if (!w->resolving && t->kind == SL_SPEC_STRING && (fc || t->n > 0) &&
		    (sl_str_eq(fk, "Fn::Sub") || sl_str_eq(fk, "Fn::Join") || sl_str_eq(fk, "Fn::ToJsonString")))
			judge_built(w, v, fk, type, cons, depth);
		/* the values a Ref'd parameter, a FindInMap or a Select of a literal
		 * list can give, against a scalar property's constraints and allowed
		 * values (W1030, W1034, W1035; W2030, W2031, W3034) */
		if (!w->resolving && (t->kind == SL_SPEC_STRING || t->kind == SL_SPEC_INTEGER ||
				      t->kind == SL_SPEC_NUMBER) && (fc || t->n > 0)) {
			struct resolved r;
			resolve_values(w, fk, arg, &r);
			if (sl_str_eq(fk, "Ref") && !may_resolve(w, arg))
				r.all = false;
			w->resolving = v;
			for (size_t i = 0; r.all && i < r.n; i++)
				check_value(w, r.v[i], type, cons, depth + 1);
			w->resolving = NULL;
		}
		const char *detail = NULL;
		enum yield y = fn_yield(w, fk, arg, NULL);
		bool bad = false;
		switch (y) {
		case Y_LIST:
			bad = t->kind != SL_SPEC_LIST && t->kind != SL_SPEC_UNION;
			break;
		case Y_STRING:
		case Y_NUMBER:
			bad = t->kind == SL_SPEC_LIST || t->kind == SL_SPEC_MAP || t->kind == SL_SPEC_SHAPE ||
			      t->kind == SL_SPEC_TAG;
			break;
		default:
			break;
		}
		if (t->kind == SL_SPEC_UNION && y == Y_LIST) {
			bad = true;
			for (uint32_t i = 0; i < t->n; i++) {
				const struct sl_spec_type *mt = sl_spec_type(w->s, sl_spec_union_member(w->s, t, i));
				if (mt && (mt->kind == SL_SPEC_LIST || mt->kind == SL_SPEC_ANY || mt->kind == SL_SPEC_JSON))
					bad = false;
			}
		}
		if (bad && (fn_yield(w, fk, arg, &detail), detail))
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, detail);
		return;
	}
	if (sl_node_is_null(v)) {
		/* CloudFormation rejects a null anywhere ("'null' values are not
		 * allowed in templates"); `cloudformation package` reads some as
		 * "this folder" (W3002's) */
		const struct sl_packaged *pk = sl_packaged_find(w->rtype, v);
		if (nulls_reported(w) && !(pk && pk->null_is_cwd))
			hit(w, SL_SCHEMA_NULL, v, 0, NULL, type, NULL);
		return;
	}
	if (v->kind == SL_SCALAR && t->kind != SL_SPEC_STRING && sl_packaged_find(w->rtype, v))
		return; /* a local path or S3 URI for `cloudformation package` (W3002's) */
	switch (t->kind) {
	case SL_SPEC_SHAPE:
		if (v->kind != SL_MAP) {
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, node_kind(v));
			return;
		}
		{
			const struct sl_node *g = sl_node_is(w->globals, SL_MAP) ? w->globals : NULL;
			w->globals = NULL;
			check_shape(w, v, t->arg, anchor_of(v), g, depth);
		}
		return;
	case SL_SPEC_TAG:
		if (v->kind != SL_MAP) {
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, node_kind(v));
			return;
		}
		for (size_t i = 0; i < v->len; i++) {
			const struct sl_node *k = v->pairs[i].key;
			if (!sl_str_eq(k, "Key") && !sl_str_eq(k, "Value"))
				hit(w, SL_SCHEMA_UNKNOWN_PROP, k, SL_SPEC_NONE, NULL, 0, NULL);
			else if (sl_node_is_null(v->pairs[i].value) && nulls_reported(w))
				hit(w, SL_SCHEMA_NULL, v->pairs[i].value, 0, NULL, SL_SPEC_NONE, NULL);
		}
		return;
	case SL_SPEC_LIST: {
		if (v->kind != SL_SEQ) {
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, node_kind(v));
			return;
		}
		const struct sl_spec_constraint *lc = sl_spec_constraint(w->s, cons);
		if (lc)
			check_list(w, v, lc, cons);
		for (size_t i = 0; i < v->len; i++)
			check_value(w, v->items[i], t->arg, lc ? lc->items : SL_SPEC_NONE, depth + 1);
		return;
	}
	case SL_SPEC_MAP:
		if (v->kind != SL_MAP) {
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, node_kind(v));
			return;
		}
		for (size_t i = 0; i < v->len; i++)
			if (!sl_foreach_key(v->pairs[i].key))
				check_value(w, v->pairs[i].value, t->arg, SL_SPEC_NONE, depth + 1);
		return;
	case SL_SPEC_UNION: {
		bool shapes = v->kind == SL_MAP;
		for (uint32_t i = 0; i < t->n; i++) {
			uint32_t m = sl_spec_union_member(w->s, t, i);
			const struct sl_spec_type *mt = sl_spec_type(w->s, m);
			if (!mt)
				return;
			if (mt->kind != SL_SPEC_SHAPE)
				shapes = false;
		}
		/* members that accept anything (JSON, any) are the fallback: when a
		 * structured member fits, the value is judged as that member */
		uint32_t match = SL_SPEC_NONE, n_match = 0, loose = SL_SPEC_NONE;
		for (uint32_t i = 0; i < t->n; i++) {
			uint32_t m = sl_spec_union_member(w->s, t, i);
			const struct sl_spec_type *mt = sl_spec_type(w->s, m);
			if (mt && (mt->kind == SL_SPEC_JSON || mt->kind == SL_SPEC_ANY)) {
				loose = m;
				continue;
			}
			if (could_be(w, v, m)) {
				if (match == SL_SPEC_NONE)
					match = m;
				n_match++;
			}
		}
		if (n_match == 0 && loose != SL_SPEC_NONE) {
			if (nulls_reported(w))
				scan_nulls(w, v, depth);
			return;
		}
		if (n_match == 0) {
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, node_kind(v));
			return;
		}
		if (n_match == 1) {
			check_value(w, v, match, cons, depth + 1);
			return;
		}
		if (shapes)
			check_union_shapes(w, v, t, depth);
		return;
	}
	default:
		if (v->kind != SL_SCALAR) {
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, node_kind(v));
			return;
		}
		if (!scalar_fits(v, (enum sl_spec_kind)t->kind)) {
			hit(w, SL_SCHEMA_WRONG_TYPE, v, 0, NULL, type, node_kind(v));
			return;
		}
		if (!scalar_exact(v, (enum sl_spec_kind)t->kind))
			hit(w, SL_SCHEMA_LOOSE_TYPE, v, 0, NULL, type, node_kind(v));
		if (t->kind == SL_SPEC_STRING && t->n > 0) {
			for (uint32_t i = 0; i < t->n; i++)
				if (strcmp(sl_spec_allowed_value(w->s, t, i), v->str) == 0)
					return;
			hit(w, SL_SCHEMA_NOT_ALLOWED, v, 0, NULL, type, NULL);
			return;
		}
		check_scalar(w, v, (enum sl_spec_kind)t->kind, cons);
		return;
	}
}

bool sl_schema_unchecked_type(const char *type, size_t len)
{
	if (len >= 8 && memcmp(type, "Custom::", 8) == 0)
		return true;
	if (len == 35 && memcmp(type, "AWS::CloudFormation::CustomResource", 35) == 0)
		return true;
	/* the CDK's own bookkeeping resource, in every synthesized stack; CloudFormation accepts it */
	if (len == 18 && memcmp(type, "AWS::CDK::Metadata", 18) == 0)
		return true;
	if (len >= 8 && memcmp(type + len - 8, "::MODULE", 8) == 0)
		return true;
	if (!(len >= 5 && memcmp(type, "AWS::", 5) == 0) && !(len >= 7 && memcmp(type, "Alexa::", 7) == 0))
		return true;
	return false;
}

bool sl_schema_unchecked(const struct sl_spec *s, const char *type, size_t len)
{
	if (!sl_schema_unchecked_type(type, len))
		return false;
	bool custom = (len >= 8 && memcmp(type, "Custom::", 8) == 0) ||
		      (len >= 8 && memcmp(type + len - 8, "::MODULE", 8) == 0) ||
		      (len == 35 && memcmp(type, "AWS::CloudFormation::CustomResource", 35) == 0) ||
		      (len == 18 && memcmp(type, "AWS::CDK::Metadata", 18) == 0);
	return custom || sl_spec_resource(s, type, len) == SL_SPEC_NONE;
}

/* The walk's findings, kept for the other schema rules of the same template. */
struct hits {
	struct sl_schema_hit *v;
	size_t n, cap;
	bool oom;
};

static const char memo_key; /* the address identifies the walk's memo */

static void record(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	struct hits *hs = sl_memo_get(c, &memo_key);
	if (hs->n == hs->cap) {
		size_t cap = hs->cap ? hs->cap * 2 : 32;
		struct sl_schema_hit *p = realloc(hs->v, cap * sizeof(*p));
		if (!p) {
			hs->oom = true;
			return;
		}
		hs->v = p;
		hs->cap = cap;
	}
	hs->v[hs->n++] = *h;
}

static void free_hits(void *p)
{
	struct hits *hs = p;
	if (hs)
		free(hs->v);
	free(hs);
}

static void walk_all(struct sl_ctx *c, sl_schema_fn fn);

void sl_schema_walk(struct sl_ctx *c, sl_schema_fn fn)
{
	/* E3002, E3003, E3012, E3030 and W2030's kin share one walk per template */
	struct hits *hs = sl_memo_get(c, &memo_key);
	if (!hs) {
		hs = sl_memo_put(c, &memo_key, calloc(1, sizeof(struct hits)), free_hits);
		if (!hs) {
			c->oom = true;
			return;
		}
		walk_all(c, record);
		if (hs->oom)
			c->oom = true;
	}
	for (size_t i = 0; i < hs->n; i++)
		fn(c, &hs->v[i]);
}

/* Properties given by an Fn::If: each branch that is a map, through nested
 * Fn::If, under the conditions that choose it. */
static void check_props_branches(struct walk *w, const struct sl_node *props, uint32_t shape,
				 const struct sl_node *anchor, const struct sl_node *globals, int depth)
{
	const struct sl_node *fk = sl_node_intrinsic(props);
	if (!fk) {
		if (sl_node_is(props, SL_MAP))
			check_shape(w, props, shape, anchor, globals, 0);
		return;
	}
	const struct sl_node *arg = props->pairs[0].value;
	if (!sl_str_eq(fk, "Fn::If") || !sl_node_is(arg, SL_SEQ) || arg->len != 3 || depth > 16)
		return;
	push_cond(w, arg->items[0]);
	for (int b = 1; b <= 2; b++)
		check_props_branches(w, arg->items[b], shape, anchor, globals, depth + 1);
	w->nconds--;
}

static void walk_all(struct sl_ctx *c, sl_schema_fn fn)
{
	const struct sl_template *t = c->t;
	struct walk w = { c, c->spec, fn, NULL, NULL };
	if (t->macro_global)
		return; /* a macro rewrites the template first */
	/* SAM Globals: each value against the property of the type it applies to,
	 * reported at Globals (unknown keys are E3724's) */
	const struct sl_node *g = sl_section(t, SL_SEC_GLOBALS);
	for (size_t i = 0; sl_node_is(g, SL_MAP) && i < g->len; i++) {
		const struct sl_node *sec = g->pairs[i].value;
		char type[80];
		snprintf(type, sizeof(type), "AWS::Serverless::%s", g->pairs[i].key->str);
		uint32_t rid = sl_spec_resource(w.s, type, strlen(type));
		if (rid == SL_SPEC_NONE || !sl_node_is(sec, SL_MAP) || sl_node_intrinsic(sec))
			continue;
		w.rtype = sl_spec_resource_name(w.s, rid);
		w.partial = true;
		uint32_t shape = sl_spec_resource_shape(w.s, rid);
		for (size_t k = 0; k < sec->len; k++) {
			const struct sl_node *key = sec->pairs[k].key;
			const struct sl_spec_prop *p = sl_spec_prop_find(w.s, shape, key->str, key->len);
			if (p && sl_sam_globals_key_supported(g->pairs[i].key->str, key->str))
				check_value(&w, sec->pairs[k].value, p->type, p->constraint, 1);
		}
		w.partial = false;
	}
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type || !sl_node_is(e->value, SL_MAP) || e->module ||
		    sl_schema_unchecked(w.s, e->type->str, e->type->len))
			continue; /* custom resources take any property */
		uint32_t rid = sl_spec_resource(w.s, e->type->str, e->type->len);
		if (rid == SL_SPEC_NONE)
			continue; /* E3006's business */
		w.rtype = sl_spec_resource_name(w.s, rid);
		w.nconds = 0;
		const struct sl_node *cond = sl_entity_attr(e, SL_ATTR_CONDITION);
		if (cond)
			push_cond(&w, cond);
		uint32_t shape = sl_spec_resource_shape(w.s, rid);
		const struct sl_pair *pp = sl_map_get_pair(e->value, "Properties");
		const struct sl_node *globals = sl_sam_globals_for(t, w.rtype);
		if (!pp) {
			/* no Properties: only the required ones matter */
			struct sl_node empty;
			memset(&empty, 0, sizeof(empty));
			empty.kind = SL_MAP;
			check_shape(&w, &empty, shape, e->key, globals, 0);
			continue;
		}
		const struct sl_node *props = pp->value;
		if (sl_node_intrinsic(props)) {
			check_props_branches(&w, props, shape, pp->key, globals, 0);
			continue;
		}
		if (props->kind != SL_MAP) {
			if (!sl_node_is_null(props))
				continue; /* E3001 reports a Properties that is not a mapping */
			if (nulls_reported(&w)) {
				/* CloudFormation rejects the null before it looks for
				 * required properties */
				hit(&w, SL_SCHEMA_NULL, props, 0, NULL, SL_SPEC_NONE, NULL);
				continue;
			}
			struct sl_node empty;
			memset(&empty, 0, sizeof(empty));
			empty.kind = SL_MAP;
			check_shape(&w, &empty, shape, pp->key, globals, 0);
			continue;
		}
		check_shape(&w, props, shape, pp->key, globals, 0);
	}
}

static void type_name(struct sl_ctx *c, uint32_t type, struct sl_buf *b, int depth)
{
	const struct sl_spec_type *t = sl_spec_type(c->spec, type);
	if (!t || depth > 4) {
		sl_buf_puts(b, "a value");
		return;
	}
	switch (t->kind) {
	case SL_SPEC_STRING: sl_buf_puts(b, "a string"); break;
	case SL_SPEC_INTEGER: sl_buf_puts(b, "an integer"); break;
	case SL_SPEC_NUMBER: sl_buf_puts(b, "a number"); break;
	case SL_SPEC_BOOLEAN: sl_buf_puts(b, "a boolean"); break;
	case SL_SPEC_JSON: sl_buf_puts(b, "a JSON object"); break;
	case SL_SPEC_TIMESTAMP: sl_buf_puts(b, "a timestamp string"); break;
	case SL_SPEC_TAG: sl_buf_puts(b, "a tag (Key and Value)"); break;
	case SL_SPEC_SHAPE: {
		const char *n = sl_spec_shape_name(c->spec, t->arg);
		const char *dot = n ? strrchr(n, '.') : NULL;
		sl_buf_printf(b, "an object (%s)", dot ? dot + 1 : n ? n : "?");
		break;
	}
	case SL_SPEC_LIST:
		sl_buf_puts(b, "a list of ");
		{
			const struct sl_spec_type *et = sl_spec_type(c->spec, t->arg);
			if (et && et->kind == SL_SPEC_TAG) {
				sl_buf_puts(b, "tags (Key and Value)");
				break;
			}
			if (et && et->kind == SL_SPEC_SHAPE) {
				const char *n = sl_spec_shape_name(c->spec, et->arg);
				const char *dot = n ? strrchr(n, '.') : NULL;
				sl_buf_printf(b, "objects (%s)", dot ? dot + 1 : n ? n : "?");
				break;
			}
		}
		{
			struct sl_buf inner = SL_BUF_INIT;
			type_name(c, t->arg, &inner, depth + 1);
			const char *s = sl_buf_cstr(&inner);
			/* "a string" -> "strings" for readability */
			if (strncmp(s, "a ", 2) == 0 && !strchr(s + 2, ' '))
				sl_buf_printf(b, "%ss", s + 2);
			else if (strncmp(s, "an ", 3) == 0 && !strchr(s + 3, ' '))
				sl_buf_printf(b, "%ss", s + 3);
			else
				sl_buf_puts(b, s);
			sl_buf_free(&inner);
		}
		break;
	case SL_SPEC_MAP: sl_buf_puts(b, "a mapping"); break;
	case SL_SPEC_UNION:
		sl_buf_puts(b, "one of: ");
		for (uint32_t i = 0; i < t->n; i++) {
			if (i)
				sl_buf_puts(b, ", ");
			type_name(c, sl_spec_union_member(c->spec, t, i), b, depth + 1);
		}
		break;
	default: sl_buf_puts(b, "any value"); break;
	}
}

const char *sl_schema_type_name(struct sl_ctx *c, uint32_t type)
{
	struct sl_buf b = SL_BUF_INIT;
	type_name(c, type, &b, 0);
	char *r = sl_arena_strndup(c->arena, sl_buf_cstr(&b), b.len);
	sl_buf_free(&b);
	return r ? r : "a value";
}

const char *sl_schema_suggest(struct sl_ctx *c, uint32_t shape, const char *name, size_t len)
{
	if (shape == SL_SPEC_NONE)
		return "";
	uint32_t n = sl_spec_shape_nprops(c->spec, shape);
	if (!n)
		return "";
	const char **cands = malloc(n * sizeof(*cands));
	if (!cands)
		return "";
	for (uint32_t i = 0; i < n; i++)
		cands[i] = sl_spec_str(c->spec, sl_spec_shape_prop(c->spec, shape, i)->name);
	const char *s = sl_suggest(name, len, cands, n);
	free(cands);
	if (!s)
		return "";
	const char *m = sl_arena_printf(c->arena, " (did you mean '%s'?)", s);
	return m ? m : "";
}

const struct sl_node *sl_schema_prop_of(const struct sl_node *v)
{
	for (int depth = 0; v && depth < 16; depth++) {
		const struct sl_node *k = sl_map_key_of(v);
		if (k && !sl_str_eq(k, "Fn::If"))
			return k;
		v = v->parent;
	}
	return NULL;
}

static const char *num(struct sl_ctx *c, double d)
{
	return sl_arena_printf(c->arena, "%.15g", d);
}

/* "between 1 and 5 items", "at most 1 item", ...: unit is singular, +"s" */
static const char *range_text(struct sl_ctx *c, uint32_t lo, uint32_t hi, const char *unit)
{
	if (lo != SL_SPEC_NONE && hi != SL_SPEC_NONE)
		return lo == hi ? sl_arena_printf(c->arena, "exactly %u %s%s", lo, unit, lo == 1 ? "" : "s")
				: sl_arena_printf(c->arena, "between %u and %u %ss", lo, hi, unit);
	if (hi != SL_SPEC_NONE)
		return sl_arena_printf(c->arena, "at most %u %s%s", hi, unit, hi == 1 ? "" : "s");
	return sl_arena_printf(c->arena, "at least %u %s%s", lo, unit, lo == 1 ? "" : "s");
}

const char *sl_schema_bound(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	const struct sl_spec_constraint *k = sl_spec_constraint(c->spec, h->cons);
	if (!k)
		return "";
	switch (h->event) {
	case SL_SCHEMA_LENGTH:
		return range_text(c, k->min_length, k->max_length, "character");
	case SL_SCHEMA_ITEMS:
		return range_text(c, k->min_items, k->max_items, "item");
	case SL_SCHEMA_RANGE: {
		bool lo = k->flags & SL_SPEC_HAS_MIN, hi = k->flags & SL_SPEC_HAS_MAX;
		if (lo && hi)
			return sl_arena_printf(c->arena, "between %s and %s", num(c, k->minimum), num(c, k->maximum));
		return lo ? sl_arena_printf(c->arena, "at least %s", num(c, k->minimum))
			  : sl_arena_printf(c->arena, "at most %s", num(c, k->maximum));
	}
	default:
		return "";
	}
}

static bool relation_singles(const struct sl_spec *s, const struct sl_spec_relation *r)
{
	for (uint32_t g = 0; g < r->ngroups; g++)
		if (strchr(sl_spec_relation_group(s, r, g), ','))
			return false;
	return true;
}

const char *sl_schema_relation_rule(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	const struct sl_spec_relation *r = sl_spec_relation(c->spec, h->cons);
	if (h->event != SL_SCHEMA_RELATION || !r)
		return "";
	switch (r->kind) {
	case SL_SPEC_REL_ONE_OF:
		return relation_singles(c->spec, r) ? "E3014" : "E3018";
	case SL_SPEC_REL_ANY_OF:
		return relation_singles(c->spec, r) ? "E3058" : "E3017";
	case SL_SPEC_REL_REQUIRES:
		return "E3021";
	default:
		return "E3020";
	}
}

/* "'A', 'B' or 'C'"; a group of several as "'X' with 'Y'" */
static const char *groups_text(struct sl_ctx *c, const struct sl_spec_relation *r, const char *last)
{
	struct sl_buf b = SL_BUF_INIT;
	for (uint32_t g = 0; g < r->ngroups; g++) {
		if (g)
			sl_buf_printf(&b, "%s", g + 1 == r->ngroups ? last : ", ");
		const char *grp = sl_spec_relation_group(c->spec, r, g);
		for (const char *p = grp; *p;) {
			const char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			sl_buf_printf(&b, "%s'%.*s'", p == grp ? "" : " with ", (int)n, p);
			p += n + (e != NULL);
		}
	}
	const char *out = sl_arena_printf(c->arena, "%s", sl_buf_cstr(&b));
	sl_buf_free(&b);
	return out;
}

const char *sl_schema_relation_message(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	const struct sl_spec_relation *r = sl_spec_relation(c->spec, h->cons);
	if (!r)
		return "";
	const char *shape = sl_spec_shape_name(c->spec, r->shape);
	switch (r->kind) {
	case SL_SPEC_REL_ONE_OF:
		if (r->ngroups == 1)
			return sl_arena_printf(c->arena, "%s needs %s", shape, groups_text(c, r, ""));
		if (!h->detail)
			return sl_arena_printf(c->arena, "%s needs exactly one of %s; none is set", shape,
					       groups_text(c, r, " or "));
		{
			uint32_t set = 1;
			for (const char *p = h->detail; (p = strstr(p, "' and '")); p++)
				set++;
			if (set == r->ngroups)
				return sl_arena_printf(c->arena, "%s takes only one of %s, not %s: keep one", shape,
						       groups_text(c, r, " and "), set == 2 ? "both" : "all");
			return sl_arena_printf(c->arena, "%s takes only one of %s; %s are set: keep one", shape,
					       groups_text(c, r, ", "), h->detail);
		}
	case SL_SPEC_REL_ANY_OF:
		return sl_arena_printf(c->arena, "%s needs at least one of %s; none is set", shape,
				       groups_text(c, r, " or "));
	case SL_SPEC_REL_REQUIRES:
		return sl_arena_printf(c->arena, "'%s' needs '%s' set too", sl_spec_str(c->spec, r->key), h->detail);
	default:
		return sl_arena_printf(c->arena, "'%s' cannot be set together with '%s'%s", h->detail,
				       sl_spec_str(c->spec, r->key),
				       h->other ? sl_arena_printf(c->arena, " (line %u)", sl_line(c, h->other)) : "");
	}
}

static const char *resolved_why(struct sl_ctx *c, const struct sl_schema_hit *h);

const char *sl_schema_resolved_message(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	const char *why = resolved_why(c, h);
	return sl_arena_printf(c->arena, "%s, %s", sl_schema_resolved_subject(c, h), why);
}

/* The bytes of the first n characters of UTF-8 text s (or all of it). */
static size_t utf8_prefix(const char *s, size_t n)
{
	size_t i = 0;
	for (; s[i] && n; n--)
		for (i++; ((unsigned char)s[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

enum sl_resolved_from sl_schema_resolved_from(const struct sl_schema_hit *h)
{
	const struct sl_node *fk = sl_node_intrinsic(h->at);
	if (h->event != SL_SCHEMA_RESOLVED || !fk || !sl_str_eq(fk, "Ref"))
		return SL_RESOLVED_VALUE;
	const struct sl_node *k = sl_map_key_of(h->other);
	if (!k)
		return SL_RESOLVED_ALLOWED; /* an item of AllowedValues */
	return sl_str_eq(k, "Default") ? SL_RESOLVED_DEFAULT : SL_RESOLVED_BOUND;
}

const char *sl_schema_resolved_subject(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	const struct sl_node *fk = sl_node_intrinsic(h->at);
	const struct sl_node *arg = fk ? h->at->pairs[0].value : NULL;
	/* what the value is: a parameter's Default or one of its AllowedValues,
	 * a mapping's value, an item of a literal list, the text a function
	 * makes */
	const char *fn = "function", *where = "The value";
	const struct sl_node *k = sl_map_key_of(h->other);
	if (fk && sl_str_eq(fk, "Fn::Split"))
		return sl_arena_printf(c->arena, "The Fn::Split gives '%s'", h->other->str);
	if (fk && (sl_str_eq(fk, "Fn::Sub") || sl_str_eq(fk, "Fn::Join") || sl_str_eq(fk, "Fn::ToJsonString"))) {
		if (h->other->len > 100) /* the start of a long text is enough to know it */
			return sl_arena_printf(c->arena, "The %s gives '%.*s...'", fk->str,
					       (int)utf8_prefix(h->other->str, 80), h->other->str);
		return sl_arena_printf(c->arena, "The %s gives '%s'", fk->str, h->other->str);
	}
	if (fk && sl_str_eq(fk, "Fn::GetAZs"))
		return sl_arena_printf(c->arena, "The Fn::GetAZs gives names of Availability Zones such as '%s'",
				       h->other->str);
	if (fk && sl_str_eq(fk, "Fn::Select")) {
		fn = "Fn::Select";
		where = "The list item";
	} else if (fk && sl_str_eq(fk, "Ref") && sl_node_is(arg, SL_SCALAR)) {
		fn = "Ref";
		switch (sl_schema_resolved_from(h)) {
		case SL_RESOLVED_DEFAULT:
			where = sl_arena_printf(c->arena, "The Default of parameter '%s'", arg->str);
			break;
		case SL_RESOLVED_BOUND:
			return sl_arena_printf(c->arena, "Parameter '%s', given by the Ref at line %u, takes values %s its %s '%s'",
					       arg->str, sl_line(c, h->at), sl_str_eq(k, "MinValue") ? "down to" : "up to",
					       k->str, h->other->str);
		default:
			where = sl_arena_printf(c->arena, "An allowed value of parameter '%s'", arg->str);
			break;
		}
	} else if (fk && sl_str_eq(fk, "Fn::FindInMap") && sl_node_is(arg, SL_SEQ) && arg->len &&
		   sl_node_is(arg->items[0], SL_SCALAR)) {
		fn = "Fn::FindInMap";
		where = sl_arena_printf(c->arena, "The value of '%s' in mapping '%s'", k ? k->str : "?",
					arg->items[0]->str);
	}
	return sl_arena_printf(c->arena, "%s, given by the %s at line %u, is '%s'", where, fn, sl_line(c, h->at),
			       h->other->str);
}

/* ", which does not match ...": why a resolved value breaks its constraint */
static const char *resolved_why(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	const struct sl_node *pk = sl_schema_prop_of(h->at);
	const char *prop = pk ? sl_arena_printf(c->arena, " that '%s' requires", pk->str) : "";
	const char *why;
	switch (h->sub) {
	case SL_SCHEMA_NOT_ALLOWED: {
		const struct sl_spec_type *t = sl_spec_type(c->spec, h->type);
		struct sl_buf b = SL_BUF_INIT;
		for (uint32_t i = 0; t && t->kind == SL_SPEC_STRING && i < t->n && i < 12; i++)
			sl_buf_printf(&b, "%s%s", i ? ", " : ": ", sl_spec_allowed_value(c->spec, t, i));
		if (t && t->n > 12)
			sl_buf_puts(&b, ", ...");
		why = sl_arena_printf(c->arena, "which is not an allowed value%s%s",
				      pk ? sl_arena_printf(c->arena, " of '%s'", pk->str) : "", b.len ? sl_buf_cstr(&b) : "");
		sl_buf_free(&b);
		break;
	}
	case SL_SCHEMA_PATTERN:
		why = sl_arena_printf(c->arena, "which does not match the pattern %s%s",
				      sl_spec_constraint_pattern(c->spec, sl_spec_constraint(c->spec, h->cons)), prop);
		break;
	case SL_SCHEMA_LENGTH: {
		size_t n = sl_utf8_chars(h->other->str, h->other->len);
		struct sl_schema_hit b = *h;
		b.event = SL_SCHEMA_LENGTH;
		why = sl_arena_printf(c->arena, "which is %zu characters long; %s takes %s", n,
				      pk ? sl_arena_printf(c->arena, "'%s'", pk->str) : "the property", sl_schema_bound(c, &b));
		break;
	}
	default: {
		struct sl_schema_hit b = *h;
		b.event = SL_SCHEMA_RANGE;
		why = sl_arena_printf(c->arena, "which is out of range%s: it must be %s",
				      pk ? sl_arena_printf(c->arena, " for '%s'", pk->str) : "", sl_schema_bound(c, &b));
		break;
	}
	}
	return why;
}

static void on_relation(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event == SL_SCHEMA_RELATION && strcmp(sl_schema_relation_rule(c, h), c->rule->id) == 0)
		sl_report(c, h->at, "%s", sl_schema_relation_message(c, h));
}

void sl_schema_check_relations(struct sl_ctx *c)
{
	sl_schema_walk(c, on_relation);
}
