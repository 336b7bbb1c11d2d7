/*
 * The dependency graph between a template's declared resources as
 * CloudFormation sees it: after the SAM transform when the template is a SAM
 * template. Plain CloudFormation: every Ref, Fn::GetAtt, Fn::Sub variable and
 * DependsOn made inside resource A that names resource B is an edge A -> B.
 *
 * SAM moves many properties of a serverless resource into resources it
 * generates, so the resource the user declared no longer depends on what they
 * name (samtranslator/model/sam_resources.py and eventsources/):
 *  - a function's or state machine's Events become permissions, event source
 *    mappings, subscriptions and rules that depend on both the function and
 *    the source; the function depends on neither. Four event types attach the
 *    function to the source instead, so the source depends on the function:
 *    Api (RestApiId: the API's OpenAPI document gets the integration) and
 *    HttpApi (ApiId), unless that API's definition is an external file
 *    (DefinitionUri), S3 (the bucket's NotificationConfiguration) and Cognito
 *    (the user pool's LambdaConfig);
 *  - DeploymentPreference and FunctionUrlConfig go to the CodeDeploy
 *    deployment group and the function URL;
 *  - an Api's or HttpApi's stage, domain and usage plan settings go to the
 *    Stage, DomainName, BasePathMapping and UsagePlan resources; an Api's
 *    EndpointConfiguration keeps only Type and VPCEndpointIds;
 *  - a GraphQLApi's DataSources, Functions, Resolvers, ApiKeys, DomainName,
 *    Cache and schema go to AppSync resources of their own;
 *  - embedded Connectors (on any resource) become policies of their own.
 * Everything else (Policies through the generated role, Environment, layers,
 * an inline DefinitionBody, DependsOn, ...) keeps its edge.
 * Globals are not modelled: references made there are not edges.
 */
#ifndef SL_ANALYSIS_DEPS_H
#define SL_ANALYSIS_DEPS_H

#include <stdbool.h>
#include <stdint.h>

#include "template/template.h"

struct sl_dep_edge {
	uint32_t to;        /* index in t->resources.items */
	uint32_t ref;       /* index in t->refs of the reference that makes the edge */
	bool attach;        /* the edge runs from the reference's target to the resource
			     * making it: a SAM event that attaches the function to its
			     * source (the reference is the event's RestApiId, Bucket, ...) */
};

/* Compressed adjacency lists: the edges of resource i are
 * edges[first[i]] .. edges[first[i + 1] - 1], in the order of t->refs. */
struct sl_deps {
	size_t n;                  /* t->resources.n */
	uint32_t *first;           /* n + 1 offsets */
	struct sl_dep_edge *edges;
};

/* Builds the graph of t into out (heap memory, released by sl_deps_free).
 * O(refs x nesting depth). Returns 0, or -1 on OOM (out then holds nothing to
 * free). */
int sl_deps_build(struct sl_deps *out, const struct sl_template *t);

void sl_deps_free(struct sl_deps *d);

#endif
