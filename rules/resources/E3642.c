/* E3642: SageMaker hosting instance types are ones SageMaker offers. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A real-time inference config's and an endpoint's production variants'
 * InstanceType is a ProductionVariantInstanceType (SageMaker API Reference,
 * API_RealTimeInferenceConfig.html, API_ProductionVariant.html). */
static const struct sl_itype_site sites[] = {
	{ "AWS::SageMaker::InferenceExperiment",
	  { "ModelVariants", "*", "InfrastructureConfig", "RealTimeInferenceConfig", "InstanceType" } },
	{ "AWS::SageMaker::EndpointConfig", { "ProductionVariants", "*", "InstanceType" } },
	{ "AWS::SageMaker::EndpointConfig", { "ShadowProductionVariants", "*", "InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check_affixed(c, v, ITYPE_SM_HOSTING, "ml.", "",
			       "an instance type of SageMaker hosting",
			       "SageMaker API (ProductionVariantInstanceType)");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3642 = {
	.id = "E3642",
	.severity = SL_SEV_ERROR,
	.title = "SageMaker hosting instance types exist",
	.source = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html",
	.doc =
	"### What it checks\n"
	"A literal `InstanceType` of an endpoint configuration's production or shadow variants, or "
	"of an inference experiment's real-time inference config, is a value of the SageMaker API's "
	"`ProductionVariantInstanceType` enum, where the value's family (`ml.` and the class, as "
	"`ml.c5` in `ml.c5.large`) is one the enum knows: `ml.c5.larg` is reported with the nearest "
	"size of the family, and `c5.large` with `ml.c5.large` as the fix. A family the enum does "
	"not know at all is not judged (SageMaker may have added it after stacklint's data), nor are "
	"values from parameters or functions; of an `Fn::If`, each branch is judged when both are "
	"literal. The types are read from the SageMaker API model as published in the "
	"`@aws-sdk/client-sagemaker` npm package (the version pinned in "
	"`tools/instance-type-packages`); `sh tools/update-instance-types.sh` regenerates the table "
	"from a newer version. Availability by Region is not judged.\n\n"
	"### Why it matters\n"
	"SageMaker rejects a hosting instance type outside the enum (`ValidationException`) when "
	"CloudFormation creates the endpoint configuration or experiment, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Config:\n"
	"    Type: AWS::SageMaker::EndpointConfig\n"
	"    Properties:\n"
	"      ProductionVariants:\n"
	"        - ModelName: !GetAtt Model.ModelName\n"
	"          VariantName: main\n"
	"          InitialInstanceCount: 1\n"
	"          InstanceType: ml.c5.larg\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Config:\n"
	"    Type: AWS::SageMaker::EndpointConfig\n"
	"    Properties:\n"
	"      ProductionVariants:\n"
	"        - ModelName: !GetAtt Model.ModelName\n"
	"          VariantName: main\n"
	"          InitialInstanceCount: 1\n"
	"          InstanceType: ml.c5.large\n"
	"```\n",
	.check = check,
};
