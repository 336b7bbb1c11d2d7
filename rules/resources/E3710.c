/* E3710: resource types of AWS services that have been shut down. */
#include "rules/resources/lifecycle.h"

static void check(struct sl_ctx *c)
{
	sl_lifecycle_check(c, SL_LC_SHUTDOWN);
}

const struct sl_rule rule_E3710 = {
	.id = "E3710",
	.severity = SL_SEV_ERROR,
	.title = "Resource types are not from services that have been shut down",
	.source = "https://docs.aws.amazon.com/general/latest/gr/full_shutdown_services.html",
	.doc =
	"### What it checks\n"
	"Resource types of AWS services that AWS has shut down: AWS OpsWorks Stacks and OpsWorks "
	"for Chef Automate / Puppet Enterprise (`AWS::OpsWorks::*`, `AWS::OpsWorksCM::*`), AWS IoT "
	"Analytics, AWS IoT Events, AWS IoT Things Graph, Fleet Hub, Amazon QLDB, AWS RoboMaker, "
	"Amazon CloudWatch Evidently, the Amazon Lookout services, AWS Elemental MediaStore, "
	"Amazon Kinesis Data Analytics for SQL applications (`AWS::KinesisAnalytics::*`), Amazon "
	"Nimble Studio, and, once their end of support date has passed, AWS App Mesh, AWS IoT "
	"Greengrass Version 1 (`AWS::Greengrass::*`), Amazon Inspector Classic "
	"(`AWS::Inspector::*`), Amazon FinSpace, AWS Proton, AWS Panorama, AWS SimSpace Weaver, "
	"Amazon Connect Voice ID and Amazon Pinpoint's segments and campaigns. Each date is the one "
	"in the service's end of support notice; before it, the type is W3696's. The day is the "
	"lint date (`--lint-date`, else the current date in UTC).\n\n"
	"### Why it matters\n"
	"After the shutdown the service no longer accepts requests: creating or updating such a "
	"resource fails and the stack rolls back. The resources have to move to another service.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Stack:\n"
	"    Type: AWS::OpsWorks::Stack\n"
	"    Properties: {...}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Instances:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    Properties: {...}\n"
	"```\n",
	.check = check,
};
