/*
 * Helpers shared by the Outputs rules (E6001-E6102, W6001): which outputs are
 * plain declarations, and whether a value can only be a list or a mapping.
 */
#ifndef SL_RULES_OUTPUTS_H
#define SL_RULES_OUTPUTS_H

#include <string.h>

#include "engine/engine.h"

/* True for a Fn::ForEach::Name loop of the language extensions, which is no
 * output itself but generates some. */
static inline bool sl_output_loop(const struct sl_entity *e)
{
	return sl_foreach_key(e->key);
}

/* When v can never be a string (a literal list or mapping, or a function that
 * returns a list), returns a phrase saying what it is; else NULL. */
static inline const char *sl_output_not_string(const struct sl_template *t,
					       const struct sl_node *v)
{
	if (!v)
		return NULL;
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn) {
		if (v->kind == SL_SEQ)
			return "a list";
		if (v->kind == SL_MAP)
			return "a mapping";
		return NULL;
	}
	if (sl_str_eq(fn, "Fn::GetAZs"))
		return "a list (Fn::GetAZs returns one)";
	if (sl_str_eq(fn, "Fn::Split"))
		return "a list (Fn::Split returns one)";
	if (sl_str_eq(fn, "Fn::Cidr"))
		return "a list (Fn::Cidr returns one)";
	if (sl_str_eq(fn, "Ref")) {
		const struct sl_node *a = v->pairs[0].value;
		if (!sl_node_is(a, SL_SCALAR))
			return NULL;
		const struct sl_entity *p = sl_index_find(&t->params, a->str, a->len);
		const struct sl_node *type = p ? sl_map_get(p->value, "Type") : NULL;
		if (type && type->kind == SL_SCALAR &&
		    (sl_str_eq(type, "CommaDelimitedList") || strncmp(type->str, "List<", 5) == 0))
			return "a list parameter";
	}
	return NULL;
}

#endif
