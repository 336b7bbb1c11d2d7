/* W3660: an OpenAPI-defined REST API in overwrite mode is not also changed by other resources. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "template/template.h"

#define REST_API "AWS::ApiGateway::RestApi"

/* Resource types that add to a REST API what its OpenAPI definition also defines. */
static const char *const parts[] = {
	"AWS::ApiGateway::Method",          "AWS::ApiGateway::Model",
	"AWS::ApiGateway::Resource",        "AWS::ApiGateway::GatewayResponse",
	"AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::Authorizer",
};

static bool is_part(const struct sl_entity *r)
{
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (sl_str_eq(r->type, parts[i]))
			return true;
	return false;
}

/* The Body or BodyS3Location key of an API in literal overwrite mode, or NULL. */
static const struct sl_node *overwriting_body(const struct sl_entity *api)
{
	if (!sl_str_eq(api->type, REST_API))
		return NULL;
	const struct sl_node *props = sl_map_get(api->value, "Properties");
	if (!sl_str_eq(sl_map_get(props, "Mode"), "overwrite"))
		return NULL;
	const struct sl_pair *b = sl_map_get_pair(props, "Body");
	if (!b)
		b = sl_map_get_pair(props, "BodyS3Location");
	return b ? b->key : NULL;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->resources.n == 0)
		return;
	/* by source resource: the API last reported for it (one report per pair) */
	const struct sl_entity **done = calloc(t->resources.n, sizeof *done);
	if (!done) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *ref = &t->refs[i];
		if (ref->section != SL_SEC_RESOURCES || !ref->from || ref->pattern)
			continue;
		if (ref->kind != SL_REF_REF && ref->kind != SL_REF_GETATT && ref->kind != SL_REF_SUB)
			continue;
		if (!is_part(ref->from))
			continue;
		const struct sl_entity *api = ref->resource;
		const struct sl_node *body = api ? overwriting_body(api) : NULL;
		size_t k = (size_t)(ref->from - t->resources.items);
		if (!body || k >= t->resources.n || done[k] == api)
			continue;
		done[k] = api;
		sl_report(c, body, "REST API '%s' is defined by %s with Mode: overwrite, and %s '%s' "
			  "also adds to it: each update of the definition deletes what the definition "
			  "does not hold, so '%s' is removed from the API while the stack still lists "
			  "it. Define it in the OpenAPI definition, or use Mode: merge",
			  api->key->str, body->str, ref->from->type->str, ref->from->key->str,
			  ref->from->key->str);
	}
	free(done);
}

const struct sl_rule rule_W3660 = {
	.id = "W3660",
	.severity = SL_SEV_WARNING,
	.title = "OpenAPI REST APIs in overwrite mode are not changed by other resources",
	.source = "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
		  "api-gateway-import-api-update.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::RestApi` defined by an OpenAPI definition (`Body` or "
	"`BodyS3Location`) with `Mode: overwrite` is not referenced (by `Ref`, `Fn::GetAtt` or "
	"`Fn::Sub`) from an `AWS::ApiGateway::Method`, `Model`, `Resource`, `GatewayResponse`, "
	"`RequestValidator` or `Authorizer` of the template. Each such resource is reported "
	"once, at the API's `Body` or `BodyS3Location`. Without `Mode`, or with `merge`, the "
	"API is not judged.\n\n"
	"### Why it matters\n"
	"CloudFormation applies `Body` by importing the definition into the API. In overwrite "
	"mode, API Gateway deletes every item of the existing API that the imported definition "
	"does not define. The methods, resources, models and other parts declared as separate "
	"resources are then removed from the API on an update of the definition, while the "
	"stack still lists them: the API loses routes and the template drifts from what is "
	"deployed.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Api:\n"
	"    Type: AWS::ApiGateway::RestApi\n"
	"    Properties:\n"
	"      Mode: overwrite\n"
	"      BodyS3Location: {Bucket: my-bucket, Key: openapi.yaml}\n"
	"  Extra:\n"
	"    Type: AWS::ApiGateway::Resource\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      ParentId: !GetAtt Api.RootResourceId\n"
	"      PathPart: extra\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Api:\n"
	"    Type: AWS::ApiGateway::RestApi\n"
	"    Properties:\n"
	"      Mode: overwrite\n"
	"      BodyS3Location: {Bucket: my-bucket, Key: openapi.yaml}  # defines /extra too\n"
	"```\n",
	.check = check,
};
