/* E3644: SageMaker HyperPod cluster instance types are ones SageMaker offers. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The instance groups' InstanceType is a ClusterInstanceType (SageMaker API
 * Reference, API_ClusterInstanceGroupSpecification.html and
 * API_ClusterRestrictedInstanceGroupSpecification.html). */
static const struct sl_itype_site sites[] = {
	{ "AWS::SageMaker::Cluster", { "InstanceGroups", "*", "InstanceType" } },
	{ "AWS::SageMaker::Cluster", { "RestrictedInstanceGroups", "*", "InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check_affixed(c, v, ITYPE_SM_CLUSTER, "ml.", "",
			       "an instance type of SageMaker HyperPod clusters",
			       "SageMaker API (ClusterInstanceType)");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3644 = {
	.id = "E3644",
	.severity = SL_SEV_ERROR,
	.title = "SageMaker HyperPod cluster instance types exist",
	.source = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterInstanceGroupSpecification.html",
	.doc =
	"### What it checks\n"
	"A literal `InstanceType` of an `AWS::SageMaker::Cluster`'s instance groups and restricted "
	"instance groups is a value of the SageMaker API's `ClusterInstanceType` enum, where the "
	"value's family (`ml.` and the class, as `ml.p5` in `ml.p5.48xlarge`) is one the enum "
	"knows: `ml.p5.4xlarge` is reported with the nearest size of the family, and "
	"`p5.48xlarge` with `ml.p5.48xlarge` as the fix. A family the enum does not know at all is "
	"not judged (SageMaker may have added it after stacklint's data), nor are values from "
	"parameters or functions; of an `Fn::If`, each branch is judged when both are literal. The "
	"types are read from the SageMaker API model as published in the "
	"`@aws-sdk/client-sagemaker` npm package (the version pinned in "
	"`tools/instance-type-packages`); `sh tools/update-instance-types.sh` regenerates the table "
	"from a newer version. Availability by Region is not judged.\n\n"
	"### Why it matters\n"
	"SageMaker rejects a cluster instance type outside the enum (`ValidationException`) when "
	"CloudFormation creates the cluster, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      InstanceGroups:\n"
	"        - InstanceGroupName: workers\n"
	"          InstanceType: p5.48xlarge\n"
	"          InstanceCount: 2\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      InstanceGroups:\n"
	"        - InstanceGroupName: workers\n"
	"          InstanceType: ml.p5.48xlarge\n"
	"          InstanceCount: 2\n"
	"```\n",
	.check = check,
};
