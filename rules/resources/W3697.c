/* W3697: resource types of AWS services in maintenance mode. */
#include "rules/resources/lifecycle.h"

static void check(struct sl_ctx *c)
{
	sl_lifecycle_check(c, SL_LC_MAINTENANCE);
}

const struct sl_rule rule_W3697 = {
	.id = "W3697",
	.severity = SL_SEV_WARNING,
	.title = "Resource types are not from services in maintenance mode",
	.source = "https://docs.aws.amazon.com/general/latest/gr/maintenance_services.html",
	.doc =
	"### What it checks\n"
	"Resource types of AWS services (or features) that AWS has closed to new customers: AWS "
	"App Runner, AWS Cloud9, Amazon CodeGuru Reviewer, AWS Data Pipeline, Amazon Forecast, "
	"Amazon Fraud Detector, AWS IoT FleetWise, Amazon S3 Object Lambda, Amazon Timestream for "
	"LiveAnalytics (`AWS::Timestream::Database`, `Table`, `ScheduledQuery`; the InfluxDB types "
	"are not affected) and EC2 Auto Scaling launch configurations "
	"(`AWS::AutoScaling::LaunchConfiguration`), each from its availability change notice.\n\n"
	"### Why it matters\n"
	"Existing users keep the service, but it gets no new features, and an account that never "
	"used it cannot create the resource: the template fails when deployed in a new account "
	"(accounts created since 2024-10-01 cannot create launch configurations by any means). The "
	"notices name the alternatives.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  LaunchConfig:\n"
	"    Type: AWS::AutoScaling::LaunchConfiguration\n"
	"    Properties:\n"
	"      ImageId: !Ref ImageId\n"
	"      InstanceType: t3.micro\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  LaunchTemplate:\n"
	"    Type: AWS::EC2::LaunchTemplate\n"
	"    Properties:\n"
	"      LaunchTemplateData:\n"
	"        ImageId: !Ref ImageId\n"
	"        InstanceType: t3.micro\n"
	"```\n",
	.check = check,
};
