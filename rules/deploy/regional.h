/*
 * Shared by the region-specific rules (E99530, E99531) and W3010: a walk over each
 * resource's Properties along the resource specification (nested types,
 * lists, maps of nested types, both branches of Fn::If), calling back for
 * every property the specification knows, so that free-form values (a
 * function's environment variables, a nested stack's Parameters, tags,
 * custom resources) are never mistaken for properties; and the Regions the
 * template is judged for, as one comma-separated text for messages.
 */
#ifndef SL_RULES_DEPLOY_REGIONAL_H
#define SL_RULES_DEPLOY_REGIONAL_H

#include <stdbool.h>

#include "engine/engine.h"

/* Called for a property `key` with value v (not an intrinsic function but
 * Fn::If, whose branches are walked instead) of spec type `type`. Returns
 * true when it took the value; false walks into it (nested types, lists). */
typedef bool (*sl_regional_fn)(struct sl_ctx *c, const struct sl_node *key, uint32_t type,
			       const struct sl_node *v);

/* Walks the properties of every resource whose type the specification has. */
void sl_regional_walk(struct sl_ctx *c, sl_regional_fn fn);

/* The literal text at the start of a value: a plain string (the whole of it,
 * *whole set), or the part of a Fn::Sub string before its first ${ (*whole
 * cleared). NULL for anything else (a number, another function, an alias).
 * *len gets the length. */
const char *sl_regional_literal(const struct sl_node *v, size_t *len, bool *whole,
				const struct sl_node **at);

#endif
