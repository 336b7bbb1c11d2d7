/* E3652: Elasticsearch domain instance types are ones the Elasticsearch Service API offers. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ElasticsearchClusterConfig's InstanceType and DedicatedMasterType are
 * ESPartitionInstanceType values, all named <class>.<size>.elasticsearch
 * (Amazon OpenSearch Service API Reference, configuration API 2015-01-01,
 * ElasticsearchClusterConfig). */
static const struct sl_itype_site sites[] = {
	{ "AWS::Elasticsearch::Domain", { "ElasticsearchClusterConfig", "InstanceType" } },
	{ "AWS::Elasticsearch::Domain", { "ElasticsearchClusterConfig", "DedicatedMasterType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check_affixed(c, v, ITYPE_ES, "", ".elasticsearch",
			       "an instance type of Elasticsearch domains",
			       "Elasticsearch Service API (ESPartitionInstanceType)");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3652 = {
	.id = "E3652",
	.severity = SL_SEV_ERROR,
	.title = "Elasticsearch domain instance types exist",
	.source = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/supported-instance-types.html",
	.doc =
	"### What it checks\n"
	"A literal `InstanceType` or `DedicatedMasterType` in the `ElasticsearchClusterConfig` of an "
	"`AWS::Elasticsearch::Domain` is a value of the Elasticsearch Service API's "
	"`ESPartitionInstanceType` enum, where the value's family (the class before the first dot, "
	"as `m5` in `m5.large.elasticsearch`) is one the enum knows. Reported are a size the enum "
	"does not list for a family it knows (`m5.medium.elasticsearch`), and a type written "
	"without the `.elasticsearch` suffix or with OpenSearch's `.search` (`m5.large`, "
	"`m5.large.search`, with `m5.large.elasticsearch` as the fix). A family the enum does not "
	"know at all is not judged (the service offers families the legacy API's enum never "
	"gained), nor are values from parameters or functions; of an `Fn::If`, each branch is "
	"judged when both are literal. The types are read from the API model as published in the "
	"`@aws-sdk/client-elasticsearch-service` npm package (the version pinned in "
	"`tools/instance-type-packages`); `sh tools/update-instance-types.sh` regenerates the table "
	"from a newer version. Availability by Region and by Elasticsearch version is not "
	"judged.\n\n"
	"### Why it matters\n"
	"The service rejects an instance type it does not offer (`ValidationException`) when "
	"CloudFormation creates or updates the domain, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Search:\n"
	"    Type: AWS::Elasticsearch::Domain\n"
	"    Properties:\n"
	"      ElasticsearchVersion: '7.10'\n"
	"      ElasticsearchClusterConfig:\n"
	"        InstanceType: m5.large.search\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Search:\n"
	"    Type: AWS::Elasticsearch::Domain\n"
	"    Properties:\n"
	"      ElasticsearchVersion: '7.10'\n"
	"      ElasticsearchClusterConfig:\n"
	"        InstanceType: m5.large.elasticsearch\n"
	"```\n",
	.check = check,
};
