/*
 * The walk the CloudFront cache behavior rules (E3722, W3704) share: every
 * cache behavior of every distribution of the template.
 */
#ifndef SL_RULES_CLOUDFRONT_CLOUDFRONT_H
#define SL_RULES_CLOUDFRONT_CLOUDFRONT_H

#include "rules/sam/samrules.h"

typedef void (*sl_cf_behavior_fn)(struct sl_ctx *c, const struct sl_node *b);

/* sl_samr_each_resource() callback of sl_cf_each_behavior(): ud points to fn. */
static inline void sl_cf_distribution_behaviors(struct sl_ctx *c, const struct sl_entity *e,
						const struct sl_node *props, void *ud)
{
	(void)e;
	sl_cf_behavior_fn fn = *(const sl_cf_behavior_fn *)ud;
	const struct sl_node *cfg = sl_map_get(props, "DistributionConfig");
	fn(c, sl_map_get(cfg, "DefaultCacheBehavior"));
	const struct sl_node *list = sl_map_get(cfg, "CacheBehaviors");
	for (size_t i = 0; sl_node_is(list, SL_SEQ) && i < list->len; i++)
		fn(c, list->items[i]);
}

/* Calls fn, in source order, with the DefaultCacheBehavior and then each
 * CacheBehaviors item of each AWS::CloudFront::Distribution whose Properties
 * is a map. b is the node as written: NULL when absent, or any node (a
 * function, a scalar), which fn tells apart. */
static inline void sl_cf_each_behavior(struct sl_ctx *c, sl_cf_behavior_fn fn)
{
	sl_samr_each_resource(c, "AWS::CloudFront::Distribution", sl_cf_distribution_behaviors, &fn);
}

#endif
