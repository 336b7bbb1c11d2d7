/*
 * Helpers shared by the Elastic Load Balancing rules (rules/elb/): whether a
 * property is surely set or surely absent, with the Fn::If branches that may
 * drop it.
 */
#ifndef SL_RULES_ELB_ELB_H
#define SL_RULES_ELB_ELB_H

#include <stdbool.h>

#include "rules/sam/samrules.h"

#define SL_ELB_TARGET_GROUP "AWS::ElasticLoadBalancingV2::TargetGroup"

/* Whether a property of map props is set: 1 surely (present, not
 * AWS::NoValue, no Fn::If branch that drops it), 0 surely not (absent, null
 * or AWS::NoValue), -1 cannot be known here (an Fn::If one of whose branches
 * drops it). The pair is stored in *out when present (out may be NULL). */
int sl_elb_set(const struct sl_node *props, const char *name, const struct sl_pair **out);

#endif
