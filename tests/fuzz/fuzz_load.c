/*
 * Fuzz target: the loader on both YAML backends (and the JSON parser when the
 * input starts with '{'). Checks the invariants every later stage relies on:
 * positions inside the input, parents linked, keys scalars.
 */
#include <stdint.h>
#include <stdlib.h>

#include "load/load.h"
#include "load/node.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_tree(const struct sl_node *n, size_t len)
{
	/* iterative walk: depth is bounded by the loader, but keep the fuzzer cheap */
	const struct sl_node *stack[2048];
	size_t top = 0;
	stack[top++] = n;
	while (top) {
		const struct sl_node *x = stack[--top];
		if (x->start.offset > len || x->end.offset > len || x->start.line == 0 || x->start.column == 0)
			abort();
		if (x->kind == SL_MAP) {
			for (size_t i = 0; i < x->len; i++) {
				if (x->pairs[i].key->kind != SL_SCALAR || x->pairs[i].key->parent != x ||
				    x->pairs[i].value->parent != x)
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
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int be = SL_BACKEND_LIBYAML; be <= SL_BACKEND_LIBFYAML; be++) {
		struct sl_arena a;
		sl_arena_init(&a);
		struct sl_doc d;
		struct sl_load_opts o = { (enum sl_backend)be, 0 };
		if (sl_load(&d, &a, (const char *)data, size, &o) == 0 && d.root)
			check_tree(d.root, d.len);
		sl_arena_free(&a);
	}
	return 0;
}
