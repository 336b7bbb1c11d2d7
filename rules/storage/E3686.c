/* E3686: a DB cluster's scaling configuration fits its engine mode.
 *
 * The AWS::RDS::DBCluster reference: ScalingConfiguration is valid for Aurora
 * Serverless v1 DB clusters only (EngineMode serverless), and
 * ServerlessV2ScalingConfiguration for Aurora Serverless v2, whose clusters use
 * the provisioned engine mode, the mode of a cluster without EngineMode. A
 * cluster with ScalingConfiguration whose EngineMode is absent or the literal
 * provisioned, or with ServerlessV2ScalingConfiguration whose EngineMode is the
 * literal serverless, is reported at the property's key. A property set in
 * only one branch of an Fn::If, or an EngineMode written with functions, is
 * not judged. */
#include "rules/storage/storage.h"

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *mode = sl_map_get(props, "EngineMode");
	bool absent = sl_sto_absent(mode) && !sl_sto_props_open(props);
	const struct sl_pair *v1 = sl_sto_set_pair(props, "ScalingConfiguration");
	const struct sl_pair *v2 = sl_sto_set_pair(props, "ServerlessV2ScalingConfiguration");
	if (v1 && (absent || sl_str_eq(mode, "provisioned")))
		sl_report(c, v1->key,
			  "ScalingConfiguration is for Aurora Serverless v1 clusters (EngineMode "
			  "serverless) only, and this cluster's engine mode is provisioned%s. For "
			  "Aurora Serverless v2 use ServerlessV2ScalingConfiguration (with "
			  "db.serverless instances); else remove ScalingConfiguration",
			  absent ? " (EngineMode is not set)" : "");
	if (v2 && sl_str_eq(mode, "serverless"))
		sl_report(c, v2->key,
			  "ServerlessV2ScalingConfiguration is for Aurora Serverless v2 clusters, which "
			  "use the provisioned engine mode, but EngineMode is serverless (Aurora "
			  "Serverless v1, past its end of life). Remove EngineMode: serverless to make "
			  "an Aurora Serverless v2 cluster");
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::RDS::DBCluster", check_one, NULL);
}

const struct sl_rule rule_E3686 = {
	.id = "E3686",
	.severity = SL_SEV_ERROR,
	.title = "DB cluster scaling configurations fit the engine mode",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html",
	.doc =
	"### What it checks\n"
	"An `AWS::RDS::DBCluster` sets `ScalingConfiguration` only with `EngineMode: "
	"serverless`, and `ServerlessV2ScalingConfiguration` only without it. A cluster "
	"without `EngineMode` has the provisioned engine mode. A property set in only one "
	"branch of an `Fn::If`, or an `EngineMode` written with functions, is not judged.\n\n"
	"### Why it matters\n"
	"`ScalingConfiguration` is valid for Aurora Serverless v1 DB clusters only, and "
	"`ServerlessV2ScalingConfiguration` for Aurora Serverless v2, whose clusters use the "
	"provisioned engine mode. The usual mistake is a cluster moved to Serverless v2 that "
	"keeps its v1 `ScalingConfiguration`: RDS does not take it for a provisioned cluster. "
	"Aurora Serverless v1 itself reached its end of life on March 31, 2025.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-postgresql\n"
	"      ScalingConfiguration:\n"
	"        MinCapacity: 2\n"
	"        MaxCapacity: 8\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Engine: aurora-postgresql\n"
	"      ServerlessV2ScalingConfiguration:\n"
	"        MinCapacity: 0.5\n"
	"        MaxCapacity: 8\n"
	"```\n",
	.check = check,
};
