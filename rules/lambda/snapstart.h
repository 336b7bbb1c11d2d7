/*
 * Lambda SnapStart as a template sets it, function by function, for the
 * SnapStart rules (E2530, W2530, I2530): an AWS::Lambda::Function's own
 * properties, or an AWS::Serverless::Function's after SAM's Globals (the
 * transform passes SnapStart, Runtime and PackageType through to the function
 * it writes). Only literal values count; each literal branch of an Fn::If is
 * one value, with the branches it lies under (branches.h).
 */
#ifndef SL_RULES_LAMBDA_SNAPSTART_H
#define SL_RULES_LAMBDA_SNAPSTART_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/lambda/branches.h"
#include "rules/lambda/lambda.h"

/* At most this many values of one property are kept (Fn::If branches beyond
 * are not judged). */
#define SL_SNAP_MAX 8

struct sl_snap_value {
	const struct sl_node *node; /* the literal */
	struct sl_lam_when when;    /* the Fn::If branches it lies under */
	bool global;                /* it comes from SAM's Globals.Function */
};

struct sl_snap_fn {
	const struct sl_entity *res;
	bool sam;           /* an AWS::Serverless::Function */
	bool image;         /* PackageType: Image */
	bool has_snapstart; /* a SnapStart property (own or from Globals), whatever its value */
	size_t n_on;        /* the ApplyOn values that are PublishedVersions */
	struct sl_snap_value on[SL_SNAP_MAX];
	size_t n_runtime;   /* the literal string runtimes */
	struct sl_snap_value runtime[SL_SNAP_MAX];
};

/* For each resource of the template (by its index in t->resources.items):
 * whether a resource of one of the types (NULL-terminated) names it (Ref,
 * GetAtt, Sub or DependsOn) and, when with_prop is not NULL, has that
 * property (present, not null, not AWS::NoValue). One pass over the
 * template's references. Returns an array in the template's arena, or NULL
 * when memory runs out. */
bool *sl_snap_named_by(struct sl_ctx *c, const char *const *types, const char *with_prop);

/* Calls fn for each AWS::Lambda::Function and AWS::Serverless::Function of
 * the template whose Properties is a map (or, for SAM, absent), in source
 * order. f is valid during the call only. */
void sl_snap_each_function(struct sl_ctx *c,
			   void (*fn)(struct sl_ctx *c, const struct sl_snap_fn *f, void *ud), void *ud);

#endif
