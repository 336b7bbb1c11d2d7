/*
 * Where a resource lists its block device mappings (E3671, E3715): the
 * BlockDeviceMappings of an AWS::EC2::Instance or an Auto Scaling launch
 * configuration, and of a launch template's LaunchTemplateData.
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

#endif
