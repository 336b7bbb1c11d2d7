/* E3660: an API Gateway REST API has a Name unless it is imported from an OpenAPI definition.
 *
 * The AWS::ApiGateway::RestApi reference says a name is required when the REST
 * API is not based on an OpenAPI specification: without Body or BodyS3Location
 * the Name property is required. A RestApi with none of the three is reported
 * at its Properties key, or at its logical ID when it has no Properties. A
 * property written with a function counts as set. */
#include "engine/engine.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::ApiGateway::RestApi",
					   strlen("AWS::ApiGateway::RestApi"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		if (!sl_node_is(e->value, SL_MAP))
			continue;
		const struct sl_pair *pp = sl_map_get_pair(e->value, "Properties");
		const struct sl_node *props = pp ? pp->value : NULL;
		if (props && (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props)))
			continue;
		if (props && (sl_map_get(props, "Name") || sl_map_get(props, "Body") ||
			      sl_map_get(props, "BodyS3Location")))
			continue;
		sl_report(c, pp ? pp->key : e->key, "REST API %s has no Name, Body or BodyS3Location: "
			  "API Gateway requires a Name for a REST API that is not imported from an "
			  "OpenAPI definition; add Name, or give the definition in Body or "
			  "BodyS3Location", e->key->str);
	}
}

const struct sl_rule rule_E3660 = {
	.id = "E3660",
	.severity = SL_SEV_ERROR,
	.title = "API Gateway REST APIs have a Name unless defined by OpenAPI",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::RestApi` sets `Name`, or `Body` or `BodyS3Location` (an OpenAPI "
	"definition that names the API). A property written with a function counts as set; "
	"`Properties` written with a function is not judged.\n"
	"\n"
	"### Why it matters\n"
	"The RestApi reference makes `Name` required when the REST API is not based on an OpenAPI "
	"specification: without a name API Gateway cannot create the API, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Api:\n"
	"    Type: AWS::ApiGateway::RestApi\n"
	"    Properties:\n"
	"      EndpointConfiguration:\n"
	"        Types: [REGIONAL]\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Api:\n"
	"    Type: AWS::ApiGateway::RestApi\n"
	"    Properties:\n"
	"      Name: orders-api\n"
	"      EndpointConfiguration:\n"
	"        Types: [REGIONAL]\n"
	"```\n",
	.check = check,
};
