/* E3707: a DB instance of a DB cluster of the template has the cluster's engine.
 *
 * CreateDBInstance: DBClusterIdentifier is the DB cluster the instance will
 * belong to, and Engine is the engine of the instance, aurora-mysql for an
 * Aurora MySQL DB instance and aurora-postgresql for an Aurora PostgreSQL one:
 * an instance of a cluster runs the cluster's engine. An AWS::RDS::DBInstance
 * whose DBClusterIdentifier is a Ref to an AWS::RDS::DBCluster of the template,
 * both with a literal Engine, is reported at its Engine when the two differ
 * (RDS engine names compare without regard to case). A cluster named by a
 * literal identifier, a parameter or an import is outside the template, so its
 * engine is not known and nothing is judged. */
#include <strings.h>

#include "rules/storage/storage.h"

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *id = sl_map_get(props, "DBClusterIdentifier");
	if (!sl_str_eq(sl_node_intrinsic(id), "Ref") || !sl_node_is(id->pairs[0].value, SL_SCALAR))
		return;
	const struct sl_node *name = id->pairs[0].value;
	const struct sl_entity *cl = sl_index_find(&c->t->resources, name->str, name->len);
	if (!cl || !sl_samr_type_is(cl, "AWS::RDS::DBCluster"))
		return;
	const struct sl_node *ie = sl_map_get(props, "Engine");
	const struct sl_node *ce = sl_map_get(sl_samr_props(cl), "Engine");
	if (!sl_samr_is_string(ie) || !sl_samr_is_string(ce))
		return;
	if (ie->len == ce->len && strncasecmp(ie->str, ce->str, ie->len) == 0)
		return;
	sl_report(c, ie,
		  "Engine '%s' differs from the engine of DB cluster %s ('%s'), which this instance "
		  "joins through DBClusterIdentifier: an instance of a DB cluster runs the cluster's "
		  "engine. Set Engine to '%s'",
		  ie->str, cl->key->str, ce->str, ce->str);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBInstance", check_one, NULL);
}

const struct sl_rule rule_E3707 = {
	.id = "E3707",
	.severity = SL_SEV_ERROR,
	.title = "DB instances in a DB cluster have the cluster's engine",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBInstance` whose `DBClusterIdentifier` is a `Ref` to an "
	"`AWS::RDS::DBCluster` of the template has the same literal `Engine` as that cluster "
	"(compared without regard to case). A cluster outside the template (a literal "
	"identifier, a parameter, an import) or an engine written with functions is not "
	"judged.\n\n"
	"### Why it matters\n"
	"An Aurora DB cluster's instances are created by CreateDBInstance with the cluster's "
	"identifier, and the instance's engine names what it is: `aurora-mysql` for an Aurora "
	"MySQL DB instance, `aurora-postgresql` for an Aurora PostgreSQL one. An instance "
	"cannot run another engine than the cluster it belongs to, so RDS refuses to create "
	"it and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-mysql\n"
	"      ...\n"
	"  Writer:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      DBClusterIdentifier: !Ref Cluster\n"
	"      DBInstanceClass: db.r6g.large\n"
	"      Engine: aurora-postgresql\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      DBClusterIdentifier: !Ref Cluster\n"
	"      DBInstanceClass: db.r6g.large\n"
	"      Engine: aurora-mysql\n"
	"```\n",
	.check = check,
};
