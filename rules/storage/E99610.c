/* E99610: RDS MonitoringInterval is one of 0, 1, 5, 10, 15, 30, 60. */
#include "rules/storage/storage.h"

static void check(struct sl_ctx *c)
{
	sl_rds_check_interval(c);
}

const struct sl_rule rule_E99610 = {
	.id = "E99610",
	.severity = SL_SEV_ERROR,
	.title = "RDS monitoring intervals are 0, 1, 5, 10, 15, 30 or 60 seconds",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
	.doc =
	"### What it checks\n"
	"A literal `MonitoringInterval` of an `AWS::RDS::DBInstance` or `AWS::RDS::DBCluster` is "
	"one of the values RDS accepts: 0 (Enhanced Monitoring off), 1, 5, 10, 15, 30 or 60. The "
	"resource specification lists no allowed values for the property, so E3030 does not see "
	"it. RDS Custom instances (`Engine: custom-...`) are not judged.\n\n"
	"### Why it matters\n"
	"CreateDBInstance and CreateDBCluster give the valid values as 0 | 1 | 5 | 10 | 15 | 30 | "
	"60; any other interval is rejected when the resource is created, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      MonitoringInterval: 120\n"
	"      MonitoringRoleArn: !GetAtt MonitoringRole.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      MonitoringInterval: 60\n"
	"      MonitoringRoleArn: !GetAtt MonitoringRole.Arn\n"
	"```\n",
	.check = check,
};
