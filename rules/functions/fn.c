/*
 * The index of intrinsic function uses behind sl_fn_walk(): every single-key
 * function map of the template, in document order, grouped by name; the ~15
 * function rules read it instead of walking the tree each. The loader noted
 * the calls as it built them (sl_doc.fn_maps); only a tree it did not build
 * (the LanguageExtensions expansion) is walked here.
 */
#include "rules/functions/fn.h"

#include <assert.h>
#include <string.h>

/* The uses grouped by function name, each group in document order: a rule
 * reads its own group, not every use (~15 rules asking over 100,000 uses). */
struct fn_group {
	const char *name; /* the key's text */
	uint32_t len;
	size_t first, n;  /* its uses: sorted[first .. first + n) */
};

struct fn_index {
	const struct sl_node **uses, **sorted;
	size_t n, cap;
	struct fn_group *groups; /* cap_groups of them: as many as there are names */
	size_t n_groups, cap_groups;
	uint32_t *slots; /* n_slots (a power of two, at least twice the groups): a
			  * group's index + 1, or 0 */
	size_t n_slots;
	bool oom;
};

static const char memo_key;

static void free_index(void *p)
{
	struct fn_index *ix = p;
	if (ix) {
		free(ix->uses);
		free(ix->sorted);
		free(ix->groups);
		free(ix->slots);
	}
	free(ix);
}
/* The calls below n, in pre-order: for a tree the loader did not build. */
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

static uint64_t hash_of(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The slot of name in the open-addressed table of groups: the group's index
 * plus one, or the empty slot where it goes. */
static size_t slot_of(const struct fn_index *ix, const char *name, size_t len)
{
	size_t mask = ix->n_slots - 1, i = (size_t)hash_of(name, len) & mask;
	for (;; i = (i + 1) & mask) {
		uint32_t g = ix->slots[i];
		if (!g || (ix->groups[g - 1].len == len && memcmp(ix->groups[g - 1].name, name, len) == 0))
			return i;
	}
}

/* Room for one more group: the groups and the table of names double as
 * needed (a template names a few dozen functions, not one per use). */
static bool room_for_group(struct fn_index *ix)
{
	if (ix->n_groups < ix->cap_groups && 2 * (ix->n_groups + 1) <= ix->n_slots)
		return true;
	size_t cap = ix->cap_groups ? ix->cap_groups * 2 : 32;
	struct fn_group *g = realloc(ix->groups, cap * sizeof(*g));
	if (!g)
		return false;
	ix->groups = g;
	ix->cap_groups = cap;
	uint32_t *slots = calloc(2 * cap, sizeof(*slots));
	if (!slots)
		return false;
	free(ix->slots);
	ix->slots = slots;
	ix->n_slots = 2 * cap;
	for (size_t i = 0; i < ix->n_groups; i++)
		ix->slots[slot_of(ix, ix->groups[i].name, ix->groups[i].len)] = (uint32_t)i + 1;
	return true;
}

/* Each use's group found by its name in a hash table (any number of distinct
 * Fn:: names stays linear), then the uses placed by counting. */
static bool group(struct fn_index *ix, const struct sl_node *const *uses, size_t n)
{
	ix->n = n;
	uint32_t *of = malloc((ix->n ? ix->n : 1) * sizeof(*of));
	ix->sorted = malloc((ix->n ? ix->n : 1) * sizeof(*ix->sorted));
	if (!of || !ix->sorted || !room_for_group(ix)) {
		free(of);
		return false;
	}
	for (size_t i = 0; i < ix->n; i++) {
		const struct sl_node *k = uses[i]->pairs[0].key;
		size_t at = slot_of(ix, k->str, k->len);
		if (!ix->slots[at]) {
			if (!room_for_group(ix)) {
				free(of);
				return false;
			}
			at = slot_of(ix, k->str, k->len);
			ix->groups[ix->n_groups] = (struct fn_group){ k->str, k->len, 0, 0 };
			ix->slots[at] = (uint32_t)++ix->n_groups;
		}
		of[i] = ix->slots[at] - 1;
		ix->groups[of[i]].n++;
	}
	size_t at = 0;
	for (size_t g = 0; g < ix->n_groups; g++) {
		ix->groups[g].first = at;
		at += ix->groups[g].n;
		ix->groups[g].n = 0;
	}
	for (size_t i = 0; i < ix->n; i++) {
		struct fn_group *g = &ix->groups[of[i]];
		ix->sorted[g->first + g->n++] = uses[i];
	}
	free(of);
	return true;
}

const struct sl_node *const *sl_fn_uses(struct sl_ctx *c, const char *name, size_t *n)
{
	*n = 0;
	struct fn_index *ix = sl_memo_get(c, &memo_key);
	if (!ix) {
		ix = sl_memo_put(c, &memo_key, calloc(1, sizeof(*ix)), free_index);
		if (!ix) {
			c->oom = true;
			return NULL;
		}
		const struct sl_doc *d = c->t->doc;
		if (d && d->indexed && c->t->root == d->root) {
			if (!group(ix, d->fn_maps, d->n_fn_maps))
				ix->oom = true;
#ifndef NDEBUG
			/* the loader's list is the walk's: checked in every debug build's test */
			struct fn_index walked = { 0 };
			collect(&walked, c->t->root, 0);
			assert(walked.oom || (walked.n == d->n_fn_maps &&
					      (!walked.n || memcmp(walked.uses, d->fn_maps, walked.n * sizeof(*walked.uses)) == 0)));
			free(walked.uses);
#endif
		} else {
			/* a tree the builder did not make (the expansion): walked */
			collect(ix, c->t->root, 0);
			if (!ix->oom && !group(ix, ix->uses, ix->n))
				ix->oom = true;
			free(ix->uses); /* sorted holds them all */
			ix->uses = NULL;
		}
		if (ix->oom)
			c->oom = true;
	}
	if (ix->oom)
		return NULL;
	uint32_t g = ix->slots[slot_of(ix, name, strlen(name))];
	if (!g)
		return NULL;
	const struct fn_group *gr = &ix->groups[g - 1];
	*n = gr->n;
	return ix->sorted + gr->first;
}

void sl_fn_walk(struct sl_ctx *c, const char *name, sl_fn_visit visit)
{
	size_t n;
	const struct sl_node *const *uses = sl_fn_uses(c, name, &n);
	for (size_t i = 0; i < n; i++)
		visit(c, uses[i], uses[i]->pairs[0].key, uses[i]->pairs[0].value);
}

bool sl_fn_spans_init(struct sl_ctx *c, const char *name, struct sl_fn_spans *s)
{
	s->starts = NULL;
	s->n = 0;
	s->name = name;
	const struct sl_doc *d = c->t->doc;
	if (!d || c->t->root != d->root)
		return false;
	size_t n;
	const struct sl_node *const *uses = sl_fn_uses(c, name, &n);
	if (c->oom)
		return false;
	s->starts = malloc((n ? n : 1) * sizeof(*s->starts));
	if (!s->starts) {
		c->oom = true;
		return false;
	}
	for (size_t i = 0; i < n; i++)
		s->starts[i] = uses[i]->start;
	s->n = n;
	return true;
}

bool sl_fn_spans_within(const struct sl_fn_spans *s, const struct sl_node *n)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->starts[mid] < n->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	bool within = lo < s->n && s->starts[lo] < n->end;
#ifndef NDEBUG
	if (!within) {
		struct fn_index below = { 0 };
		collect(&below, n, 0);
		for (size_t i = 0; i < below.n; i++)
			assert(!sl_str_eq(below.uses[i]->pairs[0].key, s->name));
		free(below.uses);
	}
#endif
	return within;
}

void sl_fn_spans_free(struct sl_fn_spans *s)
{
	free(s->starts);
	s->starts = NULL;
	s->n = 0;
}
