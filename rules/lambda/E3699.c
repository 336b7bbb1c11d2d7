/* E3699: an API Gateway method whose authorizer belongs to another REST API. */
#include "rules/lambda/lambda.h"

/* What a RestApiId names, as text to compare: the logical ID of a {"Ref": X}
 * to a resource of the template, or a literal ID. *ref says which. NULL when
 * it cannot be known here (a parameter, an import, another function). */
static const struct sl_node *api_of(const struct sl_template *t, const struct sl_node *v, bool *ref)
{
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn) {
		*ref = false;
		return sl_samr_is_string(v) ? v : NULL;
	}
	if (!sl_str_eq(fn, "Ref"))
		return NULL;
	const struct sl_node *x = v->pairs[0].value;
	if (!sl_node_is(x, SL_SCALAR) || !sl_index_find(&t->resources, x->str, x->len))
		return NULL;
	*ref = true;
	return x;
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_template *t = c->t;
	const struct sl_node *aid = sl_map_get(props, "AuthorizerId");
	if (!sl_str_eq(sl_node_intrinsic(aid), "Ref"))
		return;
	const struct sl_node *an = aid->pairs[0].value;
	if (!sl_node_is(an, SL_SCALAR))
		return;
	const struct sl_entity *auth = sl_index_find(&t->resources, an->str, an->len);
	if (!auth || !sl_samr_type_is(auth, "AWS::ApiGateway::Authorizer"))
		return;
	bool mref, aref;
	const struct sl_node *mv = sl_map_get(props, "RestApiId");
	const struct sl_node *av = sl_map_get(sl_samr_props(auth), "RestApiId");
	const struct sl_node *m = api_of(t, mv, &mref), *a = api_of(t, av, &aref);
	if (!m || !a || mref != aref)
		return;
	if (m->len == a->len && memcmp(m->str, a->str, m->len) == 0)
		return;
	sl_report(c, aid,
		  "the method's authorizer %.*s belongs to REST API %s%.*s%s, but the method is in %s%.*s%s: "
		  "an authorizer serves only the methods of its own API, and API Gateway rejects the "
		  "method. Use an authorizer whose RestApiId is the method's API, or give this method "
		  "the authorizer's API",
		  (int)an->len, an->str, aref ? "" : "'", (int)a->len, a->str, aref ? "" : "'",
		  mref ? "" : "'", (int)m->len, m->str, mref ? "" : "'");
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_LAM_REST_METHOD, check_one, NULL);
}

const struct sl_rule rule_E3699 = {
	.id = "E3699",
	.severity = SL_SEV_ERROR,
	.title = "A method's authorizer belongs to the method's REST API",
	.source = "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::Method` whose `AuthorizerId` is a `Ref` to an "
	"`AWS::ApiGateway::Authorizer` of the template has the same `RestApiId` as that "
	"authorizer: both a `Ref` to the same resource, or the same literal ID. An API given by a "
	"parameter, an import or another function is not judged.\n\n"
	"### Why it matters\n"
	"An authorizer is created inside one REST API (`POST /restapis/{restapi_id}/authorizers`) "
	"and is known only there. A method of another API cannot use it: API Gateway rejects the "
	"method's authorizer ID, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Authorizer:\n"
	"    Type: AWS::ApiGateway::Authorizer\n"
	"    Properties:\n"
	"      RestApiId: !Ref PublicApi\n"
	"      Type: TOKEN\n"
	"      Name: token\n"
	"      IdentitySource: method.request.header.Authorization\n"
	"      AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthFn.Arn}/invocations\n"
	"  Method:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      RestApiId: !Ref AdminApi\n"
	"      ResourceId: !GetAtt AdminApi.RootResourceId\n"
	"      HttpMethod: GET\n"
	"      AuthorizationType: CUSTOM\n"
	"      AuthorizerId: !Ref Authorizer\n"
	"      Integration: {Type: MOCK}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      RestApiId: !Ref PublicApi\n"
	"      ResourceId: !GetAtt PublicApi.RootResourceId\n"
	"      AuthorizerId: !Ref Authorizer\n"
	"```\n",
	.check = check,
};
