/*
 * E99020: the OpenAPI definition of a SAM Api or HttpApi, and the properties
 * that SAM writes into it. SAM edits the inline DefinitionBody (or the one it
 * generates when neither DefinitionBody nor DefinitionUri is given) to add
 * CORS, authorizers, gateway responses, models, tags and so on; a definition
 * in S3 (DefinitionUri) it cannot edit, so those properties are rejected
 * there. An inline definition it edits must be an OpenAPI document whose
 * paths, operations and security settings have the shapes the specification
 * gives them.
 *
 * Sources: samtranslator/model/api/api_generator.py and http_api_generator.py
 * (_add_cors, _add_auth, _add_gateway_responses, _add_models, _add_tags,
 * _add_endpoint_extension, _add_title, _add_description, _validate_properties),
 * samtranslator/swagger/swagger.py and open_api/open_api.py (is_valid, the
 * editors' checks of paths and methods), and the SAM developer guide pages of
 * AWS::Serverless::Api and AWS::Serverless::HttpApi.
 */
#include <stdio.h>
#include <string.h>

#include "rules/sam/samrules.h"

/* `^[23]\.\d(\.\d)?$` (or `^3...` when three_only): the OpenAPI versions SAM takes. */
static bool version_ok(const struct sl_node *v, bool three_only)
{
	const char *s = v->str;
	size_t n = v->len;
	if (!(n == 3 || n == 5) || !(s[0] == '3' || (!three_only && s[0] == '2')))
		return false;
	if (s[1] != '.' || s[2] < '0' || s[2] > '9')
		return false;
	return n == 3 || (s[3] == '.' && s[4] >= '0' && s[4] <= '9');
}

static bool version_judged(const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SCALAR) || sl_node_intrinsic(v) || sl_samr_is_null(v))
		return false;
	enum sl_scalar_type st = sl_scalar_type(v);
	return st == SL_TYPE_STRING || st == SL_TYPE_INT;
}

/* Whether an inline definition is one SAM's editor accepts: a map with a map
 * of paths and a `swagger` version (REST APIs only) or an OpenAPI 3 version.
 * 1 yes, 0 no, -1 unknown (a version given by a function). An intrinsic
 * function in `paths` is a map to SAM's check. */
static int definition_valid(const struct sl_node *body, bool http)
{
	if (!sl_node_is(body, SL_MAP) || body->len == 0)
		return 0;
	if (!sl_node_is(sl_map_get(body, "paths"), SL_MAP))
		return 0;
	const struct sl_node *sw = sl_map_get(body, "swagger");
	if (!http && sl_samr_truthy(sw))
		return 1;
	const struct sl_node *v = sl_map_get(body, "openapi");
	if (sl_node_intrinsic(v) || (!http && sl_node_intrinsic(sw)))
		return -1;
	if (!sl_samr_truthy(v) || !sl_node_is(v, SL_SCALAR))
		return 0;
	return version_ok(v, true) || sl_scalar_type(v) == SL_TYPE_FLOAT;
}

static const char *const methods[] = {
	"get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method",
};

static bool is_method(const struct sl_node *k)
{
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (sl_str_eq(k, methods[i]))
			return true;
	return false;
}

/* Operation-level and document-level `security` is a list of requirement maps. */
static void check_security(struct sl_ctx *c, const struct sl_node *op, const char *where)
{
	const struct sl_pair *sp = sl_map_get_pair(op, "security");
	if (!sp || sl_node_intrinsic(sp->value) || sl_node_is(sp->value, SL_SEQ))
		return;
	sl_report(c, sl_samr_is_null(sp->value) ? sp->key : sp->value, "security %s must be a list of "
		  "security requirements (e.g. - ApiKeyAuth: []), not %s", where,
		  sl_samr_is_null(sp->value) ? "empty" : sl_node_is(sp->value, SL_MAP) ? "a map" : "a single value");
}

/* What SAM reads of an inline definition it edits: every path item (always),
 * the security schemes (when it adds authorizers), and every operation with its
 * security (when an API-wide authorizer, API key or resource policy is put on
 * each method). */
static void check_structure(struct sl_ctx *c, const struct sl_node *body, bool auth, bool all_methods)
{
	const struct sl_pair *pp = sl_map_get_pair(body, "paths");
	if (all_methods)
		check_security(c, body, "of the definition");
	static const char *const schemes[][3] = { { "securityDefinitions", NULL, NULL },
						  { "components", "securitySchemes", NULL } };
	for (int i = 0; auth && i < 2; i++) {
		const struct sl_node *sd = sl_map_path(body, schemes[i]);
		if (sd && !sl_samr_is_null(sd) && !sl_node_is(sd, SL_MAP))
			sl_report(c, sd, "%s must be a map of security scheme names to their definitions",
				  schemes[i][1] ? schemes[i][1] : schemes[i][0]);
	}
	const struct sl_node *paths = pp ? pp->value : NULL;
	for (size_t i = 0; sl_node_is(paths, SL_MAP) && !sl_node_intrinsic(paths) && i < paths->len; i++) {
		const struct sl_node *k = paths->pairs[i].key, *item = paths->pairs[i].value;
		if (sl_node_intrinsic(item))
			continue;
		if (!sl_node_is(item, SL_MAP)) {
			sl_report(c, sl_samr_is_null(item) ? k : item, "path '%s' of the OpenAPI definition must "
				  "be a map of its operations (get, post, ...), not %s", k->str,
				  sl_samr_is_null(item) ? "empty" : "a list or a single value");
			continue;
		}
		for (size_t j = 0; all_methods && j < item->len; j++) {
			const struct sl_node *mk = item->pairs[j].key, *op = item->pairs[j].value;
			if (!is_method(mk) || sl_node_intrinsic(op))
				continue;
			if (!sl_node_is(op, SL_MAP)) {
				sl_report(c, sl_samr_is_null(op) ? mk : op, "operation '%s' of path '%s' must be "
					  "a map (responses, x-amazon-apigateway-integration, ...), not %s", mk->str,
					  k->str, sl_samr_is_null(op) ? "empty" : "a list or a single value");
				continue;
			}
			char where[64];
			snprintf(where, sizeof(where), "of operation '%s'", mk->str);
			check_security(c, op, where);
		}
	}
}

struct prop {
	const char *name;
	bool present_is_enough; /* SAM tests `is not None` rather than truthiness */
};

/* Properties SAM writes into the definition, per API kind. */
static const struct prop rest_props[] = {
	{ "Cors", false }, { "Auth", false }, { "GatewayResponses", false }, { "Models", false },
	{ "DisableExecuteApiEndpoint", true },
};
static const struct prop http_props[] = {
	{ "Auth", false }, { "CorsConfiguration", false }, { "Tags", false },
	{ "DisableExecuteApiEndpoint", true }, { "Description", false }, { "Name", false },
};
/* of those, the ones that need a valid definition to edit */
static bool needs_valid(const char *name, bool http)
{
	if (!strcmp(name, "Auth"))
		return true;
	return http ? !strcmp(name, "CorsConfiguration") || !strcmp(name, "Tags")
		    : !strcmp(name, "Cors") || !strcmp(name, "GatewayResponses") || !strcmp(name, "Models");
}

static void check_api(struct sl_ctx *c, const struct sl_entity *e, bool http)
{
	const struct sl_template *t = c->t;
	const struct sl_node *props = sl_samr_props(e);
	const struct sl_pair *bp = sl_map_get_pair(props, "DefinitionBody");
	const struct sl_pair *up = sl_map_get_pair(props, "DefinitionUri");
	if (bp && up && !sl_samr_is_null(bp->value) && !sl_samr_is_null(up->value)) {
		sl_report(c, up->key, "DefinitionUri and DefinitionBody together: SAM takes the API's "
			  "definition from one of them");
		return;
	}
	bool from_globals = false;
	const struct sl_node *uri = bp ? NULL : sl_sam_prop(t, e, "DefinitionUri", &from_globals);
	const struct sl_node *body = bp ? bp->value : NULL;
	const struct prop *list = http ? http_props : rest_props;
	size_t n = http ? sizeof(http_props) / sizeof(http_props[0])
			: sizeof(rest_props) / sizeof(rest_props[0]);
	if (sl_samr_truthy(uri)) {
		const struct sl_node *at = from_globals ? sl_samr_anchor(e) : sl_map_key_of(uri);
		for (size_t i = 0; i < n; i++) {
			bool g = false;
			const struct sl_node *v = sl_sam_prop(t, e, list[i].name, &g);
			if (!(list[i].present_is_enough ? v != NULL : sl_samr_truthy(v)))
				continue;
			sl_report(c, g ? at : sl_map_key_of(v), "%s%s works only with an inline definition "
				  "(DefinitionBody): SAM writes it into the OpenAPI document, and cannot edit the "
				  "one at DefinitionUri", list[i].name, g ? " (from Globals)" : "");
		}
		const struct sl_node *merge = sl_sam_prop(t, e, "MergeDefinitions", NULL);
		if (!http && sl_scalar_bool(merge) == 1)
			sl_report(c, merge, "MergeDefinitions with DefinitionUri: SAM merges its routes into an "
				  "inline DefinitionBody only");
		return;
	}
	if (!body || sl_node_intrinsic(body) || !sl_node_is(body, SL_MAP))
		return; /* generated by SAM, or computed (AWS::Include, Fn::If): not judged */
	int valid = definition_valid(body, http);
	if (valid < 0)
		return;
	if (!valid) {
		for (size_t i = 0; i < n; i++) {
			bool g = false;
			const struct sl_node *v = sl_sam_prop(t, e, list[i].name, &g);
			if (!needs_valid(list[i].name, http) || !sl_samr_truthy(v))
				continue;
			sl_report(c, g ? bp->key : sl_map_key_of(v), "%s%s needs a DefinitionBody SAM can edit, "
				  "and this one is not %s (a map of paths and %s)", list[i].name,
				  g ? " (from Globals)" : "", http ? "an OpenAPI 3 document" : "a Swagger or OpenAPI "
				  "3 document", http ? "openapi: 3.x.y" : "swagger: '2.0' or openapi: 3.x.y");
		}
		return;
	}
	/* with MergeDefinitions SAM builds its routes apart and merges them in: it
	 * reads nothing of the user's document */
	if (!http && sl_scalar_bool(sl_sam_prop(t, e, "MergeDefinitions", NULL)) == 1)
		return;
	bool edits = http; /* HttpApi: SAM always tags the inline document */
	for (size_t i = 0; !edits && i < n; i++)
		edits = sl_samr_truthy(sl_sam_prop(t, e, list[i].name, NULL));
	const struct sl_node *oa = sl_map_get(body, "openapi");
	edits = edits || sl_samr_truthy(sl_sam_prop(t, e, "BinaryMediaTypes", NULL)) ||
		(sl_node_is(oa, SL_SCALAR) && oa->len > 0 && oa->str[0] == '3');
	static const char *const def_auth[] = { "Auth", "DefaultAuthorizer", NULL };
	static const char *const key_auth[] = { "Auth", "ApiKeyRequired", NULL };
	static const char *const pol_auth[] = { "Auth", "ResourcePolicy", NULL };
	bool all = sl_samr_truthy(sl_sam_prop_path(t, e, def_auth, NULL)) ||
		   (!http && (sl_samr_truthy(sl_sam_prop_path(t, e, key_auth, NULL)) ||
			      sl_samr_truthy(sl_sam_prop_path(t, e, pol_auth, NULL))));
	if (edits)
		check_structure(c, body, sl_samr_truthy(sl_sam_prop(t, e, "Auth", NULL)), all);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const struct sl_node *gv = sl_map_get(sl_sam_globals_for(t, SL_SAM_API), "OpenApiVersion");
	if (version_judged(gv) && !version_ok(gv, false))
		sl_report(c, gv, "OpenApiVersion '%s' is not a version SAM takes: 2.x or 3.x.y with single "
			  "digits, e.g. '3.0.1'", gv->str);
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_API, SL_SAM_HTTP_API);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool rest = sl_samr_type_is(e, SL_SAM_API), http = sl_samr_type_is(e, SL_SAM_HTTP_API);
		if (!rest && !http)
			continue;
		check_api(c, e, http);
		const struct sl_node *v = rest ? sl_map_get(sl_samr_props(e), "OpenApiVersion") : NULL;
		if (version_judged(v) && !version_ok(v, false))
			sl_report(c, v, "OpenApiVersion '%s' is not a version SAM takes: 2.x or 3.x.y with "
				  "single digits, e.g. '3.0.1'", v->str);
	}
}

const struct sl_rule rule_E99020 = {
	.id = "E99020",
	.severity = SL_SEV_ERROR,
	.title = "SAM API definitions are inline where SAM edits them, and well-formed OpenAPI",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html",
	.doc =
	"### What it checks\n"
	"For `AWS::Serverless::Api` and `AWS::Serverless::HttpApi` (with their `Globals`):\n"
	"- `DefinitionUri` and `DefinitionBody` are not given together;\n"
	"- with `DefinitionUri`, the properties SAM writes into the OpenAPI document are absent: "
	"`Cors`, `Auth`, `GatewayResponses`, `Models`, `DisableExecuteApiEndpoint`, "
	"`MergeDefinitions` (Api); `Auth`, `CorsConfiguration`, `Tags`, `DisableExecuteApiEndpoint`, "
	"`Description`, `Name` (HttpApi);\n"
	"- an inline `DefinitionBody` that must be edited for `Auth`, CORS, gateway responses, models "
	"or tags is a Swagger 2.0 (Api only) or OpenAPI 3 document with a map of `paths`;\n"
	"- in an inline definition, each path is a map of operations, each operation a map, "
	"`security` a list and `securityDefinitions` / `components.securitySchemes` a map;\n"
	"- `OpenApiVersion` is 2.x or 3.x.y (single digits), e.g. `3.0.1`.\n"
	"A definition given by a function (`Fn::Transform` with AWS::Include, `Fn::If`) is not "
	"judged.\n\n"
	"### Why it matters\n"
	"SAM adds CORS, authorizers, gateway responses, models and tags by editing the inline "
	"definition; it cannot edit a file in S3, and rejects the template instead of silently "
	"dropping the setting. A malformed path or operation makes the transform (and API Gateway's "
	"import) fail.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::HttpApi\n"
	"    Properties:\n"
	"      DefinitionUri: s3://my-bucket/openapi.yaml\n"
	"      Tags:\n"
	"        team: payments\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::HttpApi\n"
	"    Properties:\n"
	"      DefinitionBody:\n"
	"        Fn::Transform:\n"
	"          Name: AWS::Include\n"
	"          Parameters:\n"
	"            Location: s3://my-bucket/openapi.yaml\n"
	"      Tags:\n"
	"        team: payments\n"
	"```\n",
	.check = check,
};
