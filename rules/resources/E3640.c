/* E3640: SageMaker processing and model monitoring instance types are ones SageMaker offers. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The monitoring job definitions and schedules name their instances in a
 * MonitoringClusterConfig, whose InstanceType is a ProcessingInstanceType
 * (SageMaker API Reference, API_MonitoringClusterConfig.html). */
static const struct sl_itype_site sites[] = {
	{ "AWS::SageMaker::DataQualityJobDefinition", { "JobResources", "ClusterConfig", "InstanceType" } },
	{ "AWS::SageMaker::ModelBiasJobDefinition", { "JobResources", "ClusterConfig", "InstanceType" } },
	{ "AWS::SageMaker::ModelExplainabilityJobDefinition",
	  { "JobResources", "ClusterConfig", "InstanceType" } },
	{ "AWS::SageMaker::ModelQualityJobDefinition", { "JobResources", "ClusterConfig", "InstanceType" } },
	{ "AWS::SageMaker::MonitoringSchedule",
	  { "MonitoringScheduleConfig", "MonitoringJobDefinition", "MonitoringResources", "ClusterConfig",
	    "InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check_affixed(c, v, ITYPE_SM_PROCESSING, "ml.", "",
			       "an instance type of SageMaker processing and monitoring jobs",
			       "SageMaker API (ProcessingInstanceType)");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3640 = {
	.id = "E3640",
	.severity = SL_SEV_ERROR,
	.title = "SageMaker processing instance types exist",
	.source = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringClusterConfig.html",
	.doc =
	"### What it checks\n"
	"A literal `InstanceType` in the `ClusterConfig` of a SageMaker data quality, model bias, "
	"model explainability or model quality job definition, or of a monitoring schedule's job "
	"definition, is a value of the SageMaker API's `ProcessingInstanceType` enum, where the "
	"value's family (`ml.` and the class, as `ml.m5` in `ml.m5.xlarge`) is one the enum knows: "
	"`ml.m5.superlarge` is reported with the nearest size of the family, and `m5.xlarge` with "
	"`ml.m5.xlarge` as the fix. A family the enum does not know at all is not judged (SageMaker "
	"may have added it after stacklint's data), nor are values from parameters or functions; of "
	"an `Fn::If`, each branch is judged when both are literal. The types are read from the "
	"SageMaker API model as published in the `@aws-sdk/client-sagemaker` npm package (the "
	"version pinned in `tools/instance-type-packages`); `sh tools/update-instance-types.sh` "
	"regenerates the table from a newer version. Availability by Region is not judged.\n\n"
	"### Why it matters\n"
	"SageMaker rejects an instance type outside the enum (`ValidationException`) when "
	"CloudFormation creates the job definition or schedule, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Quality:\n"
	"    Type: AWS::SageMaker::DataQualityJobDefinition\n"
	"    Properties:\n"
	"      JobResources:\n"
	"        ClusterConfig:\n"
	"          InstanceCount: 1\n"
	"          InstanceType: m5.xlarge\n"
	"          VolumeSizeInGB: 20\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Quality:\n"
	"    Type: AWS::SageMaker::DataQualityJobDefinition\n"
	"    Properties:\n"
	"      JobResources:\n"
	"        ClusterConfig:\n"
	"          InstanceCount: 1\n"
	"          InstanceType: ml.m5.xlarge\n"
	"          VolumeSizeInGB: 20\n"
	"```\n",
	.check = check,
};
