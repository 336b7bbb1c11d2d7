/*
 * The walk over a BlockDeviceMappings list that the block device mapping
 * rules (W3671, W3698, E3715) share; see blockdev.h.
 */
#include "rules/resources/blockdev.h"
#include "rules/sam/samrules.h"

static void each_item(struct sl_ctx *c, const struct sl_node *m,
		      void (*fn)(struct sl_ctx *c, const struct sl_node *m, void *ud), void *ud)
{
	const struct sl_node *a, *b;
	if (sl_node_if(m, &a, &b)) {
		each_item(c, a, fn, ud);
		each_item(c, b, fn, ud);
		return;
	}
	if (sl_node_is(m, SL_MAP) && !sl_node_intrinsic(m))
		fn(c, m, ud);
}

static void each_mapping(struct sl_ctx *c, const struct sl_node *list,
			 void (*fn)(struct sl_ctx *c, const struct sl_node *m, void *ud), void *ud)
{
	const struct sl_node *a, *b;
	if (sl_node_if(list, &a, &b)) {
		each_mapping(c, a, fn, ud);
		each_mapping(c, b, fn, ud);
		return;
	}
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++)
		each_item(c, list->items[i], fn, ud);
}

void sl_block_device_each(struct sl_ctx *c, const char *skip,
			  void (*fn)(struct sl_ctx *c, const struct sl_node *m, void *ud), void *ud)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	/* the types sl_block_device_mappings() reads */
	sl_samr_types_init(&tw, t, "AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration",
			   "AWS::EC2::LaunchTemplate");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (skip && sl_str_eq(e->type, skip))
			continue;
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		each_mapping(c, sl_block_device_mappings(e, props), fn, ud);
	}
}
