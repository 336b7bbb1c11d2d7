/*
 * Helpers shared by the Lambda and API Gateway rules (rules/lambda/): literal
 * numbers, the function an API Gateway integration URI names, and the limits
 * API Gateway puts on integrations.
 */
#ifndef SL_RULES_LAMBDA_LAMBDA_H
#define SL_RULES_LAMBDA_LAMBDA_H

#include <stdbool.h>

#include "rules/sam/samrules.h"

#define SL_LAM_FUNCTION "AWS::Lambda::Function"
#define SL_LAM_REST_METHOD "AWS::ApiGateway::Method"
#define SL_LAM_V2_INTEGRATION "AWS::ApiGatewayV2::Integration"

/* The integration timeout limits, in milliseconds: REST and WebSocket APIs, HTTP APIs. */
#define SL_LAM_REST_LIMIT_MS 29000
#define SL_LAM_HTTP_LIMIT_MS 30000

/* True when n is a literal whole number (a YAML/JSON integer, or a string of
 * digits, as CloudFormation accepts for numbers); *out gets it. False for
 * intrinsic functions and anything else. */
bool sl_lam_number(const struct sl_node *n, long long *out);

/* The Lambda function of this template (AWS::Lambda::Function or
 * AWS::Serverless::Function) that an integration URI names: {"Fn::GetAtt":
 * [F, "Arn"]}, an Fn::Sub string with ${F.Arn} (or a variable of its map that
 * is such a GetAtt), or an Fn::Join whose parts include the GetAtt. NULL when
 * the URI names none (a literal ARN, a parameter, an import, ...). */
const struct sl_entity *sl_lam_uri_function(const struct sl_template *t, const struct sl_node *uri);

/* For an AWS::ApiGatewayV2::Integration: 1 when its ApiId is a Ref to an
 * AWS::ApiGatewayV2::Api of the template with ProtocolType WEBSOCKET, 0 when
 * it is an HTTP API or cannot be known (an HTTP API is assumed: its limit is
 * the larger one). */
bool sl_lam_v2_websocket(const struct sl_template *t, const struct sl_entity *integration);

/* True when n (a Method's Integration, an API's definition, a whole resource)
 * holds a ResponseTransferMode / responseTransferMode of STREAM at any depth:
 * response streaming integrations may run up to 15 minutes. */
bool sl_lam_streams(const struct sl_node *n);

#endif
