/*
 * Helpers shared by the environment and X-Ray rules (see xray.h).
 */
#include "rules/xray/xray.h"

#include "rules/sam/samrules.h"

/* Visits the pairs of the Variables map under an Environment map. */
static void each_var(struct sl_ctx *c, const struct sl_node *env,
		     void (*fn)(struct sl_ctx *, const struct sl_node *, const struct sl_node *, void *),
		     void *ud)
{
	if (!sl_node_is(env, SL_MAP) || sl_node_intrinsic(env))
		return;
	const struct sl_node *vars = sl_map_get(env, "Variables");
	if (!sl_node_is(vars, SL_MAP) || sl_node_intrinsic(vars))
		return;
	for (size_t i = 0; i < vars->len; i++)
		fn(c, vars->pairs[i].key, vars->pairs[i].value, ud);
}

void sl_xray_each_env(struct sl_ctx *c,
		      void (*fn)(struct sl_ctx *c, const struct sl_node *key,
				 const struct sl_node *value, void *ud),
		      void *ud)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));)
		each_var(c, sl_map_get(sl_samr_props(e), "Environment"), fn, ud);
	const struct sl_node *g = sl_sam_globals_for(t, SL_SERVERLESS_FUNCTION);
	each_var(c, sl_map_get(g, "Environment"), fn, ud);
}
