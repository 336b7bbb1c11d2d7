/* E3698: an API Gateway stage and its deployment belong to the same REST API.
 *
 * A deployment is a sub-resource of one REST API (API Gateway REST API
 * reference, CreateStage: POST /restapis/{restapi_id}/stages with the
 * deploymentId of a deployment of that API). An AWS::ApiGateway::Stage whose
 * DeploymentId is a Ref to an AWS::ApiGateway::Deployment of the template is
 * compared with that deployment: when both RestApiId values are literal strings,
 * or both a Ref, and they differ, the deployment's RestApiId is reported. Other
 * forms (GetAtt, Sub, Fn::If, a literal against a Ref) are not judged. */
#include <string.h>

#include "engine/engine.h"

/* The Ref target of n when it is {"Ref": name}, else NULL. */
static const struct sl_node *ref_name(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Ref") || !sl_node_is(n->pairs[0].value, SL_SCALAR))
		return NULL;
	return n->pairs[0].value;
}

static bool same(const struct sl_node *a, const struct sl_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* 1 when a and b certainly name different APIs, 0 otherwise (equal or unknown). */
static int differ(const struct sl_node *a, const struct sl_node *b, bool *refs)
{
	const struct sl_node *ra = ref_name(a), *rb = ref_name(b);
	if (ra && rb) {
		*refs = true;
		return !same(ra, rb);
	}
	if (sl_node_is(a, SL_SCALAR) && sl_node_is(b, SL_SCALAR) && !sl_node_is_null(a) &&
	    !sl_node_is_null(b) && !strstr(a->str, "{{resolve:") && !strstr(b->str, "{{resolve:")) {
		*refs = false;
		return !same(a, b);
	}
	return 0;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::ApiGateway::Stage",
					   strlen("AWS::ApiGateway::Stage"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		const struct sl_node *api = sl_map_get(props, "RestApiId");
		const struct sl_node *dep = ref_name(sl_map_get(props, "DeploymentId"));
		if (!api || !dep)
			continue;
		const struct sl_entity *d = sl_index_find(&t->resources, dep->str, dep->len);
		if (!d || !sl_str_eq(d->type, "AWS::ApiGateway::Deployment"))
			continue;
		const struct sl_node *dprops = sl_map_get(d->value, "Properties");
		if (!sl_node_is(dprops, SL_MAP) || sl_node_intrinsic(dprops))
			continue;
		const struct sl_node *dapi = sl_map_get(dprops, "RestApiId");
		bool refs = false;
		if (!dapi || !differ(api, dapi, &refs))
			continue;
		const char *sa = refs ? ref_name(api)->str : api->str;
		const char *da = refs ? ref_name(dapi)->str : dapi->str;
		sl_report(c, dapi, "deployment %s belongs to REST API %s, but stage %s, which uses "
			  "it, is in REST API %s: a stage can only use a deployment of its own API; "
			  "give the stage and the deployment the same RestApiId", d->key->str, da,
			  e->key->str, sa);
	}
}

const struct sl_rule rule_E3698 = {
	.id = "E3698",
	.severity = SL_SEV_ERROR,
	.title = "API Gateway stages use a deployment of their own REST API",
	.source = "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::Stage` whose `DeploymentId` is a `Ref` to an "
	"`AWS::ApiGateway::Deployment` in the template has the same `RestApiId` as that "
	"deployment. The two are compared when both are literal strings or both a `Ref`; other "
	"forms are not judged. The deployment's `RestApiId` is reported.\n"
	"\n"
	"### Why it matters\n"
	"A deployment belongs to one REST API, and a stage is created under a REST API from one of "
	"its deployments (CreateStage, `/restapis/{restapi_id}/stages`). API Gateway cannot find "
	"a deployment of another API, so the stage fails to create and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Deployment:\n"
	"    Type: AWS::ApiGateway::Deployment\n"
	"    Properties:\n"
	"      RestApiId: !Ref OrdersApi\n"
	"  Prod:\n"
	"    Type: AWS::ApiGateway::Stage\n"
	"    Properties:\n"
	"      RestApiId: !Ref UsersApi\n"
	"      DeploymentId: !Ref Deployment\n"
	"      StageName: prod\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Prod:\n"
	"    Type: AWS::ApiGateway::Stage\n"
	"    Properties:\n"
	"      RestApiId: !Ref OrdersApi\n"
	"      DeploymentId: !Ref Deployment\n"
	"      StageName: prod\n"
	"```\n",
	.check = check,
};
