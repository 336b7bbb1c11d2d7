/*
 * Helpers shared by the SAM rules (rules/sam/E9xxx.c): finding serverless
 * resources and their properties, the key a value belongs to, the literal
 * values an Fn::If can take, and the lists SAM documents (policy templates,
 * CodeDeploy's predefined deployment configurations).
 */
#ifndef SL_RULES_SAM_SAMRULES_H
#define SL_RULES_SAM_SAMRULES_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/engine.h"
#include "template/sam.h"

#define SL_SAM_FUNCTION "AWS::Serverless::Function"
#define SL_SAM_API "AWS::Serverless::Api"
#define SL_SAM_STATE_MACHINE "AWS::Serverless::StateMachine"

/* True when the resource's Type is exactly `type`. */
bool sl_samr_type_is(const struct sl_entity *e, const char *type);

/* The resource's Properties map, or NULL when it has none (or not a map). */
const struct sl_node *sl_samr_props(const struct sl_entity *e);

/* The key of the map pair whose value is v, or NULL when v is not a map value. */
const struct sl_node *sl_samr_key_of(const struct sl_node *v);

/* Where to report something missing from a resource: its Properties key, or
 * its logical ID when it has no Properties (as E3003 does). */
const struct sl_node *sl_samr_anchor(const struct sl_entity *e);

/* True for a scalar that is a string (quoted, block, or plain text that YAML 1.1
 * does not read as a number, boolean or null). */
bool sl_samr_is_string(const struct sl_node *n);

/* True when n is {"Ref": "AWS::NoValue"}. */
bool sl_samr_is_novalue(const struct sl_node *n);

/* Calls fn for each value n can take: n itself, or for {"Fn::If": [c, a, b]}
 * each branch (recursively), skipping AWS::NoValue. Other intrinsic functions
 * are passed to fn as they are; fn tells them apart with sl_node_intrinsic(). */
void sl_samr_each_value(const struct sl_node *n,
			void (*fn)(struct sl_ctx *c, const struct sl_node *v, void *ud),
			struct sl_ctx *c, void *ud);

/* Whether a DeploymentPreference's Enabled value turns it on, as SAM reads it:
 * 1 when absent or true, 0 for false / "false" / "False", -1 when it cannot be
 * known here (an intrinsic function). */
int sl_samr_enabled(const struct sl_node *enabled);

/* A SAM policy template: its name and parameters (NULL-terminated). */
struct sl_sam_policy_template {
	const char *name;
	const char *params[3];
};

/* The documented policy templates, sorted by name; *n gets their count. */
const struct sl_sam_policy_template *sl_samr_policy_templates(size_t *n);

/* CodeDeploy's predefined Lambda deployment configurations SAM accepts in
 * DeploymentPreference.Type, NULL-terminated. */
extern const char *const sl_samr_codedeploy_types[];

#endif
