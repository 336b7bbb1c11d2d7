/*
 * Where a resource lists its block device mappings (E3671, E3715, W3671,
 * W3698): the BlockDeviceMappings of an AWS::EC2::Instance or an Auto Scaling
 * launch configuration, and of a launch template's LaunchTemplateData; and
 * the walk over the mappings of such a list (blockdev.c).
 */
#ifndef SL_RULES_RESOURCES_BLOCKDEV_H
#define SL_RULES_RESOURCES_BLOCKDEV_H

#include "engine/engine.h"

/* The BlockDeviceMappings value of resource e (props: its Properties map),
 * as written; NULL for other types or when there is none. */
static inline const struct sl_node *sl_block_device_mappings(const struct sl_entity *e,
							     const struct sl_node *props)
{
	if (sl_str_eq(e->type, "AWS::EC2::Instance") || sl_str_eq(e->type, "AWS::AutoScaling::LaunchConfiguration"))
		return sl_map_get(props, "BlockDeviceMappings");
	if (sl_str_eq(e->type, "AWS::EC2::LaunchTemplate"))
		return sl_map_get(sl_map_get(props, "LaunchTemplateData"), "BlockDeviceMappings");
	return NULL;
}

/* Calls fn(c, m, ud), in source order, for each block device mapping of the
 * resources of the template (their Properties a map written without a
 * function), leaving out those of type `skip` (NULL: none): each item of
 * sl_block_device_mappings() that is a map written without a function. An
 * Fn::If on the list or on an item is followed into both branches (the loader
 * bounds the nesting); a list or item that another function gives is
 * skipped. */
void sl_block_device_each(struct sl_ctx *c, const char *skip,
			  void (*fn)(struct sl_ctx *c, const struct sl_node *m, void *ud), void *ud);

#endif
