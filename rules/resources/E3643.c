/* E3643: SageMaker batch transform instance types are ones SageMaker offers. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* TransformResources.InstanceType is a TransformInstanceType (SageMaker API
 * Reference, API_TransformResources.html). */
static const struct sl_itype_site sites[] = {
	{ "AWS::SageMaker::ModelPackage",
	  { "ValidationSpecification", "ValidationProfiles", "*", "TransformJobDefinition",
	    "TransformResources", "InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check_affixed(c, v, ITYPE_SM_TRANSFORM, "ml.", "",
			       "an instance type of SageMaker batch transform",
			       "SageMaker API (TransformInstanceType)");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3643 = {
	.id = "E3643",
	.severity = SL_SEV_ERROR,
	.title = "SageMaker batch transform instance types exist",
	.source = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TransformResources.html",
	.doc =
	"### What it checks\n"
	"A literal `InstanceType` in the `TransformResources` of a model package's validation "
	"profiles is a value of the SageMaker API's `TransformInstanceType` enum, where the value's "
	"family (`ml.` and the class, as `ml.m5` in `ml.m5.large`) is one the enum knows: "
	"`ml.m5.medium` is reported with the nearest size of the family, and `m5.large` with "
	"`ml.m5.large` as the fix. A family the enum does not know at all is not judged (SageMaker "
	"may have added it after stacklint's data), nor are values from parameters or functions; of "
	"an `Fn::If`, each branch is judged when both are literal. The types are read from the "
	"SageMaker API model as published in the `@aws-sdk/client-sagemaker` npm package (the "
	"version pinned in `tools/instance-type-packages`); `sh tools/update-instance-types.sh` "
	"regenerates the table from a newer version. Availability by Region is not judged.\n\n"
	"### Why it matters\n"
	"SageMaker rejects a transform instance type outside the enum (`ValidationException`) when "
	"CloudFormation creates the model package, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"          TransformJobDefinition:\n"
	"            TransformResources:\n"
	"              InstanceCount: 1\n"
	"              InstanceType: ml.m5.medium\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"          TransformJobDefinition:\n"
	"            TransformResources:\n"
	"              InstanceCount: 1\n"
	"              InstanceType: ml.m5.large\n"
	"```\n",
	.check = check,
};
