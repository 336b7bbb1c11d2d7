/* E3708: an API Gateway method's AuthorizationType fits its authorizer's Type.
 *
 * The API Gateway references of Method and Authorizer: a method's
 * AuthorizationType is CUSTOM for a custom (Lambda) authorizer and
 * COGNITO_USER_POOLS for an Amazon Cognito user pool authorizer; an
 * authorizer's Type is TOKEN or REQUEST for a Lambda function and
 * COGNITO_USER_POOLS for a user pool. An AWS::ApiGateway::Method whose literal
 * AuthorizationType is CUSTOM or COGNITO_USER_POOLS and whose AuthorizerId
 * names (Ref, or Fn::GetAtt .AuthorizerId) an AWS::ApiGateway::Authorizer of
 * the template with a literal Type of the other kind is reported at the
 * method's AuthorizationType, the property the Method reference ties to
 * AuthorizerId. Values written with functions are not judged. */
#include "engine/engine.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::ApiGateway::Method",
					   strlen("AWS::ApiGateway::Method"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		const struct sl_node *at = sl_map_get(props, "AuthorizationType");
		bool custom = sl_str_eq(at, "CUSTOM"), cognito = sl_str_eq(at, "COGNITO_USER_POOLS");
		if (!sl_node_is(at, SL_SCALAR) || (!custom && !cognito))
			continue;
		const struct sl_entity *auth = sl_template_ref_resource(
			c->t, sl_map_get(props, "AuthorizerId"), "AWS::ApiGateway::Authorizer");
		if (!auth)
			continue;
		const struct sl_node *type = sl_map_get(sl_map_get(auth->value, "Properties"), "Type");
		if (!sl_node_is(type, SL_SCALAR))
			continue;
		bool lambda = sl_str_eq(type, "TOKEN") || sl_str_eq(type, "REQUEST");
		if (custom && sl_str_eq(type, "COGNITO_USER_POOLS"))
			sl_report(c, at, "AuthorizationType CUSTOM with authorizer %s, a Cognito user pool "
				  "authorizer (Type COGNITO_USER_POOLS): CUSTOM is for Lambda authorizers "
				  "(TOKEN, REQUEST); set AuthorizationType to COGNITO_USER_POOLS",
				  auth->key->str);
		else if (cognito && lambda)
			sl_report(c, at, "AuthorizationType COGNITO_USER_POOLS with authorizer %s, a "
				  "Lambda authorizer (Type %s): COGNITO_USER_POOLS is for Cognito user pool "
				  "authorizers; set AuthorizationType to CUSTOM", auth->key->str, type->str);
	}
}

const struct sl_rule rule_E3708 = {
	.id = "E3708",
	.severity = SL_SEV_ERROR,
	.title = "API Gateway method authorization types fit their authorizer's type",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ApiGateway::Method` whose `AuthorizerId` names an `AWS::ApiGateway::Authorizer` "
	"of the template uses `AuthorizationType: CUSTOM` with a Lambda authorizer (`Type` "
	"`TOKEN` or `REQUEST`) and `AuthorizationType: COGNITO_USER_POOLS` with a user pool "
	"authorizer (`Type: COGNITO_USER_POOLS`). Values written with functions are not judged.\n"
	"\n"
	"### Why it matters\n"
	"API Gateway's method authorization types name the kind of authorizer: `CUSTOM` a "
	"custom (Lambda) authorizer, `COGNITO_USER_POOLS` an Amazon Cognito user pool. A method "
	"that names an authorizer of the other kind is rejected, and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  UserPoolAuthorizer:\n"
	"    Type: AWS::ApiGateway::Authorizer\n"
	"    Properties:\n"
	"      Type: COGNITO_USER_POOLS\n"
	"      ...\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      AuthorizationType: CUSTOM\n"
	"      AuthorizerId: !Ref UserPoolAuthorizer\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  GetItems:\n"
	"    Type: AWS::ApiGateway::Method\n"
	"    Properties:\n"
	"      AuthorizationType: COGNITO_USER_POOLS\n"
	"      AuthorizerId: !Ref UserPoolAuthorizer\n"
	"```\n",
	.check = check,
};
