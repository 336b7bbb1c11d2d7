/*
 * Shared by E3035 (DeletionPolicy) and E3036 (UpdateReplacePolicy): the types
 * that support the Snapshot policy, and the check of one policy attribute.
 */
#ifndef SL_RULES_POLICY_H
#define SL_RULES_POLICY_H

#include "engine/engine.h"

/* Checks attribute `attr` of every resource against `allowed` (NULL-ended). */
void sl_check_policy(struct sl_ctx *c, const char *attr, const char *const *allowed);

#endif
