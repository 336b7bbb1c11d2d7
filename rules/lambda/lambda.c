/* Helpers shared by the Lambda and API Gateway rules: see lambda.h. */
#include <stdlib.h>
#include <string.h>

#include "rules/lambda/lambda.h"

bool sl_lam_number(const struct sl_node *n, long long *out)
{
	if (!sl_node_is(n, SL_SCALAR) || n->len == 0 || n->len > 18)
		return false;
	enum sl_scalar_type ty = sl_scalar_type(n);
	if (ty != SL_TYPE_INT && ty != SL_TYPE_STRING)
		return false;
	long long v = 0;
	for (size_t i = 0; i < n->len; i++) {
		if (n->str[i] < '0' || n->str[i] > '9')
			return false;
		v = v * 10 + (n->str[i] - '0');
	}
	*out = v;
	return true;
}

/* The function named by "F.Arn" (len bytes of s), or NULL. */
static const struct sl_entity *arn_target(const struct sl_template *t, const char *s, size_t len)
{
	if (len < 5 || memcmp(s + len - 4, ".Arn", 4) != 0)
		return NULL;
	const struct sl_entity *e = sl_index_find(&t->resources, s, len - 4);
	if (e && (sl_samr_type_is(e, SL_LAM_FUNCTION) || sl_samr_type_is(e, SL_SAM_FUNCTION)))
		return e;
	return NULL;
}

/* The function of {"Fn::GetAtt": [F, "Arn"]}, or NULL. */
static const struct sl_entity *getatt_target(const struct sl_template *t, const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Fn::GetAtt"))
		return NULL;
	const struct sl_node *a = n->pairs[0].value;
	if (!sl_node_is(a, SL_SEQ) || a->len != 2 || !sl_str_eq(a->items[1], "Arn") ||
	    !sl_node_is(a->items[0], SL_SCALAR))
		return NULL;
	const struct sl_entity *e = sl_index_find(&t->resources, a->items[0]->str, a->items[0]->len);
	if (e && (sl_samr_type_is(e, SL_LAM_FUNCTION) || sl_samr_type_is(e, SL_SAM_FUNCTION)))
		return e;
	return NULL;
}

struct sub_scan {
	const struct sl_template *t;
	const char *s;
	const struct sl_node *vars; /* the map of Fn::Sub [string, map], or NULL */
	const struct sl_entity *found;
};

static void sub_var(void *ud, size_t start, size_t len)
{
	struct sub_scan *sc = ud;
	if (sc->found)
		return;
	const char *v = sc->s + start;
	if (sl_node_is(sc->vars, SL_MAP)) {
		for (size_t i = 0; i < sc->vars->len; i++) {
			const struct sl_node *k = sc->vars->pairs[i].key;
			if (k->len == len && memcmp(k->str, v, len) == 0) {
				sc->found = getatt_target(sc->t, sc->vars->pairs[i].value);
				return;
			}
		}
	}
	sc->found = arn_target(sc->t, v, len);
}

const struct sl_entity *sl_lam_uri_function(const struct sl_template *t, const struct sl_node *uri)
{
	const struct sl_node *k = sl_node_intrinsic(uri);
	if (!k)
		return NULL;
	const struct sl_node *a = uri->pairs[0].value;
	if (sl_str_eq(k, "Fn::GetAtt"))
		return getatt_target(t, uri);
	if (sl_str_eq(k, "Fn::Sub")) {
		struct sub_scan sc = { .t = t };
		const struct sl_node *s = a;
		if (sl_node_is(a, SL_SEQ) && a->len == 2) {
			s = a->items[0];
			sc.vars = a->items[1];
		}
		if (!sl_node_is(s, SL_SCALAR))
			return NULL;
		sc.s = s->str;
		sl_sub_vars(s->str, s->len, sub_var, &sc);
		return sc.found;
	}
	if (sl_str_eq(k, "Fn::Join") && sl_node_is(a, SL_SEQ) && a->len == 2 &&
	    sl_node_is(a->items[1], SL_SEQ)) {
		const struct sl_node *parts = a->items[1];
		for (size_t i = 0; i < parts->len; i++) {
			const struct sl_entity *e = sl_lam_uri_function(t, parts->items[i]);
			if (e)
				return e;
		}
	}
	return NULL;
}

bool sl_lam_v2_websocket(const struct sl_template *t, const struct sl_entity *integration)
{
	const struct sl_node *id = sl_map_get(sl_samr_props(integration), "ApiId");
	const struct sl_node *k = sl_node_intrinsic(id);
	if (!k || !sl_str_eq(k, "Ref") || !sl_node_is(id->pairs[0].value, SL_SCALAR))
		return false;
	const struct sl_node *name = id->pairs[0].value;
	const struct sl_entity *api = sl_index_find(&t->resources, name->str, name->len);
	if (!api || !sl_samr_type_is(api, "AWS::ApiGatewayV2::Api"))
		return false;
	return sl_str_eq(sl_map_get(sl_samr_props(api), "ProtocolType"), "WEBSOCKET");
}

static bool streams(const struct sl_node *n, int depth)
{
	if (!n || depth > 64 || n->kind == SL_SCALAR)
		return false;
	for (size_t i = 0; i < n->len; i++) {
		if (n->kind == SL_SEQ) {
			if (streams(n->items[i], depth + 1))
				return true;
			continue;
		}
		const struct sl_pair *p = &n->pairs[i];
		if ((sl_str_eq(p->key, "ResponseTransferMode") || sl_str_eq(p->key, "responseTransferMode")) &&
		    sl_str_eq(p->value, "STREAM"))
			return true;
		if (streams(p->value, depth + 1))
			return true;
	}
	return false;
}

bool sl_lam_streams(const struct sl_node *n)
{
	return streams(n, 0);
}
