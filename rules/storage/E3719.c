/* E3719: BackupRetentionPeriod on a DB instance of a cluster, or above 35 days. */
#include "rules/storage/storage.h"

#include <strings.h>

#define RETENTION_MAX 35

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_pair *bp = sl_map_get_pair(props, "BackupRetentionPeriod");
	if (!bp || sl_sto_absent(bp->value))
		return;
	const struct sl_pair *cp = sl_map_get_pair(props, "DBClusterIdentifier");
	if (cp && !sl_sto_absent(cp->value)) {
		if (sl_samr_item_certain(cp->value) && sl_samr_item_certain(bp->value))
			sl_report(c, bp->key,
				  "BackupRetentionPeriod is set on a DB instance of a cluster "
				  "(DBClusterIdentifier): the cluster keeps the automated backups of its "
				  "instances, and RDS rejects a retention period on the instance. Set "
				  "BackupRetentionPeriod on the AWS::RDS::DBCluster and remove it here");
		return;
	}
	/* A read replica keeps no backups of this kind; Aurora's limit is the cluster's. */
	const struct sl_node *eng = sl_map_get(props, "Engine");
	if (sl_map_get_pair(props, "SourceDBInstanceIdentifier") || !sl_samr_is_string(eng) ||
	    strncasecmp(eng->str, "aurora", 6) == 0)
		return;
	long long v;
	if (!sl_samr_int(bp->value, &v) || v <= RETENTION_MAX)
		return;
	sl_report(c, bp->value,
		  "BackupRetentionPeriod is %lld days: RDS keeps automated backups of a DB instance for "
		  "0 to 35 days and rejects a longer period. Use 35 or less, or keep longer copies with "
		  "AWS Backup or manual snapshots",
		  v);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBInstance", check_one, NULL);
}

const struct sl_rule rule_E3719 = {
	.id = "E3719",
	.severity = SL_SEV_ERROR,
	.title = "A DB instance's backup retention fits its kind",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBInstance` with a `DBClusterIdentifier` does not set "
	"`BackupRetentionPeriod`; a stand-alone instance (no `DBClusterIdentifier`, no "
	"`SourceDBInstanceIdentifier`) with a literal `Engine` other than Aurora sets it to at "
	"most 35. Values from parameters or functions, and properties set in only one branch of "
	"an `Fn::If`, are not judged.\n\n"
	"### Why it matters\n"
	"CreateDBInstance documents the retention period: for Aurora it does not apply (the DB "
	"cluster manages it), and otherwise it must be from 0 to 35 days. RDS rejects the "
	"instance, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Instance:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      Engine: aurora-postgresql\n"
	"      DBClusterIdentifier: !Ref Cluster\n"
	"      DBInstanceClass: db.r6g.large\n"
	"      BackupRetentionPeriod: 7\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-postgresql\n"
	"      BackupRetentionPeriod: 7\n"
	"```\n",
	.check = check,
};
