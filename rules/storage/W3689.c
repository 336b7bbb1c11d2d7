/* W3689: a DB cluster restored from another cluster that also sets its master user or encryption. */
#include "rules/storage/storage.h"

static const char *const ignored[] = { "MasterUsername", "MasterUserPassword", "StorageEncrypted" };

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	if (!sl_sto_set_pair(props, "SourceDBClusterIdentifier"))
		return;
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		const struct sl_pair *p = sl_sto_set_pair(props, ignored[i]);
		if (!p)
			continue;
		sl_report(c, p->key,
			  "%s is set on a DB cluster restored from another cluster "
			  "(SourceDBClusterIdentifier): the point-in-time restore copies the source's "
			  "master user and encryption and has no %s to set, so this value is ignored and "
			  "drifts from the cluster. Remove %s",
			  ignored[i], ignored[i], ignored[i]);
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBCluster", check_one, NULL);
}

const struct sl_rule rule_W3689 = {
	.id = "W3689",
	.severity = SL_SEV_WARNING,
	.title = "No master user or encryption on a DB cluster restored from another cluster",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterToPointInTime.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBCluster` with a `SourceDBClusterIdentifier` sets none of "
	"`MasterUsername`, `MasterUserPassword` and `StorageEncrypted`. Properties set in only "
	"one branch of an `Fn::If` are not judged.\n\n"
	"### Why it matters\n"
	"A cluster with a source cluster is created by RestoreDBClusterToPointInTime, whose "
	"request has no master user name, password or encryption switch: the new cluster takes "
	"them from the source. The template's values are ignored, so the template no longer "
	"describes the cluster it made.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Clone:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-mysql\n"
	"      SourceDBClusterIdentifier: !Ref Cluster\n"
	"      RestoreType: copy-on-write\n"
	"      UseLatestRestorableTime: true\n"
	"      MasterUsername: admin\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Engine: aurora-mysql\n"
	"      SourceDBClusterIdentifier: !Ref Cluster\n"
	"      RestoreType: copy-on-write\n"
	"      UseLatestRestorableTime: true\n"
	"```\n",
	.check = check,
};
