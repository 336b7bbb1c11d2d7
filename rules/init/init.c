/* Helpers shared by the AWS::CloudFormation::Init rules: see init.h. */
#include "rules/init/init.h"

const struct sl_node *sl_init_of(const struct sl_entity *resource)
{
	const struct sl_node *md = sl_entity_attr(resource, SL_ATTR_METADATA);
	return sl_map_get(md, SL_INIT_KEY);
}

/* A part inside Join or Sub: its text, or the unknown marker. */
static void part(const struct sl_template *t, const struct sl_node *n, struct sl_buf *out,
		 bool *opaque)
{
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (n->kind == SL_SCALAR) {
		sl_buf_put(out, n->str, n->len);
		return;
	}
	if (fn && (sl_str_eq(fn, "Fn::Join") || sl_str_eq(fn, "Fn::Sub"))) {
		size_t mark = out->len;
		if (sl_init_text(t, n, out, opaque))
			return;
		out->len = mark;
	} else if (fn && sl_str_eq(fn, "Ref")) {
		const struct sl_node *v = n->pairs[0].value;
		if (v->kind == SL_SCALAR && sl_index_find(&t->params, v->str, v->len))
			*opaque = true;
	} else if (!fn || !sl_str_eq(fn, "Fn::GetAtt")) {
		*opaque = true;
	}
	sl_buf_putc(out, SL_INIT_UNKNOWN);
}

bool sl_init_text(const struct sl_template *t, const struct sl_node *n, struct sl_buf *out,
		  bool *opaque)
{
	if (!n)
		return false;
	if (n->kind == SL_SCALAR) {
		sl_buf_put(out, n->str, n->len);
		return true;
	}
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (!fn)
		return false;
	const struct sl_node *v = n->pairs[0].value;
	if (sl_str_eq(fn, "Fn::Sub")) {
		if (v->kind == SL_SEQ && v->len >= 1)
			v = v->items[0];
		if (v->kind != SL_SCALAR)
			return false;
		sl_buf_put(out, v->str, v->len);
		return true;
	}
	if (sl_str_eq(fn, "Fn::Join")) {
		if (v->kind != SL_SEQ || v->len != 2 || v->items[0]->kind != SL_SCALAR ||
		    v->items[1]->kind != SL_SEQ)
			return false;
		const struct sl_node *d = v->items[0], *l = v->items[1];
		for (uint32_t i = 0; i < l->len; i++) {
			if (i)
				sl_buf_put(out, d->str, d->len);
			part(t, l->items[i], out, opaque);
		}
		return true;
	}
	return false;
}
