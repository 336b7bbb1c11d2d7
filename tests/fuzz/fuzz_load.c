/*
 * Fuzz target: the loader on both YAML backends (and the JSON parser when the
 * input starts with '{'). Checks the invariants every later stage relies on:
 * positions inside the input, parents linked, keys scalars. And that the fast
 * YAML reader in front of libyaml changes nothing: the tree and diagnostics
 * are libyaml's alone, node by node.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
		if (x->start > len || x->end > len)
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

static bool pos_eq(struct sl_position a, struct sl_position b)
{
	return a.line == b.line && a.column == b.column && a.offset == b.offset;
}

static bool same_tree(const struct sl_node *a, const struct sl_node *b, int depth)
{
	if (!a || !b)
		return a == b;
	if (depth > 4096 || a->kind != b->kind || a->style != b->style || a->flags != b->flags ||
	    a->len != b->len || a->start != b->start || a->end != b->end ||
	    !sl_node_tag(a) != !sl_node_tag(b) || (sl_node_tag(a) && strcmp(sl_node_tag(a), sl_node_tag(b)) != 0))
		return false;
	if (a->kind == SL_SCALAR)
		return memcmp(a->str, b->str, a->len) == 0;
	for (uint32_t i = 0; i < a->len; i++) {
		if (a->kind == SL_MAP ? !same_tree(a->pairs[i].key, b->pairs[i].key, depth + 1) ||
					!same_tree(a->pairs[i].value, b->pairs[i].value, depth + 1)
				      : !same_tree(a->items[i], b->items[i], depth + 1))
			return false;
	}
	return true;
}

static bool same_diags(const struct sl_doc *a, const struct sl_doc *b)
{
	if (a->n_diags != b->n_diags || a->failed != b->failed || a->empty != b->empty)
		return false;
	for (size_t i = 0; i < a->n_diags; i++) {
		const struct sl_ldiag *x = &a->diags[i], *y = &b->diags[i];
		if (strcmp(x->rule_id, y->rule_id) != 0 || x->severity != y->severity ||
		    !pos_eq(x->start, y->start) || !pos_eq(x->end, y->end) || strcmp(x->message, y->message) != 0)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int be = SL_BACKEND_LIBYAML; be <= SL_BACKEND_LIBFYAML; be++) {
		struct sl_arena a;
		sl_arena_init(&a);
		struct sl_doc d;
		struct sl_load_opts o = { .backend = (enum sl_backend)be };
		int r = sl_load(&d, &a, (const char *)data, size, &o);
		if (r == 0 && d.root)
			check_tree(d.root, d.len);
		if (be == SL_BACKEND_LIBYAML) {
			/* libyaml alone, without the fast reader */
			struct sl_arena a2;
			sl_arena_init(&a2);
			struct sl_doc d2;
			struct sl_load_opts o2 = { .backend = SL_BACKEND_LIBYAML, .libyaml_only = true };
			int r2 = sl_load(&d2, &a2, (const char *)data, size, &o2);
			if (r != r2 || (r == 0 && (!same_diags(&d, &d2) || !same_tree(d.root, d2.root, 0))))
				abort();
			sl_arena_free(&a2);
		}
		sl_arena_free(&a);
	}
	return 0;
}
