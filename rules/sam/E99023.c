/*
 * E99023: settings of SAM Api and HttpApi resources that the SAM transform
 * reads itself, beyond what the resource specification types: the REST stage
 * name, custom domains (Domain), resource policies, models, gateway responses
 * and usage plans.
 *
 * Sources: samtranslator/model/api/api_generator.py (_construct_api_domain,
 * _add_gateway_responses, _add_models, _construct_usage_plan),
 * api/http_api_generator.py (_construct_api_domain), swagger/swagger.py
 * (add_resource_policy), eventsources/push.py (the stage name of an explicit
 * API), and the SAM developer guide pages DomainConfiguration, Route53Configuration,
 * ResourcePolicyStatement, ApiUsagePlan and AWS::Serverless::Api.
 */
#include <string.h>

#include "rules/sam/samrules.h"

static bool skip(const struct sl_node *n)
{
	return sl_samr_is_null(n) || sl_node_intrinsic(n);
}

static bool one_of(const struct sl_node *v, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (sl_str_eq(v, words[i]))
			return true;
	return false;
}

static void check_domain(struct sl_ctx *c, const struct sl_node *d, bool http)
{
	if (skip(d))
		return;
	if (!sl_node_is(d, SL_MAP)) {
		sl_report(c, d, "Domain must be a map (DomainName, CertificateArn, ...)");
		return;
	}
	static const char *const needed[] = { "DomainName", "CertificateArn" };
	for (int i = 0; i < 2; i++)
		if (sl_samr_is_null(sl_map_get(d, needed[i])))
			sl_report(c, sl_map_key_of(d) ? sl_map_key_of(d) : d, "Domain has no %s: SAM builds a "
				  "custom domain only with both DomainName and CertificateArn", needed[i]);
	static const char *const rest_ends[] = { "EDGE", "REGIONAL", "PRIVATE", NULL };
	static const char *const http_ends[] = { "REGIONAL", NULL };
	const struct sl_node *ep = sl_map_get(d, "EndpointConfiguration");
	if (sl_samr_is_string(ep) && !one_of(ep, http ? http_ends : rest_ends))
		sl_report(c, ep, "EndpointConfiguration '%s' of a custom domain is not %s", ep->str,
			  http ? "REGIONAL (the only one HTTP APIs have)" : "EDGE, REGIONAL or PRIVATE");
	const struct sl_node *mtls = sl_map_get(d, "MutualTlsAuthentication");
	if (!skip(mtls)) {
		if (!sl_node_is(mtls, SL_MAP))
			sl_report(c, mtls, "MutualTlsAuthentication must be a map (TruststoreUri, TruststoreVersion)");
		for (size_t i = 0; sl_node_is(mtls, SL_MAP) && i < mtls->len; i++) {
			const struct sl_node *k = mtls->pairs[i].key;
			if (!sl_str_eq(k, "TruststoreUri") && !sl_str_eq(k, "TruststoreVersion"))
				sl_report(c, k, "'%s' is not a MutualTlsAuthentication field: SAM takes TruststoreUri "
					  "and TruststoreVersion", k->str);
		}
	}
	const struct sl_node *bp = sl_map_get(d, "BasePath");
	size_t nb = sl_node_is(bp, SL_SEQ) ? bp->len : 1;
	for (size_t i = 0; !skip(bp) && i < nb; i++) {
		const struct sl_node *p = sl_node_is(bp, SL_SEQ) ? bp->items[i] : bp;
		if (sl_node_intrinsic(p))
			continue;
		if (!sl_samr_is_string(p)) {
			if (sl_node_is(bp, SL_SEQ) || sl_node_is(bp, SL_SCALAR))
				sl_report(c, p, "a BasePath of a custom domain must be a string");
			continue;
		}
		for (size_t j = 0; http && j < p->len; j++) {
			char ch = p->str[j];
			if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			      ch == '/' || ch == '-' || ch == '_')) {
				sl_report(c, p, "BasePath '%s' has the character '%.*s': SAM takes letters, digits, "
					  "'/', '-' and '_' in the base paths of HTTP APIs", p->str,
					  (int)sl_utf8_char_len(p->str + j, p->len - j), p->str + j);
				break;
			}
		}
	}
	const struct sl_node *r53 = sl_map_get(d, "Route53");
	if (skip(r53))
		return;
	if (!sl_node_is(r53, SL_MAP)) {
		sl_report(c, r53, "Domain.Route53 must be a map (HostedZoneId or HostedZoneName, ...)");
		return;
	}
	if (sl_samr_is_null(sl_map_get(r53, "HostedZoneId")) &&
	    sl_samr_is_null(sl_map_get(r53, "HostedZoneName")))
		sl_report(c, sl_map_key_of(r53), "Route53 needs HostedZoneId or HostedZoneName: SAM writes the "
			  "domain's records into that hosted zone");
	const struct sl_node *sep = sl_map_get(r53, "SeparateRecordSetGroup");
	if (!http && !skip(sep) && !(sl_node_is(sep, SL_SCALAR) && sl_scalar_type(sep) == SL_TYPE_BOOL))
		sl_report(c, sep, "SeparateRecordSetGroup must be true or false");
}

/* ResourcePolicy (of an API's Auth or of an event's Auth). */
static void check_policy(struct sl_ctx *c, const struct sl_node *pol)
{
	if (skip(pol))
		return;
	if (!sl_node_is(pol, SL_MAP)) {
		sl_report(c, pol, "ResourcePolicy must be a map of resource policy statements "
			  "(AwsAccountWhitelist, IpRangeBlacklist, CustomStatements, ...)");
		return;
	}
	static const char *const lists[][2] = { { "SourceVpcBlacklist", "IntrinsicVpcBlacklist" },
						{ "SourceVpcWhitelist", "IntrinsicVpcWhitelist" } };
	for (int i = 0; i < 2; i++) {
		const struct sl_node *l = sl_map_get(pol, lists[i][0]);
		if (!sl_node_is(l, SL_SEQ))
			continue;
		for (size_t j = 0; j < l->len; j++) {
			const struct sl_node *k = sl_node_intrinsic(l->items[j]);
			if (sl_samr_is_string(l->items[j]) || (k && sl_str_eq(k, "Ref")))
				continue; /* SAM resolves a Ref to a parameter itself */
			sl_report(c, l->items[j], "%s is a list of VPC or VPC endpoint IDs as strings (or Refs "
				  "to parameters): for values computed with other functions use %s", lists[i][0],
				  lists[i][1]);
			break;
		}
	}
}

static void check_gateway_responses(struct sl_ctx *c, const struct sl_node *gr)
{
	if (skip(gr) || !sl_node_is(gr, SL_MAP))
		return; /* the type is E3012's */
	for (size_t i = 0; i < gr->len; i++) {
		const struct sl_node *k = gr->pairs[i].key, *v = gr->pairs[i].value;
		if (sl_node_intrinsic(v)) {
			sl_report(c, v, "gateway response %s is given by a function: SAM writes gateway responses "
				  "into the definition itself and supports no intrinsic functions there", k->str);
			continue;
		}
		if (!sl_node_is(v, SL_MAP)) {
			sl_report(c, sl_samr_is_null(v) ? k : v, "gateway response %s must be a map "
				  "(ResponseParameters, ResponseTemplates, StatusCode)", k->str);
			continue;
		}
		for (size_t j = 0; j < v->len; j++) {
			const struct sl_node *pk = v->pairs[j].key;
			if (!sl_str_eq(pk, "ResponseParameters") && !sl_str_eq(pk, "ResponseTemplates") &&
			    !sl_str_eq(pk, "StatusCode"))
				sl_report(c, pk, "'%s' is not a property of a gateway response: SAM takes "
					  "ResponseParameters, ResponseTemplates and StatusCode", pk->str);
		}
	}
}

static void check_usage_plan(struct sl_ctx *c, const struct sl_node *up)
{
	if (skip(up))
		return;
	if (!sl_node_is(up, SL_MAP)) {
		sl_report(c, up, "UsagePlan must be a map (CreateUsagePlan, ...)");
		return;
	}
	static const char *const keys[] = { "CreateUsagePlan", "Description", "Quota", "Tags", "Throttle",
					     "UsagePlanName", NULL };
	for (size_t i = 0; i < up->len; i++)
		if (!one_of(up->pairs[i].key, keys))
			sl_report(c, up->pairs[i].key, "'%s' is not a property of UsagePlan: SAM takes "
				  "CreateUsagePlan, Description, Quota, Tags, Throttle and UsagePlanName",
				  up->pairs[i].key->str);
	const struct sl_node *cu = sl_map_get(up, "CreateUsagePlan");
	static const char *const kinds[] = { "SHARED", "PER_API", "NONE", NULL };
	if (!cu)
		sl_report(c, sl_map_key_of(up), "UsagePlan has no CreateUsagePlan: SAM needs SHARED, PER_API "
			  "or NONE");
	else if (sl_samr_is_string(cu) && !one_of(cu, kinds))
		sl_report(c, cu, "CreateUsagePlan '%s' is not SHARED, PER_API or NONE", cu->str);
}

static void check_models(struct sl_ctx *c, const struct sl_node *models)
{
	if (skip(models) || !sl_node_is(models, SL_MAP))
		return; /* the type is E3012's */
	for (size_t i = 0; i < models->len; i++) {
		const struct sl_node *k = models->pairs[i].key, *v = models->pairs[i].value;
		if (!sl_node_is(v, SL_MAP))
			sl_report(c, sl_samr_is_null(v) ? k : v, "model %s must be a map (a JSON schema)", k->str);
	}
}

/* The settings of one API (props: its Properties, or a Globals section). */
static void check_api(struct sl_ctx *c, const struct sl_node *props, bool http)
{
	check_domain(c, sl_map_get(props, "Domain"), http);
	if (http)
		return;
	static const char *const policy[] = { "Auth", "ResourcePolicy", NULL };
	static const char *const usage_plan[] = { "Auth", "UsagePlan", NULL };
	check_policy(c, sl_map_path(props, policy));
	check_usage_plan(c, sl_map_path(props, usage_plan));
	check_gateway_responses(c, sl_map_get(props, "GatewayResponses"));
	check_models(c, sl_map_get(props, "Models"));
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	check_api(c, sl_sam_globals_for(t, SL_SAM_API), false);
	check_api(c, sl_sam_globals_for(t, SL_SAM_HTTP_API), true);
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_API, SL_SAM_HTTP_API, SL_SAM_FUNCTION,
			   SL_SAM_STATE_MACHINE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool rest = sl_samr_type_is(e, SL_SAM_API), http = sl_samr_type_is(e, SL_SAM_HTTP_API);
		if (rest || http) {
			const struct sl_node *props = sl_samr_props(e);
			check_api(c, props, http);
			const struct sl_node *stage = sl_map_get(props, "StageName");
			if (rest && sl_samr_is_string(stage) && stage->len == 0)
				sl_report(c, stage, "StageName of API '%s' is empty: API Gateway stages need a name, "
					  "and SAM rejects an empty one", e->key->str);
			continue;
		}
		if (!sl_samr_type_is(e, SL_SAM_FUNCTION) && !sl_samr_type_is(e, SL_SAM_STATE_MACHINE))
			continue;
		const struct sl_node *events = sl_map_get(sl_samr_props(e), "Events");
		for (size_t j = 0; sl_node_is(events, SL_MAP) && j < events->len; j++) {
			const struct sl_node *ev = events->pairs[j].value;
			static const char *const policy[] = { "Properties", "Auth", "ResourcePolicy", NULL };
			if (sl_str_eq(sl_map_get(ev, "Type"), "Api"))
				check_policy(c, sl_map_path(ev, policy));
		}
	}
}

const struct sl_rule rule_E99023 = {
	.id = "E99023",
	.severity = SL_SEV_ERROR,
	.title = "SAM API custom domains, resource policies, models, gateway responses and usage plans are well-formed",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-domainconfiguration.html",
	.doc =
	"### What it checks\n"
	"Settings of `AWS::Serverless::Api` and `AWS::Serverless::HttpApi` (and their `Globals`) that "
	"the SAM transform reads itself:\n"
	"- `Domain` is a map with `DomainName` and `CertificateArn`; its `EndpointConfiguration` is "
	"EDGE, REGIONAL or PRIVATE (REGIONAL for HTTP APIs); `MutualTlsAuthentication` has only "
	"`TruststoreUri` and `TruststoreVersion`; `BasePath` is a string or a list of strings (HTTP APIs: "
	"letters, digits, `/`, `-`, `_`); `Route53` is a map with `HostedZoneId` or `HostedZoneName`, "
	"and `SeparateRecordSetGroup` is a boolean;\n"
	"- a REST API's `StageName` is not empty;\n"
	"- `Auth.ResourcePolicy` (of an API or an `Api` event) is a map, and its `SourceVpcBlacklist` / "
	"`SourceVpcWhitelist` lists hold plain strings (`IntrinsicVpcBlacklist` / "
	"`IntrinsicVpcWhitelist` take functions);\n"
	"- `Auth.UsagePlan` is a map with `CreateUsagePlan` (SHARED, PER_API or NONE) and only the "
	"usage plan properties SAM knows;\n"
	"- each of the `GatewayResponses` is a literal map of `ResponseParameters`, "
	"`ResponseTemplates` and `StatusCode`, and each of the `Models` is a map.\n\n"
	"### Why it matters\n"
	"SAM builds the domain, base path mappings, Route 53 records, policy, usage plan and "
	"definition entries from these values; it rejects the template when one has the wrong shape, "
	"so the stack never deploys.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::Api\n"
	"    Properties:\n"
	"      StageName: prod\n"
	"      Domain:\n"
	"        DomainName: api.example.com\n"
	"        Route53:\n"
	"          SeparateRecordSetGroup: 'yes'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Serverless::Api\n"
	"    Properties:\n"
	"      StageName: prod\n"
	"      Domain:\n"
	"        DomainName: api.example.com\n"
	"        CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc\n"
	"        Route53:\n"
	"          HostedZoneId: Z123456ABCDEFG\n"
	"          SeparateRecordSetGroup: true\n"
	"```\n",
	.check = check,
};
