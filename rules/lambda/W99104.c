/* W99104: an API Gateway integration to a function that API Gateway may not invoke. */
#include <stdio.h>
#include <string.h>

#include "rules/lambda/lambda.h"

enum grant { NO = 0, YES, UNKNOWN };

/* Does a resource reference (Ref X or GetAtt X.Arn) name the function, or
 * through an alias or version of it? */
static enum grant names_resource(const struct sl_template *t, const struct sl_entity *f,
				 const char *id, size_t len, int depth)
{
	if (f->key->len == len && memcmp(f->key->str, id, len) == 0)
		return YES;
	const struct sl_entity *r = sl_index_find(&t->resources, id, len);
	if (!r)
		return sl_template_implicit(t, id, len) ? UNKNOWN : NO;
	if ((sl_samr_type_is(r, "AWS::Lambda::Alias") || sl_samr_type_is(r, "AWS::Lambda::Version")) &&
	    depth < 4) {
		const struct sl_node *fn = sl_map_get(sl_samr_props(r), "FunctionName");
		const struct sl_node *k = sl_node_intrinsic(fn);
		if (!k)
			return UNKNOWN;
		const struct sl_node *a = fn->pairs[0].value;
		if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR))
			return names_resource(t, f, a->str, a->len, depth + 1);
		return UNKNOWN;
	}
	return NO;
}

/* Whether a permission's FunctionName refers to function f. */
static enum grant names_function(const struct sl_template *t, const struct sl_entity *f,
				 const struct sl_node *fn)
{
	const struct sl_node *k = sl_node_intrinsic(fn);
	if (!k) {
		if (!sl_samr_is_string(fn))
			return UNKNOWN;
		const struct sl_node *name = sl_map_get(sl_samr_props(f), "FunctionName");
		if (!name)
			return NO; /* a generated name cannot be written literally */
		if (!sl_samr_is_string(name))
			return UNKNOWN;
		if (sl_str_eq(fn, name->str))
			return YES;
		/* an ARN, qualified or not: ...:function:<name>[:qualifier] */
		char want[300];
		snprintf(want, sizeof(want), ":function:%s", name->str);
		const char *at = strstr(fn->str, want);
		if (at && (at[strlen(want)] == 0 || at[strlen(want)] == ':'))
			return YES;
		return NO;
	}
	const struct sl_node *a = fn->pairs[0].value;
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR)) {
		if (sl_index_find(&t->resources, a->str, a->len) || sl_template_implicit(t, a->str, a->len))
			return names_resource(t, f, a->str, a->len, 0);
		return UNKNOWN; /* a parameter */
	}
	if (sl_str_eq(k, "Fn::GetAtt") && sl_node_is(a, SL_SEQ) && a->len == 2 &&
	    sl_node_is(a->items[0], SL_SCALAR))
		return names_resource(t, f, a->items[0]->str, a->items[0]->len, 0);
	/* Fn::Sub, Fn::Join, Fn::If, imports: YES when it mentions the function, else unknown */
	return sl_lam_uri_function(t, fn) == f ? YES : UNKNOWN;
}

/* True when a SAM connector destination (a map, or a list of them) may be f:
 * its Id, or an Arn (not judged). */
static bool destination(const struct sl_entity *f, const struct sl_node *d)
{
	if (sl_node_is(d, SL_SEQ)) {
		for (size_t i = 0; i < d->len; i++)
			if (destination(f, d->items[i]))
				return true;
		return false;
	}
	if (!sl_node_is(d, SL_MAP) || sl_node_intrinsic(d) || sl_map_get(d, "Arn"))
		return true;
	const struct sl_node *id = sl_map_get(d, "Id");
	return !sl_node_is(id, SL_SCALAR) || sl_str_eq(id, f->key->str);
}

/* True when a SAM connector (AWS::Serverless::Connector, or the Connectors
 * attribute of a resource) may connect something to f: SAM then writes the
 * Lambda permission. */
static bool connected(const struct sl_entity *r, const struct sl_entity *f)
{
	if (sl_samr_type_is(r, "AWS::Serverless::Connector"))
		return destination(f, sl_map_get(sl_samr_props(r), "Destination"));
	const struct sl_node *cs = sl_map_get(r->value, "Connectors");
	for (size_t i = 0; sl_node_is(cs, SL_MAP) && i < cs->len; i++)
		if (destination(f, sl_map_get(sl_map_get(cs->pairs[i].value, "Properties"), "Destination")))
			return true;
	return cs && !sl_node_is(cs, SL_MAP);
}

/* True when some AWS::Lambda::Permission or SAM connector may let API Gateway
 * invoke f. */
static bool permitted(const struct sl_template *t, const struct sl_entity *f)
{
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *p = &t->resources.items[i];
		if (connected(p, f))
			return true;
		if (!sl_samr_type_is(p, "AWS::Lambda::Permission"))
			continue;
		const struct sl_node *props = sl_samr_props(p);
		const struct sl_node *principal = sl_map_get(props, "Principal");
		if (!principal || !props)
			return true; /* cannot be judged */
		if (!sl_node_intrinsic(principal) && !sl_str_eq(principal, "apigateway.amazonaws.com"))
			continue;
		if (names_function(t, f, sl_map_get(props, "FunctionName")) != NO)
			return true;
	}
	return false;
}

/* A SAM function with Api / HttpApi events: SAM writes permissions for them. */
static bool sam_api_events(const struct sl_entity *f)
{
	if (!sl_samr_type_is(f, SL_SAM_FUNCTION))
		return false;
	const struct sl_node *events = sl_map_get(sl_samr_props(f), "Events");
	for (size_t j = 0; sl_node_is(events, SL_MAP) && j < events->len; j++) {
		const struct sl_node *ty = sl_map_get(events->pairs[j].value, "Type");
		if (sl_str_eq(ty, "Api") || sl_str_eq(ty, "HttpApi") || !sl_node_is(ty, SL_SCALAR))
			return true;
	}
	return false;
}

static void check_uri(struct sl_ctx *c, const struct sl_node *uri, const struct sl_node *creds)
{
	const struct sl_template *t = c->t;
	if (creds && !sl_samr_is_novalue(creds))
		return; /* API Gateway assumes this role to invoke: no resource policy needed */
	const struct sl_entity *f = sl_lam_uri_function(t, uri);
	if (!f || sam_api_events(f) || permitted(t, f))
		return;
	sl_report(c, uri, "API Gateway invokes function '%s' here, but no AWS::Lambda::Permission "
		  "lets apigateway.amazonaws.com invoke it (FunctionName referring to '%s'): the API "
		  "answers 500 \"Invalid permissions on Lambda function\"", f->key->str, f->key->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro)
		return; /* a macro may add the permission */
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *props = sl_samr_props(e);
		if (sl_samr_type_is(e, SL_LAM_REST_METHOD)) {
			const struct sl_node *in = sl_map_get(props, "Integration");
			const struct sl_node *ty = sl_map_get(in, "Type");
			if (sl_str_eq(ty, "AWS") || sl_str_eq(ty, "AWS_PROXY"))
				check_uri(c, sl_map_get(in, "Uri"), sl_map_get(in, "Credentials"));
		} else if (sl_samr_type_is(e, SL_LAM_V2_INTEGRATION)) {
			const struct sl_node *ty = sl_map_get(props, "IntegrationType");
			if (sl_str_eq(ty, "AWS") || sl_str_eq(ty, "AWS_PROXY"))
				check_uri(c, sl_map_get(props, "IntegrationUri"),
					  sl_map_get(props, "CredentialsArn"));
		}
	}
}

const struct sl_rule rule_W99104 = {
	.id = "W99104",
	.severity = SL_SEV_WARNING,
	.title = "API Gateway may invoke the functions it integrates",
	.source = "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::Method` `Integration` or an `AWS::ApiGatewayV2::Integration` of "
	"type `AWS` or `AWS_PROXY` whose URI names a function of the template (`!GetAtt Fn.Arn`, "
	"`${Fn.Arn}` in `Fn::Sub`, `Fn::Join` over the GetAtt) has an `AWS::Lambda::Permission` "
	"with `Principal: apigateway.amazonaws.com` whose `FunctionName` refers to that function "
	"(`Ref`, `GetAtt`, an alias or version of it, its literal name or ARN). Not judged: "
	"integrations with `Credentials` / `CredentialsArn` (API Gateway then invokes with that "
	"role), functions that a SAM connector (`AWS::Serverless::Connector` or a `Connectors` "
	"attribute) connects to, SAM functions with `Api`/`HttpApi` events (SAM adds their permissions), "
	"permissions whose function or principal cannot be known here (a parameter, an import, "
	"a computed name), and templates run through a macro.\n\n"
	"### Why it matters\n"
	"A Lambda function accepts calls from API Gateway only when its resource-based policy "
	"allows them. The console adds that permission when you wire an integration by hand; "
	"CloudFormation does not, so the stack deploys and every request fails with 500 "
	"\"Internal server error\" (\"Invalid permissions on Lambda function\" in the logs).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      ResourceId: !GetAtt Api.RootResourceId\n"
	"      HttpMethod: GET\n"
	"      AuthorizationType: NONE\n"
	"      Integration:\n"
	"        Type: AWS_PROXY\n"
	"        IntegrationHttpMethod: POST\n"
	"        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      ResourceId: !GetAtt Api.RootResourceId\n"
	"      HttpMethod: GET\n"
	"      AuthorizationType: NONE\n"
	"      Integration:\n"
	"        Type: AWS_PROXY\n"
	"        IntegrationHttpMethod: POST\n"
	"        Uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ItemsFunction.Arn}/invocations\n"
	"  ApiInvokesItems:\n"
	"    Type: AWS::Lambda::Permission\n"
	"    Properties:\n"
	"      Action: lambda:InvokeFunction\n"
	"      FunctionName: !Ref ItemsFunction\n"
	"      Principal: apigateway.amazonaws.com\n"
	"      SourceArn: !Sub arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*\n"
	"```\n",
	.check = check,
};
