/* E3628: EC2 instance types are ones the EC2 API knows. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct sl_itype_site sites[] = {
	{ "AWS::EC2::Instance", { "InstanceType" } },
	{ "AWS::EC2::LaunchTemplate", { "LaunchTemplateData", "InstanceType" } },
	{ "AWS::AutoScaling::LaunchConfiguration", { "InstanceType" } },
	{ "AWS::EC2::CapacityReservation", { "InstanceType" } },
	{ "AWS::EC2::Host", { "InstanceType" } },
	{ "AWS::EC2::SpotFleet", { "SpotFleetRequestConfigData", "LaunchSpecifications", "*", "InstanceType" } },
	{ "AWS::EC2::SpotFleet",
	  { "SpotFleetRequestConfigData", "LaunchTemplateConfigs", "*", "Overrides", "*", "InstanceType" } },
	{ "AWS::EC2::EC2Fleet", { "LaunchTemplateConfigs", "*", "Overrides", "*", "InstanceType" } },
	{ "AWS::AutoScaling::AutoScalingGroup",
	  { "MixedInstancesPolicy", "LaunchTemplate", "Overrides", "*", "InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check(c, v, ITYPE_EC2, "an EC2 instance type", "EC2 API");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3628 = {
	.id = "E3628",
	.severity = SL_SEV_ERROR,
	.title = "EC2 instance types exist",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html",
	.doc =
	"### What it checks\n"
	"Literal instance types of EC2 instances, launch templates, launch configurations, "
	"capacity reservations, Dedicated Hosts, Spot and EC2 fleets and Auto Scaling mixed "
	"instances overrides are values of the EC2 API's `InstanceType` enum, where the value's "
	"family (the part before the dot, as `m5` in `m5.large`) is one the enum knows: "
	"`m5.superlarge` or `t3.mirco` is reported, with the nearest size of the family. A family "
	"the enum does not know at all is not judged (it may be newer than stacklint's data), nor "
	"are values from parameters or functions; of an `Fn::If`, each branch is judged when both "
	"are literal. The types are read from the `InstanceType` enum of the EC2 API model as "
	"published in the `@aws-sdk/client-ec2` npm package (the version pinned in "
	"`tools/instance-type-packages`); `sh tools/update-instance-types.sh` regenerates the table "
	"from a newer version. Availability by Region is not judged: a type of the enum passes "
	"wherever it is used.\n\n"
	"### Why it matters\n"
	"EC2 rejects an instance type it does not know (`InvalidParameterValue`) when "
	"CloudFormation creates the instance or the launch template is used, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !Ref ImageId\n"
	"      InstanceType: t3.mirco\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !Ref ImageId\n"
	"      InstanceType: t3.micro\n"
	"```\n",
	.check = check,
};
