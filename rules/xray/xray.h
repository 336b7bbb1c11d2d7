/*
 * Helpers shared by the environment and X-Ray rules (rules/xray/): walking the
 * environment variables of every Lambda function of a template, plain
 * (AWS::Lambda::Function) and serverless (AWS::Serverless::Function and
 * Globals.Function), each variable once, where it is written.
 */
#ifndef SL_RULES_XRAY_XRAY_H
#define SL_RULES_XRAY_XRAY_H

#include "engine/engine.h"

#define SL_LAMBDA_FUNCTION "AWS::Lambda::Function"
#define SL_SERVERLESS_FUNCTION "AWS::Serverless::Function"

/* Calls fn(c, key, value, ud) for each pair of Environment.Variables of each
 * AWS::Lambda::Function and AWS::Serverless::Function (its own map), then of
 * Globals.Function. A Variables map or Environment written as an intrinsic
 * function is skipped (its names cannot be known). A variable that Globals
 * gives to many functions is visited once, at Globals. */
void sl_xray_each_env(struct sl_ctx *c,
		      void (*fn)(struct sl_ctx *c, const struct sl_node *key,
				 const struct sl_node *value, void *ud),
		      void *ud);

#endif
