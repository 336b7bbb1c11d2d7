/*
 * Fuzz target: the TOML reader (src/load/toml.c). Checks the invariants every
 * later stage relies on: a tree or an E0000 diagnostic (never both missing),
 * positions inside the input and in order, parents linked, keys scalars, every
 * scalar typed (string or one of TOML's tagged types), each map's keys distinct.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/node.h"
#include "load/toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_pos(const struct sl_node *x, size_t len)
{
	if (x->start > len || x->end > len || x->start > x->end)
		abort();
}

static void check_tree(const struct sl_node *n, size_t len)
{
	/* iterative walk: depth is bounded by the reader, but keep the fuzzer cheap */
	const struct sl_node *stack[2048];
	size_t top = 0;
	stack[top++] = n;
	while (top) {
		const struct sl_node *x = stack[--top];
		check_pos(x, len);
		if (x->kind == SL_MAP) {
			for (size_t i = 0; i < x->len; i++) {
				const struct sl_node *k = x->pairs[i].key;
				if (k->kind != SL_SCALAR || k->parent != x || x->pairs[i].value->parent != x)
					abort();
				check_pos(k, len);
				/* small maps: keys are distinct (the reader rejects duplicates) */
				for (size_t j = 0; j < i && x->len <= 64; j++)
					if (x->pairs[j].key->len == k->len &&
					    memcmp(x->pairs[j].key->str, k->str, k->len) == 0)
						abort();
				if (top < 2047)
					stack[top++] = x->pairs[i].value;
			}
		} else if (x->kind == SL_SEQ) {
			for (size_t i = 0; i < x->len; i++) {
				if (x->items[i]->parent != x)
					abort();
				if (top < 2047)
					stack[top++] = x->items[i];
			}
		} else if (sl_toml_type(x) == SL_TOML_NONE || x->str[x->len] != '\0') {
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc d;
	if (sl_load_toml(&d, &a, (const char *)data, size, NULL) == 0) {
		if (d.root)
			check_tree(d.root, d.len);
		else if (d.n_diags == 0 || !d.failed)
			abort();
		for (size_t i = 0; i < d.n_diags; i++)
			if (d.diags[i].start.offset > d.len || d.diags[i].end.offset < d.diags[i].start.offset)
				abort();
	}
	sl_arena_free(&a);
	return 0;
}
