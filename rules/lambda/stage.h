/*
 * API Gateway stage method settings (AWS::ApiGateway::Stage and
 * AWS::Serverless::Api MethodSettings), shared by E3723 and W3705.
 */
#ifndef SL_RULES_LAMBDA_STAGE_H
#define SL_RULES_LAMBDA_STAGE_H

#include <stdbool.h>

#include "rules/lambda/lambda.h"

/* True when a MethodSetting entry sets something: one of its properties other
 * than HttpMethod and ResourcePath (which say where it applies) is given and
 * is not AWS::NoValue. */
bool sl_stage_setting_sets(const struct sl_node *ms);

/* Calls fn for each MethodSettings entry that is a literal map, of every
 * AWS::ApiGateway::Stage and AWS::Serverless::Api (its own settings, not
 * those of Globals), in source order. */
void sl_stage_each_setting(struct sl_ctx *c, void (*fn)(struct sl_ctx *c, const struct sl_node *ms));

#endif
