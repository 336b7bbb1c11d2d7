/* Lambda SnapStart as a template sets it, function by function: see snapstart.h. */
#include "rules/lambda/snapstart.h"

#include <string.h>

#include "util/arena.h"

struct collect {
	struct sl_snap_fn *f;
	bool global;
	bool runtime; /* collecting runtimes, else ApplyOn values */
};

static void add(struct sl_snap_value *list, size_t *n, const struct sl_node *v,
		const struct sl_lam_when *when, bool global)
{
	if (*n >= SL_SNAP_MAX)
		return;
	list[*n].node = v;
	list[*n].when = *when;
	list[*n].global = global;
	(*n)++;
}

static void on_value(const struct sl_node *v, const struct sl_lam_when *when, void *ud)
{
	struct collect *co = ud;
	if (!sl_samr_is_string(v))
		return; /* a Ref, Fn::FindInMap, ...: decided at deploy time */
	if (co->runtime)
		add(co->f->runtime, &co->f->n_runtime, v, when, co->global);
	else if (sl_str_eq(v, "PublishedVersions"))
		add(co->f->on, &co->f->n_on, v, when, co->global);
}

/* Each SnapStart map a value may be (through Fn::If): its ApplyOn values. */
static void on_snapstart(const struct sl_node *v, const struct sl_lam_when *when, void *ud)
{
	if (sl_node_is(v, SL_MAP) && !sl_node_intrinsic(v))
		sl_lam_each_branch(sl_map_get(v, "ApplyOn"), when, on_value, ud);
}

static bool present(const struct sl_node *n)
{
	return n && !sl_node_is_null(n) && !sl_samr_is_novalue(n);
}

static void plain_function(struct sl_snap_fn *f, const struct sl_node *props)
{
	struct collect co = { f, false, false };
	const struct sl_node *snap = sl_map_get(props, "SnapStart");
	f->has_snapstart = present(snap);
	sl_lam_each_branch(snap, NULL, on_snapstart, &co);
	co.runtime = true;
	sl_lam_each_branch(sl_map_get(props, "Runtime"), NULL, on_value, &co);
	f->image = sl_str_eq(sl_map_get(props, "PackageType"), "Image");
}

static void sam_function(struct sl_snap_fn *f, const struct sl_template *t)
{
	bool g = false;
	const struct sl_node *snap = sl_sam_prop(t, f->res, "SnapStart", NULL);
	f->has_snapstart = present(snap);
	/* an intrinsic function as the whole of SnapStart: SAM merges Globals
	 * into it as if it were a map; what that gives is not judged */
	if (f->has_snapstart && !sl_node_intrinsic(snap)) {
		static const char *const path[] = { "SnapStart", "ApplyOn", NULL };
		const struct sl_node *on = sl_sam_prop_path(t, f->res, path, &g);
		struct collect co = { f, g, false };
		sl_lam_each_branch(on, NULL, on_value, &co);
	}
	const struct sl_node *rt = sl_sam_prop(t, f->res, "Runtime", &g);
	struct collect co = { f, g, true };
	sl_lam_each_branch(rt, NULL, on_value, &co);
	f->image = sl_str_eq(sl_sam_prop(t, f->res, "PackageType", NULL), "Image");
}

void sl_snap_each_function(struct sl_ctx *c,
			   void (*fn)(struct sl_ctx *c, const struct sl_snap_fn *f, void *ud), void *ud)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool sam = sl_samr_type_is(e, SL_SAM_FUNCTION);
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if ((!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props)) &&
		    !(sam && sl_samr_is_null(props)))
			continue;
		struct sl_snap_fn f;
		memset(&f, 0, sizeof(f));
		f.res = e;
		f.sam = sam;
		if (sam)
			sam_function(&f, t);
		else
			plain_function(&f, props);
		fn(c, &f, ud);
	}
}

bool *sl_snap_named_by(struct sl_ctx *c, const char *const *types, const char *with_prop)
{
	const struct sl_template *t = c->t;
	bool *named = sl_arena_alloc(c->arena, t->resources.n + 1); /* zeroed */
	if (!named)
		return NULL;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind == SL_REF_COND || r->kind == SL_REF_RES_COND || r->kind == SL_REF_FINDINMAP ||
		    r->section != SL_SEC_RESOURCES || !r->from || r->pattern)
			continue;
		bool typed = false;
		for (size_t k = 0; types[k] && !typed; k++)
			typed = sl_samr_type_is(r->from, types[k]);
		if (!typed || (with_prop && !present(sl_map_get(sl_samr_props(r->from), with_prop))))
			continue;
		const struct sl_entity *e = r->resource;
		if (e)
			named[e - t->resources.items] = true;
	}
	return named;
}
