/* E3718: a Lambda authorizer's result TTL above API Gateway's 3600 seconds. */
#include "rules/lambda/lambda.h"

#define TTL_MAX 3600

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *type = sl_map_get(props, "Type");
	if (!sl_str_eq(type, "TOKEN") && !sl_str_eq(type, "REQUEST"))
		return;
	const struct sl_node *ttl = sl_map_get(props, "AuthorizerResultTtlInSeconds");
	long long v;
	if (!sl_samr_int(ttl, &v) || (v >= 0 && v <= TTL_MAX))
		return;
	sl_report(c, ttl,
		  "AuthorizerResultTtlInSeconds is %lld: API Gateway caches a %.*s authorizer's result "
		  "for 0 (no caching) to 3600 seconds (one hour), and rejects other values. Use a "
		  "value from 0 to 3600",
		  v, (int)type->len, type->str);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::ApiGateway::Authorizer", check_one, NULL);
}

const struct sl_rule rule_E3718 = {
	.id = "E3718",
	.severity = SL_SEV_ERROR,
	.title = "Lambda authorizer result TTL from 0 to 3600 seconds",
	.source = "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::Authorizer` of `Type` `TOKEN` or `REQUEST` (a Lambda authorizer) "
	"whose `AuthorizerResultTtlInSeconds` is a literal number has it from 0 to 3600.\n\n"
	"### Why it matters\n"
	"API Gateway's CreateAuthorizer documents the TTL of cached authorizer results: 0 turns "
	"caching off, the default is 300 and the maximum is 3600 seconds (one hour). A larger "
	"value is rejected, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Authorizer:\n"
	"    Type: AWS::ApiGateway::Authorizer\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      Name: token\n"
	"      Type: TOKEN\n"
	"      IdentitySource: method.request.header.Authorization\n"
	"      AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFn.Arn}/invocations\n"
	"      AuthorizerResultTtlInSeconds: 86400\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      AuthorizerResultTtlInSeconds: 3600\n"
	"```\n",
	.check = check,
};
