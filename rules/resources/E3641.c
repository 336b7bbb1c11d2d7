/* E3641: GameLift fleet instance types are ones the GameLift API offers. */
#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct sl_itype_site sites[] = {
	{ "AWS::GameLift::Fleet", { "EC2InstanceType" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	sl_itype_check(c, v, ITYPE_GAMELIFT, "an instance type of GameLift fleets", "GameLift API");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3641 = {
	.id = "E3641",
	.severity = SL_SEV_ERROR,
	.title = "GameLift fleet instance types exist",
	.source = "https://docs.aws.amazon.com/gamelift/latest/apireference/API_CreateFleet.html",
	.doc =
	"### What it checks\n"
	"A literal `EC2InstanceType` of an `AWS::GameLift::Fleet` is a value of the GameLift API's "
	"`EC2InstanceType` enum, where the value's family (the part before the dot, as `c5` in "
	"`c5.large`) is one the enum knows: `c5.superlarge` or `c5.metal` is reported, with the "
	"nearest size GameLift offers. A family the enum does not know at all is not judged (GameLift "
	"may have added it after stacklint's data), nor are values from parameters or functions; of "
	"an `Fn::If`, each branch is judged when both are literal. The types are read from the "
	"`EC2InstanceType` enum of the GameLift API model as published in the "
	"`@aws-sdk/client-gamelift` npm package (the version pinned in "
	"`tools/instance-type-packages`); `sh tools/update-instance-types.sh` regenerates the table "
	"from a newer version. Availability by Region is not judged.\n\n"
	"### Why it matters\n"
	"GameLift rejects a fleet whose instance type is not one of its own (`InvalidRequestException`) "
	"when CloudFormation creates it, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Fleet:\n"
	"    Type: AWS::GameLift::Fleet\n"
	"    Properties:\n"
	"      Name: game\n"
	"      EC2InstanceType: c5.metal\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Fleet:\n"
	"    Type: AWS::GameLift::Fleet\n"
	"    Properties:\n"
	"      Name: game\n"
	"      EC2InstanceType: c5.large\n"
	"```\n",
	.check = check,
};
