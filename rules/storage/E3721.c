/* E3721: a DB instance's ReplicaMode that is neither mounted nor open-read-only. */
#include "rules/storage/replicamode.h"

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	/* any case: only a value that is no mode at all is judged */
	if (!sl_samr_is_string(v) || (v->len == 7 && strncasecmp(v->str, "mounted", 7) == 0) ||
	    (v->len == 14 && strncasecmp(v->str, "open-read-only", 14) == 0))
		return;
	sl_report(c, v,
		  "ReplicaMode '%.*s' is not a replica mode: RDS opens a Db2 or Oracle replica "
		  "either read-only (open-read-only, the default) or mounted (mounted), and rejects "
		  "other values. Use open-read-only or mounted",
		  (int)v->len, v->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *mode = sl_map_get(props, "ReplicaMode");
	const struct sl_node *eng = sl_map_get(props, "Engine");
	if (!mode || (eng && !(sl_samr_is_string(eng) && sl_rds_replica_mode_engine(eng))))
		return;
	sl_samr_each_value(mode, check_value, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBInstance", check_one, NULL);
}

const struct sl_rule rule_E3721 = {
	.id = "E3721",
	.severity = SL_SEV_ERROR,
	.title = "ReplicaMode is mounted or open-read-only",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
	.doc =
	"### What it checks\n"
	"The `ReplicaMode` of an `AWS::RDS::DBInstance` whose `Engine` is a Db2 or Oracle engine "
	"(or is not given, as on a read replica that takes its source's engine) is `mounted` or "
	"`open-read-only`, when it is a literal or literal `Fn::If` branches.\n\n"
	"### Why it matters\n"
	"CreateDBInstanceReadReplica documents the open mode of a replica database as "
	"`open-read-only` or `mounted` (a mounted replica accepts no user connections and serves "
	"disaster recovery). Another value is rejected, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Replica:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      SourceDBInstanceIdentifier: !Ref Primary\n"
	"      DBInstanceClass: db.m5.large\n"
	"      ReplicaMode: read-only\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      ReplicaMode: open-read-only\n"
	"```\n",
	.check = check,
};
