/* E3653: OpenSearch Service domain instance types are ones the OpenSearch Service API offers. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ClusterConfig's InstanceType and DedicatedMasterType and a node option's
 * NodeConfig Type are OpenSearchPartitionInstanceType values, all named
 * <class>.<size>.search (Amazon OpenSearch Service API Reference,
 * API_ClusterConfig.html, API_NodeConfig.html). */
static const struct sl_itype_site sites[] = {
	{ "AWS::OpenSearchService::Domain", { "ClusterConfig", "InstanceType" } },
	{ "AWS::OpenSearchService::Domain", { "ClusterConfig", "DedicatedMasterType" } },
	{ "AWS::OpenSearchService::Domain", { "ClusterConfig", "NodeOptions", "*", "NodeConfig", "Type" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check_affixed(c, v, ITYPE_OPENSEARCH, "", ".search",
			       "an instance type of OpenSearch Service domains",
			       "OpenSearch Service API (OpenSearchPartitionInstanceType)");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3653 = {
	.id = "E3653",
	.severity = SL_SEV_ERROR,
	.title = "OpenSearch Service domain instance types exist",
	.source = "https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_ClusterConfig.html",
	.doc =
	"### What it checks\n"
	"A literal `InstanceType` or `DedicatedMasterType` in the `ClusterConfig` of an "
	"`AWS::OpenSearchService::Domain`, or the `Type` of a node option's `NodeConfig`, is a value "
	"of the OpenSearch Service API's `OpenSearchPartitionInstanceType` enum, where the value's "
	"family (the class before the first dot, as `r6g` in `r6g.large.search`) is one the enum "
	"knows. Reported are a size the enum does not list for a family it knows "
	"(`r6g.medium.search`), and a type written without the `.search` suffix or with the legacy "
	"`.elasticsearch` one (`r6g.large`, `r6g.large.elasticsearch`, with `r6g.large.search` as "
	"the fix). A family the enum does not know at all is not judged: the service offers "
	"families the API model in stacklint's data lacks (`r7g`, `c7g`, `or2`, `im4gn`, ...), so "
	"they pass, as do values from parameters or functions; of an `Fn::If`, each branch is "
	"judged when both are literal. The types are read from the API model as published in the "
	"`@aws-sdk/client-opensearch` npm package (the version pinned in "
	"`tools/instance-type-packages`); `sh tools/update-instance-types.sh` regenerates the table "
	"from a newer version. Availability by Region and by engine version is not judged.\n\n"
	"### Why it matters\n"
	"OpenSearch Service rejects an instance type it does not offer (`ValidationException`) when "
	"CloudFormation creates or updates the domain, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Search:\n"
	"    Type: AWS::OpenSearchService::Domain\n"
	"    Properties:\n"
	"      EngineVersion: OpenSearch_2.11\n"
	"      ClusterConfig:\n"
	"        InstanceType: r6g.large\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Search:\n"
	"    Type: AWS::OpenSearchService::Domain\n"
	"    Properties:\n"
	"      EngineVersion: OpenSearch_2.11\n"
	"      ClusterConfig:\n"
	"        InstanceType: r6g.large.search\n"
	"```\n",
	.check = check,
};
