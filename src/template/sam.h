/*
 * SAM's view of a template, for rules: the Globals section applied to each
 * serverless resource (maps merge, lists append for the keys SAM appends,
 * scalars override), and the resources SAM creates implicitly, so that
 * references to them resolve. Built by sl_sam_build() after the model; the
 * user's nodes are never copied or rewritten: lookups return the node that
 * supplies a value, in the resource or in Globals, so a diagnostic about a
 * value that came from Globals points at Globals.
 *
 * The merge follows the SAM translator (samtranslator/plugins/globals/globals.py):
 * a map in both places merges key by key, recursively; a list in both places
 * is Globals' items followed by the resource's; anything else (scalars,
 * intrinsic functions, values of different kinds) is the resource's value.
 * Exceptions (its CUSTOM_STRATEGIES): Function.Architectures and
 * CapacityProvider.InstanceRequirements.Architectures are the resource's list
 * alone; for CapacityProvider.ManagedResourceTags only the resource's keys
 * survive. IgnoreGlobals on a resource ("*" or a list of property names)
 * drops those Globals properties for it.
 */
#ifndef SL_TEMPLATE_SAM_H
#define SL_TEMPLATE_SAM_H

#include <stdbool.h>

#include "template/template.h"

#define SL_SAM_TRANSFORM "AWS::Serverless-2016-10-31"

/* The Globals sections SAM accepts, sorted, NULL-terminated: Api,
 * CapacityProvider, Function, HttpApi, LayerVersion, SimpleTable,
 * StateMachine, WebSocketApi. */
extern const char *const sl_sam_globals_sections[];

/* The properties a Globals section accepts (NULL-terminated, in SAM's order),
 * or NULL when SAM has no such section. */
const char *const *sl_sam_globals_keys(const char *section);

/* True when Globals.<section>.<key> is one SAM accepts; false for an unknown
 * section too. */
bool sl_sam_globals_key_supported(const char *section, const char *key);

/* The Globals section (Function, Api, HttpApi, SimpleTable, StateMachine,
 * LayerVersion, CapacityProvider, WebSocketApi) that applies to a serverless
 * type, or NULL when the template has none or the type takes no Globals. */
const struct sl_node *sl_sam_globals_for(const struct sl_template *t, const char *type);

/* How the value at a property path comes about. */
enum sl_sam_merge {
	SL_SAM_ABSENT = 0,  /* neither the resource nor Globals gives it */
	SL_SAM_LOCAL,       /* the resource's value alone (Globals has none, or SAM does not merge) */
	SL_SAM_GLOBAL,      /* Globals' value alone */
	SL_SAM_MAP_MERGE,   /* both are maps: keys of both, the resource's win (recursively) */
	SL_SAM_LIST_CONCAT, /* both are lists: Globals' items, then the resource's */
};

struct sl_sam_value {
	const struct sl_node *local;  /* the resource's node at the path, or NULL */
	const struct sl_node *global; /* the Globals node at the path that takes part, or NULL */
	enum sl_sam_merge how;
};

/* Both contributions to property path (NULL-terminated keys below
 * Properties, e.g. {"Layers", NULL}) of resource res after Globals, for rules
 * that need every item of a merged list or map. A path that goes through a
 * list, a scalar or an intrinsic function gives SL_SAM_ABSENT below it.
 * Works for any resource (a non-serverless one has no Globals). */
void sl_sam_lookup(struct sl_sam_value *out, const struct sl_template *t, const struct sl_entity *res,
		   const char *const *path);

/* The value of property `name` of a serverless resource after Globals: the
 * resource's own when present, else the one in its Globals section (unless
 * its IgnoreGlobals names it), else NULL. *from_globals (may be NULL) says
 * which. For maps that SAM merges (Environment.Variables, Tags, ...) and lists
 * it concatenates (Layers, ...) this is the resource's node when it has one:
 * use sl_sam_prop_path() for a key inside, sl_sam_lookup() for both parts. */
const struct sl_node *sl_sam_prop(const struct sl_template *t, const struct sl_entity *res,
				  const char *name, bool *from_globals);

/* Like sl_sam_prop for a nested key: path is NULL-terminated, e.g.
 * {"Environment", "Variables", "TABLE", NULL}; maps merge level by level. */
const struct sl_node *sl_sam_prop_path(const struct sl_template *t, const struct sl_entity *res,
				       const char *const *path, bool *from_globals);

/* True when a transform name is meant to be SAM's but is not exactly its
 * name: "AWS::Serverless" in any case or punctuation, or within three edits
 * of the full name (a slip E99001 reports; the template is linted as SAM). */
bool sl_sam_transform_slip(const struct sl_node *n);

/* True when a key of a resource's entry is one the SAM transform reads for a
 * serverless resource: Type, Properties, CloudFormation's resource attributes,
 * Connectors and IgnoreGlobals. It drops any other key, and what is in it. */
bool sl_sam_resource_key(const struct sl_node *key);

/* True for AWS::Serverless::* resources. */
bool sl_sam_is_serverless(const struct sl_entity *res);

/* Computes the names SAM generates for this template (see sl_sam_implicit)
 * into t->sam_names, in t's arena. Called by sl_template_build(). Returns 0,
 * or -1 on OOM. */
int sl_sam_build(struct sl_template *t);

/* True when SAM creates a resource (or a Ref/GetAtt target such as
 * "MyFunction.Alias") with this logical ID for this template, when it
 * declares serverless resources or the SAM transform: <Function>Role,
 * <Function>.Version and <Function>.Alias / <Function>Alias<alias>,
 * ServerlessRestApi (+ProdStage, .Stage, .Deployment), ServerlessHttpApi
 * (+ApiGatewayDefaultStage), <Api><StageName>Stage, <Api>.Stage /
 * .Deployment, event permissions, rules, subscriptions and queues, DLQs named
 * by QueueLogicalId, <StateMachine>Role, connector policies, ... (the list in
 * sam.c). Names SAM derives from a hash (<Function>Version<sha>,
 * <Api>Deployment<sha>, <Layer><sha>) are not: use the referable property. */
bool sl_sam_implicit(const struct sl_template *t, const char *name, size_t len);

#endif
