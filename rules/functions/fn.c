/*
 * The index of intrinsic function uses behind sl_fn_walk(): one pre-order walk
 * of the template collects every single-key function map, in document order,
 * and the ~15 function rules then read it instead of walking the tree each.
 */
#include "rules/functions/fn.h"

#include <string.h>

struct fn_index {
	const struct sl_node **uses;
	size_t n, cap;
	bool oom;
};

static const char memo_key;

static void free_index(void *p)
{
	struct fn_index *ix = p;
	if (ix)
		free(ix->uses);
	free(ix);
}

static void collect(struct fn_index *ix, const struct sl_node *n, int depth)
{
	if (!n || (n->flags & SL_NODE_ALIAS) || depth > 2048 || ix->oom)
		return;
	if (n->kind == SL_MAP) {
		if (sl_node_intrinsic(n)) {
			if (ix->n == ix->cap) {
				size_t cap = ix->cap ? ix->cap * 2 : 64;
				const struct sl_node **p = realloc(ix->uses, cap * sizeof(*p));
				if (!p) {
					ix->oom = true;
					return;
				}
				ix->uses = p;
				ix->cap = cap;
			}
			ix->uses[ix->n++] = n;
		}
		for (uint32_t i = 0; i < n->len; i++)
			collect(ix, n->pairs[i].value, depth + 1);
	} else if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++)
			collect(ix, n->items[i], depth + 1);
	}
}

void sl_fn_walk(struct sl_ctx *c, const char *name, sl_fn_visit visit)
{
	struct fn_index *ix = sl_memo_get(c, &memo_key);
	if (!ix) {
		ix = sl_memo_put(c, &memo_key, calloc(1, sizeof(*ix)), free_index);
		if (!ix) {
			c->oom = true;
			return;
		}
		collect(ix, c->t->root, 0);
		if (ix->oom)
			c->oom = true;
	}
	size_t nl = strlen(name);
	for (size_t i = 0; i < ix->n; i++) {
		const struct sl_node *fn = ix->uses[i];
		const struct sl_node *k = fn->pairs[0].key;
		if (k->len == nl && memcmp(k->str, name, nl) == 0)
			visit(c, fn, k, fn->pairs[0].value);
	}
}
