/*
 * Helpers shared by the intrinsic-function shape rules (E1015 ... E1028, W1019,
 * W1020): a walk over every use of one function in the template, and small
 * predicates on the argument nodes.
 */
#ifndef SL_RULES_FUNCTIONS_FN_H
#define SL_RULES_FUNCTIONS_FN_H

#include <stdlib.h>

#include "engine/engine.h"

/* Called for each {name: value} map: `fn` is the map, `key` its single key. */
typedef void (*sl_fn_visit)(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
			    const struct sl_node *value);

/* Calls visit for every use of the function `name` ("Fn::If") in the template,
 * nested ones included, in document order. The uses of every function are
 * collected in one walk per template, shared by all the function rules. */
void sl_fn_walk(struct sl_ctx *c, const char *name, sl_fn_visit visit);

/* The uses of the function `name` that sl_fn_walk visits, in the same order:
 * *n gets their number (0 when there are none or memory ran out, which sets
 * c->oom). */
const struct sl_node *const *sl_fn_uses(struct sl_ctx *c, const char *name, size_t *n);

/* Where the uses of one function start, for a walk that looks for that
 * function only: it may skip a subtree that holds none. */
struct sl_fn_spans {
	uint32_t *starts; /* byte offsets, ascending (document order) */
	size_t n;
	const char *name; /* the function's */
};

/* Fills s for the function `name` and returns true when the walk may skip by
 * it: the tree rules read is the one the loader built, where a node's span
 * holds the spans of all below it (not so in the LanguageExtensions
 * expansion, whose copies keep the positions of what they copy). False, with
 * s empty, otherwise or when memory ran out (c->oom is then set). */
bool sl_fn_spans_init(struct sl_ctx *c, const char *name, struct sl_fn_spans *s);

/* True when a use of s lies within n's span. O(log uses); a debug build
 * checks each "no" against the subtree. */
bool sl_fn_spans_within(const struct sl_fn_spans *s, const struct sl_node *n);

void sl_fn_spans_free(struct sl_fn_spans *s);

/* True when n is a map with one intrinsic function key (Ref, Fn::*, Condition). */
static inline bool sl_fn_is(const struct sl_node *n)
{
	return sl_node_is(n, SL_MAP) && sl_node_intrinsic(n) != NULL;
}

/* True when n is a string scalar (quoted, or plain that YAML reads as a string). */
static inline bool sl_fn_is_string(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS) &&
	       sl_scalar_type(n) != SL_TYPE_NULL;
}

/* True when n is a null CloudFormation rejects: JSON null, or a YAML value
 * left empty (`Fn::GetAZs:`, `null`, `~`). The content of a short-form tag is
 * not one: `!GetAZs` with nothing after it is an explicitly tagged scalar,
 * which YAML reads as the empty string. */
static inline bool sl_fn_is_null(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS) &&
	       sl_scalar_type(n) == SL_TYPE_NULL &&
	       !(n->parent && (n->parent->flags & SL_NODE_SHORT));
}

/* True when fn (a function map) is the list argument of a Fn::Select:
 * [index, fn]. */
static inline bool sl_fn_in_select(const struct sl_node *fn)
{
	const struct sl_node *seq = fn ? fn->parent : NULL;
	if (!sl_node_is(seq, SL_SEQ) || seq->len != 2 || seq->items[1] != fn)
		return false;
	const struct sl_node *sel = seq->parent;
	const struct sl_node *k = sl_node_intrinsic(sel);
	return k && sl_str_eq(k, "Fn::Select");
}

/* Literal integer value of a scalar ("3" or 3), in *out; false when not one. */
static inline bool sl_fn_int(const struct sl_node *n, long *out)
{
	if (!sl_node_is(n, SL_SCALAR) || n->len == 0 || n->len > 18)
		return false;
	char *end;
	long v = strtol(n->str, &end, 10);
	if (end != n->str + n->len)
		return false;
	*out = v;
	return true;
}

/* What a node is, for messages: "a list", "a function", "a mapping", "null", "a scalar". */
static inline const char *sl_fn_kind(const struct sl_node *n)
{
	if (!n)
		return "nothing";
	if (n->kind == SL_SEQ)
		return "a list";
	if (n->kind == SL_MAP)
		return sl_node_intrinsic(n) ? "a function" : "a mapping";
	return sl_scalar_type(n) == SL_TYPE_NULL ? "null" : "a scalar";
}

#endif
