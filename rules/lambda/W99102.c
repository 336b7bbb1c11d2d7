/* W99102: an API Gateway integration timeout above what API Gateway allows. */
#include "rules/lambda/lambda.h"

struct limit {
	long long max;
	const char *api; /* "REST", "HTTP", "WebSocket" */
};

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct limit *l = ud;
	long long ms;
	if (!sl_lam_number(v, &ms) || ms <= l->max)
		return;
	sl_report(c, v, "integration timeout %lld ms is above the %lld ms that %s APIs allow: API "
		  "Gateway ends the request at %lld ms with 504 (raise the account's quota first, "
		  "or lower TimeoutInMillis)", ms, l->max, l->api, l->max);
}

static void check_timeout(struct sl_ctx *c, const struct sl_node *n, long long max, const char *api)
{
	struct limit l = { max, api };
	if (n)
		sl_samr_each_value(n, check_value, c, &l);
}

/* SAM Api and HttpApi events take TimeoutInMillis too. */
static void check_sam(struct sl_ctx *c, const struct sl_entity *e)
{
	const struct sl_node *events = sl_map_get(sl_samr_props(e), "Events");
	for (size_t j = 0; sl_node_is(events, SL_MAP) && j < events->len; j++) {
		const struct sl_node *ev = events->pairs[j].value;
		const struct sl_node *ty = sl_map_get(ev, "Type");
		const struct sl_node *props = sl_map_get(ev, "Properties");
		if (sl_str_eq(ty, "Api"))
			check_timeout(c, sl_map_get(props, "TimeoutInMillis"), SL_LAM_REST_LIMIT_MS, "REST");
		else if (sl_str_eq(ty, "HttpApi"))
			check_timeout(c, sl_map_get(props, "TimeoutInMillis"), SL_LAM_HTTP_LIMIT_MS, "HTTP");
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_LAM_REST_METHOD, SL_LAM_V2_INTEGRATION, SL_SAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (sl_samr_type_is(e, SL_LAM_REST_METHOD)) {
			const struct sl_node *in = sl_map_get(props, "Integration");
			if (sl_lam_streams(in))
				continue; /* response streaming: up to 15 minutes */
			check_timeout(c, sl_map_get(in, "TimeoutInMillis"), SL_LAM_REST_LIMIT_MS, "REST");
		} else if (sl_samr_type_is(e, SL_LAM_V2_INTEGRATION)) {
			bool ws = sl_lam_v2_websocket(t, e);
			check_timeout(c, sl_map_get(props, "TimeoutInMillis"),
				      ws ? SL_LAM_REST_LIMIT_MS : SL_LAM_HTTP_LIMIT_MS, ws ? "WebSocket" : "HTTP");
		} else if (sl_samr_type_is(e, SL_SAM_FUNCTION)) {
			check_sam(c, e);
		}
	}
}

const struct sl_rule rule_W99102 = {
	.id = "W99102",
	.severity = SL_SEV_WARNING,
	.title = "API Gateway integration timeout within the limit",
	.source = "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
	.doc =
	"### What it checks\n"
	"The `TimeoutInMillis` of an API Gateway integration is at most 29000 ms for REST APIs "
	"(`AWS::ApiGateway::Method` `Integration`, SAM `Api` events) and WebSocket APIs, and at "
	"most 30000 ms for HTTP APIs (`AWS::ApiGatewayV2::Integration`, SAM `HttpApi` events). An "
	"`AWS::ApiGatewayV2::Integration` is taken for an HTTP API unless its `ApiId` refers to a "
	"WebSocket API of the template. Methods that stream the response "
	"(`ResponseTransferMode: STREAM`, up to 15 minutes) are not judged. Values computed by "
	"intrinsic functions are not judged; "
	"each branch of an `Fn::If` is.\n\n"
	"### Why it matters\n"
	"API Gateway ends an integration at its maximum whatever the template asks for, and the "
	"client gets 504 Gateway Timeout. REST APIs can have the limit raised through a quota "
	"increase (at the cost of throttling), hence a warning.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      ResourceId: !Ref ItemsResource\n"
	"      HttpMethod: GET\n"
	"      AuthorizationType: NONE\n"
	"      Integration:\n"
	"        Type: AWS_PROXY\n"
	"        IntegrationHttpMethod: POST\n"
	"        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\n"
	"        TimeoutInMillis: 60000\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      ResourceId: !Ref ItemsResource\n"
	"      HttpMethod: GET\n"
	"      AuthorizationType: NONE\n"
	"      Integration:\n"
	"        Type: AWS_PROXY\n"
	"        IntegrationHttpMethod: POST\n"
	"        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\n"
	"        TimeoutInMillis: 29000\n"
	"```\n",
	.check = check,
};
