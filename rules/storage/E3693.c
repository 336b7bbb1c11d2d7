/* E3693: an Aurora DB cluster that sets properties only Multi-AZ DB clusters take. */
#include "rules/storage/storage.h"

/* CreateDBCluster: "Valid for Cluster Type: Multi-AZ DB clusters only". */
static const char *const multi_az_only[] = {
	"AllocatedStorage", "DBClusterInstanceClass", "Iops", "PubliclyAccessible",
};

static void check_storage(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	if (!sl_samr_is_string(v) || sl_str_eq(v, "aurora") || sl_str_eq(v, "aurora-iopt1"))
		return;
	sl_report(c, v,
		  "StorageType '%.*s' is not an Aurora storage type: an Aurora DB cluster takes aurora "
		  "(Aurora Standard) or aurora-iopt1 (Aurora I/O-Optimized); io1, io2 and gp3 are for "
		  "Multi-AZ DB clusters. Use aurora or aurora-iopt1",
		  (int)v->len, v->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *eng = sl_map_get(props, "Engine");
	if (!sl_str_eq(eng, "aurora-mysql") && !sl_str_eq(eng, "aurora-postgresql"))
		return;
	for (size_t i = 0; i < sizeof(multi_az_only) / sizeof(multi_az_only[0]); i++) {
		const struct sl_pair *p = sl_sto_set_pair(props, multi_az_only[i]);
		if (!p)
			continue;
		sl_report(c, p->key,
			  "%s is set on an Aurora DB cluster (Engine %.*s): CreateDBCluster takes it for "
			  "Multi-AZ DB clusters only, and RDS rejects it for Aurora, whose storage grows "
			  "by itself and whose instances are AWS::RDS::DBInstance resources. Remove %s "
			  "(set instance classes and public access on the DB instances)",
			  multi_az_only[i], (int)eng->len, eng->str, multi_az_only[i]);
	}
	const struct sl_node *st = sl_map_get(props, "StorageType");
	if (st)
		sl_samr_each_value(st, check_storage, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBCluster", check_one, NULL);
}

const struct sl_rule rule_E3693 = {
	.id = "E3693",
	.severity = SL_SEV_ERROR,
	.title = "Aurora DB clusters take only Aurora settings",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBCluster` whose `Engine` is `aurora-mysql` or `aurora-postgresql` sets "
	"none of `AllocatedStorage`, `DBClusterInstanceClass`, `Iops` and `PubliclyAccessible`, "
	"and a literal `StorageType` is `aurora` or `aurora-iopt1`. Properties set in only one "
	"branch of an `Fn::If` are not judged.\n\n"
	"### Why it matters\n"
	"CreateDBCluster documents these four settings as valid for Multi-AZ DB clusters only, "
	"and the storage types `aurora` and `aurora-iopt1` for Aurora (`io1`, `io2` and `gp3` "
	"for Multi-AZ DB clusters). RDS rejects the cluster, and the stack rolls back. An Aurora "
	"cluster's storage grows by itself; its instances, with their class and public access, "
	"are `AWS::RDS::DBInstance` resources.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-postgresql\n"
	"      MasterUsername: admin\n"
	"      ManageMasterUserPassword: true\n"
	"      AllocatedStorage: 100\n"
	"      StorageType: gp3\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Engine: aurora-postgresql\n"
	"      MasterUsername: admin\n"
	"      ManageMasterUserPassword: true\n"
	"      StorageType: aurora-iopt1\n"
	"```\n",
	.check = check,
};
