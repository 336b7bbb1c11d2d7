/*
 * E99022: SAM connectors, declared (AWS::Serverless::Connector) or embedded in
 * a resource's Connectors attribute, have the shape SAM reads: maps where maps
 * belong, a Destination and a non-empty list of Read/Write Permissions, and
 * endpoints that name a resource of the template by Id (with an optional
 * Qualifier) or describe one by Type, never both.
 *
 * Sources: samtranslator/model/connector/connector.py (get_resource_reference,
 * _is_valid_resource_reference), the embedded connectors plugin and
 * connector_profiles/profiles.json (ValidAccessCategories), and the SAM
 * developer guide pages AWS::Serverless::Connector and "Embedded connectors".
 */
#include <string.h>

#include "rules/sam/samrules.h"

/* The CloudFormation type a connector sees for a SAM type; others as they are. */
static const char *cfn_type(const struct sl_node *type)
{
	static const char *const map[][2] = {
		{ "AWS::Serverless::Function", "AWS::Lambda::Function" },
		{ "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" },
		{ "AWS::Serverless::Api", "AWS::ApiGateway::RestApi" },
		{ "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api" },
		{ "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table" },
	};
	if (!sl_samr_is_string(type))
		return NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (sl_str_eq(type, map[i][0]))
			return map[i][1];
	return type->str;
}

/* `Service::Name::Kind` with three non-empty alphanumeric parts. */
static bool type_form(const struct sl_node *t)
{
	int parts = 1;
	size_t run = 0;
	for (size_t i = 0; i < t->len; i++) {
		char ch = t->str[i];
		if (ch == ':') {
			if (i + 1 >= t->len || t->str[i + 1] != ':' || run == 0)
				return false;
			parts++;
			run = 0;
			i++;
			continue;
		}
		if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			return false;
		run++;
	}
	return parts == 3 && run > 0;
}

/* Checks one endpoint ({Id: X[, Qualifier]} or {Type: T, Arn: ..., ...});
 * returns its CloudFormation type when known, else NULL. `what` is "Source",
 * "Destination" or "SourceReference". */
static const char *check_endpoint(struct sl_ctx *c, const struct sl_node *at, const struct sl_node *ep,
				  const char *what, bool destination)
{
	if (sl_node_intrinsic(ep) || sl_samr_is_null(ep))
		return NULL;
	if (!sl_node_is(ep, SL_MAP)) {
		sl_report(c, ep, "%s of a connector must be a map (Id of a resource of this template, or Type "
			  "and Arn)", what);
		return NULL;
	}
	const struct sl_pair *idp = sl_map_get_pair(ep, "Id");
	bool others = false;
	for (size_t i = 0; i < ep->len; i++)
		others = others ||
			 (!sl_str_eq(ep->pairs[i].key, "Id") && !sl_str_eq(ep->pairs[i].key, "Qualifier"));
	if (idp && others) {
		sl_report(c, idp->key, "%s gives Id and other properties: a connector endpoint is a resource "
			  "of this template by Id (with an optional Qualifier), or one described by Type, Arn "
			  "and the like, not both", what);
		return NULL;
	}
	if (idp) {
		const struct sl_node *id = idp->value;
		if (sl_node_intrinsic(id))
			return NULL;
		if (!sl_samr_is_string(id) || id->len == 0) {
			sl_report(c, sl_samr_is_null(id) ? idp->key : id, "Id of the connector's %s must be the "
				  "logical ID of a resource of this template (a string)", what);
			return NULL;
		}
		const struct sl_entity *e = sl_index_find(&c->t->resources, id->str, id->len);
		if (!e) {
			if (!sl_template_implicit(c->t, id->str, id->len) &&
			    !sl_template_generated(c->t, SL_SEC_RESOURCES, id->str))
				sl_report(c, id, "connector %s '%s' is not a resource of this template", what, id->str);
			return NULL;
		}
		return cfn_type(e->type);
	}
	const struct sl_node *ty = sl_map_get(ep, "Type");
	if (sl_node_intrinsic(ty))
		return NULL;
	if (!sl_samr_is_string(ty) || ty->len == 0) {
		sl_report(c, at, "the connector's %s has neither Id nor a Type: SAM needs one of them to know "
			  "what it connects", what);
		return NULL;
	}
	if (!type_form(ty)) {
		sl_report(c, ty, "'%s' is not a resource type (Service::Product::Kind, e.g. AWS::SQS::Queue)",
			  ty->str);
		return NULL;
	}
	if (destination && sl_samr_is_null(sl_map_get(ep, "Arn")))
		sl_report(c, at, "the connector's Destination is given by Type (%s) without Arn: SAM needs the "
			  "ARN of a resource it does not find by Id", ty->str);
	return cfn_type(ty);
}

/* Permissions: a non-empty list of Read and Write; for the source and
 * destination types whose connector profile allows only some combinations,
 * one of those. */
static void check_permissions(struct sl_ctx *c, const struct sl_node *at, const struct sl_node *perms,
			      const char *src, const char *dst)
{
	if (sl_node_intrinsic(perms) || !sl_node_is(perms, SL_SEQ))
		return;
	if (perms->len == 0) {
		sl_report(c, at, "Permissions of a connector cannot be empty: give Read, Write or both");
		return;
	}
	bool read = false, write = false;
	for (size_t i = 0; i < perms->len; i++) {
		const struct sl_node *p = perms->items[i];
		if (sl_node_intrinsic(p) || !sl_samr_is_string(p))
			return;
		if (sl_str_eq(p, "Read"))
			read = true;
		else if (sl_str_eq(p, "Write"))
			write = true;
		else {
			sl_report(c, p, "'%s' is not a connector permission: use Read, Write or both", p->str);
			return;
		}
	}
	if (!src || !dst)
		return;
	if (!strcmp(src, "AWS::SQS::Queue") && !strcmp(dst, "AWS::Lambda::Function") && !(read && write))
		sl_report(c, at, "a connector from an SQS queue to a Lambda function takes Permissions Read and "
			  "Write together (the function receives and deletes the messages)");
	const char *sfn = "AWS::StepFunctions::StateMachine";
	if (!strcmp(src, sfn) && !strcmp(dst, sfn) && !read)
		sl_report(c, at, "a connector between two state machines takes Permissions Read, or Read and "
			  "Write (starting an execution also needs to read it)");
}

/* The Properties of a connector; parent is the resource it is embedded in, or
 * NULL for an AWS::Serverless::Connector whose Properties these are. */
static void check_properties(struct sl_ctx *c, const struct sl_node *at, const struct sl_node *props,
			     const struct sl_entity *parent)
{
	const char *src = NULL;
	if (parent) {
		src = cfn_type(parent->type);
		const struct sl_pair *sr = sl_map_get_pair(props, "SourceReference");
		if (sr && !sl_samr_is_null(sr->value) && !sl_node_intrinsic(sr->value)) {
			if (!sl_node_is(sr->value, SL_MAP)) {
				sl_report(c, sr->value, "SourceReference must be a map (Qualifier)");
			} else {
				for (size_t i = 0; i < sr->value->len; i++) {
					const struct sl_node *k = sr->value->pairs[i].key;
					if (sl_str_eq(k, "Qualifier"))
						continue;
					sl_report(c, k, "%s in SourceReference: the source of an embedded connector "
						  "is the resource it is written in%s", k->str,
						  sl_str_eq(k, "Id") ? "" : ", named by its Id, so only Qualifier can be "
									  "added");
				}
			}
		}
	} else {
		const struct sl_pair *sp = sl_map_get_pair(props, "Source");
		if (sp)
			src = check_endpoint(c, sp->key, sp->value, "Source", false);
	}
	const struct sl_pair *dp = sl_map_get_pair(props, "Destination");
	const char *dst = NULL;
	if (!dp || sl_samr_is_null(dp->value)) {
		if (parent || dp)
			sl_report(c, dp ? dp->key : at, "the connector has no Destination: SAM needs the resource "
				  "it grants access to");
	} else if (sl_node_is(dp->value, SL_SEQ)) {
		for (size_t i = 0; i < dp->value->len; i++)
			check_endpoint(c, dp->value->items[i], dp->value->items[i], "Destination", true);
	} else {
		dst = check_endpoint(c, dp->key, dp->value, "Destination", true);
	}
	const struct sl_pair *pp = sl_map_get_pair(props, "Permissions");
	if (!pp || sl_samr_is_null(pp->value)) {
		if (parent || pp)
			sl_report(c, pp ? pp->key : at, "the connector has no Permissions: give Read, Write or "
				  "both");
		return;
	}
	check_permissions(c, pp->key, pp->value, src, dst);
}

static void check_embedded(struct sl_ctx *c, const struct sl_entity *e, const struct sl_pair *cp)
{
	const struct sl_node *conns = cp->value;
	if (sl_node_intrinsic(conns))
		return;
	if (!sl_node_is(conns, SL_MAP)) {
		sl_report(c, sl_samr_is_null(conns) ? cp->key : conns, "Connectors of '%s' must be a map of "
			  "connector names to connectors", e->key->str);
		return;
	}
	for (size_t i = 0; i < conns->len; i++) {
		const struct sl_node *k = conns->pairs[i].key, *conn = conns->pairs[i].value;
		if (sl_node_intrinsic(conn))
			continue;
		if (!sl_node_is(conn, SL_MAP)) {
			sl_report(c, sl_samr_is_null(conn) ? k : conn, "connector '%s' must be a map with its "
				  "Properties", k->str);
			continue;
		}
		const struct sl_pair *pp = sl_map_get_pair(conn, "Properties");
		if (!pp || !sl_node_is(pp->value, SL_MAP) || sl_node_intrinsic(pp->value)) {
			if (pp && sl_node_intrinsic(pp->value))
				continue;
			sl_report(c, pp ? pp->key : k, "connector '%s' needs Properties, a map with its "
				  "Destination and Permissions%s", k->str,
				  !pp && sl_map_get(conn, "Destination") ? " (they are written beside Properties, "
									"not in it)" : "");
			continue;
		}
		check_properties(c, k, pp->value, e);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!t->sam && !t->sam_types)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_node_is(e->value, SL_MAP))
			continue;
		const struct sl_pair *cp = sl_map_get_pair(e->value, "Connectors");
		if (cp)
			check_embedded(c, e, cp);
		if (sl_samr_type_is(e, "AWS::Serverless::Connector") && sl_samr_props(e))
			check_properties(c, e->key, sl_samr_props(e), NULL);
	}
}

const struct sl_rule rule_E99022 = {
	.id = "E99022",
	.severity = SL_SEV_ERROR,
	.title = "SAM connectors name a Destination and Read/Write Permissions, and endpoints SAM can resolve",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-connector.html",
	.doc =
	"### What it checks\n"
	"For `AWS::Serverless::Connector` resources and connectors embedded in a resource's "
	"`Connectors` attribute: `Connectors` is a map of connectors, each a map with a `Properties` "
	"map; a connector has a `Destination` (one endpoint or a list) and `Permissions`, a non-empty "
	"list of `Read` and `Write` (an SQS queue to a Lambda function takes both; a state machine to "
	"a state machine takes `Read`, or both). Each endpoint is a map that either names a resource of "
	"the template by `Id` (a string, with an optional `Qualifier`) or describes one by `Type` (a "
	"resource type) and, for a destination, `Arn` — not both. An embedded connector's "
	"`SourceReference` is a map that adds only a `Qualifier`: its source is the resource it is "
	"written in.\n\n"
	"### Why it matters\n"
	"SAM turns each connector into the policies and permissions between two resources; it rejects "
	"a connector it cannot read or whose endpoints it cannot resolve, so the stack never "
	"deploys.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Connectors:\n"
	"      ToQueue:\n"
	"        Destination:\n"
	"          Id: Queue\n"
	"        Permissions:\n"
	"        - Send\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Connectors:\n"
	"      ToQueue:\n"
	"        Properties:\n"
	"          Destination:\n"
	"            Id: Queue\n"
	"          Permissions:\n"
	"          - Write\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n",
	.check = check,
};
