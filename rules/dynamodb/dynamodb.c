/* Helpers shared by the DynamoDB and Kinesis rules: see dynamodb.h. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/dynamodb/dynamodb.h"

/* ---- condition scenarios ---- */

struct finding {
	const struct sl_node *at;
	const char *msg;
	unsigned mask; /* 1: found when the condition is true, 2: when false */
};

struct sl_ddb_scenario {
	struct sl_ctx *c;
	const struct sl_node *cond; /* the condition's name (a scalar), or NULL */
	bool value;                 /* the branch this scenario takes */
	unsigned bit;               /* 1 or 2; 3 without a condition */
	struct finding *f;
	size_t n, cap;
};

static bool same_text(const struct sl_node *a, const struct sl_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* Notes in *cond the condition every Fn::If below n tests. Returns false when
 * an Fn::If is malformed or a second condition appears. The loader caps the
 * nesting depth, so the recursion is bounded. */
static bool scan_conditions(const struct sl_node *n, const struct sl_node **cond)
{
	if (!n)
		return true;
	if (n->kind == SL_SEQ) {
		for (size_t i = 0; i < n->len; i++)
			if (!scan_conditions(n->items[i], cond))
				return false;
		return true;
	}
	if (n->kind != SL_MAP)
		return true;
	const struct sl_node *k = sl_node_intrinsic(n);
	if (k && sl_str_eq(k, "Fn::If")) {
		const struct sl_node *args = n->pairs[0].value;
		if (!sl_node_is(args, SL_SEQ) || args->len != 3 || !sl_samr_is_string(args->items[0]))
			return false;
		if (!*cond)
			*cond = args->items[0];
		else if (!same_text(*cond, args->items[0]))
			return false;
		return scan_conditions(args->items[1], cond) && scan_conditions(args->items[2], cond);
	}
	for (size_t i = 0; i < n->len; i++)
		if (!scan_conditions(n->pairs[i].value, cond))
			return false;
	return true;
}

const struct sl_node *sl_ddb_value(const struct sl_ddb_scenario *s, const struct sl_node *n)
{
	while (n) {
		const struct sl_node *k = sl_node_intrinsic(n);
		if (!k)
			return n;
		if (sl_samr_is_novalue(n))
			return NULL;
		if (!sl_str_eq(k, "Fn::If") || !s->cond)
			return n;
		const struct sl_node *args = n->pairs[0].value;
		if (!sl_node_is(args, SL_SEQ) || args->len != 3 || !sl_node_is(args->items[0], SL_SCALAR) ||
		    !same_text(args->items[0], s->cond))
			return n;
		n = args->items[s->value ? 1 : 2];
	}
	return NULL;
}

const struct sl_node *sl_ddb_get(const struct sl_ddb_scenario *s, const struct sl_node *map,
				 const char *key)
{
	map = sl_ddb_value(s, map);
	if (!sl_node_is(map, SL_MAP) || sl_node_intrinsic(map))
		return NULL;
	return sl_ddb_value(s, sl_map_get(map, key));
}

void sl_ddb_report(struct sl_ddb_scenario *s, const struct sl_node *at, const char *fmt, ...)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct finding *p = realloc(s->f, cap * sizeof(*p));
		if (!p) {
			s->c->oom = true;
			return;
		}
		s->f = p;
		s->cap = cap;
	}
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int len = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *m = len < 0 ? NULL : sl_arena_alloc(s->c->arena, (size_t)len + 1);
	if (m)
		vsnprintf(m, (size_t)len + 1, fmt, ap);
	va_end(ap);
	if (!m) {
		s->c->oom = true;
		return;
	}
	s->f[s->n++] = (struct finding){ at, m, s->bit };
}

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	if (x->at != y->at)
		return (uintptr_t)x->at < (uintptr_t)y->at ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

const char *sl_ddb_gsi_name(const struct sl_ddb_scenario *s, const struct sl_node *ix, size_t i)
{
	const struct sl_node *name = sl_ddb_get(s, ix, "IndexName");
	return sl_samr_is_string(name)
		? sl_arena_printf(s->c->arena, "global secondary index '%s'", name->str)
		: sl_arena_printf(s->c->arena, "global secondary index %zu", i + 1);
}

/* The scenarios of one resource's properties map (see sl_ddb_each_scenario). */
static void scenarios(struct sl_ctx *c, const struct sl_node *props, const char *const *keys,
		      sl_ddb_check_fn fn, void *ud)
{
	if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
		return;
	const struct sl_node *cond = NULL;
	for (size_t i = 0; keys[i]; i++)
		if (!scan_conditions(sl_map_get(props, keys[i]), &cond))
			return;
	struct sl_ddb_scenario s = { .c = c, .cond = cond, .value = true, .bit = cond ? 1 : 3 };
	fn(&s, props, ud);
	if (cond) {
		s.value = false;
		s.bit = 2;
		fn(&s, props, ud);
	}
	if (s.n > 1)
		qsort(s.f, s.n, sizeof(*s.f), finding_cmp);
	for (size_t i = 0; i < s.n;) {
		size_t j = i;
		unsigned mask = 0;
		for (; j < s.n && finding_cmp(&s.f[i], &s.f[j]) == 0; j++)
			mask |= s.f[j].mask;
		if (mask == 3)
			sl_report(c, s.f[i].at, "%s", s.f[i].msg);
		else
			sl_report(c, s.f[i].at, "%s (when the condition '%s' is %s)", s.f[i].msg,
				  cond->str, mask == 1 ? "true" : "false");
		i = j;
	}
	free(s.f);
}

void sl_ddb_each_scenario(struct sl_ctx *c, const char *type, const char *type2,
			  const char *const *keys, sl_ddb_check_fn fn, void *ud)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, type, type2);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (sl_samr_type_is(e, type) || (type2 && sl_samr_type_is(e, type2)))
			scenarios(c, sl_samr_props(e), keys, fn, ud);
	}
}

/* ---- stream consumers ---- */

/* The kind of stream a literal ARN (or the template of an Fn::Sub) names:
 * arn:<partition>:dynamodb:<region>:<account>:table/<name>/stream/<label> or
 * arn:<partition>:kinesis:<region>:<account>:stream/<name>[/consumer/...]. */
static enum sl_ddb_stream arn_kind(const char *s)
{
	if (strncmp(s, "arn:", 4) != 0)
		return SL_DDB_STREAM_UNKNOWN;
	const char *svc = s + 4;
	if (strncmp(svc, "${", 2) == 0 && !(svc = strchr(svc, '}'))) /* ${AWS::Partition} */
		return SL_DDB_STREAM_UNKNOWN;
	svc = strchr(svc, ':');
	if (!svc)
		return SL_DDB_STREAM_UNKNOWN;
	svc++;
	if (strncmp(svc, "dynamodb:", 9) == 0 && strstr(svc, ":table/") && strstr(svc, "/stream/"))
		return SL_DDB_STREAM_DYNAMODB;
	if (strncmp(svc, "kinesis:", 8) == 0 && strstr(svc, ":stream/"))
		return SL_DDB_STREAM_KINESIS;
	return SL_DDB_STREAM_UNKNOWN;
}

/* The kind of stream {"Fn::GetAtt": [R, Attr]} (or "R.Attr") names, when R is
 * a resource of the template. */
static enum sl_ddb_stream getatt_kind(const struct sl_template *t, const struct sl_node *arg)
{
	const char *name, *attr;
	size_t len;
	if (sl_node_is(arg, SL_SEQ) && arg->len == 2 && sl_node_is(arg->items[0], SL_SCALAR) &&
	    sl_node_is(arg->items[1], SL_SCALAR)) {
		name = arg->items[0]->str;
		len = arg->items[0]->len;
		attr = arg->items[1]->str;
	} else if (sl_node_is(arg, SL_SCALAR) && (attr = strchr(arg->str, '.'))) {
		name = arg->str;
		len = (size_t)(attr - arg->str);
		attr++;
	} else {
		return SL_DDB_STREAM_UNKNOWN;
	}
	const struct sl_entity *e = sl_index_find(&t->resources, name, len);
	if (!e)
		return SL_DDB_STREAM_UNKNOWN;
	if (strcmp(attr, "StreamArn") == 0 &&
	    (sl_samr_type_is(e, SL_DDB_TABLE) || sl_samr_type_is(e, SL_DDB_GLOBAL_TABLE)))
		return SL_DDB_STREAM_DYNAMODB;
	if ((strcmp(attr, "Arn") == 0 && sl_samr_type_is(e, SL_DDB_KINESIS_STREAM)) ||
	    (strcmp(attr, "ConsumerARN") == 0 && sl_samr_type_is(e, "AWS::Kinesis::StreamConsumer")))
		return SL_DDB_STREAM_KINESIS;
	return SL_DDB_STREAM_UNKNOWN;
}

struct kind_acc {
	const struct sl_template *t;
	enum sl_ddb_stream kind;
	bool mixed;
};

static void note_kind(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)c;
	struct kind_acc *a = ud;
	enum sl_ddb_stream k = SL_DDB_STREAM_UNKNOWN;
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn && sl_samr_is_string(v)) {
		k = arn_kind(v->str);
	} else if (fn && sl_str_eq(fn, "Fn::GetAtt")) {
		k = getatt_kind(a->t, v->pairs[0].value);
	} else if (fn && sl_str_eq(fn, "Fn::Sub")) {
		const struct sl_node *s = v->pairs[0].value;
		if (sl_node_is(s, SL_SEQ) && s->len == 2)
			s = s->items[0];
		if (sl_samr_is_string(s))
			k = arn_kind(s->str);
	}
	if (a->kind != SL_DDB_STREAM_UNKNOWN && a->kind != k)
		a->mixed = true;
	a->kind = k;
}

/* The kind of stream an EventSourceArn names; UNKNOWN unless every value it
 * can take (each branch of an Fn::If) names the same kind. */
static enum sl_ddb_stream source_kind(struct sl_ctx *c, const struct sl_node *arn)
{
	struct kind_acc a = { c->t, SL_DDB_STREAM_UNKNOWN, false };
	if (!arn)
		return SL_DDB_STREAM_UNKNOWN;
	sl_samr_each_value(arn, note_kind, c, &a);
	return a.mixed ? SL_DDB_STREAM_UNKNOWN : a.kind;
}

void sl_ddb_each_consumer(struct sl_ctx *c,
			  void (*fn)(struct sl_ctx *c, const struct sl_ddb_consumer *k, void *ud),
			  void *ud)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_DDB_ESM, SL_SAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (sl_samr_type_is(e, SL_DDB_ESM)) {
			const struct sl_node *props = sl_samr_props(e);
			if (!props || sl_node_intrinsic(props))
				continue;
			struct sl_ddb_consumer k = { e, NULL, props, sl_samr_anchor(e),
						     source_kind(c, sl_map_get(props, "EventSourceArn")) };
			fn(c, &k, ud);
			continue;
		}
		if (!sl_samr_type_is(e, SL_SAM_FUNCTION))
			continue;
		const struct sl_node *events = sl_map_get(sl_samr_props(e), "Events");
		if (!sl_node_is(events, SL_MAP) || sl_node_intrinsic(events))
			continue;
		for (size_t j = 0; j < events->len; j++) {
			const struct sl_node *ev = events->pairs[j].value;
			const struct sl_node *ty = sl_map_get(ev, "Type");
			enum sl_ddb_stream kind;
			if (sl_str_eq(ty, "DynamoDB"))
				kind = SL_DDB_STREAM_DYNAMODB;
			else if (sl_str_eq(ty, "Kinesis"))
				kind = SL_DDB_STREAM_KINESIS;
			else if (sl_str_eq(ty, "MSK") || sl_str_eq(ty, "SelfManagedKafka"))
				kind = SL_DDB_STREAM_UNKNOWN;
			else
				continue;
			const struct sl_pair *pp = sl_map_get_pair(ev, "Properties");
			if (!pp || !sl_node_is(pp->value, SL_MAP) || sl_node_intrinsic(pp->value))
				continue;
			struct sl_ddb_consumer k = { e, events->pairs[j].key, pp->value, pp->key, kind };
			fn(c, &k, ud);
		}
	}
}

const char *sl_ddb_consumer_name(struct sl_ctx *c, const struct sl_ddb_consumer *k)
{
	if (k->event)
		return sl_arena_printf(c->arena, "event '%s' of '%s'", k->event->str, k->res->key->str);
	return sl_arena_printf(c->arena, "event source mapping '%s'", k->res->key->str);
}

struct index_count {
	const char *key;
	size_t max;
	const char *kind, *why;
};

static void index_count_scenario(struct sl_ddb_scenario *s, const struct sl_node *props, void *ud)
{
	const struct index_count *ic = ud;
	const struct sl_node *list = sl_ddb_get(s, props, ic->key);
	if (!sl_node_is(list, SL_SEQ) || list->len <= ic->max)
		return;
	size_t n = 0;
	for (size_t i = 0; i < list->len; i++)
		n += sl_ddb_value(s, list->items[i]) != NULL;
	if (n > ic->max)
		sl_ddb_report(s, sl_map_get_pair(props, ic->key)->key, "%zu %s secondary indexes: %s", n, ic->kind,
			      ic->why);
}

void sl_ddb_check_index_count(struct sl_ctx *c, const char *key, size_t max, const char *kind, const char *why)
{
	const char *const keys[] = { key, NULL };
	struct index_count ic = { key, max, kind, why };
	sl_ddb_each_scenario(c, SL_DDB_TABLE, SL_DDB_GLOBAL_TABLE, keys, index_count_scenario, &ic);
}
