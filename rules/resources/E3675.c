/* E3675: EMR cluster instance types are EC2 instance types. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct sl_itype_site sites[] = {
	{ "AWS::EMR::Cluster", { "Instances", "MasterInstanceGroup", "InstanceType" } },
	{ "AWS::EMR::Cluster", { "Instances", "CoreInstanceGroup", "InstanceType" } },
	{ "AWS::EMR::Cluster", { "Instances", "TaskInstanceGroups", "*", "InstanceType" } },
	{ "AWS::EMR::Cluster", { "Instances", "MasterInstanceFleet", "InstanceTypeConfigs", "*", "InstanceType" } },
	{ "AWS::EMR::Cluster", { "Instances", "CoreInstanceFleet", "InstanceTypeConfigs", "*", "InstanceType" } },
	{ "AWS::EMR::Cluster",
	  { "Instances", "TaskInstanceFleets", "*", "InstanceTypeConfigs", "*", "InstanceType" } },
	{ "AWS::EMR::InstanceGroupConfig", { "InstanceType" } },
	{ "AWS::EMR::InstanceFleetConfig", { "InstanceTypeConfigs", "*", "InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check(c, v, ITYPE_EC2, "an EC2 instance type, which EMR nodes run on", "EC2 API");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3675 = {
	.id = "E3675",
	.severity = SL_SEV_ERROR,
	.title = "EMR cluster instance types are EC2 instance types",
	.source = "https://docs.aws.amazon.com/emr/latest/APIReference/API_InstanceGroupConfig.html",
	.doc =
	"### What it checks\n"
	"Literal instance types of an EMR cluster's instance groups and instance fleets (primary, "
	"core and task; also `AWS::EMR::InstanceGroupConfig` and `AWS::EMR::InstanceFleetConfig`) "
	"are values of the EC2 API's `InstanceType` enum, where the value's family (the part "
	"before the dot, as `m5` in `m5.xlarge`) is one the enum knows: `m5.superlarge` is "
	"reported, with the nearest size of the family. A family the enum does not know at all is "
	"not judged (it may be newer than stacklint's data), nor are values from parameters or "
	"functions; of an `Fn::If`, each branch is judged when both are literal. The types are read "
	"from the EC2 API model as published in the `@aws-sdk/client-ec2` npm package (the version "
	"pinned in `tools/instance-type-packages`); `sh tools/update-instance-types.sh` regenerates "
	"the table from a newer version. Which EC2 types a given EMR release supports, and in which "
	"Region, is not judged: stacklint has no AWS data of EMR's supported types, so a real EC2 "
	"type that EMR does not offer passes.\n\n"
	"### Why it matters\n"
	"EMR launches its nodes as EC2 instances of the type given; a type EC2 does not know fails "
	"the cluster's creation (`ValidationException`), and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      Instances:\n"
	"        CoreInstanceGroup:\n"
	"          InstanceCount: 2\n"
	"          InstanceType: m5.xlarg\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Instances:\n"
	"        CoreInstanceGroup:\n"
	"          InstanceCount: 2\n"
	"          InstanceType: m5.xlarge\n"
	"```\n",
	.check = check,
};
