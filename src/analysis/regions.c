/*
 * The Regions a template is judged for (regions.h).
 */
#include "analysis/regions.h"

#include <string.h>

#include "load/node.h"
#include "template/template.h"
#include "util/arena.h"
#include "util/region.h"

struct judged {
	const char **v;
	size_t n;
};

static void add(struct judged *j, const char *code)
{
	if (j->n >= SL_REGIONS_MAX)
		return;
	for (size_t i = 0; i < j->n; i++)
		if (strcmp(j->v[i], code) == 0)
			return;
	j->v[j->n++] = code;
}

/* The template's own list into j (j->n stays 0 when it has none usable);
 * -1 when memory runs out. */
static int from_metadata(struct sl_ctx *c, struct judged *j)
{
	const struct sl_node *cfg = sl_map_get(sl_map_get(sl_section(c->t, SL_SEC_METADATA), "cfn-lint"),
					       "config");
	const struct sl_node *list = sl_map_get(cfg, "regions");
	if (!sl_node_is(list, SL_SEQ) || !list->len)
		return 0;
	if (!(j->v = sl_arena_alloc(c->arena, SL_REGIONS_MAX * sizeof(*j->v))))
		return -1;
	size_t nall;
	const struct sl_region *all = sl_region_all(&nall);
	for (size_t i = 0; i < list->len && j->n < SL_REGIONS_MAX; i++) {
		const struct sl_node *it = list->items[i];
		if (!sl_node_is(it, SL_SCALAR))
			continue;
		if (sl_str_eq(it, "ALL_REGIONS")) {
			for (size_t k = 0; k < nall; k++)
				add(j, all[k].code);
		} else if (sl_region_shaped(it->str, it->len)) {
			add(j, it->str);
		}
	}
	return 0;
}

size_t sl_regions_judged(struct sl_ctx *c, const char *const **out)
{
	static const char key = 0;
	const struct sl_options *o = c->opts;
	/* the template's list, worked out once (n == 0: none to use) */
	struct judged *j = sl_memo_get(c, &key);
	if (!j && c->t && !(o && o->regions_fixed && o->n_regions)) {
		j = sl_arena_alloc(c->arena, sizeof(*j));
		if (j) {
			j->v = NULL;
			j->n = 0;
			if (from_metadata(c, j) < 0)
				j->n = 0;
			sl_memo_put(c, &key, j, NULL);
		}
	}
	if (j && j->n) {
		*out = j->v;
		return j->n;
	}
	if (o && o->n_regions) {
		*out = o->regions;
		return o->n_regions;
	}
	*out = NULL;
	return 0;
}
