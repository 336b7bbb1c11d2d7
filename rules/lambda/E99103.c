/* E99103: a Lambda integration whose IntegrationHttpMethod is not POST. */
#include <string.h>

#include "rules/lambda/lambda.h"

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const char *type = ud;
	if (sl_node_intrinsic(v) || !sl_samr_is_string(v) || sl_str_eq(v, "POST"))
		return;
	sl_report(c, v, "IntegrationHttpMethod of a Lambda integration (Type %s) must be POST, not "
		  "'%s': Lambda's Invoke API takes only POST (the client's method is HttpMethod)",
		  type, v->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_LAM_REST_METHOD);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *in = sl_map_get(sl_samr_props(e), "Integration");
		const struct sl_node *ty = sl_map_get(in, "Type");
		if (!sl_str_eq(ty, "AWS") && !sl_str_eq(ty, "AWS_PROXY"))
			continue;
		/* Type AWS also integrates other services (arn:...:apigateway:...:sqs:path/...);
		 * only a URI that goes to Lambda's functions path is a Lambda integration */
		const struct sl_node *uri = sl_map_get(in, "Uri");
		bool lambda = sl_lam_uri_function(t, uri) != NULL;
		if (!lambda && sl_str_eq(ty, "AWS")) {
			const struct sl_node *s = uri;
			const struct sl_node *k = sl_node_intrinsic(uri);
			if (k && sl_str_eq(k, "Fn::Sub")) {
				s = uri->pairs[0].value;
				if (sl_node_is(s, SL_SEQ) && s->len == 2)
					s = s->items[0];
			}
			lambda = sl_node_is(s, SL_SCALAR) && strstr(s->str, ":lambda:path/") != NULL;
		} else if (!lambda) {
			lambda = true; /* AWS_PROXY on a REST API is always Lambda */
		}
		const struct sl_node *m = sl_map_get(in, "IntegrationHttpMethod");
		if (lambda && m)
			sl_samr_each_value(m, check_value, c, (void *)ty->str);
	}
}

const struct sl_rule rule_E99103 = {
	.id = "E99103",
	.severity = SL_SEV_ERROR,
	.title = "Lambda integrations use POST",
	.source = "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integrations.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::Method` whose `Integration` goes to Lambda (`Type: AWS_PROXY`, or "
	"`Type: AWS` with a URI on Lambda's `functions` path) has `IntegrationHttpMethod: POST`. "
	"Values computed by intrinsic functions are not judged; each branch of an `Fn::If` is.\n\n"
	"### Why it matters\n"
	"API Gateway calls a function through Lambda's Invoke API, which accepts only POST. With "
	"GET or ANY the integration fails at run time and the client receives 500 Internal "
	"Server Error (\"Execution failed due to configuration error\"). The method clients use is "
	"`HttpMethod`, not `IntegrationHttpMethod`.\n\n"
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
	"        IntegrationHttpMethod: GET\n"
	"        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\n"
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
	"```\n",
	.check = check,
};
