/* W3688: a DB cluster restored from a snapshot that also sets MasterUsername. */
#include "rules/storage/storage.h"

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_pair *mu = sl_sto_set_pair(props, "MasterUsername");
	if (!mu || !sl_sto_set_pair(props, "SnapshotIdentifier"))
		return;
	sl_report(c, mu->key,
		  "MasterUsername is set on a DB cluster restored from a snapshot (SnapshotIdentifier): "
		  "the restore takes the master user from the snapshot and has no master user name to "
		  "set, so this value is ignored and drifts from the cluster. Remove MasterUsername");
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBCluster", check_one, NULL);
}

const struct sl_rule rule_W3688 = {
	.id = "W3688",
	.severity = SL_SEV_WARNING,
	.title = "No MasterUsername on a DB cluster restored from a snapshot",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBCluster` with a `SnapshotIdentifier` does not set `MasterUsername`. "
	"Properties set in only one branch of an `Fn::If` are not judged.\n\n"
	"### Why it matters\n"
	"A cluster with a snapshot identifier is created by RestoreDBClusterFromSnapshot, whose "
	"request has no master user name: the cluster keeps the snapshot's master user. The "
	"template's `MasterUsername` is ignored, so the template no longer describes the "
	"cluster it made.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-postgresql\n"
	"      SnapshotIdentifier: arn:aws:rds:us-east-1:123456789012:cluster-snapshot:nightly\n"
	"      MasterUsername: admin\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Engine: aurora-postgresql\n"
	"      SnapshotIdentifier: arn:aws:rds:us-east-1:123456789012:cluster-snapshot:nightly\n"
	"```\n",
	.check = check,
};
