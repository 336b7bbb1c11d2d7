/*
 * Helpers shared by the reference rules (E1010, E1020, E3005, E3015, E8002):
 * "did you mean" over the logical IDs of one or two sections.
 */
#ifndef SL_RULES_REFS_H
#define SL_RULES_REFS_H

#include <stdlib.h>

#include "engine/engine.h"

/* How many names "did you mean" may compare over one template: each
 * suggestion costs every ID of the sections, so a template with thousands of
 * unknown references would be quadratic; past this, they get no suggestion. */
#define SL_SUGGEST_WORK ((size_t)1 << 22)

/* Closest logical ID in a and b (b may be NULL), or NULL; NULL too once the
 * template's SL_SUGGEST_WORK is spent (counted in c). */
static inline const char *sl_suggest_ids(struct sl_ctx *c, const char *name, size_t len,
					 const struct sl_index *a, const struct sl_index *b)
{
	size_t n = a->n + (b ? b->n : 0);
	if (!n || c->suggest_work + n > SL_SUGGEST_WORK)
		return NULL;
	c->suggest_work += n;
	const char **ids = malloc(n * sizeof(*ids));
	if (!ids)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < a->n; i++)
		ids[k++] = a->items[i].key->str;
	for (size_t i = 0; b && i < b->n; i++)
		ids[k++] = b->items[i].key->str;
	const char *s = sl_suggest(name, len, ids, k);
	free(ids);
	return s;
}

/* True for the Condition attribute of an output (E6005's; E8002 takes the
 * other condition uses). */
static inline bool sl_ref_is_output_condition(const struct sl_ref *r)
{
	return r->kind == SL_REF_COND && r->section == SL_SEC_OUTPUTS && r->from && r->at &&
	       r->at->parent && r->at->parent == r->from->value;
}

/* " (did you mean 'X'?)" or "" — in the arena. */
static inline const char *sl_did_you_mean(struct sl_ctx *c, const char *s)
{
	if (!s)
		return "";
	const char *m = sl_arena_printf(c->arena, " (did you mean '%s'?)", s);
	return m ? m : "";
}

#endif
