/*
 * Helpers shared by the deployment rules (rules/deploy/: CodeDeploy, ECS task
 * placement and networking, StackSets): the literal values a property can
 * take through Fn::If, the resource of the template a Ref names, whether an
 * ECS service or task definition certainly runs on Fargate, integer values
 * written as numbers or digit strings, and walks over the Fargate services and
 * task definitions, the placement strategies of services and the stack sets
 * of a permission model. Every question has an "unknown" answer for what the
 * template does not say (a parameter, an import, another intrinsic function):
 * the rules stay silent then.
 */
#ifndef SL_RULES_DEPLOY_DEPLOY_H
#define SL_RULES_DEPLOY_DEPLOY_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/sam/samrules.h"

#define SL_ECS_SERVICE "AWS::ECS::Service"
#define SL_ECS_TASKDEF "AWS::ECS::TaskDefinition"

/* How the values a node can take (itself, or every branch of nested Fn::If)
 * relate to a set of strings. */
enum sl_dep_match {
	SL_DEP_UNKNOWN = 0, /* absent, or some value is not a literal scalar (a Ref, another
			     * function, AWS::NoValue, a list, a map) */
	SL_DEP_ALL,         /* every value is a literal in the set */
	SL_DEP_NONE,        /* every value is a literal outside the set */
	SL_DEP_MIXED,       /* literals on both sides (a condition decides) */
};

/* Matches the values of n against set (NULL-terminated, compared exactly). */
enum sl_dep_match sl_dep_match(const struct sl_node *n, const char *const *set);

/* True when every value n can take is the literal s. */
static inline bool sl_dep_is(const struct sl_node *n, const char *s)
{
	const char *const set[] = { s, NULL };
	return sl_dep_match(n, set) == SL_DEP_ALL;
}

/* The resource of type `type` that n names with {"Ref": X}, or NULL. */
const struct sl_entity *sl_dep_ref(const struct sl_template *t, const struct sl_node *n,
				   const char *type);

/* The node that makes an AWS::ECS::Service (its Properties map) run on
 * Fargate: its LaunchType when every value is FARGATE, else the CapacityProvider
 * of a CapacityProviderStrategy item that is FARGATE or FARGATE_SPOT; NULL when
 * that is not certain (the cluster's default strategy applies, a parameter, ...). */
const struct sl_node *sl_dep_service_fargate(const struct sl_node *props);

/* The item of a task definition's RequiresCompatibilities (Properties map)
 * that is FARGATE, or NULL when there is none or the list is not literal. */
const struct sl_node *sl_dep_taskdef_fargate(const struct sl_node *props);

/* Calls fn, in source order, for each resource of type SL_ECS_SERVICE or
 * SL_ECS_TASKDEF (`type`) with a Properties map that certainly runs on
 * Fargate: fargate is the node that says so (sl_dep_service_fargate() or
 * sl_dep_taskdef_fargate()). */
void sl_dep_each_fargate(struct sl_ctx *c, const char *type,
			 void (*fn)(struct sl_ctx *c, const struct sl_entity *e,
				    const struct sl_node *props, const struct sl_node *fargate));

/* How the node sl_dep_service_fargate() returned puts a service on Fargate,
 * for messages: "LaunchType FARGATE" or "a FARGATE capacity provider". */
const char *sl_dep_fargate_how(const struct sl_node *fargate);

/* Calls fn, in source order, for each item of the literal PlacementStrategies
 * list of each AWS::ECS::Service (the item may be anything: a map, a function). */
void sl_dep_each_strategy(struct sl_ctx *c,
			  void (*fn)(struct sl_ctx *c, const struct sl_entity *service,
				     const struct sl_node *item));

/* Calls set, in source order, for each AWS::CloudFormation::StackSet whose
 * PermissionModel is surely `model` (pm: that value), then, when targets is
 * not NULL, targets for the DeploymentTargets value (may be NULL or of any
 * shape) of each item of its literal StackInstancesGroup list. */
void sl_dep_each_stack_set(struct sl_ctx *c, const char *model,
			   void (*set)(struct sl_ctx *c, const struct sl_entity *e,
				       const struct sl_node *props, const struct sl_node *pm),
			   void (*targets)(struct sl_ctx *c, const struct sl_entity *e,
					   const struct sl_node *dt));

/* The value of a literal integer (a number, or a string of digits), or -1 for
 * anything else (an intrinsic function, a negative number, text). */
long long sl_dep_int(const struct sl_node *n);

/* The items of a literal list that are surely there (sl_samr_item_certain():
 * an Fn::If item counts only when neither branch is AWS::NoValue, and
 * AWS::NoValue never). Stores the first max of them in out (may be NULL when
 * max is 0) and returns how many there are; 0 when n is not a literal list. */
size_t sl_dep_items(const struct sl_node **out, size_t max, const struct sl_node *n);

/* The text of a scalar, or fallback for anything else (e.g. an Fn::If whose
 * branches sl_dep_match found literal). */
static inline const char *sl_dep_text(const struct sl_node *n, const char *fallback)
{
	return sl_node_is(n, SL_SCALAR) ? n->str : fallback;
}

/* The key of property `name` in a Properties map (for reports about the
 * property as a whole), or NULL when it is absent. */
const struct sl_node *sl_dep_key(const struct sl_node *props, const char *name);

#endif
