/* E3689: an Aurora or Multi-AZ DB cluster's MonitoringInterval and MonitoringRoleArn go together. */
#include "rules/storage/storage.h"

static void check(struct sl_ctx *c)
{
	sl_rds_check_pairing(c, "AWS::RDS::DBCluster");
}

const struct sl_rule rule_E3689 = {
	.id = "E3689",
	.severity = SL_SEV_ERROR,
	.title = "A DB cluster's monitoring interval and monitoring role go together",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBCluster` whose `MonitoringInterval` is a literal number greater than 0 "
	"has a `MonitoringRoleArn`, and one with a `MonitoringRoleArn` has a `MonitoringInterval` "
	"other than 0 (the interval defaults to 0, so a role alone is reported too). Values from "
	"parameters or other functions, and a role given in only one branch of an `Fn::If`, are "
	"not judged.\n\n"
	"### Why it matters\n"
	"RDS documents both directions for CreateDBCluster: \"If MonitoringInterval is set to a "
	"value other than 0, supply a MonitoringRoleArn value\" and \"If MonitoringRoleArn is "
	"specified, also set MonitoringInterval to a value other than 0\". Enhanced Monitoring "
	"sends its metrics to CloudWatch Logs with that role; RDS rejects the request without it, "
	"and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-postgresql\n"
	"      MasterUsername: admin\n"
	"      ManageMasterUserPassword: true\n"
	"      MonitoringInterval: 60\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      MonitoringInterval: 60\n"
	"      MonitoringRoleArn: !GetAtt MonitoringRole.Arn\n"
	"```\n",
	.check = check,
};
