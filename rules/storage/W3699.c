/* W3699: ReplicaMode on a DB instance whose engine is neither Db2 nor Oracle. */
#include "rules/storage/replicamode.h"

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_pair *mp = sl_sto_set_pair(props, "ReplicaMode");
	const struct sl_node *eng = sl_map_get(props, "Engine");
	if (!mp || !sl_samr_is_string(eng) || sl_rds_replica_mode_engine(eng))
		return;
	sl_report(c, mp->key,
		  "ReplicaMode is set on a DB instance whose Engine is %.*s: RDS supports replica "
		  "modes (mounted, open-read-only) only for Db2 and Oracle replicas, so the setting "
		  "does nothing here. Remove ReplicaMode",
		  (int)eng->len, eng->str);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBInstance", check_one, NULL);
}

const struct sl_rule rule_W3699 = {
	.id = "W3699",
	.severity = SL_SEV_WARNING,
	.title = "ReplicaMode only on Db2 and Oracle instances",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBInstance` whose `Engine` is a literal other than a Db2 or Oracle engine "
	"(`db2-*`, `oracle-*`, `custom-oracle-*`) does not set `ReplicaMode`. A mode set in only "
	"one branch of an `Fn::If` is not judged.\n\n"
	"### Why it matters\n"
	"CreateDBInstanceReadReplica documents `ReplicaMode` as supported only for Db2 and "
	"Oracle DB instances. On a MySQL, MariaDB, PostgreSQL or SQL Server instance it has no "
	"effect: a reader of the template expects a mounted or read-only replica that the engine "
	"does not offer.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Replica:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      Engine: postgres\n"
	"      SourceDBInstanceIdentifier: !Ref Primary\n"
	"      DBInstanceClass: db.t3.medium\n"
	"      ReplicaMode: mounted\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Engine: postgres\n"
	"      SourceDBInstanceIdentifier: !Ref Primary\n"
	"      DBInstanceClass: db.t3.medium\n"
	"```\n",
	.check = check,
};
