/* E99611: a DB instance's MonitoringInterval and MonitoringRoleArn go together (E3689 for instances). */
#include "rules/storage/storage.h"

static void check(struct sl_ctx *c)
{
	sl_rds_check_pairing(c, "AWS::RDS::DBInstance");
}

const struct sl_rule rule_E99611 = {
	.id = "E99611",
	.severity = SL_SEV_ERROR,
	.title = "A DB instance's monitoring interval and monitoring role go together",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
	.doc =
	"### What it checks\n"
	"The check E3689 makes for DB clusters, for `AWS::RDS::DBInstance` (cfn-lint checks "
	"clusters only): a literal `MonitoringInterval` greater than 0 needs a "
	"`MonitoringRoleArn`, and a `MonitoringRoleArn` needs a `MonitoringInterval` other than 0 "
	"(the default). RDS Custom instances (`Engine: custom-...`), to which the setting does not "
	"apply, values from parameters or other functions, and a role given in only one branch "
	"of an `Fn::If` are not judged.\n\n"
	"### Why it matters\n"
	"CreateDBInstance says: \"If MonitoringInterval is set to a value other than 0, then you "
	"must supply a MonitoringRoleArn value\" and \"If MonitoringRoleArn is specified, then you "
	"must set MonitoringInterval to a value other than 0\". RDS rejects the instance and the "
	"stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Db:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      Engine: postgres\n"
	"      DBInstanceClass: db.t4g.micro\n"
	"      AllocatedStorage: \"20\"\n"
	"      MasterUsername: admin\n"
	"      ManageMasterUserPassword: true\n"
	"      MonitoringInterval: 30\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      MonitoringInterval: 30\n"
	"      MonitoringRoleArn: !GetAtt MonitoringRole.Arn\n"
	"```\n",
	.check = check,
};
